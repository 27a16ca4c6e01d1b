"""Storage: the only package that imports TinyDB."""

from planner.storage.errors import BusyError, CorruptDatabase, StorageError
from planner.storage.migrations import SCHEMA_VERSION
from planner.storage.record_store import RecordStore
from planner.storage.repository import Records
from planner.storage.store import Store

__all__ = [
    "SCHEMA_VERSION",
    "BusyError",
    "CorruptDatabase",
    "RecordStore",
    "Records",
    "StorageError",
    "Store",
]
