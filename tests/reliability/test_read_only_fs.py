"""A real read-only file system (RELIABILITY.md #25), not a patched `os`.

The data folder is bind-mounted read-only inside a user+mount namespace (`unshare -rm`):
reads work, a write is refused with one line and no traceback, the TUI opens and says
"not saved" instead of crashing, and not one byte changes. Skipped where the kernel does
not allow unprivileged namespaces.
"""

from __future__ import annotations

import datetime as dt
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pty_support import terminal

from planner.demo import fill_demo
from planner.service import ContentLibrary

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 25)


def _namespaces_work() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o ro tmpfs /mnt && true"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


pytestmark = pytest.mark.skipif(
    not _namespaces_work(), reason="unprivileged user/mount namespaces are not available here"
)


def _listing(folder: Path) -> dict[str, tuple[int, int, int]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_ino, p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
    }


def _read_only(data: Path, command: str) -> list[str]:
    """argv running `command` with `data` mounted read-only."""
    folder = shlex.quote(str(data))
    script = (
        f"mount --bind {folder} {folder} && mount -o remount,bind,ro {folder} {folder} && "
        f"exec {command}"
    )
    return ["unshare", "-rm", "sh", "-c", script]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A demo candidate's folder."""
    folder = tmp_path / "data"
    fill_demo(folder, ContentLibrary(ROOT / "content", ROOT / "plans"), TODAY)
    return folder


def _cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PLANNER_HOME": str(data), "PLANNER_TODAY": TODAY.isoformat()}
    command = shlex.join([sys.executable, "-m", "planner", *args])
    return subprocess.run(
        _read_only(data, command), capture_output=True, text=True, env=env, check=False
    )


def test_cli_reads_work_and_writes_fail_cleanly(data: Path) -> None:
    """today/check/export read fine; mock add and done say why in one line; no change."""
    before = _listing(data)
    raw = (data / "planner.json").read_bytes()
    for args in (["today"], ["check", "--json"], ["export", "--format", "json"], ["story", "list"]):
        done = _cli(data, *args)
        assert done.returncode == 0, (args, done.stderr)
        assert done.stdout
    writes = (
        ["mock", "add", "--round", "execution"],
        ["story", "add", "--title", "Read-only test"],
        ["replan"],
    )
    for args in writes:
        done = _cli(data, *args)
        assert done.returncode not in (0, 2), (args, done.returncode)
        assert "Traceback" not in done.stderr
        assert done.stderr.count("\n") == 1, done.stderr
        assert "Read-only file system" in done.stderr, done.stderr
    assert _listing(data) == before
    assert (data / "planner.json").read_bytes() == raw
    print(f"read-only FS: 4 reads ok, {len(writes)} writes refused cleanly")


def test_tui_opens_and_a_save_says_not_saved(data: Path) -> None:
    """The app starts on a read-only folder; ticking a task says not saved; quit is clean."""
    before = _listing(data)
    env = {"PLANNER_HOME": str(data), "PLANNER_TODAY": TODAY.isoformat()}
    argv = _read_only(data, shlex.join([sys.executable, "-m", "planner"]))
    with terminal(argv, env) as term:
        assert term.read_until(b"days to", 60), bytes(term.stream[-400:])
        assert term.press(b"t", b"Today's tasks"), bytes(term.stream[-600:])
        assert term.press(b" ", b"Read-only"), bytes(term.stream[-600:])
        term.type(b"q")
        term.read_until(None, 20)  # read what it draws while quitting, until the pty closes
        code = term.proc.wait(timeout=20)
    assert code == 0
    assert b"Traceback" not in term.stream
    assert _listing(data) == before
