"""Today's tasks with their minutes, overdue ones apart; Space ticks a task off."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, Header, Label, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from planner.domain.models import Task
from planner.tui.screens.base import PlannerScreen
from planner.tui.widgets.visuals import log_reminder, long_date, minutes, short_date, task_line


def fill_tasks(
    option_list: OptionList, tasks: Sequence[Task], empty: str, today: dt.date | None = None
) -> None:
    """Show tasks in a list (ids are task ids), keeping the highlighted row where it was."""
    keep = option_list.highlighted
    option_list.clear_options()
    if not tasks:
        option_list.add_option(Option(Content.styled(empty, "$text-muted"), disabled=True))
        return
    option_list.add_options(Option(task_line(t, today), id=t.id) for t in tasks)
    option_list.highlighted = min(keep or 0, len(tasks) - 1)


class TodayScreen(PlannerScreen):
    """Today's work; `r` replans what was missed."""

    BINDINGS = [
        Binding("space", "toggle_done", "Done/undo", id="today.toggle"),
        Binding("r", "app.replan", "Replan", id="today.replan"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._tasks: dict[str, Task] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="today"):
            yield Static(id="today-title")
            with Horizontal(id="today-meter"):
                yield ProgressBar(id="today-progress", show_eta=False)
                yield Label(id="today-minutes")
            yield Static(id="today-hint")
            yield Label("Today's tasks · Space marks done or not done", classes="section")
            yield OptionList(id="today-tasks")
            yield Label("Overdue from earlier days", classes="section", id="overdue-label")
            yield OptionList(id="today-overdue")
        yield Footer()

    def on_mount(self) -> None:
        """Start on today's list."""
        self.query_one("#today-tasks", OptionList).focus()

    def refresh_data(self) -> None:
        """Re-read today's tasks, the overdue ones and the minutes."""
        planner = self.planner
        if not planner.session.has_plan():
            return
        view = planner.tasks.today()
        plan = planner.session.plan()
        self._tasks = {t.id: t for t in (*view.tasks, *view.overdue)}
        title = f"{long_date(view.date)}"
        if not view.in_plan:
            title += (
                f" · before the plan starts ({short_date(plan.start)})"
                if view.date < plan.start
                else " · after the plan's last day"
            )
        elif view.capacity_minutes == 0:
            title += " · rest day"
        else:
            title += f" · capacity {minutes(view.capacity_minutes)}"
        self.query_one("#today-title", Static).update(Content.styled(title, "bold"))
        bar = self.query_one("#today-progress", ProgressBar)
        bar.update(
            total=max(1, view.capacity_minutes, view.planned_minutes), progress=view.done_minutes
        )
        self.query_one("#today-minutes", Label).update(
            Content(f"{minutes(view.done_minutes)} done of {minutes(view.planned_minutes)} planned")
        )
        hint = self.query_one("#today-hint", Static)
        if view.missed_yesterday:
            hint.update(
                Content.styled(
                    "Yesterday's tasks are not all done: press r to move them into free time.",
                    "$text-warning",
                )
            )
            hint.display = True
        else:
            hint.display = False
        fill_tasks(
            self.query_one("#today-tasks", OptionList),
            view.tasks,
            "Nothing planned today.",
            view.date,
        )
        fill_tasks(
            self.query_one("#today-overdue", OptionList),
            view.overdue,
            "Nothing overdue.",
            view.date,
        )

    def action_toggle_done(self) -> None:
        """Mark the highlighted task done, or not done again; saved at once."""
        focused = self.focused
        if not isinstance(focused, OptionList) or focused.highlighted is None:
            return
        option = focused.get_option_at_index(focused.highlighted)
        task = self._tasks.get(option.id or "")
        if task is None:
            return
        if self.planner_app.attempt(lambda: self.planner.tasks.set_done([task.id], not task.done)):
            if not task.done and (reminder := log_reminder(task)):
                self.notify(reminder, markup=False)
            self.refresh_data()
            if not task.done and focused.id == "today-tasks" and focused.highlighted is not None:
                # Ticked off: move on to the next task (overdue ones leave their list instead).
                focused.highlighted = min(focused.highlighted + 1, focused.option_count - 1)
            self.planner_app.saved("plan")
