"""The data file: TinyDB over crash-safe storage, a cross-process lock, backups, migrations."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tinydb import TinyDB
from tinydb.storages import Storage

from planner.storage import migrations
from planner.storage.atomic import (
    FILE_MODE,
    MIGRATION_CRASH_POINT,
    FlushError,
    atomic_write,
    crash_point,
    ensure_private_dir,
    remove_stale_temps,
)
from planner.storage.backups import (
    BACKUP_DIR,
    BACKUP_PREFIX,
    MAX_FILE_BYTES,
    Backups,
    backup_problem,
    megabytes,
)
from planner.storage.errors import (
    CorruptDatabase,
    Refused,
    StorageError,
    TooLarge,
    UnusableBackup,
)
from planner.storage.fileformat import META_TABLE, Tables, parse, serialize
from planner.storage.lock import file_lock, held_elsewhere

DB_NAME = "planner.json"
LOCK_NAME = "planner.lock"
CORRUPT_INFIX = ".corrupt-"


class _BufferStorage(Storage):
    """TinyDB storage over an in-memory dict: a transaction reads once and writes once."""

    def __init__(self, data: Tables, read_only: bool = False) -> None:
        self.data = data
        self.read_only = read_only
        self.dirty = False

    def read(self) -> Tables:
        return self.data

    def write(self, data: Tables) -> None:
        if self.read_only:
            raise StorageError("internal error: write inside a read-only snapshot")
        self.data = data
        self.dirty = True


class _Loaded:
    """The bytes of the data file as read, and the (migrated) tables they hold.

    A plain class, not a dataclass: nothing compares or prints it, and a dataclass's
    generated methods are compiled at import (on every command's path)."""

    __slots__ = ("data", "migrated_from", "raw")

    def __init__(self, raw: bytes, data: Tables, migrated_from: int | None) -> None:
        self.raw = raw
        self.data = data
        self.migrated_from = migrated_from


def _empty() -> Tables:
    return {META_TABLE: {"1": {"schema_version": migrations.SCHEMA_VERSION}}}


__all__ = ["DB_NAME", "Store", "parse", "serialize"]


class Store:
    """One planner data file with atomic saves, a lock, rolling backups and migrations.

    Safe to share between threads: reads and transactions of one Store take turns, so a
    transaction's in-place changes are never seen half-done by a read in another thread.
    """

    def __init__(self, data_dir: Path, *, lock_timeout: float = 10.0, keep_backups: int = 5):
        self.data_dir = data_dir
        self.path = data_dir / DB_NAME
        self.lock_path = data_dir / LOCK_NAME
        self.backup_dir = data_dir / BACKUP_DIR
        self.lock_timeout = lock_timeout
        self._backups = Backups(self.path, self.backup_dir, keep_backups)
        self._cache: _Loaded | None = None
        self._prepared = False
        self._turn = threading.RLock()
        self.saves = 0
        """How many times this object changed the data file (a save or a restore)."""

    # -- reading ---------------------------------------------------------------------------

    def exists(self) -> bool:
        """Whether the data file exists (a missing file is a first run)."""
        return self.path.exists()

    def signature(self) -> tuple[int, int, int, int] | None:
        """What identifies the file's current version: inode, mtime, ctime and size (ctime
        too: an edit that puts the mtime back still moves it)."""
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_ctime_ns, st.st_size)

    def busy(self) -> bool:
        """Whether another process is in the middle of a save (holds the lock) right now."""
        return held_elsewhere(self.lock_path)

    def _corrupt(self, problem: str, hint: str | None = None) -> CorruptDatabase:
        """The error for an unusable data file, advising only a backup that can be read."""
        backup, skipped = self.readable_backup()
        if hint is None and backup is None and skipped:
            hint = (
                f"the {len(skipped)} backup(s) in {self.backup_dir} are damaged too; fix the "
                "file by hand or move it away to start over"
            )
        return CorruptDatabase(self.path, problem, backup, hint)

    def _load(self, raw: bytes | None = None) -> _Loaded | None:
        """Read the file from its path (reopened every time, unless its bytes `raw` were just
        read); None when it does not exist.

        The parsed tables are reused only when the bytes are exactly those parsed last time,
        so a file replaced by another process is never mistaken for the cached one.
        """
        if raw is None:
            raw = self._raw()
        if raw is None:
            return None
        if self._cache is not None and self._cache.raw == raw:
            return self._cache
        try:
            data = parse(raw)
        except ValueError as exc:
            raise self._corrupt(str(exc)) from None
        version: int = data[META_TABLE]["1"]["schema_version"]
        migrated_from = version if version < migrations.SCHEMA_VERSION else None
        try:
            migrated = self._migrate(data, version)
        except Exception as exc:  # a step that cannot handle this file: refuse, write nothing
            raise self._corrupt(
                f"it could not be upgraded from schema {version} ({type(exc).__name__}: {exc})"
            ) from None
        loaded = _Loaded(raw, migrated, migrated_from)
        self._cache = loaded
        return loaded

    def _raw(self) -> bytes | None:
        """The data file's bytes; None when it does not exist (CorruptDatabase when it is
        not a file that can be read)."""
        if self.path.is_dir():
            raise self._corrupt(
                "a folder stands where the data file should be",
                "move that folder away first (a restore cannot replace it)",
            )
        try:
            size = self.path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise self._corrupt(
                    f"it is {megabytes(size)}, more than a planner file can hold "
                    f"({MAX_FILE_BYTES // 1024 // 1024} MB); it is probably not a planner file"
                )
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except NotADirectoryError:
            raise CorruptDatabase(
                self.data_dir,
                "it is a file, not a folder",
                None,
                "move the file away or choose another data folder",
            ) from None
        except PermissionError:
            # A restore would not help: the file is fine, only its permissions are not.
            raise CorruptDatabase(
                self.path,
                "the file cannot be read (permission denied)",
                None,
                f"check the permissions of {self.path}",
            ) from None
        except OSError as exc:
            raise self._corrupt(f"the file cannot be read ({exc.strerror or exc})") from None
        return raw

    def _migrate(self, data: Tables, version: int) -> Tables:
        while version < migrations.SCHEMA_VERSION:
            data = migrations.MIGRATIONS[version](data)
            version += 1
            data[META_TABLE]["1"]["schema_version"] = version
            crash_point(MIGRATION_CRASH_POINT.format(version=version))
        return data

    @contextmanager
    def read(self, raw: bytes | None = None) -> Iterator[TinyDB]:
        """A read-only TinyDB over the current committed state (`raw`: the file's bytes,
        when they were just read)."""
        with self._turn:
            loaded = self._load(raw)
            data = loaded.data if loaded else _empty()
            db = TinyDB(data, storage=_BufferStorage, read_only=True)
            try:
                yield db
            finally:
                db.close()

    # -- writing ---------------------------------------------------------------------------

    def _prepare(self) -> None:
        if self._prepared:
            return
        try:
            ensure_private_dir(self.data_dir)
        except OSError as exc:
            raise StorageError(
                f"cannot use data folder {self.data_dir}: {exc.strerror or exc}"
            ) from None
        self._prepared = True

    def _remove_stale_temps(self) -> None:
        """Delete temps of killed writers (only called under the lock)."""
        remove_stale_temps(self.data_dir, DB_NAME)
        remove_stale_temps(self.backup_dir, BACKUP_PREFIX)
        target, _ = self._write_target()
        if target != self.path:
            remove_stale_temps(target.parent, target.name)

    def _write_target(self) -> tuple[Path, int]:
        """Where a save writes, and the mode it gives the new file.

        A data file that is a symbolic link is written through: the link stays, its target is
        replaced (atomically, beside it) and keeps its mode. Otherwise the file itself, 0600.
        """
        if not self.path.is_symlink():
            return self.path, FILE_MODE
        target = Path(os.path.realpath(self.path))
        try:
            mode = target.stat().st_mode & 0o777
        except OSError:
            mode = FILE_MODE
        return target, mode

    def folder_warning(self) -> str | None:
        """A warning when the data folder can be read by other users (else None).

        The planner creates its folder 0700 but leaves an existing folder's mode alone: it may
        be a folder the user shares on purpose (`--data-dir .`).
        """
        try:
            mode = self.data_dir.stat().st_mode & 0o7777
        except OSError:
            return None
        if not mode & 0o044:
            return None
        return (
            f"the data folder {self.data_dir} can be read by other users (mode {mode:o}); "
            f"`chmod 700 {self.data_dir}` keeps your notes private"
        )

    @contextmanager
    def transaction(self) -> Iterator[TinyDB]:
        """Lock, load the latest state, yield a TinyDB over it, and save once if it changed.

        Every transaction builds a fresh TinyDB, so no document-id or query cache outlives
        the lock; an exception inside the block saves nothing.
        """
        self._prepare()
        with self._turn, file_lock(self.lock_path, self.lock_timeout):
            self._remove_stale_temps()
            loaded = self._load()
            storage_box: list[_BufferStorage] = []

            def make(buffer: Tables) -> _BufferStorage:
                storage = _BufferStorage(buffer)
                storage_box.append(storage)
                return storage

            db = TinyDB(loaded.data if loaded else _empty(), storage=make)
            try:
                yield db
                storage = storage_box[0]
                if storage.dirty or (loaded is not None and loaded.migrated_from is not None):
                    self._save(storage.data, loaded)
            except BaseException:
                # TinyDB changed the cached tables in place: forget them so the next read
                # starts from the file.
                self._cache = None
                raise

    def _save(self, data: Tables, previous: _Loaded | None) -> None:
        payload = serialize(data)
        if len(payload) > MAX_FILE_BYTES:
            # Reading refuses a file this big: writing it would lock the user out of it.
            raise TooLarge(
                f"this change would make {self.path} {megabytes(len(payload))}, more than a "
                f"planner file can hold ({MAX_FILE_BYTES // 1024 // 1024} MB); nothing was "
                "saved: delete records you no longer need, or export and start a new folder"
            )
        target, mode = self._write_target()
        try:
            if previous is not None and previous.migrated_from is not None:
                self._backups.copy(previous.raw, f"pre-migration-v{previous.migrated_from}")
                crash_point("after-pre-migration-backup")
            atomic_write(
                target,
                payload,
                before_replace=self._backups.link if previous is not None else None,
                mode=mode,
            )
        except FlushError as exc:
            raise StorageError(
                f"saved {self.path}, but the disk reported an error while flushing it "
                f"({exc.strerror}); check the disk"
            ) from None
        except OSError as exc:
            raise StorageError(
                f"could not save {self.path}: {exc.strerror or exc}; the file was not changed"
            ) from None
        crash_point("after-commit")
        self.saves += 1
        self._cache = _Loaded(payload, data, None)

    # -- backups (planner.storage.backups) ----------------------------------------------

    def backups(self) -> list[Path]:
        """The planner's own backups, newest first."""
        return self._backups.newest_first()

    def backup_problem(self, backup: Path) -> str | None:
        """Why `backup` cannot be restored (damaged, too big, unreadable), or None."""
        return backup_problem(backup)

    def readable_backup(self) -> tuple[Path | None, list[tuple[Path, str]]]:
        """The newest backup that can be restored, and the newer ones skipped with why."""
        return self._backups.readable()

    def latest_backup(self) -> Path | None:
        """The newest backup that can be restored, if any."""
        return self._backups.readable()[0]

    def _kept_copy_name(self) -> Path:
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        kept = self.path.with_name(f"{DB_NAME}{CORRUPT_INFIX}{stamp}")
        n = 1
        while kept.exists():
            n += 1
            kept = self.path.with_name(f"{DB_NAME}{CORRUPT_INFIX}{stamp}-{n}")
        return kept

    def restore(self, backup: Path) -> Path | None:
        """Make `backup` the data file; the current file (if any) is kept as a `.corrupt-*` copy.

        Returns the path of the kept copy.
        """
        self._prepare()
        problem = self.backup_problem(backup)
        if problem is not None:
            other = self.latest_backup()
            advice = (
                f"the newest readable backup is {other.name}"
                if other is not None
                else "no backup can be read"
            )
            raise UnusableBackup(
                f"backup {backup} is not usable: {problem}; nothing was changed; {advice}"
            )
        try:
            payload = backup.read_bytes()
        except OSError as exc:
            raise StorageError(f"cannot read backup {backup}: {exc.strerror or exc}") from None
        with self._turn, file_lock(self.lock_path, self.lock_timeout):
            self._remove_stale_temps()
            self._cache = None
            if self.path.is_dir():
                raise Refused(f"{self.path} is a folder: move it away, then restore")
            target, mode = self._write_target()
            kept: Path | None = None
            try:
                if self.path.is_file():
                    kept = self._kept_copy_name()
                    atomic_write(kept, self.path.read_bytes())
                    crash_point("after-restore-keep")
                atomic_write(target, payload, mode=mode)
                self.saves += 1
            except FlushError as exc:
                raise StorageError(
                    f"restored {backup.name}, but the disk reported an error while flushing "
                    f"it ({exc.strerror}); check the disk"
                ) from None
            except OSError as exc:
                raise StorageError(
                    f"could not restore {backup.name}: {exc.strerror or exc}; "
                    "the data file was not changed"
                ) from None
            return kept
