"""The task detail pane: what a task asks for, why it is on its day, how long, and links."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from planner.service import Planner
from planner.service.task_detail import TaskDetail, TaskLink, describe_task
from planner.tui.keys import key_hint
from planner.tui.screens.base import PlannerScreen, app_of
from planner.tui.ticks import research_before, research_moved
from planner.tui.widgets.visuals import minutes, short_date

if TYPE_CHECKING:
    from planner.tui.app import PlannerApp

LINK_SCREENS = {
    "research": "research",
    "stories": "stories",
    "questions": "questions",
    "log": "mocks",
}
"""The screen each kind of link opens."""


@dataclass(frozen=True)
class DetailResult:
    """What the pane was closed for: nothing, or a link to follow."""

    link: TaskLink | None = None


def detail_content(detail: TaskDetail) -> Content:
    """The pane's text: day, length and rounds, what to do, why, and how a timed one counts."""
    task = detail.task
    state = "done" if task.done else "not done"
    kind = {"mock": "peer mock", "timed": "solo timed drill"}.get(task.kind, task.kind)
    lines: list[Content] = [
        Content.styled(
            f"{short_date(task.day)} · {minutes(task.minutes)} · {kind} · {state}", "$text-muted"
        ),
    ]
    if detail.round_names:
        lines.append(Content.assemble(("Rounds: ", "bold"), Content(", ".join(detail.round_names))))
    if detail.what:
        lines += [Content(""), Content.styled("What to do", "bold"), Content(detail.what)]
    if detail.why:
        lines += [Content(""), Content.styled("Why", "bold")]
        lines += [Content(line) for line in detail.why]
    lines += [Content(""), Content.styled("How long", "bold"), Content(detail.how_long)]
    return Content("\n").join(lines)


TIMED_NOTE = "Counts for readiness once its rubric scores are logged: press l to log them."


class TaskDetailScreen(ModalScreen[DetailResult]):
    """One task in full; Space ticks it, Enter follows a link, l logs a timed session."""

    CSS_PATH = "task_detail.tcss"
    BINDINGS = [
        Binding("escape,q", "close", "Close", id="task.close"),
        Binding("space", "toggle_done", "Done/undo", id="task.toggle"),
        Binding("l", "log", "Log scores", id="task.log"),
        Binding("pagedown", "scroll_text(1)", "Scroll text down", show=False, priority=True),
        Binding("pageup", "scroll_text(-1)", "Scroll text up", show=False, priority=True),
    ]

    def __init__(self, planner: Planner, task_id: str) -> None:
        super().__init__()
        self.planner = planner
        """The service (read here, written through the app's guarded save)."""
        self.task_id = task_id
        """The task shown."""
        self.detail: TaskDetail | None = None
        """What the pane shows, as last read."""

    def compose(self) -> ComposeResult:
        with Vertical(id="task-box"):
            yield Label("", id="task-title", markup=False)
            with Vertical(id="task-bottom"):
                yield Static(id="task-timed")
                yield Label("Links · Enter opens", id="task-links-title")
                yield OptionList(id="task-links")
                yield Label(id="task-foot")
            with VerticalScroll(id="task-body"):
                yield Static(id="task-text")

    def on_mount(self) -> None:
        """Fill the pane; focus the links (or the text when there are none)."""
        self.refresh_detail()
        links = self.query_one("#task-links", OptionList)
        if links.option_count:
            links.focus()
        else:
            self.query_one("#task-body").focus()

    def refresh_detail(self) -> None:
        """Read the task again (after a tick) and redraw."""
        try:
            task = self.planner.session.plan().task(self.task_id)
        except KeyError:
            self.dismiss(DetailResult())
            return
        detail = self.detail = describe_task(self.planner, task)
        self.query_one("#task-title", Label).update(
            Content(("✔ " if task.done else "○ ") + task.title)
        )
        self.query_one("#task-text", Static).update(detail_content(detail))
        timed = self.query_one("#task-timed", Static)
        note = TIMED_NOTE.replace("press l", f"press {key_hint(self, 'task.log', 'l')}")
        timed.update(Content.styled(note, "$text-warning"))
        timed.display = detail.timed
        links = self.query_one("#task-links", OptionList)
        keep = links.highlighted
        links.clear_options()
        links.add_options(
            Option(Content(link.label), id=str(n)) for n, link in enumerate(detail.links)
        )
        if detail.links:
            links.highlighted = min(keep or 0, len(detail.links) - 1)
        links.display = bool(detail.links)
        self.query_one("#task-links-title").display = bool(detail.links)
        keys = [f"{key_hint(self, 'task.toggle', 'Space')} done/undo"]
        if detail.timed:
            keys.append(f"{key_hint(self, 'task.log', 'l')} log scores")
        if detail.links:
            keys.append("Enter opens")
        keys += ["PgDn more", "Esc closes"]
        self.query_one("#task-foot", Label).update(Content.styled(" · ".join(keys), "$text-muted"))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Log scores only for a timed session."""
        if action == "log":
            return self.detail is not None and self.detail.timed
        return True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Follow the chosen link."""
        event.stop()
        if self.detail is None or event.option.id is None:
            return
        self.dismiss(DetailResult(self.detail.links[int(event.option.id)]))

    def action_toggle_done(self) -> None:
        """Tick the task, or un-tick it; saved at once (the screen below is redrawn once)."""

        if self.detail is None:
            return
        task = self.detail.task
        research = None if task.done else research_before(self.planner, task)

        def ticked(_: object) -> None:
            if research is not None and (moved := research_moved(self.planner, task, research)):
                self.app.notify(moved, markup=False)
            if self.is_attached:
                self.refresh_detail()  # a timed session's "press l to log" stays in view

        app_of(self).save(
            lambda: self.planner.tasks.set_done([task.id], not task.done), what="plan", then=ticked
        )

    def action_log(self) -> None:
        """Close and open the mock form for this session's round."""
        if self.detail is None:
            return
        log = next((link for link in self.detail.links if link.kind == "log"), None)
        if log is not None:
            self.dismiss(DetailResult(log))

    def action_scroll_text(self, direction: int) -> None:
        """Page the text while the links keep the focus."""
        body = self.query_one("#task-body", VerticalScroll)
        if direction > 0:
            body.scroll_page_down(animate=False)
        else:
            body.scroll_page_up(animate=False)

    def action_close(self) -> None:
        """Close the pane."""
        self.dismiss(DetailResult())


def open_task_detail(screen: PlannerScreen, task_id: str) -> None:
    """Open the detail pane of a task over `screen`; a chosen link opens where it points."""

    def closed(result: DetailResult | None) -> None:
        if result is not None and result.link is not None:
            screen.call_later(follow_link, screen, result.link, task_id)

    screen.app.push_screen(TaskDetailScreen(screen.planner, task_id), closed)


async def follow_link(screen: PlannerScreen, link: TaskLink, task_id: str = "") -> None:
    """Switch to the screen a link points at and show its target there; what it opens for
    the target (a question's card, the mock form) comes back to the task's pane."""
    app = screen.planner_app
    origin = app.current_mode
    await app.switch_mode(LINK_SCREENS[link.kind])
    target = app.screen
    if isinstance(target, PlannerScreen):
        target.return_mode = origin
        target.return_task = task_id or None
        target.call_after_refresh(target.focus_target, link.kind, link.target, link.round)


async def back_to_task(app: PlannerApp, mode: str, task_id: str) -> None:
    """Back on `mode` (Today or Plan) with the pane of task `task_id` open again."""
    if app.current_mode != mode:
        await app.switch_mode(mode)
    screen = app.screen
    if isinstance(screen, PlannerScreen):
        open_task_detail(screen, task_id)
