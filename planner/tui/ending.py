"""How the app ends on a stop signal (SIGTERM, SIGHUP) even when its terminal is gone.

The hang this prevents (issue 14, item 9): Textual writes to the terminal from a thread
("textual-output") fed by a queue of 30 slots. When the terminal closes (tmux kill-server, a
closed window), that thread's next write fails with EIO and the thread dies; nothing takes
from the queue any more, so once 30 more writes are queued (shutting down writes many:
leave the alternate screen, show the cursor, stop mouse reporting...) the main thread blocks
for ever in `Queue.put`. A stop signal could not end it either: the handler was an asyncio
one, run by the event loop the main thread no longer turns.

What this module does, with public Python and Textual API only:
- SIGTERM and SIGHUP get a plain `signal.signal` handler. Python runs it in the main thread
  even while that thread waits on a lock (as in `Queue.put`). It asks the event loop to stop
  the app the usual way (keep unsaved form text, then exit) and starts a watchdog.
- On SIGHUP, and when the output thread dies of an OSError (`threading.excepthook`), the
  terminal is gone: stdout and stderr are pointed at /dev/null (`os.dup2`), so the output
  thread, if still alive, never fails and shutdown does not fill its queue.
- The watchdog: if the process is still there `GRACE_SECONDS` later, it keeps the drafts
  itself (the main thread is stuck, so nothing else touches the forms) and ends the process
  with `os._exit(128 + signal)`.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any

STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
GRACE_SECONDS = 1.2
"""How long a normal shutdown may take after a stop signal before the watchdog ends it."""
OUTPUT_THREAD = "textual-output"
"""The name Textual gives the thread that writes to the terminal."""


class Ending:
    """Stop signals and a lost terminal end the process, after `keep` ran, within a bound."""

    def __init__(self, stop: Callable[[int], object], keep: Callable[[], object]) -> None:
        self._stop = stop
        """The app's usual way out on a signal (keeps drafts, exits): run on the event loop."""
        self._keep = keep
        """Keeps unsaved form text on disk (safe to call more than once)."""
        self._loop: asyncio.AbstractEventLoop | None = None
        self._lock = threading.Lock()
        self._watchdog: threading.Thread | None = None
        self._previous_hook = threading.excepthook

    def install(self) -> None:
        """Take over SIGTERM, SIGHUP and the output thread's death (call on the loop)."""
        self._loop = asyncio.get_running_loop()
        for signum in STOP_SIGNALS:
            signal.signal(signum, self._on_signal)
        threading.excepthook = self._on_thread_error

    # -- triggers ----------------------------------------------------------------------------

    def _on_signal(self, signum: int, _frame: Any) -> None:
        if signum == signal.SIGHUP:
            detach_terminal()
        self.begin(signum)

    def _on_thread_error(self, args: threading.ExceptHookArgs) -> None:
        thread = args.thread
        if (
            thread is not None
            and thread.name == OUTPUT_THREAD
            and issubclass(args.exc_type, OSError)
        ):
            # The terminal went away under the writer: end as if it had said so (SIGHUP).
            detach_terminal()
            self.begin(signal.SIGHUP)
            return
        self._previous_hook(args)

    def begin(self, signum: int) -> None:
        """Stop the app the usual way on its loop; make sure the process ends regardless."""
        if self._watchdog is None:
            self._watchdog = threading.Thread(
                target=self._watch, args=(signum,), name="planner-ending", daemon=True
            )
            self._watchdog.start()
        if self._loop is not None and not self._loop.is_closed():
            with contextlib.suppress(RuntimeError):
                self._loop.call_soon_threadsafe(self._graceful, signum)

    # -- the two ways out -----------------------------------------------------------------

    def _graceful(self, signum: int) -> None:
        with self._lock:
            self._stop(signum)

    def _watch(self, signum: int) -> None:
        threading.Event().wait(GRACE_SECONDS)
        # Still here: the main thread is stuck (or very slow). Keep the drafts unless the
        # usual path is writing them right now, then leave.
        if self._lock.acquire(timeout=GRACE_SECONDS / 2):
            try:
                with contextlib.suppress(Exception):
                    self._keep()
            finally:
                self._lock.release()
        with contextlib.suppress(Exception):
            sys.stderr.flush()
        os._exit(128 + signum)


def detach_terminal() -> None:
    """Point stdout and stderr at /dev/null: the terminal is gone, writes must not fail."""
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            for fd in (1, 2):
                with contextlib.suppress(OSError):
                    os.dup2(devnull, fd)
        finally:
            os.close(devnull)
