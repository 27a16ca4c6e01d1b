"""Content read through the compiled cache (`planner.cache`): a validated pack, the
checklist's task notes and the questions' notes, parsed once per change of their files
instead of once per process.

Only what validated is stored: a pack with problems raises ContentError as it would
without the cache (and `planner content validate` never reads the cache). An entry is
written only when the files still hold the bytes it was keyed by after it was built.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TypeVar

from planner import cache

if TYPE_CHECKING:
    from collections.abc import Callable
    from importlib.resources.abc import Traversable

    from planner.domain.models import Pack

_Notes = TypeVar("_Notes", dict[str, str], dict[str, tuple[str, str]])
"""What a notes cache entry holds: descriptions by id, or (type name, prompt) by id."""

PACK_CODE = (
    "content/compiled.py",
    "content/pack.py",
    "content/entries.py",
    "content/reader.py",
    "domain/models.py",
    "domain/content.py",
    "domain/text.py",
)
"""The code that builds a pack (an entry built by other code is never used)."""
NOTES_CODE = ("content/compiled.py",)


def pack(folder: Traversable) -> Pack:
    """The validated pack in `folder` (ContentError when it does not validate)."""
    import pickle

    from planner.content.pack import PACK_FILES, load_pack
    from planner.domain.models import Pack

    def sources() -> list[bytes | None]:
        return [_bytes(folder / name) for name in PACK_FILES]

    before = sources()
    name = cache.entry_name("pack", folder)
    key = cache.key(before, PACK_CODE)
    payload = cache.read(name, key)
    if payload is not None:
        try:
            found = pickle.loads(payload)
        except Exception:  # a damaged or foreign entry: rebuilt below
            found = None
        if isinstance(found, Pack) and found.id == folder.name:
            return found
    loaded = load_pack(folder)
    if sources() == before:
        try:
            payload = pickle.dumps(loaded, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # a pack that cannot be pickled is simply not cached
            return loaded
        cache.write(name, key, payload)
    return loaded


def task_notes(checklist: Traversable) -> dict[str, str]:
    """Checklist item descriptions by id, read from checklist.toml alone ({} when it
    cannot be read)."""
    return _cached_notes("notes", checklist, _notes_from_json, _parse_notes) or {}


def question_notes(questions: Traversable) -> dict[str, tuple[str, str]]:
    """Each bank question's type name and prompt by id, read from questions.toml alone
    ({} when it cannot be read)."""
    return (
        _cached_notes("questions", questions, _question_notes_from_json, _parse_question_notes)
        or {}
    )


def _cached_notes(
    kind: str,
    file: Traversable,
    from_json: Callable[[bytes], _Notes | None],
    parse: Callable[[bytes], _Notes | None],
) -> _Notes | None:
    """Notes taken from one content file: the cache entry when it is for these bytes and
    holds what `from_json` accepts, else parsed afresh (and cached); None when the file
    cannot be read or parsed."""
    source = _bytes(file)
    if source is None:
        return None
    name = cache.entry_name(kind, file)
    key = cache.key([source], NOTES_CODE)
    payload = cache.read(name, key)
    if payload is not None:
        found = from_json(payload)
        if found is not None:
            return found
    found = parse(source)
    if found is not None:
        cache.write(name, key, json.dumps(found).encode())
    return found


def _parse_question_notes(source: bytes) -> dict[str, tuple[str, str]] | None:
    """Each question's type name and prompt in questions.toml's bytes (None when it is not
    UTF-8 TOML)."""
    raw = _toml(source)
    if raw is None:
        return None
    types = raw.get("types", [])
    names = {
        str(t["id"]): str(t["name"])
        for t in types
        if isinstance(t, dict) and isinstance(t.get("id"), str) and isinstance(t.get("name"), str)
    }
    return {
        str(q["id"]): (names.get(str(q.get("type")), ""), str(q["prompt"]))
        for q in raw.get("questions", [])
        if isinstance(q, dict) and isinstance(q.get("id"), str) and isinstance(q.get("prompt"), str)
    }


def _toml(source: bytes) -> dict[str, Any] | None:
    """A TOML file's bytes parsed (None when it is not UTF-8 TOML)."""
    import tomllib

    try:
        # As Path.read_text would give it: UTF-8 with universal newlines.
        text = source.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
        return tomllib.loads(text)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None


def _parse_notes(source: bytes) -> dict[str, str] | None:
    """The notes in checklist.toml's bytes (None when it is not UTF-8 TOML)."""
    raw = _toml(source)
    if raw is None:
        return None
    items = raw.get("items", [])
    return {
        str(i["id"]): str(i["description"])
        for i in items
        if isinstance(i, dict)
        and isinstance(i.get("id"), str)
        and isinstance(i.get("description"), str)
    }


def _notes_from_json(payload: bytes) -> dict[str, str] | None:
    """The notes a cache entry holds (None unless it is a mapping of text to text)."""
    try:
        notes = json.loads(payload)
    except ValueError:
        return None
    if not isinstance(notes, dict):
        return None
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in notes.items()):
        return None
    return notes


def _question_notes_from_json(payload: bytes) -> dict[str, tuple[str, str]] | None:
    """The question notes an entry holds (None unless each is a pair of texts)."""
    try:
        notes = json.loads(payload)
    except ValueError:
        return None
    if not isinstance(notes, dict):
        return None
    found: dict[str, tuple[str, str]] = {}
    for key, value in notes.items():
        if not (
            isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)
        ):
            return None
        found[key] = (value[0], value[1])
    return found


def _bytes(path: Traversable) -> bytes | None:
    """A file's bytes (None when it cannot be read)."""
    try:
        return path.read_bytes()
    except OSError:
        return None
