"""Space on a task: the tick is drawn at once, saved in a save worker, put back if refused.

Today and Plan share this. The row is updated in place (its prompt replaced, the list not
rebuilt); the save goes through `PlannerApp.save`, and its `Saved` redraws the screen once
(the row already shows the tick, so only the minutes change). On `SaveFailed` the row goes
back to what the data file holds and the user is told why.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace

from textual.widgets import OptionList
from textual.widgets.option_list import OptionDoesNotExist

from planner.domain.models import ResearchState, Task
from planner.service import Planner, StorageError
from planner.tui.screens.base import PlannerScreen
from planner.tui.widgets.visuals import log_reminder, task_line


class Ticks:
    """The ticks of one screen that are drawn but not saved yet."""

    def __init__(self, screen: PlannerScreen, shown: Callable[[Task], None]) -> None:
        self._screen = screen
        self._shown = shown
        """Told each task as its row now shows it (the screen keeps its own map of them)."""
        self._pending: dict[str, Task] = {}
        """Task id -> the task as drawn, while a save of it is under way."""
        self._waiting: Counter[str] = Counter()
        """Task id -> how many of its saves have not come back yet."""

    def shown(self, tasks: Sequence[Task]) -> list[Task]:
        """The tasks as they are drawn: ticks not yet saved over what the data file holds."""
        return [self._pending.get(t.id, t) for t in tasks]

    def toggle(self, option_list: OptionList, task: Task, today: dt.date | None) -> None:
        """Draw the task ticked (or not) now and save it in a save worker."""
        done = not task.done
        ticked = self._screen.planner.today if done else None
        drawn = replace(task, done=done, done_on=ticked)
        self._pending[task.id] = drawn
        self._waiting[task.id] += 1
        self._draw(option_list, drawn, today)
        planner = self._screen.planner
        research = research_before(planner, task) if done else None

        def saved(_: object) -> None:
            if done and (reminder := log_reminder(task)):
                self._screen.notify(reminder, markup=False)
            if research is not None and (moved := research_moved(planner, task, research)):
                self._screen.notify(moved, markup=False)

        self._screen.planner_app.save(
            lambda: planner.tasks.set_done([task.id], done),
            what="plan",
            then=saved,
            target=_TickSave(self, option_list, task, today),
        )

    def _draw(self, option_list: OptionList, task: Task, today: dt.date | None) -> None:
        self._shown(task)
        with contextlib.suppress(OptionDoesNotExist):  # the list shows another day now
            option_list.replace_option_prompt(task.id, task_line(task, today))

    def settled(self, task_id: str) -> bool:
        """One save of the task came back; whether none of its saves is under way now."""
        self._waiting[task_id] -= 1
        if self._waiting[task_id] > 0:
            return False
        del self._waiting[task_id]
        self._pending.pop(task_id, None)
        return True

    def put_back(self, option_list: OptionList, before: Task, today: dt.date | None) -> None:
        """A save was refused: the row shows the task as it was (unless another save is due)."""
        if self.settled(before.id):
            self._draw(option_list, before, today)


def research_before(planner: Planner, task: Task) -> ResearchState | None:
    """The state of the research item a research task works on, before its tick is saved."""
    linked = planner.tasks.linked_research(task)
    return None if linked is None else linked[1]


def research_moved(planner: Planner, task: Task, before: ResearchState) -> str:
    """What to say when a tick moved the task's research item ('' when it did not move)."""
    linked = planner.tasks.linked_research(task)
    if linked is None or linked[1].status == before.status:
        return ""
    item, state = linked
    sessions = planner.tasks.research_sessions(item.id)
    done = sum(1 for t in sessions if t.done)
    if state.status == "done":
        return f"Research item '{item.title}' is done too (Research screen, e)."
    return (
        f"Research item '{item.title}' is now in progress: {done} of {len(sessions)} "
        "sessions ticked (Research screen, e)."
    )


class _TickSave:
    """The save target of one tick: the row goes back and the user is told why on refusal."""

    def __init__(
        self, ticks: Ticks, option_list: OptionList, before: Task, today: dt.date | None
    ) -> None:
        self._ticks = ticks
        self._list = option_list
        self._before = before
        self._today = today

    def saved(self) -> None:
        """The tick is in the data file (the redraw that follows shows the same row)."""
        self._ticks.settled(self._before.id)

    def save_failed(self, error: Exception, message: str) -> None:
        """Put the row back; say why (the app already says so for storage errors)."""
        self._ticks.put_back(self._list, self._before, self._today)
        if not isinstance(error, StorageError):
            self._list.notify(message, title="Not saved", severity="warning", markup=False)
