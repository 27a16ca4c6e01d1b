"""The plan as a calendar by week; the chosen day's tasks are listed below it."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Label, OptionList, Static

from planner.domain.models import Task
from planner.tui.screens.base import PlannerScreen
from planner.tui.screens.today import fill_tasks, highlighted_task_id
from planner.tui.ticks import Ticks
from planner.tui.widgets.calendar import PlanCalendar
from planner.tui.widgets.footer import Footer
from planner.tui.widgets.visuals import long_date, minutes, short_date


class PlanScreen(PlannerScreen):
    """Arrows move between days, Enter goes to the day's tasks, Space ticks one off."""

    BINDINGS = [
        Binding("space", "toggle_done", "Done/undo", id="plan.toggle"),
        Binding("enter", "open_detail", "Details", id="plan.detail", priority=True),
        Binding("escape", "focus_calendar", "Calendar", id="plan.calendar", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._tasks: dict[str, Task] = {}
        self._day: dt.date | None = None
        self._ticks = Ticks(self, self._shown)

    def _shown(self, task: Task) -> None:
        if task.id in self._tasks:
            self._tasks[task.id] = task

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="plan"):
            yield Static(id="plan-title")
            with VerticalScroll(id="plan-calendar-box"):
                yield PlanCalendar(id="plan-calendar")
            yield Label(id="plan-day-title", classes="section")
            yield OptionList(id="plan-day-tasks")
        yield Footer()

    def on_mount(self) -> None:
        """Start on the calendar."""
        self.query_one(PlanCalendar).focus()

    def refresh_data(self) -> None:
        """Re-read the plan and the chosen day's tasks."""
        plan = self.planner.session.state().plan
        if plan is None:
            return
        today = self.planner.today
        last = plan.days[-1].date if plan.days else plan.start
        self.query_one("#plan-title", Static).update(
            Content.assemble(
                (f"{short_date(plan.start)} – {short_date(last)}", "bold"),
                f" · onsite {short_date(plan.settings.onsite)}",
                (" · ◆ timed session · Enter: tasks", "$text-muted"),
            )
        )
        calendar = self.query_one(PlanCalendar)
        calendar.show(plan, today)
        self._show_day(calendar.cursor)

    def _show_day(self, day: dt.date | None) -> None:
        self._day = day
        title = self.query_one("#plan-day-title", Label)
        task_list = self.query_one("#plan-day-tasks", OptionList)
        plan = self.planner.session.state().plan
        if day is None or plan is None:
            title.update("")
            task_list.clear_options()
            return
        tasks = self._ticks.shown(plan.tasks_on(day))
        self._tasks = {t.id: t for t in tasks}
        info = next((d for d in plan.days if d.date == day), None)
        planned = sum(t.minutes for t in tasks)
        text = f"{long_date(day)}"
        if info is not None and info.rest:
            text += " · rest day"
        elif info is not None:
            text += f" · {minutes(planned)} of {minutes(info.capacity_minutes)}"
        title.update(text)
        fill_tasks(task_list, tasks, "Nothing planned on this day.", day)

    def on_plan_calendar_highlighted(self, event: PlanCalendar.Highlighted) -> None:
        """List the tasks of the day under the cursor."""
        if event.date != self._day:
            self._show_day(event.date)

    def on_plan_calendar_selected(self, event: PlanCalendar.Selected) -> None:
        """Go to the chosen day's tasks."""
        self._show_day(event.date)
        task_list = self.query_one("#plan-day-tasks", OptionList)
        if self._tasks:
            task_list.focus()

    def on_descendant_focus(self) -> None:
        """Offer Done/undo only while the task list has focus."""
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Done/undo and details act on the day's tasks (Enter on the calendar picks a day)."""
        if action == "toggle_done":
            return isinstance(self.focused, OptionList)
        if action == "open_detail":
            return self._highlighted_task() is not None
        return True

    def _highlighted_task(self) -> Task | None:
        task_list = self.query_one("#plan-day-tasks", OptionList)
        if self.focused is not task_list:
            return None
        return self._tasks.get(highlighted_task_id(task_list) or "")

    def action_open_detail(self) -> None:
        """Open what the highlighted task involves."""
        from planner.tui.screens.task_detail import open_task_detail

        task = self._highlighted_task()
        if task is not None:
            open_task_detail(self, task.id)

    def action_focus_calendar(self) -> None:
        """Back to the calendar."""
        self.query_one(PlanCalendar).focus()

    def action_toggle_done(self) -> None:
        """Mark the highlighted task of the day done, or not done again."""
        task_list = self.query_one("#plan-day-tasks", OptionList)
        if self.focused is not task_list or task_list.highlighted is None:
            return
        option = task_list.get_option_at_index(task_list.highlighted)
        task = self._tasks.get(option.id or "")
        if task is not None:
            self._ticks.toggle(task_list, task, self._day)
