"""The settings file in the app: its theme and keymap apply at start; a new theme is kept."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from planner.service import Planner
from planner.tui.app import PlannerApp
from planner.tui.screens.help import HelpScreen

SIZE = (80, 24)


def settings_file() -> Path:
    """The test's settings file (PLANNER_CONFIG)."""
    return Path(os.environ["PLANNER_CONFIG"])


async def test_the_theme_of_the_settings_file_is_used(planned: Planner) -> None:
    """`theme = "nord"` opens the app in Nord."""
    settings_file().write_text('theme = "nord"\n', encoding="utf-8")
    app = PlannerApp(planned)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "nord"


async def test_a_theme_chosen_in_the_app_is_kept_after_a_restart(planned: Planner) -> None:
    """Changing the theme writes it to the settings file; the next start uses it."""
    app = PlannerApp(planned)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.theme = "gruvbox"
        await pilot.pause()
    assert tomllib.loads(settings_file().read_text("utf-8"))["theme"] == "gruvbox"
    again = PlannerApp(planned)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "gruvbox"


async def test_the_keymap_rebinds_a_key_by_binding_id(planned: Planner) -> None:
    """`[keymap] "app.help" = "f2"`: F2 opens help."""
    settings_file().write_text('[keymap]\n"app.help" = "f2"\n', encoding="utf-8")
    app = PlannerApp(planned)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_a_broken_settings_file_is_said_and_the_app_still_opens(
    planned: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bad settings file gives a warning toast; the app opens with its defaults."""
    # The toast goes after the app's 4 s, and on a loaded machine the start-up between the
    # toast and the check can take longer than that: the check must not depend on it.
    monkeypatch.setattr(PlannerApp, "NOTIFICATION_TIMEOUT", 3600)
    settings_file().write_text("theme = [\n", encoding="utf-8")
    app = PlannerApp(planned)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any(n.title == "Settings not read" for n in app._notifications)
        assert app.current_mode == "dashboard"
