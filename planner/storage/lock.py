"""An inter-process lock on a separate lock file (flock), with a timeout."""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from planner.storage.atomic import FILE_MODE
from planner.storage.errors import BusyError, StorageError

POLL_SECONDS = 0.02
"""The longest wait between two tries; the first waits are shorter (1 ms, doubling)."""


def _open_lock_file(path: Path) -> int:
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    except OSError as exc:
        raise StorageError(f"cannot open the lock file {path}: {exc.strerror or exc}") from None
    with contextlib.suppress(OSError):  # a lock file we cannot tighten still locks
        # A linked lock file locks through the link; its target's mode is not ours to change.
        if os.fstat(fd).st_mode & 0o777 != FILE_MODE and not os.path.islink(path):
            os.fchmod(fd, FILE_MODE)
    return fd


@contextmanager
def file_lock(path: Path, timeout: float, shared: bool = False) -> Iterator[None]:
    """Hold an flock on `path` for the block; raise BusyError after `timeout` seconds.

    The kernel drops the lock when the holder dies, so a killed process never leaves a
    stale lock behind.
    """
    fd = _open_lock_file(path)
    try:
        mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
        deadline = time.monotonic() + timeout
        pause = 0.001
        while True:
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise BusyError(
                        f"the data is busy: another planner process holds {path}; try again"
                    ) from None
                time.sleep(pause)
                pause = min(pause * 2, POLL_SECONDS)
            except OSError as exc:
                raise StorageError(f"cannot lock {path}: {exc.strerror or exc}") from None
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def held_elsewhere(path: Path) -> bool:
    """Whether another open of the lock file holds it exclusively now (a writer is saving).

    Takes and drops a shared lock without waiting; a missing lock file means nobody holds it.
    """
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)
