"""Sessions as placement specs (targets, needs, pairs) and placed sessions as tasks."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from planner.domain.models import Day, Pack, PlanSettings, Task, Template
from planner.domain.schedule.calendar import Board
from planner.domain.schedule.placement import ALL, Spec
from planner.domain.schedule.timed import TimedSession, targets
from planner.domain.schedule.units import Unit, gate_needs, material_for

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
    if unit.deadline is not None and unit.deadline < hi:
        # Work for a screen ahead: its kind's window, scaled to the days before the screen.
        before = max(1, unit.deadline + 1)
        lo = min(unit.deadline, math.floor(start * before))
        hi = max(lo, min(unit.deadline, math.ceil(end * before) - 1))
        lo, hi = max(0, lo), max(0, hi)
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
    needs += gate_needs(unit, index, {i for i, n in kept.items() if n})
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


def checkpoints_follow(specs: Sequence[Spec], units: Sequence[Unit]) -> None:
    """A checkpoint (`after = N`: the story map) aims at the day after the N-th session it
    follows, so the sessions it shapes are not held back."""
    by_key = {s.key: s for s in specs}
    for unit in units:
        for x, n in unit.gated_by:
            follows, checkpoint = by_key.get((unit.item.id, n)), by_key.get((x, 1))
            if follows is not None and checkpoint is not None:
                checkpoint.target = follows.target + 1


def screen_first(
    specs: Sequence[Spec], units: Sequence[Unit], settings: PlanSettings, days: Sequence[Day]
) -> None:
    """Work that also serves a screen ahead gets its first session before that screen: the
    business model, the research, two stories drafted and rehearsed (what those need first is
    pulled ahead with them). Work that pulls several stories together (the story map, the
    pitfall review) waits for the stories; nice-to-haves (priority under 4) wait too."""
    if not days:
        return
    stories = {u.item.id for u in units if u.item.per == "story"}
    by_key = {s.key: s for s in specs}
    for unit in units:
        dates = [day for r, day in settings.screens if r in unit.rounds]
        if not dates or unit.deadline is not None or stories & set(unit.item.depends_on):
            continue
        if unit.base_priority < 4 and unit.item.kind != "research":
            continue
        before = (min(dates) - days[0].date).days - 1
        # Two stories before a screen (a hiring manager asks for more than one).
        for index in (1, 2) if unit.item.per == "story" else (1,):
            spec = by_key.get((unit.item.id, index))
            if spec is not None and 0 <= before < len(days):
                spec.target = min(spec.target, before)
                spec.soft_deadline = before


def timed_needs(
    session: TimedSession, units: Sequence[Unit], kept: Mapping[str, int], first: bool = False
) -> tuple[tuple[str, int], ...]:
    """What a timed session comes after: the first session of its round's practice, and every
    session of the new material for its round (not for a must-have session nor the `first`
    of the plan: a baseline shows where the candidate stands, early)."""
    needs: tuple[tuple[str, int], ...] = ()
    if session.prep and kept.get(session.prep, 0):
        needs = ((session.prep, 1),)
    if not (session.must or first):
        needs += tuple((m, ALL) for m in material_for(session.round, units) if kept.get(m, 0))
    return needs


def timed_specs(
    sessions: Sequence[TimedSession],
    days: Sequence[Day],
    board: Board,
    kept: Mapping[str, int],
    units: Sequence[Unit] = (),
) -> list[Spec]:
    """The kept timed sessions as specs: one round each, a retest after its baseline."""
    out: list[Spec] = []
    counters: dict[str, int] = {}
    last_of_round: dict[str, tuple[str, int]] = {}
    baseline = next((s for s in sessions if s.deadline is None), None)
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
                needs=timed_needs(session, units, kept, session is baseline),
                strict=(prep,) if prep else (),
                after=(previous,) if previous else (),
                deadline=session.deadline,
                round=session.round,
                cascade=False,
                ordered=False,
                must=session.must,
            )
        )
        last_of_round[session.round] = (item, index)
    return out


def build_tasks(
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
            tasks.append(timed_task(spec, numbers[spec.item], seen[spec.round], day, days, pack))
            continue
        unit = units[spec.item]
        total = totals[spec.item]
        # Sessions are numbered by day (a second chance may slip one in between).
        numbers[spec.item] = number = numbers.get(spec.item, 0) + 1
        title = unit.item.title if total == 1 else f"{unit.item.title} ({number}/{total})"
        tasks.append(
            Task(
                id=f"{spec.item}-{number}",
                item=spec.item,
                title=title,
                kind=unit.item.kind,
                rounds=unit.rounds,
                minutes=spec.minutes,
                day=days[day].date,
            )
        )
    return tasks


def timed_task(
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
            if scoring
            else f"{round_.minutes} minutes under time (the round's own length); score it on the "
            f"{round_.name} rubric right after and log it with "
            f"`planner mock add --round {spec.round}`."
        ),
    )
