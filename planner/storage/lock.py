"""An inter-process lock on a separate lock file (flock), with a timeout."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from planner.storage.atomic import FILE_MODE
from planner.storage.errors import BusyError

POLL_SECONDS = 0.02


@contextmanager
def file_lock(path: Path, timeout: float, shared: bool = False) -> Iterator[None]:
    """Hold an flock on `path` for the block; raise BusyError after `timeout` seconds.

    The kernel drops the lock when the holder dies, so a killed process never leaves a
    stale lock behind.
    """
    fd = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise BusyError(
                        f"the data is busy: another planner process holds {path}; try again"
                    ) from None
                time.sleep(POLL_SECONDS)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
