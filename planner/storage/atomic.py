"""Crash-safe file writes: temp file, fsync, rename, fsync of the directory."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def crash_point(name: str) -> None:
    """Exit at once when PLANNER_CRASH_AT names this point (used by the crash-sweep tests)."""
    if os.environ.get("PLANNER_CRASH_AT") == name:
        os._exit(137)


def ensure_private_dir(path: Path) -> None:
    """Create `path` (and parents) as 0700, tightening an existing folder's mode."""
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    if path.stat().st_mode & 0o777 != DIR_MODE:
        os.chmod(path, DIR_MODE)


def fsync_dir(path: Path) -> None:
    """Flush a folder's entries so a rename inside it survives power loss."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, before_replace: object = None) -> None:
    """Replace `path` with `data` so that a crash leaves the old or the new bytes, never half.

    The temp file lives in the same folder (same file system), is created 0600, is fsynced
    before the rename, and the folder is fsynced after it.
    """
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        crash_point("after-temp-create")
        half = len(data) // 2
        _write_all(fd, data[:half])
        crash_point("after-half-write")
        _write_all(fd, data[half:])
        os.fsync(fd)
        crash_point("after-fsync")
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    os.close(fd)
    try:
        if callable(before_replace):
            before_replace()
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    crash_point("after-replace")
    fsync_dir(path.parent)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def remove_stale_temps(folder: Path, name: str) -> None:
    """Delete temp files a killed writer left behind (they never hold committed data)."""
    for leftover in folder.glob(f".{name}.tmp-*"):
        with contextlib.suppress(OSError):
            leftover.unlink()
