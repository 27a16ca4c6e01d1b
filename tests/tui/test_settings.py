"""The settings file in the app: its theme and keymap apply at start; a new theme is kept."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest
from textual.theme import BUILTIN_THEMES

from planner.service import Planner
from planner.service.calendar import THEMES
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
        assert any(n.title == "Settings not read" for n in app.notices)
        assert app.current_mode == "dashboard"


async def test_one_bad_keymap_entry_is_said_and_the_good_ones_kept(planned: Planner) -> None:
    """newuser4 finding 6: `"app.help" = "[bold]"` beside `"today.toggle" = "x"` is named
    in a toast on start, and x still ticks on Today (all entries were dropped before)."""
    settings_file().write_text(
        '[keymap]\n"today.toggle" = "x"\n"app.help" = "[bold]"\n', encoding="utf-8"
    )
    app = PlannerApp(planned)
    first = planned.tasks.today().tasks[0]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        said = [n.message for n in app.notices if n.title == "Setting left out"]
        assert len(said) == 1
        assert "app.help" in said[0]
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert app.planner.session.plan().task(first.id).done


async def test_an_unknown_theme_is_said_and_the_keymap_still_applies(planned: Planner) -> None:
    """`theme = "nosuch"`: a toast says so, the default theme stays, the keymap applies."""
    settings_file().write_text('theme = "nosuch"\n[keymap]\n"app.help" = "f2"\n', encoding="utf-8")
    app = PlannerApp(planned)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        said = [n.message for n in app.notices if n.title == "Setting left out"]
        assert said
        assert "nosuch" in said[0]
        assert app.theme == "textual-dark"
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


def test_the_themes_the_settings_accept_are_textuals() -> None:
    """The service's list of theme names (it cannot import Textual) is Textual's own."""
    assert set(THEMES) == set(BUILTIN_THEMES)


async def test_hints_on_screen_name_the_keys_the_keymap_binds(planned: Planner) -> None:
    """newuser4 finding 8: with `today.toggle = "x"`, Today's header says `x: done or not`
    (it kept saying Space); Mocks and Research name their remapped keys too."""
    from textual.widgets import Label

    settings_file().write_text(
        '[keymap]\n"today.toggle" = "x"\n"mocks.add" = "n"\n"research.add" = "y"\n',
        encoding="utf-8",
    )
    app = PlannerApp(planned)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        labels = [str(label.render()) for label in app.screen.query(".section").results(Label)]
        assert any("x: done or not" in text for text in labels)
        assert not any("Space" in text for text in labels)
        await pilot.press("m")
        await pilot.pause()
        assert "n logs one" in str(app.screen.query_one("#mocks-filter", Label).render())
        await pilot.press("e")
        await pilot.pause()
        assert "y adds your own" in str(app.screen.query_one("#research-progress").render())
