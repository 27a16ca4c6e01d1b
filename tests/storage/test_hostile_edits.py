"""Hostile or odd hand edits of the data file: a damaged record or a damaged file, never exit 1.

Each edit below is read either as a damaged record (a warning naming it; the record is
skipped and kept on disk) or as a damaged file (exit 3, one line, nothing written). No
command exits 1, prints a traceback or runs away (an onsite in year 9999 once made `check`
print 2.9 million lines).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from planner.cli import main

COMMANDS = (
    ["today"],
    ["plan", "--json"],
    ["mock", "list", "--json"],
    ["story", "list", "--json"],
    ["gaps", "--json"],
    ["check"],
    ["export", "--format", "ics"],
    ["mock", "add", "--round", "execution", "--score", "hypothesis-first=2"],
    ["story", "add", "--title", "After the edit"],
)
MAX_LINES = 2000
"""Far above what any command prints for a month-long plan; a runaway prints millions."""

Edit = Callable[[dict[str, Any]], None]


def _settings(data: dict[str, Any]) -> dict[str, Any]:
    settings: dict[str, Any] = data["profile"]["1"]["settings"]
    return settings


def _mock(data: dict[str, Any]) -> dict[str, Any]:
    mock: dict[str, Any] = data["mocks"]["1"]
    return mock


def _no_rounds(data: dict[str, Any]) -> None:
    for task in data["tasks"].values():
        if task["kind"] in ("mock", "timed"):
            task["rounds"] = []


RECORD_EDITS: dict[str, tuple[Edit, str]] = {
    "5000-digit mock id": (
        lambda d: _mock(d).__setitem__("id", "m" + "7" * 5000),
        "mocks record 1",
    ),
    "onsite in year 9999": (
        lambda d: _settings(d).__setitem__("onsite", "9999-12-31"),
        "profile",
    ),
    "start and onsite in year 9999": (
        lambda d: _settings(d).update(start="9999-11-01", onsite="9999-12-31"),
        "profile",
    ),
    "onsite in year 1": (
        lambda d: _settings(d).__setitem__("onsite", "0001-01-01"),
        "profile",
    ),
    "mock dated year 1": (
        lambda d: _mock(d).__setitem__("date", "0001-01-01"),
        "mocks record 1",
    ),
    "adjustments a number": (
        lambda d: d["profile"]["1"].__setitem__("adjustments", 5),
        "adjustments",
    ),
    "adjustments a list of numbers": (
        lambda d: d["profile"]["1"].__setitem__("adjustments", [5]),
        "adjustments",
    ),
    "adjustments a table": (
        lambda d: d["profile"]["1"].__setitem__("adjustments", {"a": 1}),
        "adjustments",
    ),
    "mock task with no rounds": (_no_rounds, "tasks record"),
    "a hundred thousand plan days": (
        lambda d: d["profile"]["1"].__setitem__("days", d["profile"]["1"]["days"] * 4000),
        "profile",
    ),
}
FILE_EDITS: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "5000-digit document id": (
        lambda raw: raw.replace(b'"mocks":{"1":', b'"mocks":{"' + b"7" * 5000 + b'":'),
        "too long",
    ),
    "5000-digit number": (
        lambda raw: raw.replace(b'"minutes":45', b'"minutes":' + b"7" * 5000, 1),
        "too long",
    ),
}
NESTED_DEPTHS = (100, 900, 980, 995, 5000)


@pytest.fixture
def planned(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A plan, a mock and a story, compactly written; returns the data file."""
    assert main(["init", "--seniority", "mid", "--onsite", "2026-12-20"]) == 0
    assert main(["mock", "add", "--round", "execution"]) == 0
    assert main(["story", "add", "--title", "First"]) == 0
    capsys.readouterr()
    return data_dir / "planner.json"


def _run_all(capsys: pytest.CaptureFixture[str]) -> list[tuple[list[str], int, str, int]]:
    """Every command: its exit code, stderr and number of output lines; never 1, never a
    traceback, never a runaway."""
    results = []
    for argv in COMMANDS:
        capsys.readouterr()
        code = main(argv)
        captured = capsys.readouterr()
        lines = captured.out.count("\n")
        assert code != 1, (argv, captured.err)
        assert "Traceback" not in captured.err
        assert "unexpected" not in captured.err, (argv, captured.err)
        assert lines < MAX_LINES, (argv, lines)
        results.append((argv, code, captured.err, lines))
    return results


@pytest.mark.parametrize("name", sorted(RECORD_EDITS))
def test_a_hostile_record_is_read_as_damaged(
    name: str, planned: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The edit is reported as a damaged record (a warning naming it); commands keep working."""
    edit, where = RECORD_EDITS[name]
    data = json.loads(planned.read_bytes())
    edit(data)
    planned.write_text(json.dumps(data), encoding="utf-8")
    results = _run_all(capsys)
    warned = [err for _, code, err, _ in results if code == 0 and "warning" in err]
    assert warned, results
    assert all(where in err for err in warned), warned
    assert all(code == 0 for argv, code, _, _ in results if argv[0] in ("mock", "story"))


@pytest.mark.parametrize("name", sorted(FILE_EDITS))
def test_a_hostile_file_is_refused_with_exit_3(
    name: str, planned: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The edit makes the file unreadable: exit 3 with a plain reason, nothing written."""
    edit, reason = FILE_EDITS[name]
    raw = planned.read_bytes()
    edited = edit(raw)
    assert edited != raw
    planned.write_bytes(edited)
    for _, code, err, _ in _run_all(capsys):
        assert code == 3, err
        assert reason in err, err
        assert "set_int_max_str_digits" not in err
    assert planned.read_bytes() == edited


@pytest.mark.parametrize("depth", NESTED_DEPTHS)
def test_deep_nesting_is_refused_the_same_way_by_every_command(
    depth: int, planned: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record nested `depth` levels deep: every command gives the same answer (exit 3,
    "nested too deeply"), whatever the depth of its own call stack."""
    data = json.loads(planned.read_bytes())
    _mock(data)["notes"] = "NESTED"
    deep = "[" * depth + '"deep"' + "]" * depth
    text = json.dumps(data, separators=(",", ":")).replace('"NESTED"', deep)
    planned.write_text(text, encoding="utf-8")
    for _, code, err, _ in _run_all(capsys):
        assert code == 3, err
        assert "nested too deeply" in err
    assert planned.read_text(encoding="utf-8") == text
