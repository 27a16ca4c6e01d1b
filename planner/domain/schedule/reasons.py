"""Why a session found no day, in plain words, from what the finished board holds (rule 7).

The reason is the constraint that actually binds, checked in order: no day with the minutes
free, then the days with room falling outside the session's window (after the work it
follows, before the work that needs it, before its screen), then the day rules (one session
of an item a day, one timed session a day, peer mocks two days apart and off holidays).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from planner.domain.models import TIMED_KINDS, Day
from planner.domain.schedule.calendar import MIN_MOCK_GAP_DAYS, RETEST_GAP_DAYS, Board
from planner.domain.schedule.placement import Spec, after_gap


def _date(days: Sequence[Day], day: int) -> str:
    """The date of a day index (one before or after the plan too)."""
    return (days[0].date + dt.timedelta(days=day)).strftime("%a %d %b")


def working_days(board: Board, kind: str) -> list[int]:
    """The days a session of this kind may take (the review day only for the review)."""
    if kind == "review":
        return [board.last_index]
    return [d for d, c in enumerate(board.capacity) if c > 0 and d != board.last_index]


def _bound_from_before(
    spec: Spec, board: Board, titles: Mapping[str, str], days: Sequence[Day]
) -> tuple[int, str]:
    """The first day the session may take, and what sets it (empty: nothing does)."""
    first, what = 0, ""
    keys = [(dep, min(n, len(board.item_days.get(dep, [])))) for dep, n in spec.needs]
    if spec.pair:
        keys.append((spec.pair[0], spec.pair[1]))
    keys += list(spec.after)
    if spec.ordered and spec.index > 1:
        keys.append((spec.item, spec.index - 1))
    for item, index in keys:
        placed = board.item_days.get(item, [])
        day = board.session_day.get((item, index)) if index else None
        if day is None and placed and index:
            day = placed[min(index, len(placed)) - 1]
        if day is None or day < 0:
            continue
        gap = spec.pair[2] if spec.pair and (item, index) == spec.pair[:2] else 1
        if (item, index) in spec.after:
            gap = after_gap(spec)
        if day + gap > first:
            first = day + gap
            what = f"'{titles.get(item, item)}' ({_date(days, day)})"
    return first, what


def no_day(
    spec: Spec,
    board: Board,
    days: Sequence[Day],
    titles: Mapping[str, str],
    before: int | None = None,
    before_what: str = "",
) -> str:
    """Why `spec` has no day on this board; `before` bounds it from above (the first day of
    work that needs it), `before_what` names that work."""
    working = working_days(board, spec.kind)
    roomy = [d for d in working if board.free(d) >= spec.minutes]
    if not roomy:
        most = max((board.free(d) for d in working), default=0)
        where = "no day" if spec.kind == "review" else "no day before the light review day"
        return (
            f"{where} has the {spec.minutes} minutes free (the most left on one day is {most}): "
            "the must-haves and the work that matters more fill them"
        )
    first, follows = _bound_from_before(spec, board, titles, days)
    last = len(board.capacity) - 1
    upto = ""
    if spec.deadline is not None and spec.deadline < last:
        last, upto = spec.deadline, f"the day before its screen ({_date(days, spec.deadline + 1)})"
    if before is not None and before - 1 < last:
        last, upto = before - 1, before_what or f"the work that needs it ({_date(days, before)})"
    window = [d for d in roomy if first <= d <= last]
    if not window:
        if all(d < first for d in roomy):
            return f"the days with room all come before it can start, after {follows}"
        if all(d > last for d in roomy):
            return f"the days with room all come after {upto}, and it must come first"
        return f"the days with room fall outside its window: after {follows}, before {upto}"
    if all(d in board.item_days.get(spec.item, ()) for d in window):
        return "the days with room already hold a session of it (one a day)"
    if spec.kind in TIMED_KINDS and all(d in board.timed_days | board.screen_days for d in window):
        return "the days with room already hold a timed session (one a day) or a screen"
    if spec.kind == "mock":
        return (
            "peer mocks need two days between them and no public holiday, and the days with "
            "room are next to another peer mock or on a holiday"
        )
    return "the days with room take it over a week's share of the plan"


def timed_no_day(
    board: Board, days: Sequence[Day], kind: str, minutes: int, after: int = -1
) -> str:
    """Why one more timed session (peer mock or solo drill) of `minutes` finds no day from
    `RETEST_GAP_DAYS` after day `after` (a retest after its baseline; -1: anywhere)."""
    working = [d for d in working_days(board, kind) if after < 0 or d >= after + RETEST_GAP_DAYS]
    roomy = [d for d in working if board.free(d) >= minutes]
    when = "two or more days after it" if after >= 0 else "before the light review day"
    if not roomy:
        return f"no day {when} has the {minutes} minutes a timed session takes free"
    open_days = [d for d in roomy if d not in board.timed_days | board.screen_days]
    if not open_days:
        return (
            f"each day {when} with {minutes} minutes free already holds a timed session "
            "(one a day) or a screen"
        )
    if kind == "mock":
        holidays = board.holidays
        spaced = [
            d
            for d in open_days
            if d not in holidays and all(abs(d - m) >= MIN_MOCK_GAP_DAYS for m in board.mock_days)
        ]
        if not spaced:
            return (
                "the days with room are next to another peer mock (two days apart) or on a "
                "public holiday"
            )
    dates = ", ".join(_date(days, d) for d in open_days[:3])
    return (
        f"the days with room ({dates}) come before the practice it follows, or after the "
        "final review that waits for every timed session"
    )
