"""A recovered draft's fields read back as values: a logged day is never in the future."""

from __future__ import annotations

import datetime as dt

from planner.tui.drafts import Draft

TODAY = dt.date(2026, 12, 2)


def draft(date: str) -> Draft:
    return Draft("mocks", "timed", "", "Timed mock", {"date": date})


def test_a_kept_day_comes_back() -> None:
    assert draft("2026-11-30").day("date", TODAY) == dt.date(2026, 11, 30)


def test_a_day_ahead_or_unreadable_is_today() -> None:
    """A recovery file edited by hand (or from a clock that ran ahead) cannot log ahead."""
    assert draft("2026-12-25").day("date", TODAY) == TODAY
    assert draft("yesterday").day("date", TODAY) == TODAY
    assert draft("").day("date", TODAY) == TODAY
