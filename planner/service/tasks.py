"""The day's work: today's tasks and the overdue ones, ticking tasks done and undone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from planner.domain.models import Task
from planner.errors import InputError, NoPlanError
from planner.service.session import Session


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
        """Mark tasks done (or not); unknown ids are an error and nothing is written."""
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
        ticked = self.session.today if done else None
        return [replace(known[i], done=done, done_on=ticked) for i in task_ids]
