"""Onboarding's notes under the screens (newuser4 finding 9): a date hint goes with its date,
and Ctrl+S brings the first error into view at 80x24."""

from __future__ import annotations

from collections.abc import Callable

from textual.containers import VerticalScroll
from textual.widgets import Checkbox, Input, Static

from planner.tui.app import PlannerApp
from planner.tui.screens.onboarding import OnboardingScreen

SIZE = (80, 24)
MakeApp = Callable[..., PlannerApp]


def screens_note(form: OnboardingScreen) -> str:
    """The note under the screens (empty when hidden)."""
    note = form.query_one("#screens-note", Static)
    return str(note.render()) if note.display else ""


async def test_clearing_a_screen_date_clears_its_hint(make_app: MakeApp) -> None:
    """`in 4 weeks` then cleared and unticked: no hint of the old date stays."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"2026-12-18")
        form = app.screen
        assert isinstance(form, OnboardingScreen)
        date = form.query_one("#screen-date-recruiter", Input)
        date.value = "in 4 weeks"
        await pilot.pause()
        assert "Recruiter" in screens_note(form)
        date.value = ""
        await pilot.pause()
        form.query_one("#screen-recruiter", Checkbox).value = False
        await pilot.pause()
        assert screens_note(form) == ""


async def test_ctrl_s_scrolls_the_first_error_into_view(make_app: MakeApp) -> None:
    """A ticked screen without a date, Ctrl+S from its date field: the error shows."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"2026-12-18")
        form = app.screen
        assert isinstance(form, OnboardingScreen)
        form.query_one("#screen-recruiter", Checkbox).value = True
        form.query_one("#screen-date-recruiter", Input).focus()
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        note = form.query_one("#screens-note", Static)
        assert note.display
        assert "recruiter" in str(note.render()).lower()
        scroll = next(iter(form.query(VerticalScroll)))
        assert scroll.region.contains_region(note.region)
