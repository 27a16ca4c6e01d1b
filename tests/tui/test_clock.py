"""The app's date follows the clock past midnight; a pinned today stays put."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Static

from planner import clock
from planner.service import Planner
from planner.tui.app import PlannerApp

SIZE = (80, 24)
TODAY = dt.date(2026, 11, 25)


async def test_past_midnight_today_shows_the_new_day(planned: Planner) -> None:
    """When the clock passes midnight, Today and the header show the next day."""
    now = [TODAY]
    app = PlannerApp(planned, clock=lambda: now[0])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        title = app.screen.query_one("#today-title", Static)
        assert "Wednesday 25 November" in str(title.render())
        now[0] = TODAY + dt.timedelta(days=1)
        app.check_day()
        await pilot.pause()
        assert app.planner.today == now[0]
        assert "Thursday 26 November" in str(title.render())
        assert "19 days to onsite" in app.sub_title


async def test_a_pinned_today_does_not_move(planned: Planner) -> None:
    """Without a clock (`--today` or $PLANNER_TODAY) the day stays as given."""
    app = PlannerApp(planned)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.check_day()
        assert app.planner.today == TODAY


def test_today_is_pinned_by_the_flag_or_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """`--today` or $PLANNER_TODAY pin the date; neither means the clock is followed."""
    assert clock.pinned("2026-11-25")
    monkeypatch.delenv("PLANNER_TODAY", raising=False)
    assert not clock.pinned(None)
    monkeypatch.setenv("PLANNER_TODAY", "2026-11-25")
    assert clock.pinned(None)
