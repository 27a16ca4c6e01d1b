"""The bytes of the data file: strict parsing with a shape check, and compact writing."""

from __future__ import annotations

import json
from typing import Any

from planner.storage import migrations

META_TABLE = "_meta"

Tables = dict[str, dict[str, Any]]


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in the data file")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {key!r}")
        out[key] = value
    return out


def _is_doc_id(text: str) -> bool:
    return text.isascii() and text.isdigit() and str(int(text)) == text


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
    except RecursionError:
        raise ValueError("the file is nested too deeply to be the planner's tables") from None
    if not isinstance(data, dict):
        raise ValueError(f"the file holds {type(data).__name__}, not the planner's tables")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise ValueError(f"table {name!r} is not an object")
        for doc_id, doc in table.items():
            if not _is_doc_id(doc_id):
                raise ValueError(f"table {name!r} has a non-numeric document id {doc_id!r}")
            if not isinstance(doc, dict):
                raise ValueError(f"document {doc_id} of table {name!r} is not an object")
    meta = data.get(META_TABLE, {}).get("1")
    version = meta.get("schema_version") if isinstance(meta, dict) else None
    if isinstance(version, bool) or not isinstance(version, int):
        raise ValueError("the file has no schema version: it was not written by the planner")
    if version > migrations.SCHEMA_VERSION:
        raise ValueError(
            f"the file was written by a newer planner (schema {version}, this one knows "
            f"{migrations.SCHEMA_VERSION}); upgrade the planner, it was not changed"
        )
    if version < 1:
        raise ValueError(f"schema version {version} is not valid")
    return data


def serialize(data: Tables) -> bytes:
    """The bytes of a data file."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
