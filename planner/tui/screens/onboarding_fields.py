"""The first-run form's pieces that hold no state: its rows, the placeholders drawn from
today, what a typed date or list of away days was understood as, and which field shows a
service error."""

from __future__ import annotations

import datetime as dt

from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Label, Static

from planner.errors import InputError
from planner.service import calendar
from planner.service.inputs import DEFAULT_DAYS

FIELDS = (
    "pack",
    "seniority",
    "onsite",
    "screens",
    "hours",
    "rest",
    "away",
    "holidays",
    "skip",
    "form",
)
"""The form's fields, each with a note under it (`#<field>-note`)."""

INPUT_FIELDS = {
    "pack": "pack",
    "seniority": "seniority",
    "onsite": "onsite",
    "start": "onsite",
    "days": "onsite",
    "screens": "screens",
    "hours": "hours",
    "rest_weekdays": "rest",
    "away": "away",
    "holiday_country": "holidays",
    "skip_rounds": "skip",
}
"""The form field that shows a service error about each PlanInput field."""


def field_for(error: InputError) -> str:
    """The form field an error from the service belongs under (`form` when none in particular)."""
    return INPUT_FIELDS.get(error.field, "form")


def field_row(label: str, *widgets: Widget, note: str) -> Horizontal:
    """A labelled form row: the widgets, then a note (`#<note>-note`) for hints and errors."""
    return Horizontal(
        Label(label, classes="field-label"),
        Vertical(*widgets, Static(classes="field-note", id=f"{note}-note"), classes="field"),
        classes="field-row",
    )


def _short(day: dt.date) -> str:
    """A date as the short form one types it (`dec 31`)."""
    return f"{day:%b} {day.day}".lower()


def onsite_placeholder(today: dt.date) -> str:
    """Examples for the onsite date, drawn from today (a fixed date soon goes stale)."""
    day = today + dt.timedelta(days=30)
    # A bare day of the month: 20 days on, never today's own number (that reads as today).
    bare = (today + dt.timedelta(days=20)).day
    return f"e.g. {_short(day)}, {bare}, +30, tomorrow or {day.isoformat()}"


def screen_placeholder(today: dt.date) -> str:
    """Examples for a screen's date, drawn from today: a week ahead, or a weekday."""
    week = today + dt.timedelta(days=7)
    weekday = today + dt.timedelta(days=3)
    return f"its date: {_short(week)}, +7, {weekday:%a}".lower()


def away_placeholder(today: dt.date) -> str:
    """Examples for away days, drawn from today: a run of three days and one day."""
    first = today + dt.timedelta(days=14)
    last = first + dt.timedelta(days=2)
    one = today + dt.timedelta(days=21)
    return f"none; or e.g. {_short(first)}..{_short(last)}, {_short(one)}"


def day_text(day: dt.date) -> str:
    """A day as the hints show it: `Mon 7 Dec`."""
    return f"{day:%a} {day.day} {day:%b}"


def away_hint(text: str, today: dt.date) -> tuple[str, bool]:
    """What the away days typed were understood as, and whether every part could be read.

    Each comma-separated part is read on its own, so the days read so far are shown beside
    the first part that cannot be (with why).
    """
    understood: list[str] = []
    problem = ""
    for part in text.split(","):
        try:
            first, last = calendar.parse_day_range(part, today, "away days")
        except InputError as error:
            problem = problem or str(error)
            continue
        understood.append(
            day_text(first) if first == last else f"{day_text(first)} to {day_text(last)}"
        )
    shown = f"understood as {', '.join(understood)}" if understood else ""
    return " · ".join(filter(None, (shown, problem))), not problem


def away_text(days: tuple[dt.date, ...]) -> str:
    """Away days as the form shows them: runs of days as `first..last`, comma-separated."""
    runs: list[list[dt.date]] = []
    for day in sorted(days):
        if runs and day - runs[-1][-1] == dt.timedelta(days=1):
            runs[-1].append(day)
        else:
            runs.append([day])
    return ", ".join(
        r[0].isoformat() if len(r) == 1 else f"{r[0].isoformat()}..{r[-1].isoformat()}"
        for r in runs
    )


def span_text(onsite: dt.date, today: dt.date, start_now: bool) -> str:
    """The onsite date understood and the days the plan will run (or why it cannot)."""
    if onsite <= today:
        return f"{onsite:%a %d %b %Y}: that is not after today ({today:%a %d %b})"
    start = today if start_now else max(today, onsite - dt.timedelta(days=DEFAULT_DAYS))
    days = (onsite - start).days
    return (
        f"{onsite:%a %d %b %Y} · plan runs {start:%a %d %b} to the day before, "
        f"{days} day{'s' * (days != 1)}"
    )
