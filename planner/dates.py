"""Parsing dates from users (ISO or anything python-dateutil reads) and showing them."""

from __future__ import annotations

import datetime as dt

from planner.errors import InputError

MIN_YEAR = 2000
MAX_YEAR = 2100


def parse_date(text: str, what: str = "date", today: dt.date | None = None) -> dt.date:
    """A date from ISO text or anything dateutil parses; InputError when it is not a date.

    Relative words `today`, `tomorrow` and `yesterday` work when `today` is given.
    """
    raw = text.strip()
    if today is not None:
        relative = {"today": 0, "tomorrow": 1, "yesterday": -1}.get(raw.lower())
        if relative is not None:
            return today + dt.timedelta(days=relative)
    if not raw:
        raise InputError(f"{what}: a date is needed")
    try:
        value = dt.date.fromisoformat(raw)
    except ValueError:
        from dateutil import parser  # only for non-ISO text: it is slow to import

        try:
            default = dt.datetime.combine(today or dt.date(2000, 1, 1), dt.time())
            value = parser.parse(raw, default=default).date()
        except (ValueError, OverflowError, parser.ParserError):
            raise InputError(f"{what}: '{raw}' is not a date (use YYYY-MM-DD)") from None
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise InputError(f"{what}: {value.isoformat()} is out of range ({MIN_YEAR}-{MAX_YEAR})")
    return value


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
