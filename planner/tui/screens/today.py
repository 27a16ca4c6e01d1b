"""Today's tasks with their minutes, overdue ones apart; Space ticks a task off."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Header, Label, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from planner.domain.models import Task
from planner.tui.keys import key_hint
from planner.tui.screens.base import PlannerScreen
from planner.tui.ticks import Ticks
from planner.tui.widgets.footer import Footer
from planner.tui.widgets.visuals import long_date, minutes, short_date, task_line


def fill_tasks(
    option_list: OptionList, tasks: Sequence[Task], empty: str, today: dt.date | None = None
) -> None:
    """Show tasks in a list (ids are task ids), keeping the highlight on the same task.

    The highlight follows the task it was on (by id), else stays at the same row, so a
    refresh after a tick never leaves the list without a highlight. When the list holds the
    same tasks in the same order, only the rows that changed are redrawn (in place).
    """
    ids = [t.id for t in tasks]
    if ids and ids == [o.id for o in option_list.options]:
        for task, option in zip(tasks, option_list.options, strict=True):
            line = task_line(task, today)
            if option.prompt != line:
                option_list.replace_option_prompt(task.id, line)
        return
    keep = option_list.highlighted
    keep_id = highlighted_task_id(option_list)
    option_list.clear_options()
    if not tasks:
        option_list.add_option(Option(Content.styled(empty, "$text-muted"), disabled=True))
        return
    option_list.add_options(Option(task_line(t, today), id=t.id) for t in tasks)
    option_list.highlighted = ids.index(keep_id) if keep_id in ids else min(keep or 0, len(ids) - 1)


def highlighted_task_id(option_list: OptionList) -> str | None:
    """The id of the highlighted task, None when nothing (or a placeholder) is highlighted."""
    index = option_list.highlighted
    if index is None or not 0 <= index < option_list.option_count:
        return None
    return option_list.get_option_at_index(index).id


class TodayScreen(PlannerScreen):
    """Today's work; `r` replans what was missed."""

    BINDINGS = [
        Binding("space", "toggle_done", "Done/undo", id="today.toggle"),
        Binding("enter", "open_detail", "Details", id="today.detail", priority=True),
        Binding("r", "app.replan", "Replan", id="today.replan"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._tasks: dict[str, Task] = {}
        self._ticks = Ticks(self, self._shown)

    def _shown(self, task: Task) -> None:
        self._tasks[task.id] = task

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="today"):
            yield Static(id="today-title")
            with Horizontal(id="today-meter"):
                yield ProgressBar(id="today-progress", show_eta=False)
                yield Label(id="today-minutes")
            yield Static(id="today-hint")
            toggle = key_hint(self, "today.toggle", "Space")
            detail = key_hint(self, "today.detail", "Enter")
            yield Label(
                f"Today's tasks · {toggle}: done or not · {detail}: what it involves",
                classes="section",
                markup=False,
            )
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
        # Ticks drawn but not saved yet stay drawn (another save's redraw must not undo them).
        today_tasks = self._ticks.shown(view.tasks)
        # Overdue work ticked today stays listed (ticked), so Space can undo it all day.
        overdue = [
            t
            for t in self._ticks.shown(plan.tasks)
            if t.day < view.date and (not t.done or t.done_on == view.date)
        ]
        self._tasks = {t.id: t for t in (*today_tasks, *overdue)}
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
        # Against the minutes planned, so every task done reads 100% (capacity may be larger).
        bar.update(total=view.planned_minutes or 1, progress=view.done_minutes)
        self.query_one("#today-minutes", Label).update(
            Content(f"{minutes(view.done_minutes)} done of {minutes(view.planned_minutes)} planned")
        )
        hint = self.query_one("#today-hint", Static)
        if view.missed_yesterday:
            hint.update(
                Content.styled(
                    "Yesterday's tasks are not all done: press "
                    f"{key_hint(self, 'today.replan', 'r')} to move them into free time.",
                    "$text-warning",
                )
            )
            hint.display = True
        else:
            hint.display = False
        fill_tasks(
            self.query_one("#today-tasks", OptionList),
            today_tasks,
            "Nothing planned today.",
            view.date,
        )
        fill_tasks(
            self.query_one("#today-overdue", OptionList),
            overdue,
            "Nothing overdue.",
            view.date,
        )

    def _highlighted_task(self) -> Task | None:
        focused = self.focused
        if not isinstance(focused, OptionList):
            return None
        return self._tasks.get(highlighted_task_id(focused) or "")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Details need a highlighted task (else Enter goes to the focused widget)."""
        if action == "open_detail":
            return self._highlighted_task() is not None
        return True

    def action_open_detail(self) -> None:
        """Open what the highlighted task involves."""
        from planner.tui.screens.task_detail import open_task_detail

        task = self._highlighted_task()
        if task is not None:
            open_task_detail(self, task.id)

    def action_toggle_done(self) -> None:
        """Mark the highlighted task done, or not done again; saved at once."""
        focused = self.focused
        if not isinstance(focused, OptionList) or focused.highlighted is None:
            return
        option = focused.get_option_at_index(focused.highlighted)
        task = self._tasks.get(option.id or "")
        if task is not None:
            # Drawn at once; the highlight stays on this task, so Space again undoes.
            self._ticks.toggle(focused, task, self.planner.today)
