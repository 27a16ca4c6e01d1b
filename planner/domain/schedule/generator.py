"""Plan generation: pure, deterministic, every rule of DESIGN "Plan generation"."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from planner.domain.models import (
    TIMED_KINDS,
    Adjustment,
    Day,
    Pack,
    Plan,
    PlanSettings,
    Task,
    Template,
)
from planner.domain.schedule.baselines import first_timed, late_baselines
from planner.domain.schedule.calendar import (
    MIN_SESSION_MINUTES,
    Board,
    baseline_limit,
    board_for,
    plan_days,
)
from planner.domain.schedule.chance import (
    early_baseline,
    fill_empty_days,
    second_chance,
    timed_second_chance,
)
from planner.domain.schedule.fit import TIMED, fit, must_ranks, shorten_minutes
from planner.domain.schedule.links import link_questions
from planner.domain.schedule.notes import Context, count_note, timed_notes
from planner.domain.schedule.placement import Spec, place, propagate, skeleton_rank
from planner.domain.schedule.room import room_for_timed, unsaid_drafts
from planner.domain.schedule.specs import (
    build_tasks,
    checkpoints_follow,
    kind_rank,
    screen_first,
    timed_specs,
    unit_spec,
    unit_targets,
)
from planner.domain.schedule.squeeze import must_score, pick_baseline, place_must_first
from planner.domain.schedule.timed import (
    SHORT_RUNWAY_DAYS,
    TimedSession,
    solo_item,
    targets,
    timed_rounds,
    wanted_sessions,
)
from planner.domain.schedule.units import Unit, build_units, topological

__all__ = ["generate", "kind_rank"]


def generate(pack: Pack, template: Template, settings: PlanSettings) -> Plan:
    """Build the plan for these settings; the same inputs always give the same plan.

    When a veto round's baseline falls past the first 40% (rule 4), the plan is built again
    with every veto round's baseline aiming there, and that plan is taken when it has fewer
    late veto baselines and is no worse on the other rules (`_no_worse`).
    """
    plan = _generate(pack, template, settings, veto_early=False)
    late = late_baselines(plan, pack, template)
    if not late:
        return plan
    early = _generate(pack, template, settings, veto_early=True)
    if len(late_baselines(early, pack, template)) < len(late) and _no_worse(
        early, plan, pack, template
    ):
        return early
    return plan


def _no_worse(new: Plan, old: Plan, pack: Pack, template: Template) -> bool:
    """Whether `new` keeps what `old` has: every round run under time, each veto round's
    retest, the plan's first baseline on time, the must-have sessions (rule 7), and drops
    no more items."""

    def runs(plan: Plan) -> dict[str, int]:
        out: dict[str, int] = {}
        for t in plan.tasks:
            if t.kind in TIMED_KINDS:
                out[t.rounds[0]] = out.get(t.rounds[0], 0) + 1
        return out

    def musts(plan: Plan) -> int:
        units = build_units(pack, template, plan.settings, list(plan.days))
        placed: dict[str, int] = {}
        for t in plan.tasks:
            placed[t.item] = placed.get(t.item, 0) + 1
        return sum(min(u.must, placed.get(u.item.id, 0)) for u in units)

    def first_late(plan: Plan) -> bool:
        firsts = first_timed(plan)
        if not firsts:
            return False
        first = min(firsts.values(), key=lambda t: t.day)
        return bool(late_baselines(plan, pack, template, {first.rounds[0]}))

    def dropped(plan: Plan) -> int:
        return sum(1 for a in plan.adjustments if a.kind == "dropped")

    new_runs, old_runs = runs(new), runs(old)
    return (
        set(new_runs) >= set(old_runs)
        and all(
            new_runs.get(r, 0) >= min(2, n) for r, n in old_runs.items() if r in pack.veto_rounds
        )
        and (not first_late(new) or first_late(old))
        and musts(new) >= musts(old)
        and dropped(new) <= dropped(old)
    )


def _generate(pack: Pack, template: Template, settings: PlanSettings, veto_early: bool) -> Plan:
    """The plan; when a veto round is left without a timed case, it is built again with the
    veto rounds' must-have cases at the round's own length (no minutes set aside to score
    them): on a short runway that is often what makes the case fit (rule 7)."""
    plan = _build(pack, template, settings, tight=False, veto_early=veto_early)
    missing = _veto_untimed(plan, pack, template)
    if not missing:
        return plan
    tight = _build(pack, template, settings, tight=True, veto_early=veto_early)
    if len(_veto_untimed(tight, pack, template)) >= len(missing):
        return plan
    shortened = sorted(
        {
            t.item
            for t in tight.tasks
            if t.kind in TIMED_KINDS and t.minutes <= _round_minutes(pack, t)
        }
    )
    notes = tuple(
        Adjustment(
            item,
            "shortened",
            "Ran the veto rounds' timed cases at the round's own length (no minutes set aside "
            "to score them: score each right after): at 15 minutes more a case did not fit.",
        )
        for item in shortened
        if not any("at the round's own length" in a.detail for a in tight.adjustments)
    )
    return replace(tight, adjustments=tight.adjustments + notes)


def _round_minutes(pack: Pack, task: Task) -> int:
    return pack.round(task.rounds[0]).minutes if task.rounds else 0


def _veto_untimed(plan: Plan, pack: Pack, template: Template) -> list[str]:
    """The veto rounds ahead that need timed practice but have no timed session."""
    timed = {r for t in plan.tasks if t.kind in TIMED_KINDS for r in t.rounds}
    rounds = timed_rounds(pack, template, plan.settings)
    return [r for r in rounds if r in pack.veto_rounds and r not in timed]


def _build(
    pack: Pack, template: Template, settings: PlanSettings, tight: bool, veto_early: bool
) -> Plan:
    """The plan; with `tight`, must-have timed cases at the round's own length; with
    `veto_early`, every veto round's baseline aims within the first 40% (not only the plan's
    first baseline)."""
    days = plan_days(settings, template)
    board = board_for(days, template, settings)
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
    if tight:
        wanted = [replace(s, minutes=pack.round(s.round).minutes) if s.must else s for s in wanted]
    relax = len(days) < SHORT_RUNWAY_DAYS  # rule 3's order may give way under a week
    kept, kept_timed = fit(others, wanted, board.work_budget, board.full_budget, relax)
    review_kept, _ = fit(reviews, [], review_budget)
    kept.update(review_kept)
    for j in kept_timed:  # the final review waits for every timed session
        kept[wanted[j].item.id] = kept.get(wanted[j].item.id, 0) + 1
    by_id = {u.item.id: u for u in [*others, *reviews]}
    order = {u.item.id: i for i, u in enumerate(units)}
    specs: list[Spec] = []
    for unit in [*others, *reviews]:
        count = kept[unit.item.id]
        for index, target in enumerate(unit_targets(unit, count, template, len(days)), start=1):
            specs.append(unit_spec(unit, index, target, kept))
    checkpoints_follow(specs, others)
    screen_first(specs, others, settings, days)
    chosen_timed = [wanted[j] for j in kept_timed]
    timed = timed_specs(chosen_timed, days, board, kept, others)
    specs += timed
    ranks = must_ranks(others, wanted, relax)
    rank = {s.id: ranks[(s.item, s.index)] for s in specs if (s.item, s.index) in ranks}
    for spec, j in zip(timed, kept_timed, strict=True):
        if (TIMED, j) in ranks:
            rank[spec.id] = ranks[(TIMED, j)]
    propagate(specs, board.capacity)
    limit = baseline_limit(len(days))
    # The baseline's last day in the first 40% that can take a timed session (not a screen's).
    open_days = [d for d in range(limit + 1) if board.capacity[d] and d not in board.screen_days]
    soft = open_days[-1] if open_days else limit
    baseline = pick_baseline(timed, specs, board.capacity, soft)
    if baseline is not None:  # it aims within the first 40%, with what it needs
        baseline.target = min(baseline.target, soft)
        baseline.soft_deadline = soft
        rank[baseline.id] = (0, 0, 0.0, 0)  # before any must-have when time is short
        propagate(specs, board.capacity)
    veto_firsts = _veto_baselines(timed, pack.veto_rounds, baseline) if veto_early else []
    for spec in veto_firsts:  # each veto round's baseline aims within the first 40% too
        spec.target = min(spec.target, soft)
        spec.soft_deadline = soft
    if veto_firsts:
        propagate(specs, board.capacity)
    for spec in specs:  # a screen too close for a chain of work before it: no early pull
        if spec.soft_deadline is not None and spec.soft_deadline < 0:
            spec.soft_deadline = None
    skeleton = skeleton_rank(specs, baseline)
    for spec in specs:
        if spec.round and skeleton.get(spec.id) == 0:
            spec.soft_deadline = soft
    # First the skeleton; in it, what a screen ahead needs by its date (earliest date first).
    # At equal dates and targets, timed sessions first: they take one day each, spaced.
    specs.sort(
        key=lambda s: (
            skeleton.get(s.id, 2),
            _due(s) if skeleton.get(s.id) == 0 else 0,
            not s.round if skeleton.get(s.id) == 0 else 0,
            s.target,
            not s.round,
            order.get(s.item, len(order)),
            s.index,
        )
    )
    board, placed_all = _place(specs, days, template, settings, rank)
    placed = [(spec, day) for spec, day in placed_all if day is not None]
    aims = targets(wanted, days, board)
    # Timed sessions cut by the budget, or kept but left without a day (a peer mock whose
    # days are holidays), get a second chance.
    got = {s.id for s, _ in placed}
    missed = {j for spec, j in zip(timed, kept_timed, strict=True) if spec.id not in got}
    cut = [(wanted[j], aims[j]) for j in range(len(wanted)) if j not in set(kept_timed) - missed]
    solo = solo_item(pack, template, settings)
    placed += timed_second_chance(
        cut, [(s, d) for s, d in placed if s.round], board, by_id, pack.veto_rounds, solo
    )
    timed_placed = [(s, d) for s, d in placed if s.round]
    untimed = {c.prep for c, _ in cut if c.prep} - {
        c.prep for c, _ in cut if c.round in {s.round for s, _ in timed_placed}
    }
    placed += second_chance(by_id, kept, board, template, len(days), timed_placed, untimed)
    placed += timed_second_chance(
        cut, [(s, d) for s, d in placed if s.round], board, by_id, pack.veto_rounds, solo
    )
    rounds_order = timed_rounds(pack, template, settings)
    lengths = {r.id: r.minutes for r in pack.rounds}
    placed = room_for_timed(
        placed, cut, board, by_id, pack.veto_rounds, solo, limit, rounds_order, lengths
    )
    early_baseline(
        [(s, board.session_day.get(s.key, d)) for s, d in placed if s.round], board, limit
    )
    placed += fill_empty_days(by_id, board, len(days), [(s, d) for s, d in placed if s.round])
    unsaid_drafts(board, by_id, len(days))
    # A second chance may have moved a session to an earlier day: the board has the last word.
    placed = [(s, board.session_day[s.key]) for s, _ in placed if s.key in board.session_day]
    tasks = build_tasks(placed, days, by_id, pack)
    counts: dict[str, int] = {}
    for task in tasks:
        counts[task.item] = counts.get(task.item, 0) + 1
    ctx = Context(
        board,
        days,
        {i.id: i.title for i in pack.checklist},
        sum(_minutes(key, by_id, wanted) for key in ranks),
    )
    timed_placed = [(s, d) for s, d in placed if s.round]
    for unit in sorted(by_id.values(), key=lambda u: order[u.item.id]):
        placed_n = counts.get(unit.item.id, 0)
        adjustments += count_note(unit, placed_n, by_id, timed_placed, ctx)
    adjustments += timed_notes(pack, template, settings, wanted, tasks, ctx)
    # An item dropped whole is named once: not also as shortened to fit a day.
    gone = {a.item for a in adjustments if a.kind == "dropped"}
    adjustments = [a for a in adjustments if not (a.kind == "shortened" and a.item in gone)]
    tasks.sort(key=lambda t: (t.day, kind_rank(t.kind), t.id))
    return Plan(
        settings=settings,
        days=tuple(days),
        tasks=link_questions(tasks, pack, settings.seniority),
        adjustments=tuple(adjustments),
    )


def _place(
    specs: Sequence[Spec],
    days: Sequence[Day],
    template: Template,
    settings: PlanSettings,
    rank: Mapping[str, tuple[float, ...]],
) -> tuple[Board, list[tuple[Spec, int | None]]]:
    """Place the specs over their windows; when that leaves a must-have without a day, place
    the must-haves first instead, if that gets more of them in (rule 7)."""
    board = board_for(days, template, settings)
    placed = place(specs, board, 0)
    if all(day is not None for s, day in placed if s.id in rank):
        return board, placed
    best = (must_score(placed, rank), board, placed)
    for longest_first in (False, True):
        squeezed = board_for(days, template, settings)
        first, rest = place_must_first(specs, squeezed, rank, longest_first)
        given_up = [s.key for s, day in first if day is None]
        again = first + place(rest, squeezed, 0, given_up)
        if must_score(again, rank) > best[0]:
            best = (must_score(again, rank), squeezed, again)
    return best[1], best[2]


def _veto_baselines(
    timed: Sequence[Spec], veto: Sequence[str], baseline: Spec | None
) -> list[Spec]:
    """Each onsite veto round's first timed session, but the plan's baseline (rule 4)."""
    out: dict[str, Spec] = {}
    for spec in sorted(timed, key=lambda s: s.target):
        if spec.round in veto and spec.deadline is None:
            out.setdefault(spec.round, spec)
    return [s for s in out.values() if s is not baseline]


def _minutes(
    key: tuple[str, int], units: Mapping[str, Unit], wanted: Sequence[TimedSession]
) -> int:
    """The minutes of one session named as fit names it."""
    if key[0] == TIMED:
        return wanted[key[1]].minutes
    return units[key[0]].minutes


def _due(spec: Spec) -> int:
    """The last day a session should take (hard or soft), for the skeleton's order."""
    dues = [d for d in (spec.deadline, spec.soft_deadline) if d is not None]
    return min(dues, default=10**6)
