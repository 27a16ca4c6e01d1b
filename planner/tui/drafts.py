"""Unsaved form text as a value: what a recovery file holds for one open form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from planner.domain.text import normalize_text

FieldValue = str | tuple[str, ...]

MAX_FIELD_CHARS = 1_000_000
"""A recovered field longer than this is cut (forms cap typed text far below it)."""


@dataclass(frozen=True)
class Draft:
    """One open form's unsaved fields and where it belongs.

    `mode` is the screen that reopens it, `kind` the form ("mock", "story", "note",
    "scratch", "timed"), `target` the record it edits ("" for a new one) and `title` what
    the offer shows.
    """

    mode: str
    kind: str
    target: str
    title: str
    fields: Mapping[str, FieldValue] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        """The draft as JSON-ready data."""
        return {
            "mode": self.mode,
            "kind": self.kind,
            "target": self.target,
            "title": self.title,
            "fields": {k: list(v) if isinstance(v, tuple) else v for k, v in self.fields.items()},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Draft | None:
        """A draft read back from a recovery file; None when it is not one.

        Every string is normalized like typed text, so a hand-edited file cannot smuggle
        escape sequences into a form.
        """
        head = [data.get(key) for key in ("mode", "kind", "target", "title")]
        raw_fields = data.get("fields")
        if not all(isinstance(v, str) for v in head) or not isinstance(raw_fields, dict):
            return None
        mode, kind, target, title = (normalize_text(str(v))[:200] for v in head)
        fields: dict[str, FieldValue] = {}
        for key, value in raw_fields.items():
            if not isinstance(key, str):
                continue
            if isinstance(value, str):
                fields[key] = normalize_text(value)[:MAX_FIELD_CHARS]
            elif isinstance(value, list) and all(isinstance(v, str) for v in value):
                fields[key] = tuple(normalize_text(v)[:200] for v in value)
        return cls(mode, kind, target, title, fields)

    def text(self, key: str, default: str = "") -> str:
        """One field as text ("" or `default` when absent or a list)."""
        value = self.fields.get(key, default)
        return value if isinstance(value, str) else default

    def day(self, key: str, today: dt.date) -> dt.date:
        """A date field as a day logged: the date kept, or today when it is not a plausible
        one (not ISO, or after today)."""
        try:
            day = dt.date.fromisoformat(self.text(key))
        except ValueError:
            return today
        return day if day <= today else today


@runtime_checkable
class Recoverable(Protocol):
    """A screen whose unsaved fields can be kept when the app stops."""

    def recovery_draft(self) -> Draft | None:
        """The unsaved fields, or None when nothing would be lost."""
