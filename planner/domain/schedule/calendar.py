"""The plan's calendar: its days and capacities, and the board that tracks what each day holds."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from planner.domain.models import TIMED_KINDS, Day, PlanSettings, Task, Template

MIN_MOCK_GAP_DAYS = 2
"""Peer mocks (`kind` `mock`) are at least this many days apart."""
RETEST_GAP_DAYS = 2
"""A round's timed sessions are at least this many days apart: a day between to drill the
weak dimensions the earlier one showed."""
MIN_SESSION_MINUTES = 10
REPLAN_MOVED_SHARE = 0.5
"""Moved work may take at most this share of one day, so overdue work never lands as a wall."""
BASELINE_SHARE = 0.4
"""The first timed session (the baseline) falls within this share of the plan's days."""


class PlanError(ValueError):
    """Raised when the plan inputs cannot make a plan (bad dates, no working day)."""


def plan_days(settings: PlanSettings, template: Template | None = None) -> list[Day]:
    """The plan's days: back-planned from the onsite, with capacities, rest and away days.

    Rest weekdays and away dates have no capacity; a screen's day has half a day; the last
    working day is the light review day (half a normal day), even when rest or away days
    follow it.
    """
    if settings.days < 1:
        raise PlanError("days must be at least 1")
    if settings.onsite <= settings.start:
        raise PlanError("the onsite must be after the start date")
    if len(set(settings.rest_weekdays)) >= 7:
        raise PlanError("every weekday is a rest day: no day is left to prepare")
    if not 0 < settings.hours_per_day <= 16:
        raise PlanError("hours per day must be above 0 and at most 16")
    first = max(settings.start, settings.onsite - dt.timedelta(days=settings.days))
    capacity = round(settings.hours_per_day * 60)
    away = set(settings.away)
    screens = {day for _, day in settings.screens}
    days: list[Day] = []
    current = first
    while current < settings.onsite:
        rest = current.weekday() in settings.rest_weekdays
        free = rest or current in away
        # A screen's own day is light: half a day, and no timed session on it.
        minutes = capacity // 2 if current in screens else capacity
        days.append(Day(date=current, rest=rest, capacity_minutes=0 if free else minutes))
        current += dt.timedelta(days=1)
    working = [i for i, d in enumerate(days) if not d.rest and d.date not in away]
    if not working:
        raise PlanError(
            "every day before the onsite is a rest day or an away day: keep one day to prepare"
        )
    days[working[-1]] = replace(days[working[-1]], capacity_minutes=capacity // 2)
    return days


def last_working_index(days: Sequence[Day]) -> int:
    """The light review day: the last day that can hold work."""
    return max(
        (i for i, d in enumerate(days) if not d.rest and d.capacity_minutes > 0),
        default=max((i for i, d in enumerate(days) if not d.rest), default=len(days) - 1),
    )


def baseline_limit(length: int) -> int:
    """The last day index within the first 40% of a plan of `length` days."""
    return max(0, math.ceil(BASELINE_SHARE * length) - 1)


@dataclass
class Board:
    """Placement state: what each day holds."""

    capacity: list[int]
    week_limit: list[int]
    """Per 7-day block: the share of its capacity that may be planned (the rest is slack)."""
    last_index: int
    holidays: frozenset[int] = frozenset()
    screen_days: frozenset[int] = frozenset()
    """Days of a screen ahead: no timed session on them."""
    used: list[int] = field(default_factory=list)
    week_used: list[int] = field(default_factory=list)
    moved_used: list[int] = field(default_factory=list)
    item_days: dict[str, list[int]] = field(default_factory=dict)
    session_day: dict[tuple[str, int], int] = field(default_factory=dict)
    mock_days: list[int] = field(default_factory=list)
    timed_days: set[int] = field(default_factory=set)
    round_days: dict[str, list[int]] = field(default_factory=dict)
    """Per round, the days of its timed sessions (kept `RETEST_GAP_DAYS` apart)."""

    def __post_init__(self) -> None:
        self.used = [0] * len(self.capacity)
        self.week_used = [0] * len(self.week_limit)
        self.moved_used = [0] * len(self.capacity)

    def put(
        self,
        item_id: str,
        kind: str,
        index: int,
        day: int,
        minutes: int,
        moved: bool = False,
        round_id: str = "",
    ) -> None:
        """Record a session on `day` (-1: a done task outside the plan's days); `round_id`:
        the round a timed session runs."""
        if day >= 0:
            self.used[day] += minutes
            # The light review day is outside every week's limit, so it uses none of it.
            if day != self.last_index:
                self.week_used[day // 7] += minutes
            if moved:
                self.moved_used[day] += minutes
        days = self.item_days.setdefault(item_id, [])
        days.append(day)
        days.sort()
        self.session_day[(item_id, index)] = day
        if kind == "mock":
            self.mock_days.append(day)
        if kind in TIMED_KINDS:
            self.timed_days.add(day)
            if round_id:
                self.round_days.setdefault(round_id, []).append(day)

    def remove(
        self, item_id: str, kind: str, index: int, day: int, minutes: int, round_id: str = ""
    ) -> None:
        """Take a session placed by `put` off its day (not a moved one)."""
        self.used[day] -= minutes
        if day != self.last_index:
            self.week_used[day // 7] -= minutes
        self.item_days[item_id].remove(day)
        del self.session_day[(item_id, index)]
        if kind == "mock":
            self.mock_days.remove(day)
        if kind in TIMED_KINDS:
            self.timed_days.discard(day)
            if round_id:
                self.round_days[round_id].remove(day)

    def free(self, day: int) -> int:
        """Minutes still free on a day."""
        return self.capacity[day] - self.used[day]

    @property
    def work_budget(self) -> int:
        """Minutes the plan may fill before the last day, slack kept."""
        return sum(self.week_limit)

    @property
    def full_budget(self) -> int:
        """Minutes of every day before the light review day, slack included (must-haves)."""
        return sum(c for i, c in enumerate(self.capacity) if i != self.last_index)


def board_for(days: Sequence[Day], template: Template, settings: PlanSettings) -> Board:
    """The empty board of a plan: its days, the template's slack, holidays and screen days."""
    return build_board(
        days, template.slack, settings.holidays, [day for _, day in settings.screens]
    )


def build_board(
    days: Sequence[Day],
    slack: float,
    holidays: Sequence[dt.date] = (),
    screens: Sequence[dt.date] = (),
) -> Board:
    """An empty board: day capacities, and per 7-day block the plannable share (no slack).

    The last working day is the light review day; its time is outside every week's limit.
    """
    last = last_working_index(days)
    weeks = (len(days) + 6) // 7
    limits = [0] * weeks
    for i, d in enumerate(days):
        if i != last:
            limits[i // 7] += d.capacity_minutes
    holiday_set = set(holidays)
    return Board(
        capacity=[d.capacity_minutes for d in days],
        week_limit=[int(limit * (1 - slack)) for limit in limits],
        last_index=last,
        holidays=frozenset(i for i, d in enumerate(days) if d.date in holiday_set),
        screen_days=frozenset(i for i, d in enumerate(days) if d.date in set(screens)),
    )


def minutes_by_day(tasks: Iterable[Task]) -> dict[dt.date, int]:
    """Total scheduled minutes per day."""
    totals: dict[dt.date, int] = {}
    for t in tasks:
        totals[t.day] = totals.get(t.day, 0) + t.minutes
    return totals
