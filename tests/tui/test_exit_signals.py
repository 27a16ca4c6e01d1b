"""A real `planner` in a pty, stopped by SIGTERM or SIGHUP mid-edit (RELIABILITY.md #6).

The text typed into the open form ends up in `recovery-<pid>.json`; planner.json is not
touched; the process ends promptly even when the terminal is already gone (SIGHUP).
"""

from __future__ import annotations

import datetime as dt
import json
import signal
import stat
import sys
from pathlib import Path

import pytest
from pty_support import terminal

from planner.demo import fill_demo
from planner.service import ContentLibrary

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 25)
TITLE = "Cut onboarding from 9 steps to 4"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_signal_mid_edit_keeps_the_form_text(tmp_path: Path, signum: int) -> None:
    """Type a story title, signal the process: the title is in its recovery file."""
    data = tmp_path / "data"
    fill_demo(data, ContentLibrary(ROOT / "content", ROOT / "plans"), TODAY)
    before = (data / "planner.json").read_bytes()
    env = {"PLANNER_HOME": str(data), "PLANNER_TODAY": TODAY.isoformat()}
    with terminal([sys.executable, "-m", "planner"], env) as term:
        assert term.read_until(b"days to", 60), term.stream[-400:]
        # Each key waits until what it opens is drawn (never a fixed time: on a loaded
        # machine the title would otherwise be typed before the editor is there).
        assert term.press(b"s", b"Coverage ("), term.stream[-400:]  # the Stories screen
        assert term.press(b"a", b"Situation"), term.stream[-400:]  # the new-story editor
        # Signal as soon as the app has drawn the whole title, before its 1-s autosave could
        # run: the signal path itself must write the file.
        assert term.press(TITLE.encode(), TITLE.encode()), term.stream[-400:]
        if signum == signal.SIGHUP:  # the terminal window closes: the pty goes away first
            term.hang_up()
        term.proc.send_signal(signum)
        code = term.proc.wait(timeout=20)
        pid = term.proc.pid
    assert code != 0
    kept = data / f"recovery-{pid}.json"
    assert kept.exists(), sorted(p.name for p in data.iterdir())
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    drafts = json.loads(kept.read_text(encoding="utf-8"))["drafts"]
    assert [(d["mode"], d["kind"]) for d in drafts] == [("stories", "story")]
    assert drafts[0]["fields"]["title"] == TITLE
    assert (data / "planner.json").read_bytes() == before
    assert not [p for p in data.iterdir() if ".tmp-" in p.name]
