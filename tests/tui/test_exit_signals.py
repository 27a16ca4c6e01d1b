"""A real `planner` in a pty, stopped by SIGTERM or SIGHUP mid-edit (RELIABILITY.md #6).

The text typed into the open form ends up in `recovery-<pid>.json`; planner.json is not
touched; the process ends promptly even when the terminal is already gone (SIGHUP).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import select
import signal
import stat
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from planner.demo import fill_demo
from planner.service import ContentLibrary

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 25)
TITLE = "Cut onboarding from 9 steps to 4"


def _read_until(fd: int, deadline: float, needle: bytes, sink: bytearray) -> bool:
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return False
        if not chunk:
            return False
        sink += chunk
        if needle in sink:
            return True
    return False


def _drain(fd: int, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                if not os.read(fd, 65536):
                    return
            except OSError:
                return


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_signal_mid_edit_keeps_the_form_text(tmp_path: Path, signum: int) -> None:
    """Type a story title, signal the process: the title is in its recovery file."""
    data = tmp_path / "data"
    fill_demo(data, ContentLibrary(ROOT / "content", ROOT / "plans"), TODAY)
    before = (data / "planner.json").read_bytes()
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {
        **os.environ,
        "PLANNER_HOME": str(data),
        "PLANNER_TODAY": TODAY.isoformat(),
        "TERM": "xterm-256color",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "planner"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        close_fds=True,
        start_new_session=True,
    )
    os.close(slave)
    stream = bytearray()
    master_open = True
    try:
        assert _read_until(master, time.monotonic() + 60, b"days to", stream), stream[-400:]
        os.write(master, b"s")
        _drain(master, 1.0)
        os.write(master, b"a")
        _drain(master, 1.0)
        os.write(master, TITLE.encode())
        # Signal as soon as the app has drawn the title, before its 1-s autosave could run:
        # the signal path itself must write the file.
        assert _read_until(master, time.monotonic() + 30, b"to 4", stream), stream[-400:]
        if signum == signal.SIGHUP:  # the terminal window closes: the pty goes away first
            os.close(master)
            master_open = False
        proc.send_signal(signum)
        code = proc.wait(timeout=20)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        if master_open:
            os.close(master)
    assert code != 0
    kept = data / f"recovery-{proc.pid}.json"
    assert kept.exists(), sorted(p.name for p in data.iterdir())
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    drafts = json.loads(kept.read_text(encoding="utf-8"))["drafts"]
    assert [(d["mode"], d["kind"]) for d in drafts] == [("stories", "story")]
    assert drafts[0]["fields"]["title"] == TITLE
    assert (data / "planner.json").read_bytes() == before
    assert not [p for p in data.iterdir() if ".tmp-" in p.name]
