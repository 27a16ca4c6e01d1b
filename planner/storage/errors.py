"""Typed storage failures that the front ends turn into messages and exit codes."""

from __future__ import annotations

from pathlib import Path

from planner.errors import InputError


class StorageError(Exception):
    """Saving or loading failed; the data on disk is the last committed state."""


class BusyError(StorageError):
    """Another process held the data lock for too long."""


class Refused(InputError, StorageError):
    """The storage refused a change (exit 2): nothing was written."""


class TooLarge(Refused):
    """The change would take the data file over the size a planner file may have."""


class RecordGone(Refused):
    """The record to change no longer exists (another process deleted it just now)."""


class UnusableBackup(Refused):
    """The backup to restore is damaged or unreadable."""


class CorruptDatabase(StorageError):
    """The data file exists but cannot be used; it is left exactly as it is.

    `backup` is the newest backup that can be read (None when there is none); `hint`, when
    given, replaces the usual advice to restore it (e.g. for a permission problem).
    """

    def __init__(
        self, path: Path, problem: str, backup: Path | None, hint: str | None = None
    ) -> None:
        self.path = path
        self.problem = problem
        self.backup = backup
        if hint is None:
            hint = (
                f"restore the latest backup {backup} with `planner restore`"
                if backup
                else "no backup exists yet; fix the file by hand or move it away to start over"
            )
        self.hint = hint
        super().__init__(f"cannot read {path}: {problem}; {hint}")
