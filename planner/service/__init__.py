"""Use cases shared by the command line and the TUI: one module per use case over a session.

`Planner` is what a front end is given: the session (store, content library, today) and one
object per use case (`plans`, `tasks`, `mocks`, `stories`, `research`, `practice`,
`readiness`, `data`), each loaded the first time it is used so that `planner today` imports
only what it shows. The errors a front end handles come from here too, so that the front
ends never import the storage or content packages.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from planner.content.library import ContentLibrary, PackCheck
from planner.service.session import Session
from planner.storage import RecordStore
from planner.storage.errors import BusyError, CorruptDatabase, StorageError

if TYPE_CHECKING:
    from planner.content.reader import ContentError
    from planner.service.data import Data
    from planner.service.mocks import Mocks
    from planner.service.plans import Plans
    from planner.service.practice import Practice
    from planner.service.readiness import ReadinessReports
    from planner.service.research import Research
    from planner.service.stories import Stories
    from planner.service.tasks import Tasks

__all__ = [
    "BusyError",
    "ContentError",
    "ContentLibrary",
    "CorruptDatabase",
    "PackCheck",
    "Planner",
    "Session",
    "StorageError",
]


class Planner:
    """The service over one data folder, one content library and one `today`."""

    def __init__(self, store: RecordStore, library: ContentLibrary, today: dt.date) -> None:
        self.session = Session(store, library, today)
        """The reads every use case shares (state, pack, plan), cached per file version."""

    @classmethod
    def open(cls, data_dir: Path, today: dt.date, library: ContentLibrary | None = None) -> Planner:
        """The service over the data folder `data_dir`, with the shipped content by default."""
        return cls(RecordStore(data_dir), library or ContentLibrary.shipped(), today)

    @property
    def today(self) -> dt.date:
        """The day the planner sees as today."""
        return self.session.today

    @cached_property
    def plans(self) -> Plans:
        """Making and changing the plan."""
        from planner.service.plans import Plans

        return Plans(self.session)

    @cached_property
    def tasks(self) -> Tasks:
        """Today's work; ticking tasks done."""
        from planner.service.tasks import Tasks

        return Tasks(self.session)

    @cached_property
    def mocks(self) -> Mocks:
        """The mock log."""
        from planner.service.mocks import Mocks

        return Mocks(self.session)

    @cached_property
    def stories(self) -> Stories:
        """The story bank."""
        from planner.service.stories import Stories

        return Stories(self.session)

    @cached_property
    def research(self) -> Research:
        """Company research."""
        from planner.service.research import Research

        return Research(self.session)

    @cached_property
    def practice(self) -> Practice:
        """Question practice."""
        from planner.service.practice import Practice

        return Practice(self.session)

    @cached_property
    def readiness(self) -> ReadinessReports:
        """Readiness, the forecast and the pre-onsite check."""
        from planner.service.readiness import ReadinessReports

        return ReadinessReports(self.session)

    @cached_property
    def data(self) -> Data:
        """Exports, imports, backups, watching the file, unsaved form text."""
        from planner.service.data import Data

        return Data(self.session)


# Hidden from mypy, which would otherwise type any misspelt name imported from here as
# `object`; it sees the names through the TYPE_CHECKING import above.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        """`ContentError`, imported on first use: the content reader is not on the path of a
        command that reads no pack (`planner today`)."""
        if name == "ContentError":
            from planner.content.reader import ContentError

            return ContentError
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
