"""The rolling backups of the data file: their names, which can be restored, and keeping one.

The store keeps the file being replaced as the newest backup at every save (a hard link,
made just before the atomic rename), keeps the newest few, and never rotates away a
pre-migration copy or a file the user put into the folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import time
from pathlib import Path

from planner.storage.atomic import FILE_MODE, atomic_write, crash_point, ensure_private_dir
from planner.storage.fileformat import parse

BACKUP_DIR = "backups"
BACKUP_PREFIX = "planner-"
BACKUP_NAME = re.compile(r"planner-(\d{8,})-\d{8}T\d{6}(?:-pre-migration-v\d+)?\.json")
"""The names the planner gives its backups; any other file in backups/ is the user's."""
MAX_FILE_BYTES = 32 * 1024 * 1024
"""Far above any real planner file (10,000 logged mocks make about 2.3 MB): a bigger file is
refused before it is read, so a wrong or runaway file cannot eat the memory; a write that
would make the file bigger is refused before anything is written."""


def megabytes(size: int) -> str:
    """A file size as an error message says it."""
    return f"{size / 1024 / 1024:.1f} MB"


def backup_problem(backup: Path) -> str | None:
    """Why `backup` cannot be restored (damaged, too big, unreadable), or None."""
    try:
        size = backup.stat().st_size
        if size > MAX_FILE_BYTES:
            return f"it is {megabytes(size)}, more than a planner file can hold"
        parse(backup.read_bytes())
    except OSError as exc:
        return f"it cannot be read ({exc.strerror or exc})"
    except ValueError as exc:
        return str(exc)
    return None


class Backups:
    """The backups folder of one data file."""

    def __init__(self, data_file: Path, folder: Path, keep: int) -> None:
        self.data_file = data_file
        self.folder = folder
        self.keep = keep
        """How many of the planner's own backups a save leaves (pre-migration ones aside)."""

    def numbered(self) -> list[tuple[int, Path]]:
        """The planner's own backups with their sequence numbers, newest first.

        Only names the planner gives (`planner-<seq>-<time>[-pre-migration-vN].json`) count:
        a file the user put there (`planner-manual.json`) is never rotated away, numbered
        from, or restored as "latest".
        """
        try:
            names = os.listdir(self.folder)
        except OSError:
            return []
        found = []
        for name in names:
            match = BACKUP_NAME.fullmatch(name)
            path = self.folder / name
            if match and path.is_file():
                found.append((int(match.group(1)), path))
        return sorted(found, key=lambda item: (item[0], item[1].name), reverse=True)

    def newest_first(self) -> list[Path]:
        """The planner's own backups, newest first."""
        return [path for _, path in self.numbered()]

    def readable(self) -> tuple[Path | None, list[tuple[Path, str]]]:
        """The newest backup that can be restored, and the newer ones skipped with why."""
        skipped: list[tuple[Path, str]] = []
        for backup in self.newest_first():
            problem = backup_problem(backup)
            if problem is None:
                return backup, skipped
            skipped.append((backup, problem))
        return None, skipped

    def next_name(self, suffix: str = "") -> Path:
        """The name the next backup gets (the sequence number goes on from the newest)."""
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        existing = self.numbered()
        seq = existing[0][0] + 1 if existing else 1
        extra = f"-{suffix}" if suffix else ""
        return self.folder / f"{BACKUP_PREFIX}{seq:08d}-{stamp}{extra}.json"

    def link(self) -> None:
        """Keep the file being replaced as the newest backup (a hard link: no copy), then
        rotate the oldest of the planner's own backups away."""
        ensure_private_dir(self.folder)
        target = self.next_name()
        try:
            if self.data_file.is_symlink():
                raise OSError("a linked data file is copied, so its target's mode is kept")
            os.link(self.data_file, target)
        except OSError:
            shutil.copyfile(self.data_file, target)
        os.chmod(target, FILE_MODE)
        crash_point("after-backup-link")
        for old in self.newest_first()[self.keep :]:
            if "pre-migration" in old.name:
                continue
            with contextlib.suppress(OSError):
                old.unlink()
            crash_point("mid-backup-rotation")

    def copy(self, raw: bytes, suffix: str) -> Path:
        """Keep `raw` (e.g. the file before a migration) as the newest backup."""
        ensure_private_dir(self.folder)
        target = self.next_name(suffix)
        atomic_write(target, raw)
        return target
