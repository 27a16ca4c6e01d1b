"""The daily commands: today, done, undo (kept apart from the plan commands so that
`planner today` imports only what it shows)."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from planner.cli.output import Output, safe_cell
from planner.cli.render import Result
from planner.dates import human
from planner.domain.models import TIMED_KINDS

if TYPE_CHECKING:
    from planner.cli.context import Context
    from planner.domain.models import Plan, Task
    from planner.service.tasks import TodayView


def task_json(task: Task) -> dict[str, Any]:
    """A task as in the public JSON contract."""
    return {
        "id": task.id,
        "title": task.title,
        "item": task.item,
        "kind": task.kind,
        "rounds": list(task.rounds),
        "minutes": task.minutes,
        "done": task.done,
        "date": task.day.isoformat(),
        "reason": task.reason,
        "question": task.question or None,
        "done_on": task.done_on.isoformat() if task.done_on else None,
    }


def question_line(task: Task, notes: Mapping[str, tuple[str, str]]) -> str:
    """`question QID (Type)` for a task linked to a bank question ('' for none); `notes`
    holds each question's type name and prompt."""
    if not task.question:
        return ""
    kind = notes.get(task.question, ("", ""))[0]
    return f"question {safe_cell(task.question)}" + (f" ({safe_cell(kind)})" if kind else "")


# -- today ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TodayResult(Result):
    """Today's tasks with what each asks for, the overdue ones, and a missed-day hint."""

    view: TodayView
    plan: Plan
    notes: dict[str, str]
    today: dt.date
    questions: dict[str, tuple[str, str]]
    """Each linked question's type name and prompt, by id."""

    def json(self) -> Any:
        view = self.view
        return {
            "date": view.date.isoformat(),
            "tasks": [task_json(t) for t in view.tasks],
            "overdue": [task_json(t) for t in view.overdue],
            "capacity_minutes": view.capacity_minutes,
            "planned_minutes": view.planned_minutes,
            "minutes_left": view.minutes_left,
            "missed_yesterday": view.missed_yesterday,
        }

    def text(self, out: Output) -> Iterator[str]:
        view, plan, today = self.view, self.plan, self.today
        days_left = (plan.settings.onsite - today).days
        yield out.style(
            f"{human(view.date, today)}: {days_left} day{'s' * (days_left != 1)} to the onsite",
            "bold",
        )
        if not view.in_plan:
            if today < plan.start:
                wait = (plan.start - today).days
                yield (
                    f"Your plan starts on {plan.start:%a %d %b} (in {wait} day"
                    f"{'s' * (wait != 1)}). To start today instead: "
                    f"`planner init --force --days {days_left} ...` with your other choices."
                )
            else:
                yield "Today is not one of the plan's days: the plan ended before the onsite."
        elif not view.tasks:
            yield (
                "Nothing planned today: a rest day."
                if view.capacity_minutes == 0
                else "Nothing planned today: a free day to catch up or practise "
                "(`planner questions --due`)."
            )
        else:
            yield (
                f"{view.done_minutes} of {view.planned_minutes} min done, "
                f"{view.minutes_left} min left"
            )
            yield from _task_rows(out, view.tasks)
            yield from self._descriptions(out, [t for t in view.tasks if not t.done])
        if view.overdue:
            yield ""
            yield out.style(f"Overdue ({len(view.overdue)}):", "yellow", "bold")
            yield from _task_rows(out, view.overdue, with_date=True)
        if view.missed_yesterday:
            yield ""
            yield (
                "Yesterday's work was not finished: `planner replan` spreads it over the "
                "coming days."
            )

    def _descriptions(self, out: Output, tasks: list[Task]) -> Iterator[str]:
        """What each task asks for: the checklist item's description, or a drill's reason,
        and the bank question it works on."""
        if not tasks:
            return
        yield ""
        for t in tasks:
            text = t.reason or self.notes.get(t.item, "")
            if not text and not t.question:
                continue
            yield out.style(t.id, "bold")
            for line in textwrap.wrap(safe_cell(text), width=76):
                yield f"  {line}"
            if t.question:
                prompt = self.questions.get(t.question, ("", ""))[1]
                asked = question_line(t, self.questions)
                asked += f": {safe_cell(prompt)}" if prompt else ""
                for line in textwrap.wrap(asked, width=76):
                    yield f"  {line}"


def _task_rows(out: Output, tasks: Iterable[Task], with_date: bool = False) -> list[str]:
    rows = []
    for t in tasks:
        row = ["[x]" if t.done else "[ ]", t.id, f"{t.minutes}m", t.title]
        if with_date:
            row.insert(1, f"{t.day:%a %d %b}")
        rows.append(row)
    headers = ["", "date", "id", "min", "task"] if with_date else ["", "id", "min", "task"]
    return out.table(headers, rows)


def today(ctx: Context) -> Result:
    """Today's tasks and overdue ones."""
    planner = ctx.planner
    view = planner.tasks.today()
    notes = planner.session.task_notes() if any(not t.done for t in view.tasks) else {}
    linked = any(t.question and not t.done for t in view.tasks)
    questions = planner.session.question_notes() if linked else {}
    return TodayResult(view, planner.session.plan(), notes, ctx.today, questions)


# -- done, undo --------------------------------------------------------------------------


@dataclass(frozen=True)
class Ticked(Result):
    """Tasks marked done or not done (and those a `done` found done already)."""

    tasks: Sequence[Task]
    done: bool
    already: Sequence[Task] = ()

    def text(self, out: Output) -> Iterator[str]:
        for t in self.already:
            when = f" on {t.done_on:%a %d %b}" if t.done_on else ""
            yield f"already done{when}: {t.id}  {safe_cell(t.title)}"
        for t in self.tasks:
            if not self.done:
                yield f"not done: {t.id}  {safe_cell(t.title)}"
                continue
            yield f"done: {t.id}  {safe_cell(t.title)}"
            if t.kind in TIMED_KINDS and t.rounds:
                asked = f" --question {safe_cell(t.question)}" if t.question else ""
                yield (
                    "  a timed session counts for readiness once its scores are logged: "
                    f"planner mock add --round {t.rounds[0]}{asked} --score DIMENSION=N ..."
                )


def done(ctx: Context) -> Result:
    """Mark tasks done (a task already done is said so, and keeps the day it was ticked)."""
    plan = ctx.planner.session.plan()
    finished = {t.id: t for t in plan.tasks if t.done}
    already = [finished[i] for i in dict.fromkeys(ctx.args.task_ids) if i in finished]
    fresh = [i for i in dict.fromkeys(ctx.args.task_ids) if i not in finished]
    tasks = ctx.planner.tasks.set_done(fresh, True) if fresh else []
    return Ticked(tasks, True, tuple(already))


def undo(ctx: Context) -> Result:
    """Mark tasks not done."""
    return Ticked(ctx.planner.tasks.set_done(ctx.args.task_ids, False), False)
