"""The data file: TinyDB over crash-safe storage, a cross-process lock, backups, migrations."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage

from planner.storage.atomic import (
    FILE_MODE,
    atomic_write,
    crash_point,
    ensure_private_dir,
    remove_stale_temps,
)
from planner.storage.errors import CorruptDatabase, StorageError
from planner.storage.lock import file_lock
from planner.storage.migrations import MIGRATIONS, SCHEMA_VERSION
from planner.storage.repository import Records

DB_NAME = "planner.json"
LOCK_NAME = "planner.lock"
BACKUP_DIR = "backups"
META_TABLE = "_meta"

Tables = dict[str, dict[str, Any]]


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


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in the data file")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {key!r}")
        out[key] = value
    return out


def parse(raw: bytes) -> Tables:
    """Parse and shape-check the bytes of a data file; raise ValueError naming the problem."""
    if not raw.strip():
        raise ValueError("the file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"the file is not valid UTF-8 ({exc.reason} at byte {exc.start})"
        ) from None
    try:
        data = json.loads(text, parse_constant=_no_constants, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise ValueError(f"the file is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict):
        raise ValueError(f"the file holds {type(data).__name__}, not the planner's tables")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise ValueError(f"table {name!r} is not an object")
        for doc_id, doc in table.items():
            if not doc_id.isdigit():
                raise ValueError(f"table {name!r} has a non-numeric document id {doc_id!r}")
            if not isinstance(doc, dict):
                raise ValueError(f"document {doc_id} of table {name!r} is not an object")
    meta = data.get(META_TABLE, {}).get("1")
    if not isinstance(meta, dict) or not isinstance(meta.get("schema_version"), int):
        raise ValueError("the file has no schema version: it was not written by the planner")
    version = meta["schema_version"]
    if version > SCHEMA_VERSION:
        raise ValueError(
            f"the file was written by a newer planner (schema {version}, this one knows "
            f"{SCHEMA_VERSION}); upgrade the planner, it was not changed"
        )
    if version < 1:
        raise ValueError(f"schema version {version} is not valid")
    return data


def serialize(data: Tables) -> bytes:
    """The bytes of a data file."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class Store:
    """One planner data file with atomic saves, a lock, rolling backups and migrations."""

    def __init__(self, data_dir: Path, *, lock_timeout: float = 10.0, keep_backups: int = 5):
        self.data_dir = data_dir
        self.path = data_dir / DB_NAME
        self.lock_path = data_dir / LOCK_NAME
        self.backup_dir = data_dir / BACKUP_DIR
        self.lock_timeout = lock_timeout
        self.keep_backups = keep_backups
        self._cache: tuple[tuple[int, int, int], Tables] | None = None
        self._migrated_from: int | None = None
        self._prepared = False

    # -- reading ---------------------------------------------------------------------------

    def exists(self) -> bool:
        """Whether the data file exists (a missing file is a first run)."""
        return self.path.exists()

    def signature(self) -> tuple[int, int, int] | None:
        """What identifies the file's current version: inode, mtime and size."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def _load(self) -> Tables:
        """Read the file from its path (reopened every time), migrating a copy in memory."""
        if self.path.is_dir():
            raise CorruptDatabase(
                self.path, "a folder stands where the data file should be", self.latest_backup()
            )
        signature = self.signature()
        if signature is None:
            return {META_TABLE: {"1": {"schema_version": SCHEMA_VERSION}}}
        if self._cache and self._cache[0] == signature:
            return self._cache[1]
        try:
            raw = self.path.read_bytes()
        except PermissionError:
            raise CorruptDatabase(
                self.path, "the file cannot be read (permission denied)", self.latest_backup()
            ) from None
        except OSError as exc:
            raise CorruptDatabase(
                self.path, f"the file cannot be read ({exc.strerror})", self.latest_backup()
            ) from None
        try:
            data = parse(raw)
        except ValueError as exc:
            raise CorruptDatabase(self.path, str(exc), self.latest_backup()) from None
        version = data[META_TABLE]["1"]["schema_version"]
        self._migrated_from = version if version < SCHEMA_VERSION else None
        data = self._migrate(data, version)
        self._cache = (signature, data)
        return data

    def _migrate(self, data: Tables, version: int) -> Tables:
        while version < SCHEMA_VERSION:
            data = MIGRATIONS[version](data)
            version += 1
            data[META_TABLE]["1"]["schema_version"] = version
            crash_point(f"mid-migration-{version}")
        return data

    @contextmanager
    def read(self) -> Iterator[TinyDB]:
        """A read-only TinyDB over the current committed state."""
        db = TinyDB(self._load(), storage=_BufferStorage, read_only=True)
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
            raise StorageError(f"cannot use data folder {self.data_dir}: {exc.strerror}") from None
        remove_stale_temps(self.data_dir, DB_NAME)
        self._prepared = True

    @contextmanager
    def transaction(self) -> Iterator[TinyDB]:
        """Lock, load the latest state, yield a TinyDB over it, and save once if it changed.

        Every transaction builds a fresh TinyDB, so no document-id or query cache outlives
        the lock; an exception inside the block saves nothing.
        """
        self._prepare()
        with file_lock(self.lock_path, self.lock_timeout):
            data = self._load()
            migrated_from = self._migrated_from if self.exists() else None
            storage_box: list[_BufferStorage] = []

            def make(buffer: Tables) -> _BufferStorage:
                storage = _BufferStorage(buffer)
                storage_box.append(storage)
                return storage

            db = TinyDB(data, storage=make)
            try:
                yield db
            except BaseException:
                # TinyDB changed the cached dict in place: forget it so the next read is fresh.
                self._cache = None
                raise
            storage = storage_box[0]
            if storage.dirty or migrated_from is not None:
                self._save(storage.data, migrated_from)

    def _save(self, data: Tables, migrated_from: int | None = None) -> None:
        payload = serialize(data)
        had_file = self.path.exists()
        if migrated_from is not None and had_file:
            self._copy_backup(suffix=f"pre-migration-v{migrated_from}")
            self._migrated_from = None

        def link_backup() -> None:
            if had_file:
                self._link_backup()

        try:
            atomic_write(self.path, payload, before_replace=link_backup)
        except OSError as exc:
            self._cache = None
            raise StorageError(f"could not save {self.path}: {exc.strerror or exc}") from None
        if os.stat(self.path).st_mode & 0o777 != FILE_MODE:
            os.chmod(self.path, FILE_MODE)
        signature = self.signature()
        self._cache = (signature, data) if signature else None

    # -- backups ---------------------------------------------------------------------------

    def backups(self) -> list[Path]:
        """Backups, newest first."""
        if not self.backup_dir.is_dir():
            return []
        found = [p for p in self.backup_dir.glob("planner-*.json") if p.is_file()]
        return sorted(found, key=lambda p: p.name, reverse=True)

    def latest_backup(self) -> Path | None:
        """The newest backup, if any."""
        backups = self.backups()
        return backups[0] if backups else None

    def _next_backup_name(self, suffix: str = "") -> Path:
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        existing = self.backups()
        seq = 1
        if existing:
            with contextlib.suppress(ValueError, IndexError):
                seq = int(existing[0].name.split("-")[1]) + 1
        extra = f"-{suffix}" if suffix else ""
        return self.backup_dir / f"planner-{seq:08d}-{stamp}{extra}.json"

    def _link_backup(self) -> None:
        """Keep the file being replaced as the newest backup (a hard link: no copy)."""
        ensure_private_dir(self.backup_dir)
        target = self._next_backup_name()
        try:
            os.link(self.path, target)
        except OSError:
            shutil.copy2(self.path, target)
            os.chmod(target, FILE_MODE)
        crash_point("mid-backup-rotation")
        for old in self.backups()[self.keep_backups :]:
            if "pre-migration" in old.name:
                continue
            with contextlib.suppress(OSError):
                old.unlink()

    def _copy_backup(self, suffix: str) -> Path:
        ensure_private_dir(self.backup_dir)
        target = self._next_backup_name(suffix)
        atomic_write(target, self.path.read_bytes())
        return target

    def restore(self, backup: Path) -> Path | None:
        """Make `backup` the data file; the current file (if any) is kept as a `.corrupt-*` copy.

        Returns the path of the kept copy.
        """
        self._prepare()
        try:
            payload = backup.read_bytes()
            parse(payload)
        except OSError as exc:
            raise StorageError(f"cannot read backup {backup}: {exc.strerror}") from None
        except ValueError as exc:
            raise StorageError(f"backup {backup} is not usable: {exc}") from None
        with file_lock(self.lock_path, self.lock_timeout):
            kept: Path | None = None
            if self.path.is_file():
                stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
                kept = self.path.with_name(f"{DB_NAME}.corrupt-{stamp}")
                atomic_write(kept, self.path.read_bytes())
            atomic_write(self.path, payload)
            self._cache = None
            return kept


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
