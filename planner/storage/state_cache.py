"""The decoded records of a large data file, kept in the cache folder between processes.

A data file of thousands of records costs a start-up most of its time in parsing the JSON,
checking its shape and decoding every record (with 10k mocks, about 150 ms of a 2.4 MB
file), and the result is the same until the file changes. So when the file is large, the
decoded `State` is kept as an entry of `planner.cache` whose key is the file's bytes
themselves (compared whole: a file that differs by one byte never gets another file's
records) and a checksum of the code that decodes them. A later read of the same bytes
unpickles the entry instead (about 20 ms for the same file).

A small file (every real candidate's) is parsed as before: the entry would cost more than
it saves. The entry holds the user's own data, so it is written only into a cache folder
that nobody else can read (`cache.write(..., secret=True)`), 0600; deleting the cache
folder loses nothing. Nothing here raises: an entry that cannot be read or written is
simply not used.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from planner import cache

if TYPE_CHECKING:
    from planner.domain.models import State

UNUSED_DAYS = 30
"""A state entry not written for this long is deleted at the next write of another one."""
MIN_BYTES = 256 * 1024
"""From this size on a data file's decoded records are cached (about 1,000 mocks; a
candidate's file is a few tens of KB, parsed in about a millisecond)."""

STATE_CODE = (
    "dates.py",
    "domain/text.py",
    "storage/state_cache.py",
    "storage/record_store.py",
    "storage/store.py",
    "storage/fileformat.py",
    "storage/migrations.py",
    "storage/repository.py",
    "storage/ids.py",
    "storage/codec.py",
    "domain/models.py",
    "domain/content.py",
)
"""The code that turns the file's bytes into records (an entry built by other code is
never used)."""


def wanted(size: int) -> bool:
    """Whether a data file of `size` bytes is large enough for its records to be cached."""
    return size >= MIN_BYTES


def entry_name(data_file: Path) -> str:
    """The name of the cache entry for the data file at this path (made absolute, so a
    relative and an absolute data folder share one entry)."""
    return f"state-{zlib.crc32(os.path.abspath(data_file).encode()):08x}.bin"


def prune(keep: str, days: int = UNUSED_DAYS) -> None:
    """Delete the state entries other than `keep` not written for `days` days: the copies
    of data folders moved, deleted or no longer large (nothing raises)."""
    folder = cache.cache_dir()
    if folder is None:
        return
    limit = time.time() - days * 86400
    try:
        entries = list(folder.glob("state-*.bin"))
    except OSError:
        return
    for entry in entries:
        if entry.name == keep:
            continue
        with contextlib.suppress(OSError):
            if entry.lstat().st_mtime < limit:
                entry.unlink()


class Entry:
    """The cache entry for one version of a data file: its path and its bytes."""

    def __init__(self, data_file: Path, raw: bytes) -> None:
        self.name = entry_name(data_file)
        self.raw = raw
        self._key: bytes | None = None

    @property
    def key(self) -> bytes:
        """The bytes themselves and the decoding code's checksums (built once)."""
        if self._key is None:
            self._key = cache.key([self.raw], STATE_CODE)
        return self._key

    def load(self) -> State | None:
        """The records decoded from these bytes, when the cache holds them."""
        if not wanted(len(self.raw)):
            return None
        payload = cache.read(self.name, self.key)
        if payload is None:
            return None
        import gc
        import pickle

        from planner.domain.models import State

        # Everything unpickled lives on, so the collector's passes during the load would
        # only look at it in vain (about a third of the load's time with 10k mocks). Only the
        # main thread pauses it: a worker's look at the collector and its pause could
        # straddle another thread's and leave it paused for good.
        collecting = threading.current_thread() is threading.main_thread() and gc.isenabled()
        if collecting:
            gc.disable()
        try:
            found = pickle.loads(payload)
        except Exception:  # a damaged or foreign entry: decoded afresh (and replaced)
            return None
        finally:
            if collecting:
                gc.enable()
        return found if isinstance(found, State) else None

    def store(self, state: State) -> None:
        """Keep `state`, decoded from these bytes, for the next read."""
        if not wanted(len(self.raw)):
            return
        import pickle

        try:
            payload = pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # records that cannot be pickled are simply not cached
            return
        cache.write(self.name, self.key, payload, secret=True)
        prune(self.name)
