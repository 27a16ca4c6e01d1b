"""Lock contention (RELIABILITY.md #10): another process holds the data lock for seconds.

The app says "busy" in the header, keeps handling keys, turns a save into a retryable
message that loses nothing (a form keeps its text), and saves once the lock is free.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import tui_support
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, TextArea

from planner.service import Planner
from planner.tui.app import BUSY_NOTE, LOCK_WAIT_SECONDS, PlannerApp
from planner.tui.forms.story_editor import StoryEditor

SIZE = (100, 32)
HOLDER = """
import fcntl, sys, time
fd = open(sys.argv[1], "a+")
fcntl.flock(fd, fcntl.LOCK_EX)
print("held", flush=True)
sys.stdin.read()  # hold until the test closes our stdin (or 30 s pass, via the test's kill)
"""


@contextmanager
def lock_held_elsewhere(lock_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the planner's lock until the block ends."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(lock_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "held"
        yield proc
    finally:
        if proc.stdin is not None:
            proc.stdin.close()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def notes(pilot: Pilot[None]) -> list[str]:
    """The messages of the notifications shown so far."""
    return tui_support.notice_messages(pilot.app)


async def test_busy_lock_is_shown_keys_work_and_nothing_is_lost(demo: Planner) -> None:
    """Space and a story save while the lock is held elsewhere; then again once it is free."""
    store = demo.session.store
    app = PlannerApp(demo)
    assert store.lock_timeout <= LOCK_WAIT_SECONDS
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        tasks = app.screen.query_one("#today-tasks", OptionList)
        tasks.focus()
        tasks.highlighted = 0
        task_id = tasks.get_option_at_index(0).id or ""
        was_done = demo.session.plan().task(task_id).done
        before = store.path.read_bytes()
        with lock_held_elsewhere(store.lock_path):
            started = time.monotonic()
            await pilot.press("space")
            await pilot.pause()
            waited = time.monotonic() - started
            assert app.busy
            assert BUSY_NOTE in app.sub_title
            assert any("not saved" in n and "Nothing is lost" in n for n in notes(pilot))
            assert store.path.read_bytes() == before
            # Keys still work while the other process holds on.
            await pilot.press("down")
            await pilot.pause()
            assert tasks.highlighted == 1
            await pilot.press("up")
            # A form: its save is refused, its text stays, the form stays open.
            await app.switch_mode("stories")
            await pilot.pause()
            await pilot.press("a")
            await pilot.pause()
            editor = app.screen
            assert isinstance(editor, StoryEditor)
            editor.query_one("#title", Input).value = "Shipped the mobile offline mode"
            editor.query_one("#result", TextArea).load_text("Weekly learners +18% in 6 weeks.")
            await pilot.press("ctrl+s")
            await pilot.pause()
            reopened = app.screen
            assert isinstance(reopened, StoryEditor)
            assert reopened.query_one("#title", Input).value == "Shipped the mobile offline mode"
            assert "Weekly learners +18%" in reopened.query_one("#result", TextArea).text
            assert "Nothing is lost" in str(reopened.query_one("#form-problem-error").render())
            app.poll_changes()
            assert app.busy  # still held
            assert store.path.read_bytes() == before
        app.poll_changes()
        await pilot.pause()
        assert not app.busy
        assert BUSY_NOTE not in app.sub_title
        assert any("free again" in n for n in notes(pilot))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, StoryEditor)
        await app.switch_mode("today")
        await pilot.pause()
        tasks.focus()
        tasks.highlighted = 0
        await pilot.press("space")
        await pilot.pause()
    print(f"busy save gave up after {waited:.2f} s (lock wait cap {LOCK_WAIT_SECONDS} s)")
    fresh = Planner(store, demo.session.library, demo.today)
    assert fresh.session.plan().task(task_id).done is not was_done
    assert [s.title for s in fresh.session.state().stories if s.title.startswith("Shipped")] == [
        "Shipped the mobile offline mode"
    ]
