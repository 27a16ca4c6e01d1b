"""Files the user names for the planner to write (an export, a partner kit).

Two rules (issue 14, item 2):
- The data folder's own files are never a target: the data file, the lock, backups, recovery
  files, kept damaged copies and temp files. The target is compared after resolving links,
  and by inode too (a hard link to the data file is the data file).
- A target that is a link or not a regular file (`/dev/stdout`, a FIFO, a terminal, a
  symlink to a file) is written through, the way a shell's `>` does: the link or device
  stays what it is. Only a regular file or a new path is replaced atomically (temp file,
  fsync, rename), so a crash leaves the old or the new export.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

from planner.storage.atomic import FILE_MODE, atomic_write
from planner.storage.backups import BACKUP_DIR
from planner.storage.drafts import PREFIX as RECOVERY_PREFIX
from planner.storage.store import DB_NAME, LOCK_NAME


def is_data_file(data_dir: Path, target: Path) -> bool:
    """Whether writing `target` would write one of the data folder's own files."""
    folder = Path(os.path.realpath(data_dir))
    real = Path(os.path.realpath(target))
    if real == folder / BACKUP_DIR or folder / BACKUP_DIR in real.parents:
        return True
    if real.parent == folder and _reserved_name(real.name):
        return True
    # The data file or lock may be links to elsewhere, or the target a hard link to them.
    try:
        wanted = os.stat(target)
    except OSError:
        return False
    for name in (DB_NAME, LOCK_NAME):
        with contextlib.suppress(OSError):
            own = os.stat(data_dir / name)
            if (own.st_dev, own.st_ino) == (wanted.st_dev, wanted.st_ino):
                return True
    return False


def _reserved_name(name: str) -> bool:
    return (
        name == LOCK_NAME
        or name.startswith(DB_NAME)  # the data file, its kept damaged copies
        or name.startswith(RECOVERY_PREFIX)
        or (name.startswith(".") and ".tmp-" in name)  # a save's temp file
    )


def write_target(path: Path, data: bytes) -> None:
    """Write `data` to `path`: atomically for a regular file or a new path, else through it.

    Raises OSError as the system reports it (the caller words it for the user).
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        atomic_write(path, data)
        return
    if stat.S_ISREG(info.st_mode):
        atomic_write(path, data)
        return
    _write_through(path, data)


def _write_through(path: Path, data: bytes) -> None:
    """Open `path` following links (a FIFO waits for its reader) and write `data` into it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, FILE_MODE)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        try:
            os.fsync(fd)
        except OSError as exc:  # a pipe, a terminal or /dev/null cannot be flushed: fine
            if exc.errno not in (errno.EINVAL, errno.EROFS, errno.ENOTSUP):
                raise
    finally:
        os.close(fd)


def is_stdout(path: Path) -> bool:
    """Whether `path` is where this process's stdout goes (`-o /dev/stdout`)."""
    try:
        mine = os.fstat(1)
        there = os.stat(path)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino)
