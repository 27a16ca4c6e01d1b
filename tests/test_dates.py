"""The one date parser of the CLI and the TUI: every short form, and the year rule of DESIGN."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.dates import AHEAD, LOGGED, parse_date
from planner.errors import InputError

TODAY = dt.date(2026, 11, 25)
"""A Wednesday."""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-31", dt.date(2026, 12, 31)),
        ("dec 31", dt.date(2026, 12, 31)),
        ("31 dec", dt.date(2026, 12, 31)),
        ("December 31", dt.date(2026, 12, 31)),
        ("28", dt.date(2026, 11, 28)),
        ("31", dt.date(2026, 12, 31)),
        ("+30", dt.date(2026, 12, 25)),
        ("30d", dt.date(2026, 12, 25)),
        ("30 days", dt.date(2026, 12, 25)),
        ("in 4 weeks", dt.date(2026, 12, 23)),
        ("2w", dt.date(2026, 12, 9)),
        ("in 2 months", dt.date(2027, 1, 25)),
        ("next friday", dt.date(2026, 11, 27)),
        ("friday", dt.date(2026, 11, 27)),
        ("fri", dt.date(2026, 11, 27)),
        ("wednesday", dt.date(2026, 12, 2)),
        ("tomorrow", dt.date(2026, 11, 26)),
        ("today", TODAY),
    ],
)
def test_every_form_of_a_date_ahead(text: str, expected: dt.date) -> None:
    """Each short form of DESIGN.md gives the date a person means, for a date ahead."""
    assert parse_date(text, "onsite", TODAY, AHEAD) == expected


def test_a_day_month_without_a_year_rolls_forward_for_dates_ahead() -> None:
    """`jan 5` ahead is next January, not the one gone by (as `5` is this month's 5th... ahead)."""
    assert parse_date("jan 5", "onsite", TODAY, AHEAD) == dt.date(2027, 1, 5)
    assert parse_date("5", "onsite", TODAY, AHEAD) == dt.date(2026, 12, 5)


def test_a_day_month_without_a_year_rolls_back_for_dates_logged() -> None:
    """`dec 20` logged on 25 Nov is last December; `28` is October's; a weekday the last one."""
    assert parse_date("dec 20", "date", TODAY, LOGGED) == dt.date(2025, 12, 20)
    assert parse_date("28", "date", TODAY, LOGGED) == dt.date(2026, 10, 28)
    assert parse_date("20", "date", TODAY, LOGGED) == dt.date(2026, 11, 20)
    assert parse_date("monday", "date", TODAY, LOGGED) == dt.date(2026, 11, 23)
    assert parse_date("3 days ago", "date", TODAY, LOGGED) == dt.date(2026, 11, 22)
    assert parse_date("-3", "date", TODAY, LOGGED) == dt.date(2026, 11, 22)
    assert parse_date("last friday", "date", TODAY, LOGGED) == dt.date(2026, 11, 20)


def test_a_written_year_is_kept() -> None:
    """`jan 5 2026` stays in 2026 even for a date ahead (the service then says it is past)."""
    assert parse_date("jan 5 2026", "onsite", TODAY, AHEAD) == dt.date(2026, 1, 5)


@pytest.mark.parametrize("text", ["someday", "next blursday", "45", "in 3 days ago", "", "  "])
def test_what_is_not_a_date_is_refused_with_the_forms(text: str) -> None:
    """Text that is no date is an InputError that names the field and lists the forms."""
    with pytest.raises(InputError, match="onsite") as error:
        parse_date(text, "onsite", TODAY, AHEAD)
    assert "dec 31" in str(error.value)
