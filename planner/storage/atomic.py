"""Crash-safe file writes: temp file, fsync, rename, fsync of the directory."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700
CRASH_ENV = "PLANNER_CRASH_AT"

CRASH_POINTS: tuple[str, ...] = (
    "after-temp-create",
    "after-half-write",
    "after-fsync",
    "before-replace",
    "after-replace",
    "before-dir-fsync",
    "after-commit",
    "after-backup-link",
    "mid-backup-rotation",
    "after-pre-migration-backup",
    "after-restore-keep",
)
"""Every fixed crash point; migrations add `mid-migration-N` for each step to schema N."""

MIGRATION_CRASH_POINT = "mid-migration-{version}"

_hits: dict[str, int] = {}


def crash_point(name: str) -> None:
    """Exit at once when PLANNER_CRASH_AT names this point (used by the crash-sweep tests).

    `PLANNER_CRASH_AT=name:N` exits at the N-th time the point is reached instead of the first.
    """
    target = os.environ.get(CRASH_ENV)
    if not target:
        return
    wanted, _, nth = target.partition(":")
    if wanted != name:
        return
    _hits[name] = _hits.get(name, 0) + 1
    if _hits[name] >= (int(nth) if nth.isdigit() else 1):
        os._exit(137)


def ensure_private_dir(path: Path) -> None:
    """Create `path` as exactly 0700 (whatever the umask) when it does not exist.

    An existing folder is left as it is: it may be the user's working folder (`--data-dir .`)
    or read-only on purpose. Missing parents are created with the usual mode.
    """
    if path.is_dir():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        path.mkdir(mode=DIR_MODE)
    except FileExistsError:
        if path.is_dir():  # another process created it just now
            return
        raise
    os.chmod(path, DIR_MODE)


def fsync_dir(path: Path) -> None:
    """Flush a folder's entries so a rename inside it survives power loss."""
    fd = os.open(path, os.O_RDONLY)
    try:
        crash_point("before-dir-fsync")
        os.fsync(fd)
    finally:
        os.close(fd)


class FlushError(OSError):
    """The new bytes are in place but the folder could not be flushed to disk."""


def atomic_write(
    path: Path,
    data: bytes,
    before_replace: Callable[[], object] | None = None,
    mode: int = FILE_MODE,
) -> None:
    """Replace `path` with `data` so that a crash leaves the old or the new bytes, never half.

    The temp file lives in the same folder (same file system), is created 0600 (or `mode`),
    is fsynced before the rename, and the folder is fsynced after it. An error before the
    rename leaves `path` untouched and no temp file; an error flushing the folder after it
    raises FlushError.
    """
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, FILE_MODE)
    try:
        os.fchmod(fd, mode)  # exactly 0600 whatever the umask
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
        if before_replace is not None:
            before_replace()
        crash_point("before-replace")
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    crash_point("after-replace")
    try:
        fsync_dir(path.parent)
    except OSError as exc:
        raise FlushError(exc.errno, exc.strerror) from None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def remove_stale_temps(folder: Path, name: str) -> None:
    """Delete temp files a killed writer left for `name` and its siblings (`name.corrupt-*`).

    Call it only while holding the data lock: temps never hold committed data, and under the
    lock no other process is writing one.
    """
    with contextlib.suppress(OSError):
        for leftover in folder.glob(f".{name}*.tmp-*"):
            with contextlib.suppress(OSError):
                leftover.unlink()
