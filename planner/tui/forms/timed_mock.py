"""Timed-mock mode: pick a round and a question, then a countdown you can pause or end early.

`k` (or F2) shows the partner kit for the round and question on a second pane: beside the
form when the terminal is wide, instead of it when narrow (the clock stays in view)."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Digits, Input, Label, Select, Static

from planner.domain.kit import Kit
from planner.domain.models import Pack
from planner.errors import InputError
from planner.service import validate
from planner.service.inputs import DEFAULT_MOCK_MINUTES, MAX_MOCK_MINUTES, MIN_MOCK_MINUTES
from planner.tui.drafts import Draft
from planner.tui.forms.base import TRACKER_CSS, FieldError, scrub_input
from planner.tui.forms.mock_shared import (
    TimedResult,
    question_options,
    question_row,
    question_text,
    round_row,
)
from planner.tui.messages import DraftEdited
from planner.tui.screens.confirm import ConfirmScreen
from planner.tui.widgets.fields import TextField
from planner.tui.widgets.footer import Footer
from planner.tui.widgets.kit_pane import KitPane, KitSource

WIDE = 110
"""From this width the kit sits beside the form; below it, it takes the form's place."""


def clock_text(seconds: int) -> str:
    """Seconds as `MM:SS` (minutes may exceed 59)."""
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


class TimedMockScreen(ModalScreen[TimedResult | None]):
    """A countdown for one mock; `tick(seconds)` advances it (a 1-second timer calls it live)."""

    CSS_PATH = TRACKER_CSS
    CLOCK_SECONDS: float | None = 1.0
    """How often the real clock ticks; None leaves the countdown to `tick` (tests)."""
    BINDINGS = [
        Binding("space", "start_pause", "Start/pause", id="timed.toggle"),
        Binding("f", "finish", "Finish", id="timed.finish"),
        Binding("escape", "cancel", "Cancel", id="timed.cancel"),
        Binding(
            "k,f2",
            "kit",
            "Partner kit",
            id="timed.kit",
            tooltip="Partner kit: the script for whoever runs the mock (prompt, follow-ups,"
            " time cues, anchors, scoring grid), shown or hidden",
        ),
    ]
    BINDINGS.append(
        # A modal screen hides the app's keys: ? and F1 list this screen's keys here too.
        Binding("question_mark,f1", "app.help", "Help", id="timed.help", show=False)
    )
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]

    def __init__(
        self,
        pack: Pack,
        today: dt.date,
        round_id: str,
        *,
        question: str = "",
        minutes: int = DEFAULT_MOCK_MINUTES,
        kits: KitSource | None = None,
    ) -> None:
        super().__init__()
        self.pack = pack
        self.today = today
        self.round_id = round_id if round_id in pack.round_ids else pack.round_ids[0]
        self.kits = kits
        """Builds the partner kit (the service's `practice.kit`); None: no kit pane."""
        self._suggested: dict[str, Kit | None] = {}
        self._kit: Kit | None = None
        """The kit shown last (kept while only the length changes)."""
        self.question = question or self._suggested_question(self.round_id)
        self.minutes = minutes
        self.phase = "setup"
        """`setup`, `running`, `paused` or `done`."""
        self.total_seconds = minutes * 60
        self.elapsed_seconds = 0

    @property
    def remaining_seconds(self) -> int:
        """Seconds left on the countdown."""
        return max(0, self.total_seconds - self.elapsed_seconds)

    def _suggested_kit(self, round_id: str) -> Kit | None:
        """The kit without a question given: the plan's question for the round's session,
        else the one that probes the weakest dimension (None when the round has none)."""
        if self.kits is None:
            return None
        if round_id not in self._suggested:
            try:
                self._suggested[round_id] = self.kits(round_id, None)
            except InputError:
                self._suggested[round_id] = None
        return self._suggested[round_id]

    def _suggested_question(self, round_id: str) -> str:
        kit = self._suggested_kit(round_id)
        return kit.question.id if kit is not None else ""

    def compose(self) -> ComposeResult:
        options = question_options(self.pack, self.round_id, self.question)
        # Lay out for the terminal from the start (as the story editor does).
        wide = self.app.size.width >= WIDE
        self.set_class(wide, "-wide")
        self.set_class(not wide, "-narrow")
        with Vertical(classes="form timed"):
            yield Label("Timed mock", id="timed-title", classes="form-title", markup=False)
            with Horizontal(id="timed-split"):
                yield from self._form_body(options)
                yield KitPane(id="kit-pane")
            with Horizontal(id="clock-row"):
                yield Digits(clock_text(self.total_seconds), id="clock")
                yield Label("", id="timed-status", markup=False)
            with Horizontal(classes="form-buttons"):
                yield Button("Cancel", id="timed-cancel", compact=True)
                yield Button("Finish", id="timed-finish", compact=True)
                yield Button("Start", id="timed-toggle", variant="success", compact=True)
        yield Footer()

    def _form_body(self, options: list[tuple[Text, str]]) -> ComposeResult:
        """Round, question and length before the start; the question's prompt below."""
        with VerticalScroll(id="timed-body", classes="form-fields"):
            with Vertical(id="setup"):
                yield round_row(self.pack, self.round_id, "timed-round")
                first = options[0][1] if options else ""
                yield question_row(options, self.question or first, "timed-question")
                with Horizontal(classes="field"):
                    yield Label("Minutes", classes="field-label")
                    yield TextField(str(self.minutes), id="timed-length", compact=True)
                yield FieldError("timed-length")
            yield Static("", id="timed-prompt", markup=False)

    def on_mount(self) -> None:
        """Show the question, focus Start, and run the real clock (unless switched off)."""
        self._show_question()
        self._show_status()
        self.query_one("#timed-toggle", Button).focus()
        if self.CLOCK_SECONDS:
            self.set_interval(self.CLOCK_SECONDS, self.tick)

    def _selected_question(self) -> str:
        value = self.query_one("#timed-question", Select).value
        return value if isinstance(value, str) else ""

    def _show_question(self) -> None:
        text = question_text(self.pack, self._selected_question())
        self.query_one("#timed-prompt", Static).update(Text(text))
        self._show_kit()

    def _show_kit(self) -> None:
        """The partner kit for the round and the question picked (or why there is none)."""
        if self.kits is None:
            return
        pane = self.query_one("#kit-pane", KitPane)
        qid = self._selected_question()
        if not qid:
            pane.show(None, "No question picked: pick one to see its partner kit.")
            return
        suggested = self._suggested_kit(self.round_id)
        try:
            if suggested is not None and suggested.question.id == qid:
                kit = suggested  # keeps its "why": e.g. the question the plan set
            elif self._kit is not None and (self._kit.round_id, self._kit.question.id) == (
                self.round_id,
                qid,
            ):
                kit = self._kit
            else:
                kit = self.kits(self.round_id, qid)
        except InputError as exc:
            pane.show(None, f"No partner kit for this question: {exc}")
            return
        self._kit = kit
        minutes = self._clock_minutes()
        note = ""
        if minutes != kit.minutes:
            note = (
                f"This clock runs {minutes} min; the time cues below are for the"
                f" round's {kit.minutes}: stretch or squeeze them to fit."
            )
        pane.show(kit, note)

    def _clock_minutes(self) -> int:
        """The countdown's length: as started, or as typed before the start."""
        return self.total_seconds // 60

    @property
    def kit_shown(self) -> bool:
        """Whether the partner kit pane is open."""
        return self.has_class("-kit")

    def action_kit(self) -> None:
        """Show or hide the partner kit; when it opens it takes the focus so keys scroll it."""
        shown = not self.kit_shown
        self.set_class(shown, "-kit")
        pane = self.query_one("#kit-pane", KitPane)
        if shown:
            pane.focus()
            self.call_after_refresh(pane.redraw)
        else:
            self.query_one("#timed-toggle", Button).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The kit key only where a kit can be built."""
        if action == "kit":
            return self.kits is not None
        return True

    def _show_status(self) -> None:
        words = {
            "setup": "Ready: space starts the clock",
            "running": "Running: space pauses, f finishes early",
            "paused": "Paused: space resumes",
            "done": "Finished",
        }
        self.query_one("#timed-status", Label).update(words[self.phase])
        self.query_one("#clock", Digits).update(clock_text(self.remaining_seconds))
        label = {"setup": "Start", "running": "Pause", "paused": "Resume", "done": "Done"}
        self.query_one("#timed-toggle", Button).label = label[self.phase]
        self.set_class(self.phase in ("running", "paused"), "-started")

    def on_select_changed(self, event: Select.Changed) -> None:
        """Picking another round offers its questions; picking a question shows it."""
        value = event.value
        if event.select.id == "timed-round" and isinstance(value, str) and value != self.round_id:
            self.round_id = value
            options = question_options(self.pack, self.round_id)
            select = self.query_one("#timed-question", Select)
            select.set_options(options)
            suggested = self._suggested_question(value)
            if suggested in {v for _, v in options}:
                select.value = suggested
            elif options:
                select.value = options[0][1]
            self._follow_round_length(value)
        self._show_question()

    def _follow_round_length(self, round_id: str) -> None:
        """Before the start, a new round brings its own length, unless one was typed."""
        if self.phase != "setup":
            return
        length = self.query_one("#timed-length", Input)
        if length.value.strip() != str(self.minutes):
            return
        self.minutes = self.pack.round(round_id).minutes
        length.value = str(self.minutes)

    def on_input_changed(self, event: Input.Changed) -> None:
        """The clock shows the chosen length before the start."""
        scrub_input(event)
        if self.phase == "setup":
            try:
                minutes = validate.whole_number(
                    "minutes", event.value, MIN_MOCK_MINUTES, MAX_MOCK_MINUTES
                )
            except InputError:
                return
            self.total_seconds = minutes * 60
            self._show_status()
            self._show_kit()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the length field starts the clock."""
        event.stop()
        self.action_start_pause()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The buttons do what their keys do."""
        event.stop()
        actions = {
            "timed-toggle": self.action_start_pause,
            "timed-finish": self.action_finish,
            "timed-cancel": self.action_cancel,
        }
        action = actions.get(event.button.id or "")
        if action is not None:
            action()

    def start(self) -> bool:
        """Start the countdown with the chosen length; False (with an inline error) if invalid."""
        raw = self.query_one("#timed-length", Input).value
        try:
            minutes = validate.whole_number("minutes", raw, MIN_MOCK_MINUTES, MAX_MOCK_MINUTES)
        except InputError as exc:
            self.query_one("#timed-length-error", FieldError).show(str(exc))
            return False
        self.query_one("#timed-length-error", FieldError).show("")
        self.minutes = minutes
        self.total_seconds = minutes * 60
        self.question = self._selected_question()
        self.phase = "running"
        name = self.pack.round(self.round_id).name
        self.query_one("#timed-title", Label).update(
            Content(f"Timed mock · {name} · {minutes} min")
        )
        for select in self.query(Select):
            select.disabled = True
        self.query_one("#timed-length", Input).disabled = True
        self.query_one("#timed-toggle", Button).focus()
        self._show_status()
        return True

    def action_start_pause(self) -> None:
        """Start, pause or resume."""
        if self.phase == "setup":
            self.start()
        elif self.phase == "running":
            self.phase = "paused"
        elif self.phase == "paused":
            self.phase = "running"
        self._show_status()

    def tick(self, seconds: int = 1) -> None:
        """Advance the countdown while it runs; at zero the mock ends and scoring opens."""
        if self.phase != "running":
            return
        self.elapsed_seconds = min(self.total_seconds, self.elapsed_seconds + seconds)
        self._show_status()
        self.app.post_message(DraftEdited())
        if self.remaining_seconds == 0:
            self.app.bell()
            self.notify("Time is up: score the mock.", timeout=4)
            self.action_finish()

    def on_unmount(self) -> None:
        """A closed countdown holds nothing to keep any more."""
        self.app.post_message(DraftEdited())

    def recovery_draft(self) -> Draft | None:
        """A started session that was not logged: its round, question and minutes so far."""
        if self.phase not in ("running", "paused") or self.elapsed_seconds == 0:
            return None
        name = self.pack.round(self.round_id).name
        fields = {
            "round": self.round_id,
            "question": self.question,
            "minutes": str(self.minutes_used()),
            "date": self.today.isoformat(),
        }
        return Draft("mocks", "timed", "", f"Timed mock, {name}", fields)

    def minutes_used(self) -> int:
        """Elapsed time in whole minutes, rounded half up, at least 1."""
        return max(1, (self.elapsed_seconds + 30) // 60)

    def action_finish(self) -> None:
        """End now and hand the mock to the scoring form."""
        if self.phase == "setup":
            self.notify("Start the clock first (space).", severity="warning", timeout=3)
            return
        if self.phase == "done":
            return
        self.phase = "done"
        self._show_status()
        self.dismiss(TimedResult(self.round_id, self.question, self.today, self.minutes_used()))

    def action_cancel(self) -> None:
        """Leave; once the clock has started, ask before throwing the session away."""
        if self.phase == "setup" or self.elapsed_seconds == 0:
            self.dismiss(None)
            return
        was_running = self.phase == "running"
        self.phase = "paused"
        self._show_status()

        def answered(discard: bool | None) -> None:
            if discard:
                self.phase = "done"
                self.dismiss(None)
            elif was_running:
                self.phase = "running"
                self._show_status()

        self.app.push_screen(
            ConfirmScreen("Stop this timed mock without logging it?", yes="Stop", no="Keep going"),
            answered,
        )
