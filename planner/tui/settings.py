"""The settings file in the app: the theme and the keymap at start, the theme kept on change."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import App

from planner.errors import InputError
from planner.service import calendar, settings

if TYPE_CHECKING:
    from planner.tui.app import PlannerApp


def apply_settings(app: PlannerApp) -> str | None:
    """Use the file's theme and keymap; returns the theme it named (None when none).

    A settings file that cannot be read is said in a toast; the app opens with its defaults.
    A bad theme or keymap entry is said too, and the rest of the file applies.
    """
    problems: list[str] = []
    try:
        config = calendar.load_config(problems=problems)
    except InputError as error:
        app.notify(str(error), title="Settings not read", severity="warning", markup=False)
        return None
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        app.notify(
            f"{problems[0]}{more}; the rest of the file applies.",
            title="Setting left out",
            severity="warning",
            markup=False,
        )
    if config.theme and config.theme in app.available_themes:
        app.theme = config.theme
    if config.keymap:
        app.set_keymap(dict(config.keymap))
        app.bound_keys = dict(config.keymap)
    return config.theme


def remember_theme(app: App[Any], theme: str) -> None:
    """Keep a newly chosen theme in the settings file (a failure is said, never raised)."""
    try:
        settings.set_config("theme", theme)
    except InputError as error:
        app.notify(str(error), title="Theme not kept", severity="warning", markup=False)
