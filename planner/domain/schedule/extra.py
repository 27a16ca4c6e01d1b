"""Extra work in a replan (drills after a weak session): before its round's next timed
session when there is room, else after it."""

from __future__ import annotations

import datetime as dt

from planner.domain.models import TIMED_KINDS, Plan
from planner.domain.schedule.calendar import Board
from planner.domain.schedule.placement import Spec, choose


def next_timed(plan: Plan, index_of: dict[dt.date, int], floor: int) -> dict[str, int]:
    """Per round, the day index of its next timed session not done yet, from `floor` on."""
    out: dict[str, int] = {}
    for task in plan.tasks:
        day = index_of.get(task.day, -1)
        if task.kind in TIMED_KINDS and not task.done and day >= floor:
            for r in task.rounds:
                out[r] = min(out.get(r, day), day)
    return out


def place_extra_late(
    placed: list[tuple[Spec, int | None]], board: Board, floor: int, extra_ids: set[str]
) -> list[tuple[Spec, int | None]]:
    """Extra work with no room before its round's next timed session still goes after it."""
    out: list[tuple[Spec, int | None]] = []
    for spec, day in placed:
        if day is None and spec.id in extra_ids and spec.deadline is not None:
            spec.deadline = None
            day = choose(spec, board, floor, use_slack=True)
            if day is not None:
                board.put(spec.item, spec.kind, spec.index, day, spec.minutes, True, spec.round)
        out.append((spec, day))
    return out
