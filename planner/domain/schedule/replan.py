"""Replanning: unfinished past work moves forward into free capacity, the plan rules hold."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from planner.domain.models import TIMED_KINDS, Adjustment, Pack, Plan, Task, Template
from planner.domain.schedule.calendar import board_for
from planner.domain.schedule.extra import next_timed as timed_ahead
from planner.domain.schedule.extra import place_extra_late
from planner.domain.schedule.links import link_questions
from planner.domain.schedule.placement import ALL, Spec, closure, place, propagate
from planner.domain.schedule.specs import kind_rank, need_count
from planner.domain.schedule.timed import SHORT_RUNWAY_DAYS
from planner.domain.schedule.units import (
    build_units,
    gate_needs,
    material_for,
    prep_item,
    screen_deadline,
    topological,
)


@dataclass(frozen=True)
class ReplanResult:
    """A replanned plan with what moved and what no longer fits."""

    plan: Plan
    moved: tuple[tuple[str, dt.date, dt.date], ...]
    dropped: tuple[Task, ...]
    linked: tuple[str, ...] = ()
    """Sessions that named no question yet (a plan made before links) and now name one."""
    left_out: tuple[str, ...] = ()
    """Dropped tasks (overdue reading, later practice) left out so that timed sessions keep
    their days; the others in `dropped` found no day."""


def session_index(task: Task) -> int:
    """The session number of a task (`draft-stories-3` is session 3; 0 when it has none)."""
    tail = task.id.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else 0


SPARE_KINDS = ("study", "research", "review")
"""Overdue work that replanning may leave out to keep a timed session: reading and review,
never story work or drills."""
LEFT_OUT_WHY = "left out so that the timed sessions keep their days"
"""How a replan names work it left out for a timed session."""
REPEAT_KINDS = ("study", "research", "review", "practice")
"""Work whose second and later sessions replanning may leave out to keep a timed session
(the first session of a practice item stays: a timed session needs practice before it)."""


def replan(
    plan: Plan,
    pack: Pack,
    template: Template,
    today: dt.date,
    extra: Sequence[Task] = (),
    move_overdue: bool = True,
) -> ReplanResult:
    """Move unfinished past tasks (and any `extra` tasks) into free capacity from today on.

    Done tasks stay where they are; future tasks stay on their day when the rules allow; the
    rules of generation (capacity, rest and away days, dependencies, timed-session spacing and
    holidays, screen deadlines, the light last day) hold. Extra work (drills after a weak
    session) takes the next days' free time, a week's slack included, before the next timed
    session of its round when there is room for it there.

    Missed reading never costs a timed session: when moving overdue work forward would push
    a timed session out of the plan (it must come after its material, rule 3), overdue
    study, research and review sessions are left out instead, the lowest priority first and
    must-haves last, each only when it saves a timed session (a new user missed two days
    of reading and lost the only timed sessions of three rounds and the screen's baseline).
    When a veto round's timed session or a round's only one is still lost (overdue story
    drafts and the why-Coursera statement crowding the days), the future is rebuilt with the
    timed sessions and what they need first, then the must-haves, then the rest; the work
    that then gives way is in `left_out`.
    """
    result = _replan_spare(plan, pack, template, today, extra, move_overdue, False)
    if not _kept_timed_lost(result.dropped, plan, pack):
        return result
    # Overdue story work and the like can still crowd a timed session out: rebuild the future
    # with the timed sessions and what they need first, then the must-haves, then the rest.
    first = _replan_spare(plan, pack, template, today, extra, move_overdue, True)
    if _priority_losses(first, plan, pack) >= _priority_losses(result, plan, pack):
        return result
    crowded = {t.id for t in result.plan.tasks}
    named = tuple(t.id for t in first.dropped if t.kind not in TIMED_KINDS and t.id in crowded)
    if not named:
        return first
    # The sessions the usual order kept and this one leaves out: said as left out for the
    # timed sessions, not as no longer fitting.
    notes = first.plan.adjustments
    own = notes[len(notes) - len(first.dropped) :]
    adjustments = (
        *notes[: len(notes) - len(first.dropped)],
        *(
            replace(note, detail=f"'{task.title}' {LEFT_OUT_WHY}.") if task.id in named else note
            for note, task in zip(own, first.dropped, strict=True)
        ),
    )
    return replace(
        first,
        plan=replace(first.plan, adjustments=adjustments),
        left_out=tuple(dict.fromkeys((*first.left_out, *named))),
    )


def _replan_spare(
    plan: Plan,
    pack: Pack,
    template: Template,
    today: dt.date,
    extra: Sequence[Task],
    move_overdue: bool,
    timed_first: bool,
) -> ReplanResult:
    """A replan that leaves out overdue reading when that saves a timed session."""
    result, spare, musts = _replan_once(
        plan, pack, template, today, extra, move_overdue, frozenset(), timed_first
    )
    if not move_overdue or not _losses(result, musts)[1]:
        return result
    # Leave out every spare session; if that saves timed sessions and costs no must-have,
    # bring back each one, the most important first, that can come back at no such loss.
    skipped = frozenset(spare)
    best, _, _ = _replan_once(
        plan, pack, template, today, extra, move_overdue, skipped, timed_first
    )
    if _losses(best, musts)[:2] >= _losses(result, musts)[:2]:
        return result
    for task_id in reversed(spare):
        fewer = skipped - {task_id}
        trial, _, _ = _replan_once(
            plan, pack, template, today, extra, move_overdue, fewer, timed_first
        )
        if _losses(trial, musts) <= _losses(best, musts):
            best, skipped = trial, fewer
    return best


def _losses(result: ReplanResult, musts: frozenset[str]) -> tuple[int, int, int]:
    """What a replan loses, worst first: must-have sessions (rule 7), timed sessions (what
    makes a round ready), then any session."""
    return (
        sum(1 for t in result.dropped if t.id in musts),
        sum(1 for t in result.dropped if t.kind in TIMED_KINDS),
        len(result.dropped),
    )


def _kept_timed_lost(dropped: Sequence[Task], plan: Plan, pack: Pack) -> int:
    """The dropped timed sessions a replan must not lose to other work: a veto round's, or
    the only timed session of its round."""
    per_round: dict[str, int] = {}
    for task in plan.tasks:
        if task.kind in TIMED_KINDS:
            for r in task.rounds:
                per_round[r] = per_round.get(r, 0) + 1
    return sum(
        1
        for t in dropped
        if t.kind in TIMED_KINDS
        and any(r in pack.veto_rounds or per_round.get(r, 0) == 1 for r in t.rounds)
    )


def _priority_losses(result: ReplanResult, plan: Plan, pack: Pack) -> tuple[int, int, int]:
    """What a replan loses, worst first: the timed sessions it must keep, any timed session,
    then any session."""
    return (
        _kept_timed_lost(result.dropped, plan, pack),
        sum(1 for t in result.dropped if t.kind in TIMED_KINDS),
        len(result.dropped),
    )


def _replan_once(
    plan: Plan,
    pack: Pack,
    template: Template,
    today: dt.date,
    extra: Sequence[Task],
    move_overdue: bool,
    skipped: frozenset[str],
    timed_first: bool = False,
) -> tuple[ReplanResult, list[str], frozenset[str]]:
    """One replan with the `skipped` tasks left out; with it, the sessions that may be left
    out in the order to try (non-must-haves first, then the lowest priority, the latest
    session of an item first), and the must-have sessions still to place.

    Spare: an overdue study, research or review session that is its item's first still to
    do, and the last session still to do of such an item or of a practice item, when it is
    not the first (the first practice session stays: a timed session needs practice before
    it). Only first or last sessions, so that the sessions that stay keep their order."""
    settings = plan.settings
    days = list(plan.days)
    board = board_for(days, template, settings)
    index_of = {d.date: i for i, d in enumerate(days)}
    floor = next((i for i, d in enumerate(days) if d.date >= today), len(days))
    units = topological(build_units(pack, template, settings, days)) if days else []
    item_rank = {u.item.id: i for i, u in enumerate(units)}
    unit_of = {u.item.id: u for u in units}
    known_items = {i.id: i for i in pack.checklist}
    kept: list[Task] = []
    pending: list[Task] = []
    left_out: list[Task] = []
    for task in plan.tasks:
        if task.done or (not move_overdue and task.day < today):
            kept.append(task)
        elif task.id in skipped:
            left_out.append(task)
        else:
            pending.append(task)
    lowest: dict[str, int] = {}
    highest: dict[str, int] = {}
    for t in pending:
        lowest[t.item] = min(lowest.get(t.item, session_index(t)), session_index(t))
        highest[t.item] = max(highest.get(t.item, 0), session_index(t))
    musts = frozenset(
        t.id for t in pending if t.item in unit_of and session_index(t) <= unit_of[t.item].must
    )
    spare = sorted(
        (
            t
            for t in pending
            if t not in extra
            and (
                (t.day < today and t.kind in SPARE_KINDS and session_index(t) == lowest[t.item])
                or (
                    t.kind in REPEAT_KINDS
                    and session_index(t) > 1
                    and session_index(t) == highest[t.item]
                )
            )
        ),
        key=lambda t: (
            t.item in unit_of and session_index(t) <= unit_of[t.item].must,
            unit_of[t.item].priority if t.item in unit_of else 0.0,
            -session_index(t),
            t.id,
        ),
    )
    pending.extend(extra)
    for task in kept:
        day = index_of.get(task.day, -1)
        timed = task.kind in TIMED_KINDS and len(task.rounds) == 1 and day >= 0
        board.put(
            task.item,
            task.kind,
            session_index(task),
            day,
            task.minutes if day >= 0 else 0,
            round_id=task.rounds[0] if timed else "",
        )
    in_plan = {t.item for t in [*plan.tasks, *extra]}
    task_ids = {t.id for t in [*plan.tasks, *extra]}
    first = days[0].date if days else settings.start
    last_of_round: dict[str, tuple[str, int]] = {}
    previous: dict[str, tuple[str, int] | None] = {}
    first_timed = min(
        ((t.day, t.id) for t in plan.tasks if t.kind in TIMED_KINDS), default=(None, "")
    )[1]
    for task in sorted(plan.tasks, key=lambda t: (t.day, t.id)):
        if task.kind in TIMED_KINDS and len(task.rounds) == 1:
            previous[task.id] = last_of_round.get(task.rounds[0])
            last_of_round[task.rounds[0]] = (task.item, session_index(task))
    pending.sort(key=lambda t: (item_rank.get(t.item, len(item_rank)), session_index(t), t.day))
    specs: list[Spec] = []
    extra_ids = {t.id for t in extra}
    next_timed = timed_ahead(plan, index_of, floor)
    for task in pending:
        day = index_of.get(task.day, floor)
        overdue = day < floor
        index = session_index(task)
        item = known_items.get(task.item)
        needs: tuple[tuple[str, int], ...] = ()
        pair = None
        strict: tuple[str, ...] = ()
        after: tuple[tuple[str, int], ...] = ()
        if item is not None:
            needs = tuple(
                (dep, need_count(item.after))
                for dep in item.depends_on
                if dep in in_plan and dep != item.id
            )
            if item.pairs_with and f"{item.pairs_with}-{index}" in task_ids:
                pair = (item.pairs_with, index, item.pair_gap_days)
        if task.item in unit_of:
            needs += gate_needs(unit_of[task.item], index, in_plan)
        if task.kind in TIMED_KINDS and len(task.rounds) == 1:
            prep = prep_item(task.rounds[0], units) if len(days) >= SHORT_RUNWAY_DAYS else None
            if prep and prep in in_plan:
                needs += ((prep, 1),)
                strict = (prep,)
            earlier = previous.get(task.id)
            after = (earlier,) if earlier else ()
            first_veto = earlier is None and task.rounds[0] in pack.veto_rounds
            if not first_veto and task.id != first_timed:
                material = material_for(task.rounds[0], units)
                needs += tuple((m, ALL) for m in material if m in in_plan)
        deadline = screen_deadline(task.rounds, settings, first, len(days))
        is_extra = task.id in extra_ids
        if is_extra and task.kind not in TIMED_KINDS:
            # A drill serves the next timed session of its round: it comes before it.
            before = min((next_timed[r] for r in task.rounds if r in next_timed), default=None)
            if before is not None and before > floor:
                deadline = before - 1 if deadline is None else min(deadline, before - 1)
        specs.append(
            Spec(
                id=task.id,
                item=task.item,
                kind=task.kind,
                index=index,
                target=floor if overdue else day,
                minutes=task.minutes,
                needs=needs,
                pair=pair,
                after=after,
                deadline=deadline,
                strict=strict,
                moved=overdue or is_extra,
                keep=not overdue and not is_extra,
                round=task.rounds[0] if task.kind in TIMED_KINDS and task.rounds else "",
                # Sessions a checkpoint shapes (drafts after the story map) stay numbered in
                # order: one that finds no day takes the later ones with it.
                cascade=task.item in unit_of and bool(unit_of[task.item].gated_by),
                urgent=is_extra,
            )
        )
    propagate(specs, board.capacity)
    for spec in specs:
        # Extra work starts the next day (the weak session was today); today only as a last
        # resort, when its round's next timed session is tomorrow.
        tomorrow = floor + 1
        if (
            spec.id in extra_ids
            and tomorrow < len(days)
            and (spec.deadline is None or tomorrow <= spec.deadline)
        ):
            spec.target = max(spec.target, tomorrow)
    # Work that is still on time keeps its day; moved work fills the free capacity around it.
    # Timed sessions on time go first: moved work never takes the room a baseline had.
    # With `timed_first`, the timed sessions and what they need come before the must-haves
    # and what they need, and those before the rest (overdue drafts never crowd a mock out).
    tier: dict[str, int] = {}
    if timed_first:
        tier = dict.fromkeys(closure(specs, [s for s in specs if s.id in musts]), 1)
        tier.update(dict.fromkeys(closure(specs, [s for s in specs if s.round]), 0))
    specs.sort(
        key=lambda s: (
            tier.get(s.id, 2),
            s.moved,
            not s.round,
            s.target,
            item_rank.get(s.item, 0),
            s.index,
        )
    )
    by_id = {t.id: t for t in pending}
    new_tasks = list(kept)
    moved: list[tuple[str, dt.date, dt.date]] = []
    dropped: list[Task] = list(left_out)
    for spec, placed_day in place_extra_late(place(specs, board, floor), board, floor, extra_ids):
        task = by_id[spec.id]
        if placed_day is None:
            dropped.append(task)
            continue
        new_day = days[placed_day].date
        if new_day != task.day and task.id not in extra_ids:
            moved.append((task.id, task.day, new_day))
        new_tasks.append(replace(task, day=new_day))
    new_tasks.sort(key=lambda t: (t.day, kind_rank(t.kind), t.id))
    # A plan made before sessions named questions gets them for the work still open; a
    # session that names one keeps it.
    asked = {t.id: t.question for t in new_tasks}
    new_tasks = list(link_questions(new_tasks, pack, settings.seniority))
    linked = tuple(t.id for t in new_tasks if t.question != asked[t.id])
    adjustments = list(plan.adjustments)
    for task in dropped:
        why = LEFT_OUT_WHY if task in left_out else "no longer fits before the onsite"
        adjustments.append(Adjustment(task.item, "unplaced", f"'{task.title}' {why}."))
    result = ReplanResult(
        plan=replace(plan, tasks=tuple(new_tasks), adjustments=tuple(adjustments)),
        moved=tuple(moved),
        dropped=tuple(dropped),
        linked=linked,
        left_out=tuple(t.id for t in left_out),
    )
    return result, [t.id for t in spare], musts
