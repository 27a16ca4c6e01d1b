"""The first-run form's placeholders come from today, and away days say what they were
understood as (newuser4, finding 9)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual.widgets import Input, Static

from planner.dates import AHEAD, parse_date
from planner.service import calendar
from planner.tui.app import PlannerApp
from planner.tui.screens.onboarding import OnboardingScreen
from planner.tui.screens.onboarding_fields import (
    away_hint,
    away_placeholder,
    onsite_placeholder,
    screen_placeholder,
)

SIZE = (80, 24)
MakeApp = Callable[..., PlannerApp]
LATER = dt.date(2027, 3, 10)
"""A today far from the suite's, where a fixed example would be stale."""


def examples(placeholder: str) -> list[str]:
    """The comma-separated examples of a placeholder, its lead-in words taken off."""
    text = placeholder.split(":", 1)[-1].replace("none; or", "").replace("e.g.", "")
    return [p.replace(" or ", ",").strip() for p in text.split(",") if p.strip()]


def note(app: PlannerApp, field: str) -> str:
    """The text under a field (empty when hidden)."""
    widget = app.screen.query_one(f"#{field}-note", Static)
    return str(widget.render()) if widget.display else ""


def test_every_date_example_is_a_date_after_today() -> None:
    """Each example of the onsite and screen placeholders reads as a date after today."""
    for today in (dt.date(2026, 11, 25), dt.date(2026, 12, 2), LATER):
        for placeholder in (onsite_placeholder(today), screen_placeholder(today)):
            for part in examples(placeholder):
                for piece in part.split(","):
                    assert parse_date(piece, "example", today, AHEAD) > today, (piece, today)


def test_the_away_example_reads_as_days_ahead() -> None:
    """The away placeholder's example parses, every day of it after today."""
    for today in (dt.date(2026, 12, 2), LATER):
        text = away_placeholder(today).split("e.g.", 1)[1]
        ranges = calendar.parse_away([text], today, "away days")
        assert ranges
        assert all(first > today for first, _ in ranges)


async def test_the_placeholders_follow_the_apps_today(make_app: MakeApp) -> None:
    """On 10 Mar 2027 the examples are April's (they said `dec 1` whatever the date)."""
    app = make_app(LATER)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OnboardingScreen)
        assert "apr 9" in screen.query_one("#onsite", Input).placeholder
        assert "mar 24" in screen.query_one("#away", Input).placeholder
        dates = [str(i.placeholder) for i in screen.query(".screen-date").results(Input)]
        assert dates
        assert all("mar 17" in d for d in dates)
        assert not any("dec" in d for d in dates)


def test_away_hint_names_each_day_and_run() -> None:
    """Single days and runs are named the way the onsite hint names its date."""
    hint, ok = away_hint("2026-12-07, 2026-12-08..2026-12-10", dt.date(2026, 12, 2))
    assert ok
    assert hint == "understood as Mon 7 Dec, Tue 8 Dec to Thu 10 Dec"


def test_away_hint_shows_the_part_it_cannot_read() -> None:
    """The days read so far stay, beside why the first unreadable part is not a date."""
    hint, ok = away_hint("dec 7, someday", dt.date(2026, 12, 2))
    assert not ok
    assert hint.startswith("understood as Mon 7 Dec · away days: 'someday' is not a date")


async def test_typed_away_days_show_what_they_were_understood_as(make_app: MakeApp) -> None:
    """Typing away days shows the days under the field; an unreadable part says why."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        away = app.screen.query_one("#away", Input)
        away.focus()
        await pilot.press(*"dec 7..dec 8")
        await pilot.pause()
        assert note(app, "away") == "understood as Mon 7 Dec to Tue 8 Dec"
        await pilot.press(*", zz")
        await pilot.pause()
        assert "understood as Mon 7 Dec to Tue 8 Dec" in note(app, "away")
        assert "'zz' is not a date" in note(app, "away")
        away.value = ""
        await pilot.pause()
        assert note(app, "away") == ""
