"""A screen reads and draws its data once each time it comes into view (issue 17)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from planner.service import Planner
from planner.tui.app import PlannerApp
from planner.tui.screens.base import PlannerScreen

SIZE = (80, 24)


@pytest.fixture
def redraws(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The class name of each screen whose `refresh_data` ran, in order."""
    calls: list[str] = []

    def counting(original: Callable[[Any], None]) -> Callable[[PlannerScreen], None]:
        def refresh_data(self: PlannerScreen) -> None:
            calls.append(type(self).__name__)
            original(self)

        return refresh_data

    from planner.tui.screens.dashboard import DashboardScreen
    from planner.tui.screens.today import TodayScreen

    for screen in (DashboardScreen, TodayScreen):
        monkeypatch.setattr(screen, "refresh_data", counting(screen.refresh_data))
    return calls


async def test_each_screen_draws_its_data_once_as_it_opens(
    planned: Planner, make_app: Callable[..., PlannerApp], redraws: list[str]
) -> None:
    """The first screen and a mode opened later each read the data once (not twice)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert redraws == ["DashboardScreen"]
        await pilot.press("t")
        await pilot.pause()
        assert redraws == ["DashboardScreen", "TodayScreen"]
        await pilot.press("d")  # back again: fresh data, once
        await pilot.pause()
        assert redraws == ["DashboardScreen", "TodayScreen", "DashboardScreen"]
        await pilot.press("question_mark")  # a dialog on top, then closed: read again
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert redraws == ["DashboardScreen", "TodayScreen", "DashboardScreen", "DashboardScreen"]


async def test_dialog_rules_are_read_when_a_dialog_first_opens(
    planned: Planner, make_app: Callable[..., PlannerApp]
) -> None:
    """The first screen parses only app.tcss; Help brings its own rules, which apply."""
    from pathlib import Path

    import planner.tui.app as app_module

    folder = Path(app_module.__file__).parent / "screens"
    dialogs, first_run = str(folder / "dialogs.tcss"), str(folder / "first_run.tcss")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.stylesheet.has_source(dialogs, "")
        assert not app.stylesheet.has_source(first_run, "")
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.stylesheet.has_source(dialogs, "")
        assert app.screen.styles.align_horizontal == "center"  # `HelpScreen { align: ... }`
