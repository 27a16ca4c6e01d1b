"""Plan generation: pure, deterministic, every rule of DESIGN "Plan generation"."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace

from planner.domain.models import Adjustment, Day, Pack, Plan, PlanSettings, Task, Template
from planner.domain.schedule.calendar import (
    MIN_SESSION_MINUTES,
    Board,
    baseline_limit,
    build_board,
    plan_days,
)
from planner.domain.schedule.fit import fit, shorten_minutes
from planner.domain.schedule.placement import ALL, Spec, choose, place, propagate, skeleton_rank
from planner.domain.schedule.timed import (
    TIMED_SCORING_MINUTES,
    TimedSession,
    peer_budget,
    targets,
    timed_rounds,
    wanted_sessions,
)
from planner.domain.schedule.units import Unit, build_units, topological

KIND_ORDER = ("review", "study", "research", "story", "practice", "drill", "timed", "mock")


def kind_rank(kind: str) -> int:
    """Order of kinds within a day."""
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


def need_count(after: str) -> int:
    """How many sessions of each dependency come first: ALL, 1 (`first`) or N."""
    if after == "first":
        return 1
    return int(after) if after.isdigit() else ALL


def unit_targets(unit: Unit, count: int, template: Template, length: int) -> list[int]:
    """Where each session would ideally go: spread over its kind's window."""
    start, end = template.kind_window.get(unit.item.kind, (0.0, 1.0))
    if count > unit.sessions:  # repeats on a long runway: spread over the whole practice span
        end = max(end, 0.9)
    lo = min(length - 1, math.floor(start * length))
    hi = max(lo, min(length - 1, math.ceil(end * length) - 1))
    if unit.deadline is not None:
        hi = max(0, min(hi, unit.deadline))
        lo = min(lo, hi)
    if unit.item.kind == "review" and count == 1:
        return [hi]
    span = hi - lo + 1
    return [lo + (i * span) // count for i in range(count)]


def unit_spec(unit: Unit, index: int, target: int, kept: Mapping[str, int]) -> Spec:
    """Session `index` of a checklist item as a placement spec."""
    item = unit.item
    needs = tuple(
        (dep, need_count(item.after))
        for dep in item.depends_on
        if kept.get(dep, 0) and dep != item.id
    )
    pair = None
    if item.pairs_with and index <= kept.get(item.pairs_with, 0):
        pair = (item.pairs_with, index, item.pair_gap_days)
    elif item.pairs_with and kept.get(item.pairs_with, 0):
        needs += ((item.pairs_with, ALL),)
    return Spec(
        id=f"{item.id}-{index}",
        item=item.id,
        kind=item.kind,
        index=index,
        target=target,
        minutes=unit.minutes,
        needs=needs,
        pair=pair,
        deadline=unit.deadline,
        must=index <= unit.must,
    )


def timed_specs(
    sessions: Sequence[TimedSession], days: Sequence[Day], board: Board, kept: Mapping[str, int]
) -> list[Spec]:
    """The kept timed sessions as specs: one round each, a retest after its baseline."""
    out: list[Spec] = []
    counters: dict[str, int] = {}
    last_of_round: dict[str, tuple[str, int]] = {}
    for session, target in zip(sessions, targets(sessions, days, board), strict=True):
        item = session.item.id
        counters[item] = counters.get(item, 0) + 1
        index = counters[item]
        prep = session.prep if session.prep and kept.get(session.prep, 0) else None
        previous = last_of_round.get(session.round)
        out.append(
            Spec(
                id=f"{item}-{index}",
                item=item,
                kind=session.kind,
                index=index,
                target=target,
                minutes=session.minutes,
                needs=((prep, 1),) if prep else (),
                strict=(prep,) if prep else (),
                after=(previous,) if previous else (),
                deadline=session.deadline,
                round=session.round,
                cascade=False,
                ordered=False,
            )
        )
        last_of_round[session.round] = (item, index)
    return out


def generate(pack: Pack, template: Template, settings: PlanSettings) -> Plan:
    """Build the plan for these settings; the same inputs always give the same plan."""
    days = plan_days(settings, template)
    board = build_board(days, template.slack, settings.holidays)
    last = board.last_index
    units = topological(build_units(pack, template, settings, days))
    longest = max(board.capacity[:last], default=0)
    review_budget = board.capacity[last]
    review_session = review_budget if review_budget >= MIN_SESSION_MINUTES else longest
    others, notes = shorten_minutes([u for u in units if u.item.kind != "review"], longest)
    reviews, review_notes = shorten_minutes(
        [u for u in units if u.item.kind == "review"], review_session
    )
    adjustments = notes + review_notes
    wanted = [
        s if s.minutes <= longest else replace(s, minutes=longest)
        for s in wanted_sessions(pack, template, settings, days, board, others)
        if pack.round(s.round).minutes <= longest
    ]
    kept, kept_timed = fit(others, wanted, board.work_budget)
    review_kept, _ = fit(reviews, [], review_budget)
    kept.update(review_kept)
    for j in kept_timed:  # the final review waits for every timed session
        kept[wanted[j].item.id] = kept.get(wanted[j].item.id, 0) + 1
    by_id = {u.item.id: u for u in [*others, *reviews]}
    rank = {u.item.id: i for i, u in enumerate(units)}
    specs: list[Spec] = []
    for unit in [*others, *reviews]:
        count = kept[unit.item.id]
        for index, target in enumerate(unit_targets(unit, count, template, len(days)), start=1):
            specs.append(unit_spec(unit, index, target, kept))
    chosen_timed = [wanted[j] for j in kept_timed]
    specs += timed_specs(chosen_timed, days, board, kept)
    propagate(specs, board.capacity)
    skeleton = skeleton_rank(specs)
    for spec in specs:
        if spec.round and skeleton.get(spec.id) == 0:
            spec.soft_deadline = baseline_limit(len(days))
    specs.sort(
        key=lambda s: (skeleton.get(s.id, 2), s.target, rank.get(s.item, len(rank)), s.index)
    )
    placed = [(spec, day) for spec, day in place(specs, board, 0) if day is not None]
    cut = [wanted[j] for j in range(len(wanted)) if j not in set(kept_timed)]
    placed += _timed_second_chance(cut, [s for s, _ in placed if s.round], board, by_id)
    placed += _second_chance(by_id, kept, board, template, len(days))
    tasks = _tasks(placed, days, by_id, pack)
    counts: dict[str, int] = {}
    for task in tasks:
        counts[task.item] = counts.get(task.item, 0) + 1
    for unit in sorted(by_id.values(), key=lambda u: rank[u.item.id]):
        adjustments += _count_note(unit, counts.get(unit.item.id, 0), template, settings, days)
    adjustments += _timed_notes(pack, template, settings, wanted, counts)
    tasks.sort(key=lambda t: (t.day, kind_rank(t.kind), t.id))
    return Plan(
        settings=settings, days=tuple(days), tasks=tuple(tasks), adjustments=tuple(adjustments)
    )


def _second_chance(
    units: Mapping[str, Unit],
    kept: Mapping[str, int],
    board: Board,
    template: Template,
    length: int,
) -> list[tuple[Spec, int]]:
    """Give sessions cut by the budget a place when the plan still has room, best first.

    Must-have sessions may use a week's slack.
    """
    placed: list[tuple[Spec, int]] = []
    full = dict(kept)
    for unit in sorted(units.values(), key=lambda u: (-(u.must > 0), -u.priority)):
        have = len(board.item_days.get(unit.item.id, []))
        limit = unit.total
        if unit.item.pairs_with:
            partner = len(board.item_days.get(unit.item.pairs_with, []))
            limit = min(limit, partner if partner < unit.sessions else limit)
        all_targets = unit_targets(unit, limit, template, length) if limit else []
        for index in range(have + 1, limit + 1):
            full[unit.item.id] = max(full.get(unit.item.id, 0), index)
            spec = unit_spec(unit, index, all_targets[index - 1], full)
            before = _dependents_start(unit, index, units, board)
            day = choose(spec, board, 0, use_slack=index <= unit.must, before=before)
            if day is None:
                break
            board.put(spec.item, spec.kind, index, day, spec.minutes)
            placed.append((spec, day))
    return placed


def _timed_second_chance(
    cut: Sequence[TimedSession],
    placed: Sequence[Spec],
    board: Board,
    units: Mapping[str, Unit],
) -> list[tuple[Spec, int]]:
    """Give timed sessions cut by the budget a day when the plan still has room: first the
    baselines of rounds not yet practised under time, most valuable first."""
    practised = {s.round for s in placed}
    counters: dict[str, int] = {}
    for s in placed:
        counters[s.item] = max(counters.get(s.item, 0), s.index)
    out: list[tuple[Spec, int]] = []
    for session in sorted(cut, key=lambda s: (s.round in practised, -s.value)):
        if session.round in practised or (session.prep and not board.item_days.get(session.prep)):
            continue
        item = session.item.id
        index = counters.get(item, 0) + 1
        spec = Spec(
            id=f"{item}-{index}",
            item=item,
            kind=session.kind,
            index=index,
            target=0,
            minutes=session.minutes,
            needs=((session.prep, 1),) if session.prep else (),
            deadline=session.deadline,
            round=session.round,
            cascade=False,
            ordered=False,
        )
        # A round never run under time matters more than a week's slack (rule 8); work that
        # needs every timed session (the final review) stays after it.
        before = min(
            (
                min(board.item_days[u.item.id])
                for u in units.values()
                if item in u.item.depends_on and board.item_days.get(u.item.id)
            ),
            default=None,
        )
        day = choose(spec, board, 0, use_slack=True, before=before)
        if day is None:
            continue
        board.put(item, spec.kind, index, day, spec.minutes)
        counters[item] = index
        practised.add(session.round)
        out.append((spec, day))
    return out


def _dependents_start(
    unit: Unit, index: int, units: Mapping[str, Unit], board: Board
) -> int | None:
    """The first day of placed work that must come after session `index` of `unit`."""
    starts = [
        min(board.item_days[other.item.id])
        for other in units.values()
        if unit.item.id in other.item.depends_on
        and board.item_days.get(other.item.id)
        and index <= need_count(other.item.after)
    ]
    return min(starts, default=None)


def _tasks(
    placed: Sequence[tuple[Spec, int]], days: Sequence[Day], units: Mapping[str, Unit], pack: Pack
) -> list[Task]:
    totals: dict[str, int] = {}
    for spec, _ in placed:
        totals[spec.item] = totals.get(spec.item, 0) + 1
    tasks: list[Task] = []
    numbers: dict[str, int] = {}
    seen: dict[str, int] = {}
    for spec, day in sorted(placed, key=lambda p: (p[1], p[0].item, p[0].index)):
        if spec.round:
            numbers[spec.item] = numbers.get(spec.item, 0) + 1
            seen[spec.round] = seen.get(spec.round, 0) + 1
            tasks.append(_timed_task(spec, numbers[spec.item], seen[spec.round], day, days, pack))
            continue
        unit = units[spec.item]
        total = totals[spec.item]
        title = unit.item.title if total == 1 else f"{unit.item.title} ({spec.index}/{total})"
        tasks.append(
            Task(
                id=spec.id,
                item=spec.item,
                title=title,
                kind=unit.item.kind,
                rounds=unit.rounds,
                minutes=spec.minutes,
                day=days[day].date,
            )
        )
    return tasks


def _timed_task(
    spec: Spec, number: int, occurrence: int, day: int, days: Sequence[Day], pack: Pack
) -> Task:
    round_ = pack.round(spec.round)
    label = "baseline" if occurrence == 1 else "retest" if occurrence == 2 else f"run {occurrence}"
    title = pack.item(spec.item).title
    scoring = max(0, spec.minutes - round_.minutes)
    return Task(
        id=f"{spec.item}-{number}",
        item=spec.item,
        title=f"{title}: {round_.name} ({label})",
        kind=spec.kind,
        rounds=(spec.round,),
        minutes=spec.minutes,
        day=days[day].date,
        reason=(
            f"{min(round_.minutes, spec.minutes)} minutes under time, {scoring} to score it on "
            f"the {round_.name} rubric; log it with `planner mock add --round {spec.round}`."
        ),
    )


def _count_note(
    unit: Unit, placed: int, template: Template, settings: PlanSettings, days: Sequence[Day]
) -> list[Adjustment]:
    """Say plainly when an item lost sessions, and why."""
    if placed >= unit.sessions:
        return []
    if unit.deadline is not None:
        screens = dict(settings.screens)
        when = max(screens[r] for r in unit.rounds)
        names = " and ".join(unit.rounds)
        why = (
            f"it must be done before the {names} screen on {when.isoformat()}, and the days "
            "before it cannot hold it"
        )
    else:
        why = (
            "the days left cannot hold it next to the must-haves and work that matters more "
            f"at the {template.id} level"
        )
    if placed == 0:
        return [Adjustment(unit.item.id, "dropped", f"Dropped '{unit.item.title}': {why}.")]
    return [
        Adjustment(
            unit.item.id,
            "shortened",
            f"Shortened '{unit.item.title}' from {unit.sessions} to {placed} sessions: {why}.",
        )
    ]


def _timed_notes(
    pack: Pack,
    template: Template,
    settings: PlanSettings,
    wanted: Sequence[TimedSession],
    counts: Mapping[str, int],
) -> list[Adjustment]:
    """Name the peer mocks and solo drills that found no day, and why."""
    notes: list[Adjustment] = []
    mock_item, peers = peer_budget(pack, template, settings)
    asked: dict[str, int] = {}
    for s in wanted:
        asked[s.item.id] = asked.get(s.item.id, 0) + 1
    if mock_item is not None and peers and timed_rounds(pack, template, settings):
        asked[mock_item.id] = max(asked.get(mock_item.id, 0), peers)
    for item_id, count in asked.items():
        have = counts.get(item_id, 0)
        if have >= count:
            continue
        item = pack.item(item_id)
        why = (
            "timed sessions take one a day after some practice of their round, never the day "
            f"before the onsite or the light review day, and need the {TIMED_SCORING_MINUTES} "
            "minutes of scoring next to the round's length"
        )
        if item.kind == "mock":
            why = "peer mocks need two days between them and no public holiday; " + why
        if have == 0:
            notes.append(Adjustment(item_id, "dropped", f"Dropped '{item.title}': {why}."))
        else:
            notes.append(
                Adjustment(
                    item_id,
                    "shortened",
                    f"Shortened '{item.title}' from {count} to {have} sessions: {why}.",
                )
            )
    return notes
