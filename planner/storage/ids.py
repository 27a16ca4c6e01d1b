"""Record ids (`m12`, `s3`, `my-4`): never reused, even after a delete, an export or an import.

The counters live in the `_meta` table and never fall behind the highest id found in the
tables, so a hand-edited or damaged counter cannot hand out an id that is already taken.
`Records` loads this module only when it hands out ids or moves them (adding a record, an
export, an import): the read-only commands start without it.
"""

from __future__ import annotations

import re
from typing import Any

from tinydb import TinyDB

from planner.storage.repository import (
    MAX_ID_NUMBER,
    META,
    MOCKS,
    OWN_RESEARCH,
    STORIES,
    TASKS,
)

ID_TABLES = {"m": MOCKS, "s": STORIES, "my-": OWN_RESEARCH}
"""The table whose records get ids with each prefix."""
DRILL_ID = re.compile(r"drill-m(\d{1,15})-\d+")
"""Drills made after mock mN are tasks `drill-mN-K`: N counts as a mock id issued, so a new
mock never takes it (its drills would collide with the ones already in the plan)."""


def _counter(value: object) -> int:
    """A stored id counter; anything but a whole number in range counts as 0."""
    if isinstance(value, bool) or not isinstance(value, int):
        return 0
    return value if 0 <= value < MAX_ID_NUMBER else 0


def _id_number(record_id: object, prefix: str) -> int:
    """N of an id `<prefix>N` the planner could have given, else 0."""
    if not isinstance(record_id, str) or not record_id.startswith(prefix):
        return 0
    number = record_id[len(prefix) :]
    if not (number.isascii() and number.isdigit()) or len(number) > 15:
        return 0
    return int(number)


def _highest_issued(raw: Any, prefix: str) -> int:
    """The highest id number with `prefix` found in the stored tables `raw` (0 if none)."""
    highest = 0
    table = ID_TABLES.get(prefix)
    if table is not None:
        for record in raw.get(table, {}).values():
            highest = max(highest, _id_number(record.get("id"), prefix))
    if prefix == "m":
        for record in raw.get(TASKS, {}).values():
            task_id = record.get("id")
            match = DRILL_ID.fullmatch(task_id) if isinstance(task_id, str) else None
            if match:
                highest = max(highest, int(match.group(1)))
    return highest


def _stored(db: TinyDB) -> dict[str, Any]:
    """A copy of the counters as stored (empty when they are missing or not a mapping)."""
    doc = db.table(META).get(doc_id=1)
    stored = doc.get("counters") if isinstance(doc, dict) else None
    return dict(stored) if isinstance(stored, dict) else {}


def next_id(db: TinyDB, prefix: str) -> str:
    """A new record id like `m12`, its number past every one issued with `prefix`."""
    counters = _stored(db)
    raw = db.storage.read() or {}
    highest = max(_counter(counters.get(prefix)), _highest_issued(raw, prefix))
    counters[prefix] = highest + 1
    db.table(META).update({"counters": counters}, doc_ids=[1])
    return f"{prefix}{counters[prefix]}"


def issued(db: TinyDB) -> dict[str, int]:
    """The highest id number issued so far per prefix (deleted records included)."""
    stored = _stored(db)
    raw = db.storage.read() or {}
    return {
        prefix: max(_counter(stored.get(prefix)), _highest_issued(raw, prefix))
        for prefix in ID_TABLES
    }


def reset_counters(db: TinyDB, dump: dict[str, list[dict[str, Any]]]) -> None:
    """Set the counters past every id in the tables, in the export `dump` and issued here."""
    exported = {}
    for record in dump.get(META, []):
        found = record.get("counters") if isinstance(record, dict) else None
        if isinstance(found, dict):
            exported = found
    here = issued(db)
    counters = {prefix: max(here[prefix], _counter(exported.get(prefix))) for prefix in here}
    db.table(META).update({"counters": counters}, doc_ids=[1])
