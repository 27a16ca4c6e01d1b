"""Replan with a preview: what would move where and what would no longer fit, then a yes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from planner.domain.schedule import ReplanResult
from planner.tui.widgets.visuals import short_date

if TYPE_CHECKING:
    from planner.tui.app import PlannerApp


def preview_content(result: ReplanResult, titles: dict[str, str]) -> Content:
    """Each move (`title · Mon 23 Nov → Thu 26 Nov`) and each task that would be dropped."""
    lines: list[Content] = []
    if result.moved:
        lines.append(Content.styled("Moves forward", "bold"))
        for task_id, before, after in result.moved:
            lines.append(
                Content.assemble(
                    "  ",
                    Content(titles.get(task_id, task_id)),
                    (f" · {short_date(before)} → {short_date(after)}", "$text-muted"),
                )
            )
    if result.dropped:
        if lines:
            lines.append(Content(""))
        lines.append(Content.styled("No longer fits (dropped from the plan)", "bold $text-warning"))
        lines += [
            Content.assemble(
                "  ",
                Content(t.title),
                " (left out so that the timed sessions keep their days)"
                if t.id in result.left_out
                else "",
            )
            for t in result.dropped
        ]
    return Content("\n").join(lines)


class ReplanPreview(ModalScreen[bool]):
    """Shows what a replan would do; `y` or the Replan button applies it, Escape keeps all."""

    DEFAULT_CSS = """
    ReplanPreview { align: center middle; }
    ReplanPreview > Vertical {
        width: 90; max-width: 100%; height: auto; max-height: 100%; padding: 0 1;
        border: round $warning; background: $surface;
    }
    ReplanPreview #replan-title { dock: top; text-style: bold; }
    ReplanPreview #replan-body { height: auto; max-height: 1fr; }
    ReplanPreview Horizontal { dock: bottom; height: auto; align-horizontal: right; }
    ReplanPreview Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding("escape,n", "answer(False)", "Cancel", id="replan.cancel"),
        Binding("y", "answer(True)", "Replan", id="replan.yes"),
    ]

    def __init__(self, result: ReplanResult, titles: dict[str, str]) -> None:
        super().__init__()
        self.result = result
        """The replan as it would be saved."""
        self.titles = titles
        """Task titles by id (the moves name tasks by id)."""

    def compose(self) -> ComposeResult:
        moved, dropped = len(self.result.moved), len(self.result.dropped)
        title = f"Replan: {moved} task{'s' * (moved != 1)} move into free time from today"
        if dropped:
            title += f"; {dropped} no longer fit{'s' * (dropped == 1)}"
        with Vertical():
            yield Label(title, id="replan-title")
            with VerticalScroll(id="replan-body"):
                yield Static(preview_content(self.result, self.titles))
            with Horizontal():
                yield Button("Cancel", id="no", compact=True)
                yield Button("Replan (y)", id="yes", variant="warning", compact=True)

    def on_mount(self) -> None:
        """Focus Replan, or Cancel when something would be dropped."""
        self.query_one("#no" if self.result.dropped else "#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Answer with the button pressed."""
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        """Answer from a key."""
        self.dismiss(value)


def replan_with_preview(app: PlannerApp) -> None:
    """Show what a replan would do; save it only after a yes, then say what changed."""
    from planner.tui.app import REFUSALS

    try:
        preview = app.planner.plans.replan_preview()
    except REFUSALS as error:
        app.notify(str(error), title="Not replanned", severity="error", markup=False)
        return
    if not preview.moved and not preview.dropped:
        app.notify("Nothing to move: no unfinished past tasks.")
        return
    titles = {t.id: t.title for t in app.planner.session.plan().tasks}

    def answered(yes: bool | None) -> None:
        if yes:
            app.replan_now()

    app.push_screen(ReplanPreview(preview, titles), answered)
