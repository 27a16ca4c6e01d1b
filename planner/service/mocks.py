"""Logging mock interviews (peer mocks and solo timed drills) and the drills they bring."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from planner.domain.models import Mock, Plan, Task
from planner.errors import InputError
from planner.service import validate
from planner.service.inputs import (
    MAX_MOCK_MINUTES,
    MIN_MOCK_MINUTES,
    PARTNER_LIMIT,
    MockChange,
    MockInput,
)
from planner.service.session import Session
from planner.storage import Records


@dataclass(frozen=True)
class MockLogged:
    """A logged mock with the planned task it ticked and the drills it added."""

    mock: Mock
    ticked: str | None
    drills: tuple[Task, ...]
    ticked_task: Task | None = None
    """The planned session `ticked` names, as it was before the tick."""
    left_planned: Task | None = None
    """With nothing ticked, the round's next planned session (it stays: a retest is there to
    check the drills in between), if any."""


class Mocks:
    """The mock log over one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def logged(self, round_id: str | None = None) -> list[Mock]:
        """Logged mocks, oldest first, optionally of one round."""
        if round_id is not None:
            validate.round_id(self.session.pack(), round_id)
        return [m for m in self.session.state().mocks if round_id is None or m.round == round_id]

    def suggested_round(self) -> str:
        """The round a new mock most likely serves (see `next_session_round`)."""
        from planner.domain.stages import next_session_round

        plan = self.session.state().plan
        return next_session_round(
            self.session.pack(),
            plan.tasks if plan is not None else (),
            self.session.rounds_ahead(),
            self.session.today,
        )

    def get(self, mock_id: str) -> Mock:
        """One mock by id."""
        mocks = self.session.state().mocks
        for m in mocks:
            if m.id == mock_id:
                return m
        known = ", ".join(m.id for m in mocks) or "none logged yet"
        raise InputError(f"unknown mock '{mock_id}' (known: {known})", field="mock_id")

    def add(self, entry: MockInput) -> MockLogged:
        """Log a mock; tick the matching planned timed task; add drills for weak dimensions."""
        checked = self._checked(entry, entry.date or self.session.today)
        with self.session.write() as records:
            plan = records.plan()
            earlier = records.mocks(checked.round) if plan is not None else []
            mock = replace(checked, id=records.next_id("m"))
            records.add_mock(mock)
            ticked: str | None = None
            drills: tuple[Task, ...] = ()
            if plan is not None:
                ticked = matching_task(plan, mock)
                if ticked:
                    records.set_done([ticked], True, self.session.today)
                drills = self._place_drills(records, plan, earlier, mock, ticked)
        task = next((t for t in plan.tasks if t.id == ticked), None) if plan else None
        kept = None
        if plan is not None and ticked is None:
            kept = min(
                (
                    t
                    for t in plan.tasks
                    if t.kind in ("mock", "timed") and not t.done and mock.round in t.rounds
                ),
                key=lambda t: t.day,
                default=None,
            )
        return MockLogged(mock, ticked, drills, task, kept)

    def edit(self, mock_id: str, change: MockChange) -> Mock:
        """Change fields of a logged mock (scores given replace those dimensions)."""
        self.get(mock_id)  # an unknown id is refused naming the known ones

        def edited(old: Mock) -> Mock:
            new_round = change.round or old.round
            fresh = new_round != old.round or change.whole_scores
            scores: dict[str, int | str] = {} if fresh else dict(old.scores)
            scores.update(change.scores)
            entry = MockInput(
                round=new_round,
                date=change.date or old.date,
                minutes=old.minutes if change.minutes is None else change.minutes,
                scores=scores,
                partner=old.partner if change.partner is None else change.partner,
                question=old.question if change.question is None else change.question,
                notes=old.notes if change.notes is None else change.notes,
                follow_ups=old.follow_ups if change.follow_ups is None else change.follow_ups,
            )
            return replace(self._checked(entry, entry.date or old.date), id=old.id)

        # Read, change and write under one lock hold: a concurrent delete is never undone.
        with self.session.write() as records:
            return records.update_mock(mock_id, edited)

    def delete(self, mock_id: str) -> Mock:
        """Delete a mock."""
        self.get(mock_id)  # an unknown id is refused naming the known ones
        with self.session.write() as records:
            return records.delete_mock(mock_id)

    def _checked(self, entry: MockInput, day: dt.date) -> Mock:
        """The mock the input describes (id still empty); InputError names the bad field."""
        if day > self.session.today:
            raise InputError(f"the mock date {day.isoformat()} is in the future", field="date")
        pack = self.session.pack()
        round_id = validate.round_id(pack, entry.round)
        if entry.question:
            validate.choice(
                "question",
                entry.question,
                [q.id for q in pack.questions if q.round == round_id]
                or [q.id for q in pack.questions],
                field="question",
            )
        return Mock(
            id="",
            date=day,
            round=round_id,
            minutes=validate.whole_number(
                "minutes", entry.minutes, MIN_MOCK_MINUTES, MAX_MOCK_MINUTES, field="minutes"
            ),
            scores=validate.scores(pack, round_id, entry.scores),
            partner=validate.text("partner", entry.partner, limit=PARTNER_LIMIT, field="partner"),
            question=entry.question,
            notes=validate.text("notes", entry.notes, field="notes"),
            follow_ups=validate.text("follow-ups", entry.follow_ups, field="follow_ups"),
        )

    def _place_drills(
        self, records: Records, plan: Plan, earlier: Sequence[Mock], mock: Mock, ticked: str | None
    ) -> tuple[Task, ...]:
        """Put the mock's drills into the next days' free time; the ones placed."""
        from planner.domain import schedule
        from planner.domain.drills import drills_after
        from planner.domain.stages import rounds_ahead

        today = self.session.today
        library = self.session.library
        pack = library.pack(plan.settings.pack)
        ahead = rounds_ahead(pack, plan.settings, today)
        # The round's sessions still ahead keep their questions; the one this mock fulfilled
        # was just practised (even when the mock does not name its question).
        planned = {
            t.question
            for t in plan.tasks
            if t.kind in ("mock", "timed")
            and (not t.done or t.id == ticked)
            and mock.round in t.rounds
            and t.question
        }
        drills = drills_after(
            pack,
            mock,
            earlier,
            today,
            plan.settings.onsite,
            ahead,
            seniority=plan.settings.seniority,
            reviews=records.reviews(),
            planned=planned,
            open_drills=[t for t in plan.tasks if t.kind == "drill" and not t.done],
        )
        if not drills:
            return ()
        current = (
            plan
            if ticked is None
            else replace(
                plan,
                tasks=tuple(replace(t, done=True) if t.id == ticked else t for t in plan.tasks),
            )
        )
        template = library.template(plan.settings.pack, plan.settings.seniority)
        result = schedule.replan(current, pack, template, today, extra=drills, move_overdue=False)
        placed = tuple(
            t
            for t in result.plan.tasks
            if t.kind == "drill" and t.id.startswith(f"drill-{mock.id}-")
        )
        records.replace_tasks(result.plan.tasks)
        return placed


NEAR_DAYS = 3
"""Sessions this close to the earliest open one are as good a match for it."""
TICK_AHEAD_DAYS = 2
"""A session ticks a planned one at most this many days ahead of it (the round's first, its
baseline, aside: a first session is the baseline whenever it comes)."""


def matching_task(plan: Plan, mock: Mock) -> str | None:
    """The planned timed session (peer mock or solo drill) of the mock's round that the mock
    fulfils: the earliest one still open, so that a first session ticks the baseline and the
    retests stay ahead (a mock with a partner ticked a peer-mock retest weeks ahead and left
    the baseline open). After the baseline, only a session planned at most
    `TICK_AHEAD_DAYS` after the mock (or overdue) is ticked; None when there is none. Among
    the open sessions within a few days of that one, the one that set the mock's question
    comes first, then the kind the mock was (a peer mock with a partner, a solo drill
    alone)."""
    timed = [t for t in plan.tasks if t.kind in ("mock", "timed") and mock.round in t.rounds]
    own = sorted((t for t in timed if not t.done), key=lambda t: t.day)
    if not own:
        return None
    kind = "mock" if mock.partner else "timed"
    near = [t for t in own if (t.day - own[0].day).days <= NEAR_DAYS]
    if any(t.done for t in timed):
        # Past the baseline, a session ticks only one planned about now: a retest is there
        # to check the drills between the two, so one logged days early leaves it planned.
        near = [t for t in near if (t.day - mock.date).days <= TICK_AHEAD_DAYS]
        if not near:
            return None
    best = min(
        near,
        key=lambda t: (
            not (mock.question and t.question == mock.question),
            t.kind != kind,
            t.day,
        ),
    )
    return best.id
