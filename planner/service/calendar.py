"""The candidate's calendar as typed by a user: rest weekdays, away days, holidays, screens.

Shared by the command line and the TUI; every parser is strict and raises InputError with
one line that says what was expected (`mon tue` is not read as Monday, `satxyz` is not
Saturday). The settings file (`PLANNER_CONFIG`, else the platform's config folder) gives
the defaults for rest days and the holiday country; a flag beats it, and it beats the
template.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from planner.dates import AHEAD, parse_date
from planner.errors import InputError

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FULL_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NONE_WORDS = ("none", "no", "-")
"""Words that mean "no rest days" / "no holiday calendar"."""
ENV_CONFIG = "PLANNER_CONFIG"
APP_NAME = "loop-planner"
CONFIG_KEYS = ("rest_days", "holidays", "theme", "keymap")
BINDING_ID = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)+")
"""A binding id as the app declares them (`app.help`, `today.toggle`)."""
KEYS_TEXT = re.compile(r"[a-z0-9_+\-]+(,[a-z0-9_+\-]+)*")
"""Keys as Textual names them, comma-separated (`f2`, `ctrl+h,f2`)."""
MAX_CONFIG_BYTES = 64 * 1024
THEMES = (
    "ansi-dark",
    "ansi-light",
    "atom-one-dark",
    "atom-one-light",
    "catppuccin-frappe",
    "catppuccin-latte",
    "catppuccin-macchiato",
    "catppuccin-mocha",
    "dracula",
    "flexoki",
    "gruvbox",
    "monokai",
    "nord",
    "rose-pine",
    "rose-pine-dawn",
    "rose-pine-moon",
    "solarized-dark",
    "solarized-light",
    "textual-dark",
    "textual-light",
    "tokyo-night",
)
"""The themes the app has: Textual's own (a TUI test keeps this list equal to Textual's)."""
COUNTRY_HINT = (
    "use a two-letter country code such as US, GB, DE, FR or IN; `planner holidays` lists them"
)


def weekday_number(name: str) -> int | None:
    """The weekday number (Monday is 0) of `mon` or `monday` in any case; None otherwise."""
    key = name.strip().lower()
    if key in WEEKDAYS:
        return WEEKDAYS.index(key)
    if key in FULL_WEEKDAYS:
        return FULL_WEEKDAYS.index(key)
    return None


def parse_weekdays(text: str, what: str = "--rest-days") -> tuple[int, ...]:
    """`sat,sun` (or full names) as weekday numbers, Monday 0; `none` means no rest day.

    Strict: the days are separated by commas only, each a weekday's three-letter or full
    name; anything else (`mon tue`, `sun;mon`, `satxyz`, an empty text) is refused.
    """
    raw = text.strip()
    usage = "give weekdays separated by commas, e.g. sat,sun, or none"
    if not raw:
        raise InputError(f"{what}: {usage}", field="rest_weekdays")
    if raw.lower() in NONE_WORDS:
        return ()
    days: set[int] = set()
    for part in raw.split(","):
        day = weekday_number(part)
        if day is None:
            shown = part.strip()
            if not shown:
                raise InputError(
                    f"{what}: an empty weekday in '{raw}' ({usage})", field="rest_weekdays"
                )
            raise InputError(
                f"{what}: unknown weekday '{shown}' (use mon,tue,wed,thu,fri,sat,sun, "
                "separated by commas, or none)",
                field="rest_weekdays",
            )
        days.add(day)
    return tuple(sorted(days))


def weekday_names(days: Iterable[int]) -> list[str]:
    """Weekday numbers as `mon`, `tue`, ... in week order."""
    return [WEEKDAYS[d] for d in sorted(set(days)) if 0 <= d < 7]


def parse_day_range(text: str, today: dt.date, what: str = "--away") -> tuple[dt.date, dt.date]:
    """`DATE` or `DATE..DATE` (inclusive) as (first, last); the end may not be before the start."""
    raw = text.strip()
    if not raw:
        raise InputError(f"{what}: give a date or a range DATE..DATE", field="away")
    first_text, sep, last_text = raw.partition("..")
    first = parse_date(first_text, what, today, AHEAD)
    if not sep:
        return first, first
    if ".." in last_text:
        raise InputError(f"{what}: '{raw}' has more than one '..' (use DATE..DATE)", field="away")
    last = parse_date(last_text, what, today, AHEAD)
    if last < first:
        raise InputError(
            f"{what}: the range {first.isoformat()}..{last.isoformat()} ends before it starts",
            field="away",
        )
    return first, last


def parse_away(
    values: Sequence[str], today: dt.date, what: str = "--away"
) -> list[tuple[dt.date, dt.date]]:
    """Several `DATE[..DATE]` values, each of which may also hold several separated by commas."""
    return [parse_day_range(part, today, what) for value in values for part in value.split(",")]


def away_days(
    ranges: Sequence[tuple[dt.date, dt.date]],
    first: dt.date,
    last: dt.date,
    what: str = "away days",
) -> tuple[dt.date, ...]:
    """The days of the ranges inside the plan (first..last); a range wholly outside is refused.

    A range that overlaps the plan is clipped to it: days before the plan starts or after
    its last day carry no work anyway. A range with no day in the plan is a mistake (a
    wrong month or year), so it is refused rather than ignored.
    """
    days: set[dt.date] = set()
    for start, end in ranges:
        if end < first or start > last:
            shown = start.isoformat() if start == end else f"{start.isoformat()}..{end.isoformat()}"
            raise InputError(
                f"{what}: {shown} is outside the plan ({first.isoformat()} to {last.isoformat()})",
                field="away",
            )
        day = max(start, first)
        while day <= min(end, last):
            days.add(day)
            day += dt.timedelta(days=1)
    return tuple(sorted(days))


def country_code(text: str, what: str = "--holidays") -> str:
    """A country code the `holidays` package knows, upper-cased; `none` or empty gives ''."""
    raw = text.strip()
    if not raw or raw.lower() in NONE_WORDS:
        return ""
    code = raw.upper()
    shown = raw if len(raw) <= 20 else raw[:20] + "…"
    if not re.fullmatch(r"[A-Z]{2,3}", code) or code not in supported_countries():
        raise InputError(
            f"{what}: unknown holiday country '{shown}' ({COUNTRY_HINT})", field="holiday_country"
        )
    return code


def supported_countries() -> tuple[str, ...]:
    """Every country code the `holidays` package has rules for, sorted."""
    import holidays

    return tuple(sorted(holidays.list_supported_countries()))


def holiday_dates(country: str, first: dt.date, last: dt.date) -> tuple[dt.date, ...]:
    """The public holidays of `country` from `first` to `last` (inclusive)."""
    if not country or last < first:
        return ()
    import holidays

    calendar = holidays.country_holidays(country, years=range(first.year, last.year + 1))
    return tuple(sorted(d for d in calendar if first <= d <= last))


def holiday_names(country: str, days: Iterable[dt.date]) -> dict[dt.date, str]:
    """The name of each of these days' holidays in `country` (for display)."""
    wanted = sorted(set(days))
    if not country or not wanted:
        return {}
    import holidays

    calendar = holidays.country_holidays(country, years=range(wanted[0].year, wanted[-1].year + 1))
    return {d: str(calendar.get(d, "")) for d in wanted if d in calendar}


def parse_screen(text: str, today: dt.date) -> tuple[str, dt.date]:
    """`ROUND=DATE` as (round, date); the round is checked against the pack elsewhere."""
    round_id, sep, date_text = text.partition("=")
    if not sep or not round_id.strip() or not date_text.strip():
        raise InputError(
            f"--screen: '{text}' must look like ROUND=DATE (for example recruiter=2026-12-01)",
            field="screens",
        )
    return round_id.strip(), parse_date(date_text, f"--screen {round_id.strip()}", today, AHEAD)


# -- the settings file ---------------------------------------------------------------------


@dataclass(frozen=True)
class UserConfig:
    """What the settings file says (None: it does not say)."""

    path: Path
    rest_weekdays: tuple[int, ...] | None = None
    holiday_country: str | None = None
    theme: str | None = None
    """The TUI's colour theme, by Textual's name for it (`nord`, `textual-light`)."""
    keymap: Mapping[str, str] = field(default_factory=dict)
    """Keys by binding id (`app.help = "f2"`): the TUI binds them instead of its own."""


def config_file() -> Path:
    """The settings file: $PLANNER_CONFIG, else config.toml in the platform's config folder."""
    env = os.environ.get(ENV_CONFIG)
    if env is not None:
        if not env.strip():
            raise InputError(f"{ENV_CONFIG} is set but empty: unset it or name a settings file")
        return Path(env).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def load_config(path: Path | None = None, problems: list[str] | None = None) -> UserConfig:
    """Read the settings file; a missing file says nothing, a broken one is an InputError.

    The error names the file and the key: a settings file that cannot be read is never
    silently ignored. With `problems` (the app), a bad theme or keymap entry is left out
    and said there instead, so the rest of the file still applies.
    """
    path = config_file() if path is None else path
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        return UserConfig(path)
    except OSError as exc:
        raise InputError(f"settings file {path}: cannot be read ({exc.strerror or exc})") from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise InputError(f"settings file {path}: larger than {MAX_CONFIG_BYTES // 1024} KB")
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError(f"settings file {path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"settings file {path}: not valid TOML ({exc})") from None
    return load_config_text(data, path, problems)


def _refuse(problems: list[str] | None, message: str) -> None:
    """Raise the problem, or (with a list to collect them) note it and go on."""
    if problems is None:
        raise InputError(message)
    problems.append(message)


def load_config_text(
    data: Mapping[str, object], path: Path, problems: list[str] | None = None
) -> UserConfig:
    """Settings from the parsed TOML of the file at `path` (checked; errors name the key).

    With `problems`, a bad theme or keymap entry is noted there and left out (see
    `load_config`)."""
    unknown = [k for k in data if k not in CONFIG_KEYS]
    if unknown:
        name = unknown[0] if len(unknown[0]) <= 40 else unknown[0][:40] + "…"
        raise InputError(
            f"settings file {path}: unknown key '{name}' (known: {', '.join(CONFIG_KEYS)})"
        )
    rest: tuple[int, ...] | None = None
    if "rest_days" in data:
        value = data["rest_days"]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InputError(
                f'settings file {path}: rest_days must be a list of weekdays, e.g. ["sat", "sun"]'
            )
        days: set[int] = set()
        for name in value:
            day = weekday_number(name)
            if day is None:
                shown = name if len(name) <= 20 else name[:20] + "…"
                raise InputError(
                    f"settings file {path}: rest_days: unknown weekday '{shown}' "
                    "(use mon, tue, wed, thu, fri, sat, sun)"
                )
            days.add(day)
        if len(days) >= 7:
            raise InputError(f"settings file {path}: rest_days: every weekday is a rest day")
        rest = tuple(sorted(days))
    country: str | None = None
    if "holidays" in data:
        value = data["holidays"]
        if not isinstance(value, str):
            raise InputError(f'settings file {path}: holidays must be a country code, e.g. "US"')
        try:
            country = country_code(value, "holidays")
        except InputError as exc:
            raise InputError(f"settings file {path}: {exc}") from None
    theme: str | None = None
    if "theme" in data:
        value = data["theme"]
        if not isinstance(value, str) or not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,39}", value):
            _refuse(problems, f'settings file {path}: theme must be a theme name, e.g. "nord"')
        elif value not in THEMES:
            _refuse(
                problems,
                f"settings file {path}: theme: no theme '{value}' (known: {', '.join(THEMES)})",
            )
        else:
            theme = value
    keymap = keymap_of(data.get("keymap", {}), path, problems)
    return UserConfig(path, rest, country, theme, keymap)


def keymap_of(value: object, path: Path, problems: list[str] | None = None) -> dict[str, str]:
    """The `[keymap]` table checked: binding ids to keys; an error names the file and the id
    (with `problems`, each bad entry is noted there and left out)."""
    if not isinstance(value, dict):
        _refuse(problems, f'settings file {path}: keymap must be a table, e.g. "app.help" = "f2"')
        return {}
    keymap: dict[str, str] = {}
    for binding_id, keys in value.items():
        shown = binding_id if len(binding_id) <= 40 else binding_id[:40] + "…"
        if not BINDING_ID.fullmatch(binding_id):
            _refuse(
                problems,
                f"settings file {path}: keymap: '{shown}' is not a binding id "
                "(`planner config` lists them, e.g. app.help)",
            )
        elif not isinstance(keys, str) or not KEYS_TEXT.fullmatch(keys) or len(keys) > 60:
            _refuse(
                problems,
                f'settings file {path}: keymap: {shown} needs keys such as "f2" or "ctrl+h,f2"',
            )
        else:
            keymap[binding_id] = keys
    return keymap
