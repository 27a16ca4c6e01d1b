"""stdout that cannot take a command's report (issue 14, item 7).

`mock add >/dev/full` used to save the mock and exit 1 with `unexpected OSError`, so a user
retried and got a second mock. Now the change stays saved, stderr says what was saved and
not to run the command again, and the exit code is 4 (EXIT_OUTPUT); text stdout cannot
encode is printed with a replacement character. Real subprocesses: the point is what the
interpreter does with a failing stdout, at exit included.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FULL = Path("/dev/full")

pytestmark = pytest.mark.skipif(not FULL.exists(), reason="needs /dev/full")


def _planner(
    data: Path, *args: str, stdout: Path | None = None, stderr_full: bool = False, **env: str
) -> subprocess.CompletedProcess[bytes]:
    environ = {**os.environ, "PLANNER_HOME": str(data), "PLANNER_TODAY": "2026-11-25", **env}
    out = FULL.open("wb") if stdout == FULL else None
    err = FULL.open("wb") if stderr_full else None
    try:
        return subprocess.run(
            [sys.executable, "-m", "planner", *args],
            stdin=subprocess.DEVNULL,
            stdout=out if out is not None else subprocess.PIPE,
            stderr=err if err is not None else subprocess.PIPE,
            env=environ,
            cwd=ROOT,
            timeout=120,
            check=False,
        )
    finally:
        for stream in (out, err):
            if stream is not None:
                stream.close()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    done = _planner(folder, "init", "--seniority", "mid", "--onsite", "2026-12-25")
    assert done.returncode == 0, done.stderr
    return folder


def _mocks(data: Path) -> list[dict[str, object]]:
    done = _planner(data, "mock", "list", "--json")
    assert done.returncode == 0, done.stderr
    mocks: list[dict[str, object]] = json.loads(done.stdout)
    return mocks


def _one_error_line(stderr: bytes) -> str:
    text = stderr.decode("utf-8", "replace")
    assert "Traceback" not in text, text
    assert "Exception ignored" not in text, text
    lines = text.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("planner: error: "), lines
    return lines[0]


def test_a_saved_mock_with_a_full_stdout_is_reported_once(data: Path) -> None:
    done = _planner(
        data, "mock", "add", "--round", "execution", "--minutes", "45", "--notes", "x", stdout=FULL
    )
    assert done.returncode == 4, done.stderr
    line = _one_error_line(done.stderr)
    assert "was saved" in line
    assert "m1" in line
    assert "do not run the command again" in line
    assert [m["id"] for m in _mocks(data)] == ["m1"]


def test_a_saved_story_with_a_full_stdout_names_it(data: Path) -> None:
    done = _planner(
        data,
        "story",
        "add",
        "--title",
        "Holiday launch",
        "--competency",
        "shipping-under-deadline",
        stdout=FULL,
    )
    assert done.returncode == 4, done.stderr
    line = _one_error_line(done.stderr)
    assert "s1" in line
    assert "Holiday launch" in line


@pytest.mark.parametrize(
    "args",
    [["today"], ["mock", "list", "--json"], ["export", "--format", "json"], ["plan"]],
    ids=["today", "mock-list-json", "export-json", "plan"],
)
def test_a_read_with_a_full_stdout_says_nothing_changed(data: Path, args: list[str]) -> None:
    before = (data / "planner.json").read_bytes()
    done = _planner(data, *args, stdout=FULL)
    assert done.returncode == 4, done.stderr
    line = _one_error_line(done.stderr)
    assert "nothing was changed" in line
    assert (data / "planner.json").read_bytes() == before


def test_stdout_and_stderr_both_full(data: Path) -> None:
    """Nothing can be told: the exit code alone says it, and the mock is saved once."""
    done = _planner(
        data,
        "mock",
        "add",
        "--round",
        "execution",
        "--minutes",
        "45",
        stdout=FULL,
        stderr_full=True,
    )
    assert done.returncode == 4
    assert [m["id"] for m in _mocks(data)] == ["m1"]


def test_an_ascii_stdout_gets_replacement_characters(data: Path) -> None:
    title = "Café launch in 漢字"
    done = _planner(
        data,
        "story",
        "add",
        "--title",
        title,
        "--competency",
        "shipping-under-deadline",
        PYTHONIOENCODING="ascii",
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    assert b"Caf? launch in ??" in done.stdout
    listed = _planner(data, "story", "list", PYTHONIOENCODING="ascii")
    assert listed.returncode == 0, listed.stderr
    assert b"Caf? launch" in listed.stdout
    as_json = _planner(data, "story", "list", "--json", PYTHONIOENCODING="ascii")
    assert as_json.returncode == 0, as_json.stderr
    as_json.stdout.decode("ascii")  # plain ASCII: the JSON escapes what it cannot print
    assert json.loads(as_json.stdout)[0]["title"] == title
