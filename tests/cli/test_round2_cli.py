"""Small CLI fixes of issue 15: plurals, Monday-to-Sunday weeks, `done` on a done task."""

from __future__ import annotations

import re

import pytest
from cli_support import ok


def test_a_shortened_item_says_1_session(capsys: pytest.CaptureFixture[str]) -> None:
    """A short runway shortens items to one session: `(2→1 session)`, never `1 sessions`."""
    out = ok(capsys, "init", "--seniority", "mid", "--onsite", "+8").out
    assert "→1 session)" in out
    assert "1 sessions" not in out


def test_plan_weeks_run_monday_to_sunday(capsys: pytest.CaptureFixture[str]) -> None:
    """The plan starts on a Wednesday: its first week ends on Sunday, the next starts Monday."""
    ok(capsys, "init", "--seniority", "mid", "--onsite", "+20")
    out = ok(capsys, "plan").out
    weeks = re.findall(r"Week (\d+)\s+(\w{3}) \d+ \w+ – (\w{3}) \d+ \w+", out)
    assert weeks[0][1:] == ("Wed", "Sun")
    assert all(start == "Mon" for _n, start, _end in weeks[1:])
    assert all(end == "Sun" for _n, _start, end in weeks[:-1])


def test_done_on_a_done_task_says_it_was_already_done(capsys: pytest.CaptureFixture[str]) -> None:
    """A second `planner done` says `already done`, not `done:` again."""
    plan = ok(capsys, "init", "--seniority", "mid", "--onsite", "+20", "--json").json()
    task_id = plan["days"][0]["tasks"][0]["id"]
    assert ok(capsys, "done", task_id).out.startswith("done: ")
    again = ok(capsys, "done", task_id).out
    assert again.startswith("already done on Wed 25 Nov: ")
    assert "\ndone:" not in again
