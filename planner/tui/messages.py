"""Messages that screens, widgets and workers post to the app."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from textual.message import Message
from textual.screen import Screen

if TYPE_CHECKING:
    from planner.service.data import DraftFile


class SaveTarget(Protocol):
    """What waits for a save (a form): told when it is done or why it was refused."""

    def saved(self) -> None:
        """The change is in the data file."""

    def save_failed(self, error: Exception, message: str) -> None:
        """Nothing was written; `message` says why (the form shows it inline)."""


@dataclass
class DataChanged(Message):
    """The data file changed outside this app (another planner process saved)."""

    what: str = ""
    """A hint for listeners: `plan`, `mocks`, `research`, `stories`, `questions`, or ``."""
    signature: object = None
    """The file's version the watcher saw (None: look again)."""


@dataclass
class Saved(Message):
    """A save worker wrote its change; posted from the worker's thread."""

    what: str
    """What changed (as in DataChanged); "" when the data file did not (an export)."""
    then: Callable[[], None] | None = None
    """What the requester does next with the result, on the UI thread."""
    target: SaveTarget | None = None


@dataclass
class SaveFailed(Message):
    """A save worker's change was refused or not written; nothing changed."""

    error: Exception
    target: SaveTarget | None = None


@dataclass
class BusyChanged(Message):
    """Another planner process started or stopped holding the data lock."""

    busy: bool


@dataclass
class DraftEdited(Message):
    """A form's fields changed, or a form opened or closed: its text may need keeping."""


@dataclass
class FormOpened(Message):
    """A form is mounted and holds its fields (recovered text included)."""

    form: Screen[Any]


@dataclass
class DraftsFound(Message):
    """What the start-up scan found: files to offer, files it set aside (and why)."""

    usable: list[DraftFile]
    notes: list[str]


@dataclass
class DraftsNotKept(Message):
    """Writing the recovery file failed (said once)."""

    problem: str
