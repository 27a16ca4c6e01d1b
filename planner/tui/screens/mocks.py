"""The Mocks screen: logged mocks, the round's score trend, weakest dimensions, timed mode."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Header, Label, Static

from planner.domain.models import Mock
from planner.domain.text import one_line
from planner.service.inputs import (
    DEFAULT_MOCK_MINUTES,
    MAX_MOCK_MINUTES,
    MockChange,
    MockInput,
)
from planner.service.mocks import MockLogged
from planner.tui.drafts import Draft, FieldValue
from planner.tui.forms.base import FormScreen, reset_columns
from planner.tui.forms.mock_form import MockForm
from planner.tui.forms.mock_shared import TimedResult, short
from planner.tui.forms.timed_mock import TimedMockScreen
from planner.tui.keys import key_hint
from planner.tui.screens.base import PlannerScreen
from planner.tui.screens.confirm import ConfirmScreen
from planner.tui.widgets.footer import Footer
from planner.tui.widgets.mock_trend import MockTrend, weakest_dimension

ROUND_WIDTH = 27
"""Wide enough for every Coursera round name (`Technical and system design`)."""
NARROW_ROUND_WIDTH = 14
"""Round ids at 80 columns (`hiring-manager`)."""
WIDE = 110


class MocksScreen(PlannerScreen):
    """Mock interviews: the log, a per-round trend, and timed-mock mode."""

    CSS_PATH = "trackers.tcss"
    BINDINGS = [
        Binding("a", "add", "Add", id="mocks.add"),
        Binding("o", "edit", "Edit", id="mocks.edit", show=False),
        Binding("enter", "select_focused", "Edit", id="mocks.open", show=False, priority=True),
        Binding("x,delete", "delete", "Delete", id="mocks.delete", show=False),
        Binding("f", "cycle_round", "Filter", id="mocks.filter"),
        Binding("w", "timed", "Timed", id="mocks.timed"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.round_filter: str | None = None
        """The round shown, or None for all rounds."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="mocks-main", classes="tracker"):
            yield Label("", id="mocks-filter", classes="tracker-head", markup=False)
            yield DataTable(id="mocks-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="mock-detail", markup=False)
            yield MockTrend(id="mocks-bottom")
        yield Footer()

    def on_mount(self) -> None:
        """Fill the screen and put the cursor in the table."""
        self.refresh_data()
        self.query_one("#mocks-table", DataTable).focus()
        self.targets_ready()

    # -- showing ---------------------------------------------------------------------------

    def refresh_data(self) -> None:
        """Re-read the mocks and redraw the table, the trend and the weakest dimensions."""
        pack = self.planner.session.pack()
        if self.round_filter is not None and self.round_filter not in pack.round_ids:
            self.round_filter = None
        table = self.query_one("#mocks-table", DataTable)
        keep = self.selected_mock_id()
        # Wide: round names in full; narrow: round ids, which stay readable in 14 columns.
        wide = self.size.width >= WIDE
        round_width = ROUND_WIDTH if wide else NARROW_ROUND_WIDTH
        weakest_width = max(20, self.size.width - round_width - 29)
        reset_columns(
            table,
            [
                ("Date", "date", 10),
                ("Round", "round", round_width),
                ("Min", "minutes", 3),
                ("Avg", "average", 3),
                ("Weakest dimension", "weakest", weakest_width),
            ],
        )
        mocks = self.planner.mocks.logged(self.round_filter)
        for mock in reversed(mocks):
            known = mock.round in pack.round_ids
            round_name = pack.round(mock.round).name if known and wide else mock.round
            table.add_row(
                Text(mock.date.isoformat()),
                Text(short(round_name, round_width)),
                Text(str(mock.minutes), justify="right"),
                Text(f"{mock.average:.1f}" if mock.scores else "—", justify="right"),
                Text(weakest_dimension(mock, pack, weakest_width)),
                key=mock.id,
            )
        if keep is not None and keep in {m.id for m in mocks}:
            table.move_cursor(row=table.get_row_index(keep))
        shown = pack.round(self.round_filter).name if self.round_filter else "all rounds"
        count = len(mocks)
        add, timed = key_hint(self, "mocks.add", "a"), key_hint(self, "mocks.timed", "w")
        hint = "" if count else f" · {add} logs one, {timed} starts a timed mock"
        self.query_one("#mocks-filter", Label).update(
            Content(
                f"Round: {shown} (f changes it) · {count} mock{'s' if count != 1 else ''}{hint}"
            )
        )
        self._show_detail()
        self._show_trend()

    def on_resize(self, event: events.Resize) -> None:
        """The weakest-dimension column uses the width there is."""
        self.refresh_data()

    def trend_round(self) -> str | None:
        """The round the trend shows: the filter, else the highlighted mock's round."""
        if self.round_filter is not None:
            return self.round_filter
        mock_id = self.selected_mock_id()
        if mock_id is None:
            return None
        return next((m.round for m in self.planner.mocks.logged() if m.id == mock_id), None)

    def _show_detail(self) -> None:
        detail = self.query_one("#mock-detail", Static)
        mock_id = self.selected_mock_id()
        mock = next((m for m in self.planner.mocks.logged() if m.id == mock_id), None)
        if mock is None:
            detail.update("")
            return
        parts = [f"{mock.id}"]
        if mock.partner:
            parts.append(f"with {mock.partner}")
        if mock.question:
            parts.append(f"question {mock.question}")
        lines = [" · ".join(parts)]
        if mock.notes:
            lines.append(f"Notes: {one_line(mock.notes)}")
        if mock.follow_ups:
            lines.append(f"Follow-ups: {one_line(mock.follow_ups)}")
        detail.update(Text("\n".join(lines), no_wrap=True, overflow="ellipsis"))

    def _show_trend(self) -> None:
        round_id = self.trend_round()
        mocks = self.planner.mocks.logged(round_id) if round_id is not None else []
        self.query_one(MockTrend).show(self.planner.session.pack(), round_id, mocks)

    def selected_mock_id(self) -> str | None:
        """The id of the highlighted mock, if any."""
        table = self.query_one("#mocks-table", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return str(key) if key is not None else None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The detail and the trend follow the highlighted mock."""
        self._show_detail()
        if self.round_filter is None:
            self._show_trend()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter edits the mock."""
        self.action_edit()

    # -- actions ---------------------------------------------------------------------------

    def action_cycle_round(self) -> None:
        """Show the next round (all rounds, then each round in loop order)."""
        choices: list[str | None] = [None, *self.planner.session.pack().round_ids]
        self.round_filter = choices[(choices.index(self.round_filter) + 1) % len(choices)]
        self.refresh_data()

    def default_round(self) -> str:
        """The round a new mock or timed mock starts on: the filter's or the highlighted
        mock's, else the one the plan's next timed session serves."""
        return self.trend_round() or self.planner.mocks.suggested_round()

    def round_minutes(self, round_id: str) -> int:
        """A new session's length: the round's own."""
        pack = self.planner.session.pack()
        return pack.round(round_id).minutes if round_id in pack.round_ids else DEFAULT_MOCK_MINUTES

    def action_add(self) -> None:
        """Open the form to log a mock (the default round, at that round's length)."""
        round_id = self.default_round()
        draft = MockInput(
            round=round_id, date=self.planner.today, minutes=self.round_minutes(round_id)
        )
        self.open_add_form(draft)

    def open_add_form(
        self,
        draft: MockInput,
        *,
        title: str = "Log a mock",
        dirty: bool = False,
        refill: Mapping[str, FieldValue] | None = None,
        back_to: str | None = None,
        back_task: str | None = None,
    ) -> MockForm:
        """Open the add form with these values; saving logs the mock.

        `refill` holds recovered field values typed before the app last stopped; `back_to`
        names the mode to return to once the form closes (where it was opened from), and
        `back_task` the task whose pane opens again there.
        """
        form = MockForm(
            self.planner.session.pack(),
            self.planner.today,
            draft,
            title=title,
            dirty=dirty,
            submit=self._log,
        )
        form.keep_as("mocks", "mock", "", title)
        if refill:
            form.refill(refill)
        # Cancelled, or saved (the form closes itself): back where it was opened from.
        self.app.push_screen(form, lambda _: self.go_back(back_to, back_task))
        return form

    def _log(self, form: FormScreen[MockInput], entry: MockInput) -> None:
        self.planner_app.save(
            lambda: self.planner.mocks.add(entry), what="mocks", then=self._logged, target=form
        )

    def _logged(self, logged: MockLogged) -> None:
        """Say what the mock ticked and added, and put the cursor on it."""
        mock = logged.mock
        scored = f"average {mock.average:.1f}" if mock.scores else "not scored"
        news = [f"{mock.id} logged, {scored}"]
        task = logged.ticked_task
        if task is not None:
            news.append(f"ticked {task.day:%a} {task.day.day} {task.day:%b}")  # its session
        if logged.drills:
            count = len(logged.drills)
            first = logged.drills[0].day
            news.append(f"{count} drill{'s' * (count != 1)} from {first:%a} {first.day} {first:%b}")
        self.notify("; ".join(news) + ".", title="Mock saved", markup=False)
        table = self.query_one("#mocks-table", DataTable)
        if mock.id in {str(row.key.value) for row in table.ordered_rows}:
            table.move_cursor(row=table.get_row_index(mock.id))

    def _mock(self, mock_id: str) -> Mock | None:
        return next((m for m in self.planner.mocks.logged() if m.id == mock_id), None)

    def action_edit(self) -> None:
        """Edit the highlighted mock."""
        mock_id = self.selected_mock_id()
        if mock_id is None:
            add = key_hint(self, "mocks.add", "a")
            self.notify(f"No mock to edit yet: press {add} to log one.", timeout=3, markup=False)
            return
        found = self._mock(mock_id)
        if found is not None:
            self.open_edit_form(mock_id, MockInput.of(found))

    def open_edit_form(
        self,
        mock_id: str,
        draft: MockInput,
        refill: Mapping[str, FieldValue] | None = None,
    ) -> MockForm:
        """Open the edit form; saving replaces the mock's fields."""

        def submit(form: FormScreen[MockInput], entry: MockInput) -> None:
            self.planner_app.save(
                lambda: self.planner.mocks.edit(mock_id, MockChange.to(entry)),
                what="mocks",
                then=lambda _: self.notify(f"Mock {mock_id} updated.", timeout=3, markup=False),
                target=form,
            )

        form = MockForm(
            self.planner.session.pack(),
            self.planner.today,
            draft,
            title=f"Edit mock {mock_id}",
            submit=submit,
        )
        form.keep_as("mocks", "mock", mock_id, f"Edit mock {mock_id}")
        if refill:
            form.refill(refill)
        self.app.push_screen(form)
        return form

    def action_delete(self) -> None:
        """Delete the highlighted mock after a confirmation."""
        mock_id = self.selected_mock_id()
        if mock_id is None:
            return
        found = self._mock(mock_id)
        if found is None:
            return
        pack = self.planner.session.pack()
        name = pack.round(found.round).name if found.round in pack.round_ids else found.round
        question = (
            f"Delete mock {mock_id} ({name}, {found.date.isoformat()})? This cannot be undone."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self.planner_app.save(
                    lambda: self.planner.mocks.delete(mock_id),
                    what="mocks",
                    then=lambda _: self.notify(f"Mock {mock_id} deleted.", timeout=3, markup=False),
                )

        self.app.push_screen(ConfirmScreen(question, yes="Delete"), answered)

    def action_timed(self, round_id: str | None = None, back_to: str | None = None) -> None:
        """Start timed-mock mode for a round (the filter's or the highlighted one by default).

        `back_to`: the mode to return to when it is cancelled or its scores are saved.
        """
        pack = self.planner.session.pack()
        chosen = round_id or self.default_round()

        def finished(result: TimedResult | None) -> None:
            if result is None:
                self.go_back(back_to)
                return
            draft = MockInput(
                round=result.round_id,
                date=result.date,
                minutes=result.minutes,
                question=result.question,
            )
            self.open_add_form(draft, title="Score the timed mock", dirty=True, back_to=back_to)

        timed = TimedMockScreen(
            pack,
            self.planner.today,
            chosen,
            minutes=self.round_minutes(chosen),
            kits=self.planner.practice.kit,
        )
        self.app.push_screen(timed, finished)

    def reopen_draft(self, draft: Draft) -> MockForm | None:
        """Open a mock form again with what was typed (or timed) before the app stopped."""
        pack = self.planner.session.pack()
        round_id = draft.text("round")
        if round_id not in pack.round_ids:
            round_id = pack.round_ids[0]
        if draft.kind == "timed":
            minutes = draft.text("minutes")
            timed = MockInput(
                round=round_id,
                date=draft.day("date", self.planner.today),
                minutes=int(minutes)
                if minutes.isdigit() and 0 < int(minutes) <= MAX_MOCK_MINUTES
                else DEFAULT_MOCK_MINUTES,
                question=draft.text("question"),
            )
            return self.open_add_form(timed, title="Score the timed mock", dirty=True)
        if draft.kind != "mock":
            return None
        found = next((m for m in self.planner.session.state().mocks if m.id == draft.target), None)
        if found is not None:
            shown = replace(MockInput.of(found), round=round_id)
            return self.open_edit_form(found.id, shown, refill=draft.fields)
        start = MockInput(round=round_id, date=self.planner.today)
        title = draft.title if draft.title.startswith("Score") else "Log a mock"
        return self.open_add_form(start, title=title, dirty=True, refill=draft.fields)

    def show_target(self, kind: str, target: str, round_id: str) -> None:
        """From a dashboard gap: open timed mode for the round; from a task: log its scores
        (on the question the plan set for the session)."""
        pack = self.planner.session.pack()
        back_to, self.return_mode = self.return_mode, None
        back_task, self.return_task = self.return_task, None
        if kind == "log" and round_id in pack.round_ids:
            minutes = pack.round(round_id).minutes
            draft = MockInput(
                round=round_id, date=self.planner.today, minutes=minutes, question=target
            )
            self.open_add_form(draft, back_to=back_to, back_task=back_task)
            return
        if round_id in pack.round_ids:
            self.round_filter = round_id
            self.refresh_data()
        self.action_timed(round_id if round_id in pack.round_ids else None, back_to)
