"""The data file spoken of in planner records: transactions, snapshots and the decoded state."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from planner.storage import state_cache
from planner.storage.repository import Records
from planner.storage.store import Store

if TYPE_CHECKING:
    from planner.domain.models import State


class RecordStore(Store):
    """A Store whose transactions and snapshots speak in planner records."""

    @contextmanager
    def session(self) -> Iterator[Records]:
        """A write transaction over the planner's records (saved once at the end)."""
        with self.transaction() as db:
            yield Records(db)

    @contextmanager
    def snapshot(self) -> Iterator[Records]:
        """A read-only view of the committed records."""
        with self.read() as db:
            yield Records(db)

    def state(self) -> State:
        """Every record as committed now, decoded (a damaged one is skipped and named).

        A large file's records come from the state cache when it holds them for these very
        bytes, else they are decoded and kept there for the next process
        (`planner.storage.state_cache`).
        """
        with self._turn:
            raw = self._raw()
            entry = state_cache.Entry(self.path, raw) if raw is not None else None
            found = entry.load() if entry is not None else None
            if found is not None:
                return found
            with self.read(raw) as db:
                state = Records(db).state()
        if entry is not None:
            entry.store(state)
        return state

    def cached_state(self) -> State | None:
        """The records from the state cache when it holds them for the file as it is now;
        None otherwise (nothing is parsed: a first screen asks this before deciding to)."""
        try:
            size = self.path.stat().st_size
        except OSError:
            return None
        if not state_cache.wanted(size):
            return None
        with self._turn:
            raw = self._raw()
        return state_cache.Entry(self.path, raw).load() if raw is not None else None
