"""The day's work: today's tasks and the overdue ones, ticking tasks done and undone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from planner.domain.models import ResearchState, Task
from planner.errors import InputError, NoPlanError
from planner.service.research_link import linked_research, status_after_tick
from planner.service.session import Session
from planner.storage import Records

if TYPE_CHECKING:
    from planner.domain.models import ResearchItem


@dataclass(frozen=True)
class TodayView:
    """Today's work: its tasks, what is overdue, and the minutes."""

    date: dt.date
    tasks: tuple[Task, ...]
    overdue: tuple[Task, ...]
    capacity_minutes: int
    planned_minutes: int
    done_minutes: int
    missed_yesterday: bool
    in_plan: bool
    """Whether today is one of the plan's days."""

    @property
    def minutes_left(self) -> int:
        """Minutes of today's tasks not yet done."""
        return self.planned_minutes - self.done_minutes


class Tasks:
    """The plan's tasks day by day, over one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def today(self) -> TodayView:
        """Today's tasks, overdue ones apart, and whether yesterday was missed."""
        plan = self.session.plan()
        today = self.session.today
        todays = tuple(t for t in plan.tasks if t.day == today)
        overdue = tuple(t for t in plan.tasks if t.day < today and not t.done)
        yesterday = today - dt.timedelta(days=1)
        missed = any(t.day == yesterday and not t.done for t in plan.tasks)
        day = next((d for d in plan.days if d.date == today), None)
        return TodayView(
            date=today,
            tasks=todays,
            overdue=overdue,
            capacity_minutes=day.capacity_minutes if day else 0,
            planned_minutes=sum(t.minutes for t in todays),
            done_minutes=sum(t.minutes for t in todays if t.done),
            missed_yesterday=missed,
            in_plan=day is not None,
        )

    def set_done(self, task_ids: Sequence[str], done: bool = True) -> list[Task]:
        """Mark tasks done (or not); unknown ids are an error and nothing is written.

        Ticking a research task also moves the pack research item it works on (see
        `research_link`) in the same write: done once every session of its checklist item is
        done, doing before that. Un-ticking leaves the research item as it is.
        """
        if not task_ids:
            raise InputError("give at least one task id", field="task_ids")
        with self.session.write() as records:
            plan = records.plan()
            if plan is None:
                raise NoPlanError()
            known = {t.id: t for t in plan.tasks}
            unknown = [i for i in task_ids if i not in known]
            if unknown:
                raise InputError(
                    f"unknown task id{'s' if len(unknown) > 1 else ''} "
                    f"{', '.join(unknown)} (see `planner today` or `planner plan`)",
                    field="task_ids",
                )
            records.set_done(task_ids, done, self.session.today)
            if done:
                self._move_research(records, plan.tasks, set(task_ids))
        ticked = self.session.today if done else None
        return [replace(known[i], done=done, done_on=ticked) for i in task_ids]

    def _move_research(self, records: Records, tasks: Sequence[Task], ticked: set[str]) -> None:
        """Move the research items linked to the ticked research tasks (inside the write)."""
        pack = self.session.pack()
        items = dict.fromkeys(t.item for t in tasks if t.id in ticked and t.kind == "research")
        states = {s.item: s for s in records.research()} if items else {}
        for item in items:
            linked = linked_research(pack, item)
            if linked is None:
                continue
            current = states.get(linked.id, ResearchState(item=linked.id))
            sessions = [t for t in tasks if t.item == item]
            status = status_after_tick(current, sessions, ticked)
            if status is not None:
                records.put_research(replace(current, status=status))

    def linked_research(self, task: Task) -> tuple[ResearchItem, ResearchState] | None:
        """The pack research item a research task works on, with its state (None when none)."""
        if task.kind != "research":
            return None
        linked = linked_research(self.session.pack(), task.item)
        if linked is None:
            return None
        states = {s.item: s for s in self.session.state().research}
        return linked, states.get(linked.id, ResearchState(item=linked.id))

    def research_sessions(self, research_id: str) -> tuple[Task, ...]:
        """The plan's research tasks linked to one pack research item (none when unlinked)."""
        plan = self.session.plan()
        pack = self.session.pack()
        items = {t.item for t in plan.tasks if t.kind == "research"}
        linked = {i for i in items if (r := linked_research(pack, i)) and r.id == research_id}
        return tuple(t for t in plan.tasks if t.item in linked)
