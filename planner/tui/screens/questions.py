"""The Questions screen: the bank on a spaced-repetition schedule, practised one card at a time."""

from __future__ import annotations

import datetime as dt
from functools import partial

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Header, Label, Static

from planner.dates import human
from planner.domain.models import Review
from planner.domain.practice import QuestionStatus
from planner.tui.forms.base import reset_columns
from planner.tui.forms.mock_shared import short
from planner.tui.forms.question_card import CardResult, QuestionCard
from planner.tui.keys import key_hint
from planner.tui.screens.base import PlannerScreen
from planner.tui.widgets.footer import Footer


def due_cell(status: QuestionStatus, today: dt.date) -> Text:
    """When a question is due: new, today, overdue, or its day."""
    if status.reviews == 0:
        return Text("new", style="cyan")
    if status.due < today:
        return Text(f"overdue {(today - status.due).days}d", style="red")
    if status.due == today:
        return Text("today", style="yellow")
    return Text(human(status.due), style="dim")


class QuestionsScreen(PlannerScreen):
    """Practice: Enter opens a question, 1-4 rates it, a toggles due-only and all."""

    CSS_PATH = "trackers.tcss"
    DEFAULT_CSS = """
    QuestionsScreen #question-full {
        height: auto; max-height: 4; padding: 0 1; border-top: solid $primary-darken-2;
    }
    """
    BINDINGS = [
        Binding("o", "open", "Practise", id="questions.open"),
        Binding(
            "enter", "select_focused", "Practise", id="questions.enter", show=False, priority=True
        ),
        Binding("a", "toggle_all", "Due/all", id="questions.all"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.show_all = False
        """Whether the table lists the whole bank or only what is due today."""
        self.scratch: dict[str, str] = {}
        """Scratch answers by question id, kept in memory for this session only."""
        self.last_result = ""
        """What the last rating did, shown under the table."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(classes="tracker"):
            yield Label("", id="questions-head", classes="tracker-head", markup=False)
            yield DataTable(id="questions-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="question-full", markup=False)
            yield Label("", id="practice-result", classes="status-line", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        """Fill the table and put the cursor in it."""
        self.refresh_data()
        self.query_one("#questions-table", DataTable).focus()
        self.targets_ready()

    def refresh_data(self) -> None:
        """Re-read the practice state and list the due (or all) questions by round."""
        pack = self.planner.session.pack()
        today = self.planner.today
        order = {rid: n for n, rid in enumerate(pack.round_ids)}
        names = {r.id: r.name for r in pack.rounds}
        ahead = set(self.planner.session.rounds_ahead())
        everything = self.planner.practice.questions()
        # Questions of screens behind the candidate are not due: listed (marked) under `a` only.
        due = [s for s in everything if s.is_due(today) and s.question.round in ahead]
        shown = everything if self.show_all else due
        shown = sorted(shown, key=lambda s: order.get(s.question.round, len(order)))
        table = self.query_one("#questions-table", DataTable)
        row = table.cursor_row
        # Wide: round names in full; narrow: round ids, readable in 14 columns.
        wide = self.size.width >= 110
        round_width = 27 if wide else 14
        prompt_width = max(30, self.size.width - round_width - 20)
        reset_columns(
            table,
            [
                ("Round", "round", round_width),
                ("Question", "prompt", prompt_width),
                ("Due", "due", 11),
            ],
        )
        for status in shown:
            passed = status.question.round not in ahead
            table.add_row(
                Text(short(names.get(status.question.round, status.question.round), round_width))
                if wide
                else Text(status.question.round),
                Text(short(status.question.prompt, prompt_width), style="dim" if passed else ""),
                Text("passed", style="dim") if passed else due_cell(status, today),
                key=status.question.id,
            )
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        scope = "all questions" if self.show_all else "due today"
        toggle = key_hint(self, "questions.all", "a")
        head = f"{len(due)} questions due today · showing {scope} ({toggle} toggles)"
        if not shown:
            head = f"Nothing due today: every question is scheduled ({toggle} shows all)"
        self.query_one("#questions-head", Label).update(head)
        self.query_one("#practice-result", Label).update(self.last_result)
        self._show_full()

    def _show_full(self) -> None:
        """The highlighted question in full (the table cuts it to the width there is)."""
        question_id = self.selected_question()
        prompts = {q.id: q.prompt for q in self.planner.session.pack().questions}
        self.query_one("#question-full", Static).update(prompts.get(question_id or "", ""))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Show the highlighted question in full."""
        self._show_full()

    def on_resize(self, event: events.Resize) -> None:
        """Prompts use the width there is."""
        self.refresh_data()

    def selected_question(self) -> str | None:
        """The id of the highlighted question, if any."""
        table = self.query_one("#questions-table", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return str(key) if key is not None else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter opens the question."""
        self.action_open()

    def action_toggle_all(self) -> None:
        """Switch between due questions and the whole bank."""
        self.show_all = not self.show_all
        self.refresh_data()

    def action_open(self) -> None:
        """Open the highlighted question to practise it."""
        question_id = self.selected_question()
        if question_id is None:
            toggle = key_hint(self, "questions.all", "a")
            self.notify(
                f"Nothing to practise here; {toggle} shows all questions.", timeout=3, markup=False
            )
            return
        self.open_question(question_id)

    def open_question(self, question_id: str, back: tuple[str, str] | None = None) -> None:
        """Open one question's card; a rating is recorded and its next due day shown.

        `back` (a mode and a task) when a task's link opened it: once rated or closed, that
        task's pane opens again; otherwise a rating opens the next question due."""
        pack = self.planner.session.pack()
        status = next(
            (s for s in self.planner.practice.questions() if s.question.id == question_id), None
        )
        if status is None:
            self.notify(f"Unknown question {question_id}.", severity="error", markup=False)
            return
        question = status.question
        round_name = pack.round(question.round).name if question.round in pack.round_ids else ""
        practised = (
            f"practised {status.reviews}×, last {status.last_rating}"
            if status.reviews
            else "not practised yet"
        )
        heading = f"{round_name} · {question.id} · {practised}"

        def closed(result: CardResult | None) -> None:
            if result is None:
                return
            self.scratch[question_id] = result.scratch
            if result.rating is not None:  # once saved: the next due question, or `back`
                self._rate(question_id, result.rating, back)
            elif back is not None:
                self.go_back(*back)

        card = QuestionCard(question, heading, self.scratch.get(question_id, ""))
        self.app.push_screen(card, closed)

    def _open_next(self, rated: str) -> None:
        """After a rating, the next question due opens (Escape on a card stops the run)."""
        if self.show_all:
            return
        table = self.query_one("#questions-table", DataTable)
        ids = [str(row.key.value) for row in table.ordered_rows]
        if rated in ids:  # rated `again`: still due, the one after it comes next
            after = ids[ids.index(rated) + 1 :]
            following = after[0] if after else next((i for i in ids if i != rated), None)
        else:  # no longer due: the row that took its place comes next
            following = ids[min(table.cursor_row, len(ids) - 1)] if ids else None
        if following is not None:
            self.open_question(following)

    def _rate(self, question_id: str, rating: str, back: tuple[str, str] | None) -> None:
        practice = self.planner.practice
        self.planner_app.save(
            lambda: practice.record(question_id, rating),
            what="questions",
            then=partial(self._rated, back=back),
        )

    def _rated(self, review: Review, back: tuple[str, str] | None = None) -> None:
        when = human(review.due, self.planner.today)
        self.last_result = f"{review.question}: rated {review.rating}; next due {when}."
        self.query_one("#practice-result", Label).update(self.last_result)
        self.notify(self.last_result, title="Practice recorded", timeout=4, markup=False)
        if back is not None:
            self.go_back(*back)
        else:
            self._open_next(review.question)

    def show_target(self, kind: str, target: str, round_id: str) -> None:
        """From a dashboard gap or a task's link: open question `target` (or show the round's
        due questions); from a link, the task's pane comes back once it is rated or closed."""
        back_to, self.return_mode = self.return_mode, None
        back_task, self.return_task = self.return_task, None
        back = (back_to, back_task) if back_to is not None and back_task is not None else None
        known = {q.id for q in self.planner.session.pack().questions}
        if target in known:
            self.open_question(target, back)
