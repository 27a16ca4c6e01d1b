"""The bytes of the data file: strict parsing with a shape check, and compact writing."""

from __future__ import annotations

import json
import math
import re
from typing import Any

from planner.storage import migrations

META_TABLE = "_meta"
MAX_DEPTH = 32
"""The planner's own files nest 6 levels deep (table, record, settings, screens...); a file
nested deeper is not the planner's. Checked before parsing, so the answer never depends on
how deep the caller's stack already is (the JSON parser's own limit does)."""
MAX_ID_DIGITS = 18
"""A document id longer than this is not one the planner gave (and would not fit an int64)."""

_NOT_STRUCTURE = bytes(b for b in range(256) if b not in b'[]{}"')
_STRING = re.compile(rb'"[^"]*"')
_EMPTY_PAIR = re.compile(rb"\[\]|\{\}")

Tables = dict[str, dict[str, Any]]


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in the data file")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):  # rare: find the first key seen twice, to name it
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"duplicate key {key!r}")
            seen.add(key)
    return out


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text[:20]} is too large for the data file")
    return value


def _too_deep(raw: bytes, limit: int = MAX_DEPTH) -> bool:
    """Whether the JSON in `raw` nests arrays and objects more than `limit` levels deep.

    At C speed (about 2 ms a MB): escapes are dropped, then every byte but brackets and
    quotes, then what stood inside strings; innermost pairs then go one level per pass, so
    a file `limit` deep is empty after `limit` passes. (UTF-8 never uses these bytes inside
    a multi-byte character.) Unbalanced text stops shrinking and is left to the parser.
    """
    if raw.count(b"[") + raw.count(b"{") <= limit:
        return False
    if b"\\" in raw:
        raw = raw.replace(b"\\\\", b"").replace(b'\\"', b"")
    # Adjacent quotes hold no bracket between them: dropping them first leaves few strings.
    skeleton = _STRING.sub(b"", raw.translate(None, _NOT_STRUCTURE).replace(b'""', b""))
    for _ in range(limit):
        reduced = _EMPTY_PAIR.sub(b"", skeleton)
        if not reduced or reduced == skeleton:
            return False
        skeleton = reduced
    return True


def _is_doc_id(text: str) -> bool:
    return (
        text.isascii()
        and text.isdigit()
        and len(text) <= MAX_ID_DIGITS
        and (text == "0" or not text.startswith("0"))
    )


def _shown(text: str) -> str:
    """A key as an error message shows it: a hostile 5,000-character key is cut short."""
    return repr(text) if len(text) <= 40 else f"{text[:20]!r}... ({len(text)} characters)"


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
    if _too_deep(raw):
        raise ValueError(
            f"the file is nested too deeply to be the planner's tables (more than {MAX_DEPTH} "
            "levels)"
        )
    try:
        data = json.loads(
            text,
            parse_constant=_no_constants,
            parse_float=_finite,
            object_pairs_hook=_no_duplicates,
        )
    except json.JSONDecodeError as exc:
        raise ValueError(f"the file is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except RecursionError:
        raise ValueError("the file is nested too deeply to be the planner's tables") from None
    except ValueError as exc:
        if "integer string conversion" in str(exc):  # more digits than Python will convert
            raise ValueError(
                "the file holds a number too long to be the planner's (thousands of digits)"
            ) from None
        raise
    if not isinstance(data, dict):
        raise ValueError(f"the file holds {type(data).__name__}, not the planner's tables")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise ValueError(f"table {_shown(name)} is not an object")
        for doc_id, doc in table.items():
            if not _is_doc_id(doc_id):
                if doc_id.isascii() and doc_id.isdigit() and len(doc_id) > MAX_ID_DIGITS:
                    raise ValueError(
                        f"table {_shown(name)} has a document id too long to be the planner's "
                        f"({len(doc_id)} digits)"
                    )
                raise ValueError(
                    f"table {_shown(name)} has a non-numeric document id {_shown(doc_id)}"
                )
            if not isinstance(doc, dict):
                raise ValueError(f"document {doc_id} of table {_shown(name)} is not an object")
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
