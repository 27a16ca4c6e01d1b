"""`planner config [KEY [VALUE]]`: show the settings file, one setting, or set one."""

from __future__ import annotations

from planner.cli.context import Context
from planner.cli.output import safe_cell
from planner.cli.render import Result
from planner.cli.results import Lines
from planner.service import calendar, settings


def config(ctx: Context) -> Result:
    """Show every setting, show one, or set one (written atomically)."""
    key, value = ctx.args.key, ctx.args.value
    if key is not None and value is not None:
        saved = settings.set_config(key, value)
        shown = dict(settings.config_items(saved)).get(key)
        line = f"{key} = {safe_cell(shown or '(default)')}  (saved in {saved.path})"
        return Lines([line], {"path": str(saved.path), "key": key, "value": shown})
    current = calendar.load_config()
    items = settings.config_items(current)
    data = {"path": str(current.path), "settings": dict(items)}
    if key is not None:
        settings.with_value(current, key, "default")  # an unknown key is an error (exit 2)
        return Lines([safe_cell(dict(items).get(key, "(not set: the default applies)"))], data)
    there = "" if current.path.exists() else " (not written yet)"
    lines = [f"settings file: {current.path}{there}"]
    lines += [f"  {name} = {safe_cell(text)}" for name, text in items]
    if not items:
        lines.append("  nothing set: every default applies")
    lines.append("keys: rest_days (sat,sun or none), holidays (US or none), theme (e.g. nord),")
    lines.append(
        "      keymap.BINDING_ID (e.g. keymap.app.help f2); the value `default` unsets one"
    )
    return Lines(lines, data)
