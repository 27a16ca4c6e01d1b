"""Helpers for the CLI tests: run `main([...])` in-process and check the error convention."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from planner.cli import main

LOCK_NAME = "planner.lock"
"""The lock file may appear on any command; it holds no data."""


@dataclass(frozen=True)
class Result:
    """What one command did: its exit code and what it printed."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        """stdout parsed as JSON."""
        return json.loads(self.out)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> Result:
    """Run `planner ARGS` in this process and capture its output."""
    capsys.readouterr()
    code = main(list(args))
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def ok(capsys: pytest.CaptureFixture[str], *args: str) -> Result:
    """Run a command that must succeed (exit 0, nothing on stderr)."""
    result = run(capsys, *args)
    assert result.code == 0, result.err
    assert result.err == ""
    return result


def snapshot(data_dir: Path) -> dict[str, bytes]:
    """Every data file under the data folder (backups included), by relative path."""
    if not data_dir.exists():
        return {}
    return {
        str(p.relative_to(data_dir)): p.read_bytes()
        for p in sorted(data_dir.rglob("*"))
        if p.is_file() and p.name != LOCK_NAME
    }


def rejected(
    capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str, match: str = ""
) -> str:
    """Run a command that must be refused: exit 2, one error line, no traceback, no write.

    Returns the error line.
    """
    before = snapshot(data_dir)
    result = run(capsys, *args)
    assert result.code == 2, (args, result)
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("planner: error: "), lines[0]
    assert "Traceback" not in result.err
    assert match in lines[0], lines[0]
    assert snapshot(data_dir) == before, f"{args} wrote to the data folder"
    return lines[0]


def init(capsys: pytest.CaptureFixture[str], *extra: str, seniority: str = "mid") -> Result:
    """A plan for the suite's today (2026-11-25) with the onsite 30 days later."""
    return ok(capsys, "init", "--seniority", seniority, "--onsite", "2026-12-25", *extra)


def plan_json(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    """`planner plan --json`."""
    payload: dict[str, Any] = ok(capsys, "plan", "--json").json()
    return payload


def all_tasks(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    """Every task of the plan, as JSON."""
    return [t for d in plan_json(capsys)["days"] for t in d["tasks"]]
