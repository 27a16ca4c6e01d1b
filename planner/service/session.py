"""What every use case shares: the store, the content library and today, and the reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from planner.errors import NoPlanError

if TYPE_CHECKING:
    from planner.content.library import ContentLibrary
    from planner.domain.models import Pack, Plan, PlanSettings, State, Template
    from planner.domain.readiness import Evidence
    from planner.storage import Records, RecordStore


class Session:
    """One user's data folder seen on one day: reads are cached until the file changes."""

    def __init__(self, store: RecordStore, library: ContentLibrary, today: dt.date) -> None:
        self.store = store
        """The data file (the only way to it)."""
        self.library = library
        """The content packs and seniority templates."""
        self.today = today
        """The day the planner sees as today."""
        self._state: tuple[object, State] | None = None
        self._settings: tuple[object, PlanSettings | None] | None = None
        self._plan: tuple[object, Plan | None] | None = None

    def state(self) -> State:
        """The user's data as committed now (cached until the file changes)."""
        signature = self.store.signature()
        if self._state is not None and signature is not None and self._state[0] == signature:
            return self._state[1]
        state = self.store.state()
        self._state = (signature, state) if signature is not None else None
        return state

    def plan_alone(self) -> Plan | None:
        """The plan (None before one exists) without decoding the other records: a first
        screen shows it before the mocks, stories and reviews are read (cached as `state`)."""
        signature = self.store.signature()
        if self._state is not None and signature is not None and self._state[0] == signature:
            return self._state[1].plan
        if self._plan is not None and signature is not None and self._plan[0] == signature:
            return self._plan[1]
        cached = self.store.cached_state()  # a large file's records, decoded once before
        if cached is not None and signature is not None:
            self._state = (signature, cached)
            return cached.plan
        with self.store.snapshot() as records:
            plan = records.plan()
        self._plan = (signature, plan) if signature is not None else None
        return plan

    def _known_plan(self, signature: object) -> Plan | None:
        """The plan as read for the file's version `signature` (None: not read, or none)."""
        if signature is None:
            return None
        if self._state is not None and self._state[0] == signature:
            return self._state[1].plan
        if self._plan is not None and self._plan[0] == signature:
            return self._plan[1]
        return None

    def damaged(self) -> tuple[str, ...]:
        """Records the last read could not decode (skipped, and kept on disk as they are)."""
        return self._state[1].damaged if self._state is not None else ()

    def has_plan(self) -> bool:
        """Whether a plan exists."""
        return self.state().plan is not None

    def plan(self) -> Plan:
        """The plan; NoPlanError when there is none."""
        plan = self.state().plan
        if plan is None:
            raise NoPlanError()
        return plan

    def rounds_ahead(self) -> tuple[str, ...]:
        """The rounds still ahead of the candidate (passed screens and skipped rounds left out)."""
        from planner.domain.stages import rounds_ahead

        plan = self.state().plan
        return rounds_ahead(self.pack(), plan.settings if plan else None, self.today)

    def pack(self) -> Pack:
        """The plan's pack (the default pack before a plan exists)."""
        signature = self.store.signature()
        if self._settings is None or self._settings[0] != signature:
            known = self._known_plan(signature)
            if known is not None:  # the plan read already holds them: no second parse
                self._settings = (signature, known.settings)
            else:
                with self.store.snapshot() as records:
                    self._settings = (signature, records.settings())
        settings = self._settings[1]
        if settings is None:
            from planner.service.inputs import DEFAULT_PACK

            return self.library.pack(DEFAULT_PACK)
        return self.library.pack(settings.pack)

    def template(self) -> Template:
        """The plan's seniority template."""
        settings = self.plan().settings
        return self.library.template(settings.pack, settings.seniority)

    def evidence(self, state: State | None = None) -> Evidence:
        """The state as readiness evidence."""
        from planner.domain.readiness import Evidence

        state = state or self.state()
        return Evidence(
            tasks=state.plan.tasks if state.plan else (),
            mocks=state.mocks,
            stories=state.stories,
            research=state.research,
            reviews=state.reviews,
            own_research=state.own_research,
        )

    @contextmanager
    def write(self) -> Iterator[Records]:
        """Change the data under the lock: everything or nothing is written."""
        with self.store.session() as records:
            yield records

    def saved_anything(self) -> bool:
        """Whether this session changed the data file (a save or a restore went through)."""
        return self.store.saves > 0

    def folder_warning(self) -> str | None:
        """A warning when the data folder can be read by other users (else None)."""
        return self.store.folder_warning()

    def task_notes(self) -> dict[str, str]:
        """What each checklist item of the plan's pack asks for, by item id (cheap to read)."""
        return self.library.task_notes(self.plan().settings.pack)

    def question_notes(self) -> dict[str, tuple[str, str]]:
        """Each question of the plan's pack: its type name and prompt, by id (cheap to read)."""
        return self.library.question_notes(self.plan().settings.pack)
