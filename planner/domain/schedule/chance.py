"""Second chances: sessions cut by the time budget get a day when the plan still has room."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from planner.domain.models import Template
from planner.domain.schedule.calendar import Board
from planner.domain.schedule.placement import Spec, choose
from planner.domain.schedule.specs import need_count, unit_spec, unit_targets
from planner.domain.schedule.timed import TimedSession
from planner.domain.schedule.units import Unit


def second_chance(
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


def timed_second_chance(
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
    if index == 1:  # a checkpoint comes before the later sessions it shapes
        starts += [
            board.session_day[(other.item.id, n + 1)]
            for other in units.values()
            for x, n in other.gated_by
            if x == unit.item.id and (other.item.id, n + 1) in board.session_day
        ]
    return min(starts, default=None)
