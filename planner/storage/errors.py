"""Typed storage failures that the front ends turn into messages and exit codes."""

from __future__ import annotations

from pathlib import Path


class StorageError(Exception):
    """Saving or loading failed; the data on disk is the last committed state."""


class BusyError(StorageError):
    """Another process held the data lock for too long."""


class CorruptDatabase(StorageError):
    """The data file exists but cannot be used; it is left exactly as it is."""

    def __init__(self, path: Path, problem: str, backup: Path | None) -> None:
        self.path = path
        self.problem = problem
        self.backup = backup
        hint = (
            f"restore the latest backup {backup} with `planner restore`"
            if backup
            else "no backup exists yet; fix the file by hand or move it away to start over"
        )
        super().__init__(f"cannot read {path}: {problem}; {hint}")
