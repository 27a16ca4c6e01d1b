"""The settings file written back: `planner config KEY VALUE` and the TUI's theme and keys.

One TOML file (`$PLANNER_CONFIG`, else `config.toml` in the platform's config folder), read
by `calendar.load_config`, written whole and atomically (temp file, fsync, rename) so a
crash leaves the old settings or the new ones. Values are checked exactly as on reading.
"""

from __future__ import annotations

import json
from dataclasses import replace

from planner.errors import InputError
from planner.service import calendar
from planner.service.calendar import UserConfig

KEYMAP_PREFIX = "keymap."
"""`keymap.app.help` names one binding's keys on the command line."""
UNSET_WORDS = ("", "none", "default", "-")
"""Values that remove a key (the default applies again)."""


def config_items(config: UserConfig) -> list[tuple[str, str]]:
    """Every setting the file holds, as (key, value) text in file order."""
    items: list[tuple[str, str]] = []
    if config.rest_weekdays is not None:
        items.append(
            ("rest_days", ",".join(calendar.weekday_names(config.rest_weekdays)) or "none")
        )
    if config.holiday_country is not None:
        items.append(("holidays", config.holiday_country or "none"))
    if config.theme is not None:
        items.append(("theme", config.theme))
    items += [(f"{KEYMAP_PREFIX}{k}", v) for k, v in sorted(config.keymap.items())]
    return items


def with_value(config: UserConfig, key: str, value: str) -> UserConfig:
    """The settings with one key set from text (or removed by `none`); InputError if bad."""
    text = value.strip()
    unset = text.lower() in UNSET_WORDS
    if key == "rest_days":
        if unset and text.lower() != "none":
            return replace(config, rest_weekdays=None)
        days = calendar.parse_weekdays(text, "rest_days")
        if len(days) >= 7:
            raise InputError("rest_days: every weekday is a rest day")
        return replace(config, rest_weekdays=days)
    if key == "holidays":
        if unset and text.lower() != "none":
            return replace(config, holiday_country=None)
        return replace(config, holiday_country=calendar.country_code(text, "holidays"))
    if key == "theme":
        if unset:
            return replace(config, theme=None)
        checked = calendar.load_config_text({"theme": text}, config.path)
        return replace(config, theme=checked.theme)
    if key.startswith(KEYMAP_PREFIX):
        binding_id = key.removeprefix(KEYMAP_PREFIX)
        keymap = dict(config.keymap)
        if unset:
            keymap.pop(binding_id, None)
        else:
            keys = text.lower().replace(" ", "")
            keymap.update(calendar.keymap_of({binding_id: keys}, config.path))
        return replace(config, keymap=keymap)
    raise InputError(
        f"unknown setting '{key[:40]}' (known: rest_days, holidays, theme, keymap.BINDING_ID)"
    )


def to_toml_data(data: dict[str, object]) -> str:
    """A flat dict of strings (and one `keymap` table) as TOML text."""
    lines: list[str] = []
    table: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            table = {str(k): str(v) for k, v in value.items()}
            continue
        lines.append(f"{key} = {_toml_value(value)}")
    if table:
        lines += ["", "[keymap]"]
        lines += [f"{json.dumps(k)} = {json.dumps(v)}" for k, v in sorted(table.items())]
    return "\n".join(lines) + "\n"


def _toml_value(value: object) -> str:
    if isinstance(value, list | tuple):
        return "[" + ", ".join(json.dumps(str(v)) for v in value) + "]"
    return json.dumps(str(value))  # a TOML basic string: JSON's escapes are TOML's


def config_text(config: UserConfig) -> str:
    """The settings as the file holds them."""
    data: dict[str, object] = {}
    if config.rest_weekdays is not None:
        data["rest_days"] = calendar.weekday_names(config.rest_weekdays)
    if config.holiday_country is not None:
        data["holidays"] = config.holiday_country
    if config.theme is not None:
        data["theme"] = config.theme
    if config.keymap:
        data["keymap"] = dict(config.keymap)
    header = "# Loop Planner settings (`planner config` shows and sets them).\n"
    return header + to_toml_data(data)


def save_config(config: UserConfig) -> None:
    """Write the settings file atomically (its folder is made when missing)."""
    from planner.storage.atomic import atomic_write

    path = config.path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, config_text(config).encode("utf-8"))
    except OSError as error:
        raise InputError(
            f"settings file {path}: cannot be written ({error.strerror or error})"
        ) from None


def set_config(key: str, value: str) -> UserConfig:
    """Set one key in the settings file and save it; returns the settings as saved."""
    config = with_value(calendar.load_config(), key, value)
    save_config(config)
    return config
