"""planner.tui.ending: a stop signal ends a process whose main thread is stuck the way the
app's shutdown got stuck (blocked in `Queue.put` on a queue nobody empties), after keeping
the drafts, well within 2 s (issue 14, item 9). Before, the stop signals were asyncio
handlers, which a stuck event loop never runs: SIGTERM did not end such a process at all.

Each case runs in a child process: the watchdog ends its process with os._exit.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import asyncio, queue, sys
from pathlib import Path
from planner.tui.ending import Ending

kept = Path(sys.argv[1])

def keep():
    kept.write_text("drafts kept", encoding="utf-8")

async def main():
    # The usual way out never comes back: the loop is about to be stuck.
    Ending(lambda signum: None, keep).install()
    stuck = queue.Queue(1)
    stuck.put("full")
    print("stuck", flush=True)
    stuck.put("blocks for ever")  # what Textual's writer queue did to the shutdown

asyncio.run(main())
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_stop_signal_ends_a_stuck_process_after_keeping_drafts(
    tmp_path: Path, signum: int
) -> None:
    kept = tmp_path / "kept"
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(kept)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline() == b"stuck\n"
        sent = time.monotonic()
        os.kill(proc.pid, signum)
        code = proc.wait(timeout=30)  # generous; the bound is checked below
        took = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert code == 128 + signum, proc.stderr.read() if proc.stderr else b""
    assert kept.read_text(encoding="utf-8") == "drafts kept"
    # 1.2 s of grace, then the drafts and os._exit; the margin is for a loaded machine.
    print(f"ended {took:.2f} s after the signal")  # shown with -s
    assert took < 5, took
