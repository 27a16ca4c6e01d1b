"""`planner` (the app) without a terminal exits 2 with one line on stderr and writes nothing
to stdout (issue 14, item 8): it used to run until killed, writing escape codes into `out`.

Real subprocesses: whether stdin and stdout are terminals is the point of the test.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _planner(
    args: list[str], data: Path, stdin: int | None, stdout: int | None
) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PLANNER_HOME": str(data), "PLANNER_TODAY": "2026-11-25"}
    # A generous bound: the old behaviour ran forever; the new one ends in well under it.
    return subprocess.run(
        [sys.executable, "-m", "planner", *args],
        stdin=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def _init(data: Path) -> None:
    done = _planner(
        ["init", "--seniority", "mid", "--onsite", "2026-12-25"],
        data,
        subprocess.DEVNULL,
        subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("args", [[], ["demo"]], ids=["app", "demo"])
def test_no_terminal_at_all(tmp_path: Path, args: list[str]) -> None:
    """`planner </dev/null >out`: exit 2, one line, `out` empty."""
    data = tmp_path / "data"
    _init(data)
    before = (data / "planner.json").read_bytes()
    out = tmp_path / "out"
    with out.open("wb") as sink:
        done = _planner(args, data, subprocess.DEVNULL, sink.fileno())
    assert done.returncode == 2, done.stderr
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("planner: error: the app needs a terminal"), lines
    assert out.read_bytes() == b""
    assert (data / "planner.json").read_bytes() == before


def test_stdout_redirected_from_a_terminal(tmp_path: Path) -> None:
    """stdin is a terminal but stdout goes to a file: refused the same way."""
    data = tmp_path / "data"
    _init(data)
    master, slave = os.openpty()
    try:
        out = tmp_path / "out"
        with out.open("wb") as sink:
            done = _planner([], data, slave, sink.fileno())
    finally:
        os.close(slave)
        os.close(master)
    assert done.returncode == 2, done.stderr
    assert out.read_bytes() == b""
    assert b"needs a terminal" in done.stderr


def test_stdin_not_a_terminal(tmp_path: Path) -> None:
    """stdout is a terminal but stdin is not (`planner < file`): refused, nothing drawn."""
    data = tmp_path / "data"
    _init(data)
    master, slave = os.openpty()
    try:
        done = _planner([], data, subprocess.DEVNULL, slave)
        os.set_blocking(master, False)
        try:
            drawn = os.read(master, 65536)
        except BlockingIOError:
            drawn = b""
    finally:
        os.close(slave)
        os.close(master)
    assert done.returncode == 2, done.stderr
    assert drawn == b""
    assert b"needs a terminal" in done.stderr


def test_an_empty_folder_without_a_terminal_stays_empty(tmp_path: Path) -> None:
    """No plan yet (the app would open onboarding): still refused, no folder created."""
    data = tmp_path / "data"
    done = _planner([], data, subprocess.DEVNULL, subprocess.DEVNULL)
    assert done.returncode == 2, done.stderr
    assert not data.exists()
