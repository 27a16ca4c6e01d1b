"""Parsing dates from users (one parser for the CLI and the TUI) and showing them.

The forms, the same everywhere: ISO (`2026-12-31`); a month and a day (`dec 31`, `31 dec`,
`december 31`, with or without a year); a day of the month (`31`); a count of days, weeks
or months from today (`+30`, `30d`, `in 4 weeks`, `2w`, `in 3 months`; back: `-3`,
`3 days ago`); a weekday (`fri`, `friday`, `next friday`, `last friday`); `today`,
`tomorrow`, `yesterday`. A date without a year rolls forward for dates ahead (an onsite,
a screen, an away day) and back for dates logged (a mock, a rehearsal).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from planner.errors import InputError

MIN_YEAR = 2000
MAX_YEAR = 2100
AHEAD: Literal["ahead"] = "ahead"
"""A date still to come: a day-month without a year, a bare day or a weekday rolls forward."""
LOGGED: Literal["logged"] = "logged"
"""A date something happened: a day-month without a year, a bare day or a weekday rolls back."""
Direction = Literal["ahead", "logged"]
FORMS_HINT = "e.g. YYYY-MM-DD, dec 31, 31, +30, 30d, in 4 weeks, next friday, tomorrow"
"""The accepted forms, for placeholders and error messages."""

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WORDS = {"today": 0, "tomorrow": 1, "yesterday": -1, "tmrw": 1, "tmr": 1}
_UNITS = {"d": 1, "day": 1, "days": 1, "w": 7, "wk": 7, "wks": 7, "week": 7, "weeks": 7}
_MONTH_UNITS = ("m", "mo", "month", "months")
_COUNT = re.compile(
    r"^(?:(?P<in>in)\s+)?(?P<sign>[+-])?\s*(?P<n>\d{1,4})\s*(?P<unit>[a-z]*)(?:\s+(?P<ago>ago))?$"
)
_WEEKDAY = re.compile(r"^(?:(?P<which>next|this|last|coming)\s+)?(?P<day>[a-z]{3,9})$")


def parse_date(
    text: str,
    what: str = "date",
    today: dt.date | None = None,
    direction: Direction | None = None,
) -> dt.date:
    """A date from any of the forms above; InputError (naming `what`) when it is not one.

    The relative forms need `today`. Without a `direction` a date without a year takes
    today's year and a bare day today's month (as dateutil fills them in).
    """
    raw = text.strip()
    if not raw:
        raise InputError(f"{what}: a date is needed ({FORMS_HINT})")
    value = _iso(raw)
    if value is None and today is not None:
        value = _relative(raw.lower(), today, direction)
    if value is None and not (raw.isdigit() and len(raw) <= 2):  # `45` is no day, not 2045
        value = _calendar_words(raw, today, direction)
    if value is None:
        shown = raw if len(raw) <= 40 else raw[:40] + "…"
        raise InputError(f"{what}: '{shown}' is not a date ({FORMS_HINT})")
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise InputError(f"{what}: {value.isoformat()} is out of range ({MIN_YEAR}-{MAX_YEAR})")
    return value


def _iso(raw: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        return None


def _relative(text: str, today: dt.date, direction: Direction | None) -> dt.date | None:
    """`today`, counts of days/weeks/months, bare days of the month and weekday names."""
    text = " ".join(text.split())
    if text in _WORDS:
        return today + dt.timedelta(days=_WORDS[text])
    if text.isdigit() and len(text) <= 2:
        return _day_of_month(int(text), today, direction)
    count = _COUNT.match(text)
    if count and (count["sign"] or count["unit"] or count["in"]):
        return _count(count, today)
    weekday = _WEEKDAY.match(text)
    if weekday:
        return _weekday(weekday["which"] or "", weekday["day"], today, direction)
    return None


def _count(match: re.Match[str], today: dt.date) -> dt.date | None:
    number = int(match["n"])
    unit = match["unit"] or "d"
    back = match["sign"] == "-" or bool(match["ago"])
    if match["in"] and back:
        return None  # "in -3 days" / "in 3 days ago" mean nothing
    if unit in _MONTH_UNITS:
        from dateutil.relativedelta import relativedelta

        moved: dt.date = today + relativedelta(months=-number if back else number)
        return moved
    if unit not in _UNITS:
        return None
    days = number * _UNITS[unit]
    try:
        return today - dt.timedelta(days=days) if back else today + dt.timedelta(days=days)
    except OverflowError:
        return None


def _weekday(which: str, name: str, today: dt.date, direction: Direction | None) -> dt.date | None:
    matches = [n for n, day in enumerate(WEEKDAYS) if day.startswith(name)]
    if len(name) < 3 or len(matches) != 1:
        return None
    target = matches[0]
    if which == "last" or (not which and direction == LOGGED):
        back = (today.weekday() - target) % 7
        if which == "last" and back == 0:
            back = 7  # "last friday" on a Friday is a week ago
        return today - dt.timedelta(days=back)
    ahead = (target - today.weekday()) % 7
    if ahead == 0 and which != "this":
        ahead = 7  # "friday" or "next friday" on a Friday: the one a week on
    return today + dt.timedelta(days=ahead)


def _day_of_month(day: int, today: dt.date, direction: Direction | None) -> dt.date | None:
    """`31`: that day of this month, else of the nearest month (per direction) that has it."""
    if not 1 <= day <= 31:
        return None
    import calendar  # only for a bare day of the month: not on every command's path (locale)

    year, month = today.year, today.month
    step = -1 if direction == LOGGED else 1
    for _ in range(13):
        if day <= calendar.monthrange(year, month)[1]:
            candidate = dt.date(year, month, day)
            if direction is None:
                return candidate
            if (direction == AHEAD and candidate >= today) or (
                direction == LOGGED and candidate <= today
            ):
                return candidate
        month += step
        if month == 0:
            year, month = year - 1, 12
        elif month == 13:
            year, month = year + 1, 1
    return None


def _calendar_words(raw: str, today: dt.date | None, direction: Direction | None) -> dt.date | None:
    """Month names and other written dates (dateutil), the year rolled per direction."""
    from dateutil import parser  # only for non-ISO text: it is slow to import

    base = today or dt.date(2000, 1, 1)
    try:
        # Two leap-year defaults tell a written year from a filled-in one (and keep feb 29).
        first: dt.date = parser.parse(raw, default=dt.datetime(1904, base.month, 1)).date()
        second: dt.date = parser.parse(raw, default=dt.datetime(1908, base.month, 1)).date()
    except (ValueError, OverflowError, parser.ParserError):
        return None
    if first.year == second.year:
        return first  # the year was written
    candidates: list[dt.date] = []
    for year in (base.year - 1, base.year, base.year + 1):
        try:
            candidates.append(first.replace(year=year))
        except ValueError:  # feb 29 in a year without one
            continue
    if not candidates:
        return None
    if direction == AHEAD and today is not None:
        return next((c for c in candidates if c >= today), candidates[-1])
    if direction == LOGGED and today is not None:
        return next((c for c in reversed(candidates) if c <= today), candidates[0])
    return next((c for c in candidates if c.year == base.year), candidates[0])


def human(day: dt.date, today: dt.date | None = None) -> str:
    """A date as a person reads it: `Wed 25 Nov`, with the year when it is not this year."""
    text = f"{day:%a} {day.day} {day:%b}"
    if today is not None and day.year != today.year:
        text += f" {day.year}"
    if today is not None:
        delta = (day - today).days
        if delta == 0:
            return f"today ({text})"
        if delta == 1:
            return f"tomorrow ({text})"
        if delta == -1:
            return f"yesterday ({text})"
    return text
