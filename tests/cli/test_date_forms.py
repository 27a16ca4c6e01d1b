"""The CLI reads the same short date forms as the TUI, with the year rule of DESIGN.md."""

from __future__ import annotations

import pytest
from cli_support import ok


def test_init_takes_a_count_of_days_for_the_onsite(capsys: pytest.CaptureFixture[str]) -> None:
    """`--onsite +30` is 30 days from today (25 Nov 2026)."""
    plan = ok(capsys, "init", "--seniority", "mid", "--onsite", "+30", "--json").json()
    assert plan["onsite"] == "2026-12-25"


def test_init_rolls_a_day_month_forward(capsys: pytest.CaptureFixture[str]) -> None:
    """`--onsite jan 5` is next January."""
    plan = ok(capsys, "init", "--seniority", "mid", "--onsite", "jan 5", "--json").json()
    assert plan["onsite"] == "2027-01-05"


def test_a_mock_date_rolls_back(capsys: pytest.CaptureFixture[str]) -> None:
    """`mock add --date monday` logs the Monday just gone (23 Nov), not next week's."""
    ok(capsys, "init", "--seniority", "mid", "--onsite", "+30")
    ok(capsys, "mock", "add", "--round", "execution", "--date", "monday")
    mocks = ok(capsys, "mock", "list", "--json").json()
    assert mocks[0]["date"] == "2026-11-23"
