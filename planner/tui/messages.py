"""Messages that screens and widgets post upwards."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class DataChanged(Message):
    """The user's data changed (saved by this app or seen on disk from another process)."""

    what: str = ""
    """A hint for listeners: `plan`, `mocks`, `research`, `stories`, `questions`, or ``."""
