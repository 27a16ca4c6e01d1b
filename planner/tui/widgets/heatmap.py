"""Progress over the plan's days: the done share per day, the streak and a small heatmap."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from textual.content import Content
from textual.widgets import Static

from planner.domain.models import Plan, Task

WEEKDAY_LETTERS = ("M", "T", "W", "T", "F", "S", "S")


def tasks_by_day(plan: Plan) -> dict[dt.date, list[Task]]:
    """The plan's tasks grouped by day."""
    grouped: dict[dt.date, list[Task]] = defaultdict(list)
    for task in plan.tasks:
        grouped[task.day].append(task)
    return grouped


def day_shares(plan: Plan) -> dict[dt.date, float | None]:
    """For each plan day, the share of its planned minutes done (None: nothing planned)."""
    grouped = tasks_by_day(plan)
    shares: dict[dt.date, float | None] = {}
    for day in plan.days:
        tasks = grouped.get(day.date, [])
        total = sum(t.minutes for t in tasks)
        shares[day.date] = (
            sum(t.minutes for t in tasks if t.done) / total if tasks and total else None
        )
    return shares


def streak(plan: Plan, today: dt.date) -> int:
    """Consecutive days, back from today, on which at least one task was ticked.

    It counts the days tasks were ticked (`done_on`; a task ticked before that was kept
    counts on its planned day), so moving missed work forward (replan) changes nothing.
    A working day of the plan with nothing ticked ends it; rest and away days neither count
    nor break it, and today only counts once something is ticked, so the streak is not
    broken before the day ends.
    """
    ticked = {t.done_on or t.day for t in plan.tasks if t.done}
    working = {d.date for d in plan.days if not d.rest and d.capacity_minutes > 0}
    first = min([plan.start, *ticked])
    count = 0
    day = today
    while day >= first:
        if day in ticked:
            count += 1
        elif day in working and day != today:
            break
        day -= dt.timedelta(days=1)
    return count


def _cell(share: float | None, day: dt.date, today: dt.date, rest: bool) -> Content:
    if rest or share is None:
        cell = Content.styled("··", "$text-disabled")
    elif day > today:
        cell = Content.styled("░░", "$text-disabled")
    elif share >= 1:
        cell = Content.styled("██", "$text-success")
    elif share >= 0.5:
        cell = Content.styled("▓▓", "$text-success")
    elif share > 0:
        cell = Content.styled("▒▒", "$text-warning")
    else:
        cell = Content.styled("░░", "$text-error")
    if day == today:
        cell = cell.stylize("reverse")
    return cell


def heatmap(plan: Plan, today: dt.date) -> Content:
    """One line per week (Monday first) with a cell per day, coloured by the share done."""
    shares = day_shares(plan)
    rest = {d.date for d in plan.days if d.rest}
    first = plan.start - dt.timedelta(days=plan.start.weekday())
    last = plan.days[-1].date if plan.days else plan.start
    lines = [Content.styled("        " + " ".join(f"{w} " for w in WEEKDAY_LETTERS), "$text-muted")]
    monday = first
    while monday <= last:
        cells = [Content(f"{monday.day:>2} {monday:%b} ")]
        for offset in range(7):
            day = monday + dt.timedelta(days=offset)
            if day in shares:
                cells.append(_cell(shares[day], day, today, day in rest))
            else:
                cells.append(Content("  "))
            cells.append(Content(" "))
        lines.append(Content.assemble(*cells))
        monday += dt.timedelta(days=7)
    lines.append(
        Content.assemble(
            ("█ all ", "$text-success"),
            ("▓ most ", "$text-success"),
            ("▒ some ", "$text-warning"),
            ("░ none ", "$text-error"),
            ("· rest", "$text-disabled"),
        )
    )
    return Content("\n").join(lines)


class Heatmap(Static):
    """The plan's days as a small heatmap, one line per week."""

    def show(self, plan: Plan, today: dt.date) -> None:
        """Draw the plan as of today."""
        self.update(heatmap(plan, today))
