"""Shared by the tracker forms and screens: inline errors, guarded saves, Escape that asks."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import ClassVar, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Input, Label, Select, SelectionList, TextArea
from textual.widgets.select import InvalidSelectValueError

from planner.domain.text import normalize_text
from planner.errors import InputError
from planner.tui.drafts import Draft, FieldValue
from planner.tui.messages import DraftEdited, FormOpened
from planner.tui.screens.confirm import ConfirmScreen

TRACKER_CSS = Path(__file__).resolve().parent.parent / "screens" / "trackers.tcss"
"""The stylesheet of the tracker screens and their forms."""

ResultT = TypeVar("ResultT")
T = TypeVar("T")


class FieldError(Label):
    """The inline error under one field; empty (and hidden) while the field is fine."""

    def __init__(self, field_id: str) -> None:
        super().__init__("", id=f"{field_id}-error", classes="field-error", markup=False)

    def show(self, message: str) -> None:
        """Show a problem, or clear it with an empty message."""
        self.update(message)
        self.set_class(bool(message), "-shown")


def form_buttons(save: str = "Save") -> ComposeResult:
    """The Cancel and Save buttons at the foot of a form."""
    with Horizontal(classes="form-buttons"):
        yield Button("Cancel", id="cancel", compact=True)
        yield Button(save, id="save", variant="primary", compact=True)


def scrub_input(event: Input.Changed) -> None:
    """Strip control characters (a pasted ESC, say) from an Input before they are drawn."""
    clean = normalize_text(event.value)
    if clean != event.value:
        event.input.value = clean


def scrub_text_area(event: TextArea.Changed) -> None:
    """Strip control characters from a TextArea before they are drawn."""
    area = event.text_area
    clean = normalize_text(area.text)
    if clean != area.text:
        area.load_text(clean)
        area.move_cursor(area.document.end)


Submit = Callable[["FormScreen[ResultT]", ResultT], None]
"""Hands a form's checked value to the screen that saves it (through `PlannerApp.save`)."""


class FormScreen(ModalScreen[ResultT]):
    """A modal form: `collect` validates and returns a value, or None after showing errors.

    With `submit`, Save hands the value over and the form stays open, saying so, until the
    save is done (`saved`: it closes) or refused (`save_failed`: the problem is shown under
    its field, or at the top); without it, the form closes with the value.
    """

    TAKES_EARLY_KEYS = True
    """Keys typed right after the key that opened the form, before it focused a field, are sent
    again once it has (see PlannerApp.on_key)."""
    FIELDS: ClassVar[dict[str, str]] = {}
    """The widget id that shows an error about each field of the service's input."""
    saving: reactive[bool] = reactive(False)
    """Whether a save of this form's value is under way."""

    CSS_PATH = TRACKER_CSS
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+s", "save", "Save", id="form.save"),
    ]

    def __init__(
        self, *, dirty: bool = False, problem: str = "", submit: Submit[ResultT] | None = None
    ) -> None:
        super().__init__()
        self._submit = submit
        self._initial: object = None
        self._start_dirty = dirty
        """True when the form opens with values worth keeping (e.g. after a timed mock)."""
        self._problem = problem
        """A problem found after the last save attempt, shown at the top when the form opens."""
        self._slot: Draft | None = None
        self._refill: Mapping[str, FieldValue] = {}
        self._save_label = "Save"
        self._close_on_resume = False

    def keep_as(self, mode: str, kind: str, target: str, title: str) -> None:
        """Name where this form's unsaved text goes back to if the app stops mid-edit."""
        self._slot = Draft(mode, kind, target, title)

    def refill(self, fields: Mapping[str, FieldValue]) -> None:
        """Put these recovered field values in once the form is mounted (marks it changed)."""
        self._refill = fields

    def on_mount(self) -> None:
        """Remember the opening values so Escape knows whether anything would be lost."""
        for button in self.query("#save").results(Button):
            self._save_label = str(button.label)
        self._initial = self.snapshot()
        if self._refill:
            self.apply_fields(self._refill)
            self._start_dirty = True
        if self._problem:
            self.query_one("#form-problem-error", FieldError).show(self._problem)
        self.app.post_message(FormOpened(self))
        self.app.post_message(DraftEdited())

    def on_unmount(self) -> None:
        """A closed form holds no unsaved text any more."""
        self.app.post_message(DraftEdited())

    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    def _edited(self) -> None:
        self.app.post_message(DraftEdited())

    def raw_fields(self) -> dict[str, FieldValue]:
        """Every named field's value as typed, valid or not (scrubbed like typed text)."""
        fields: dict[str, FieldValue] = {}
        for widget in self.query("Input, TextArea, Select, SelectionList"):
            if not widget.id:
                continue
            if isinstance(widget, Input):
                fields[widget.id] = normalize_text(widget.value)
            elif isinstance(widget, TextArea):
                fields[widget.id] = normalize_text(widget.text)
            elif isinstance(widget, Select):
                fields[widget.id] = widget.value if isinstance(widget.value, str) else ""
            elif isinstance(widget, SelectionList):
                fields[widget.id] = tuple(str(v) for v in widget.selected)
        return fields

    def apply_fields(self, fields: Mapping[str, FieldValue]) -> None:
        """Set named fields from recovered values; unknown names and options are skipped."""
        for widget in self.query("Input, TextArea, Select, SelectionList"):
            value = fields.get(widget.id or "")
            if value is None:
                continue
            if isinstance(widget, Input) and isinstance(value, str):
                widget.value = normalize_text(value)
            elif isinstance(widget, TextArea) and isinstance(value, str):
                widget.load_text(normalize_text(value))
            elif isinstance(widget, Select) and isinstance(value, str) and value:
                with contextlib.suppress(InvalidSelectValueError):  # an option now gone
                    widget.value = value
            elif isinstance(widget, SelectionList) and isinstance(value, tuple):
                known = {widget.get_option_at_index(n).value for n in range(widget.option_count)}
                widget.deselect_all()
                for option in value:
                    if option in known:
                        widget.select(option)

    def recovery_draft(self) -> Draft | None:
        """The unsaved fields, when the form was changed and knows where it belongs."""
        if self._slot is None or not self.is_mounted or not self.is_dirty():
            return None
        slot = self._slot
        return Draft(slot.mode, slot.kind, slot.target, slot.title, self.raw_fields())

    @on(Input.Changed)
    def _scrub_input(self, event: Input.Changed) -> None:
        scrub_input(event)
        self.app.post_message(DraftEdited())

    @on(TextArea.Changed)
    def _scrub_text_area(self, event: TextArea.Changed) -> None:
        scrub_text_area(event)
        self.app.post_message(DraftEdited())

    def problem_line(self) -> FieldError:
        """The form-wide error line (a service refusal)."""
        return FieldError("form-problem")

    def snapshot(self) -> object:
        """The current field values, comparable for equality (override)."""
        return None

    def collect(self) -> ResultT | None:
        """Validate every field, show errors inline, and return the value or None (override)."""
        return None

    def is_dirty(self) -> bool:
        """Whether the fields differ from what the form opened with."""
        return self._start_dirty or self.snapshot() != self._initial

    def error(self, field_id: str, message: str) -> None:
        """Show (or clear, with "") the inline error of one field."""
        self.query_one(f"#{field_id}-error", FieldError).show(message)

    def show_first_error(self) -> None:
        """Focus the first field marked in red and scroll its message into view."""
        shown = [e for e in self.query(FieldError) if e.has_class("-shown")]
        if not shown:
            return
        first = shown[0]
        field_id = (first.id or "").removesuffix("-error")
        fields = [w for w in self.query(f"#{field_id}") if w.focusable] if field_id else []
        if fields:
            fields[0].focus(scroll_visible=False)
        self.call_after_refresh(first.scroll_visible, animate=False)

    def check(self, field_id: str, parse: Callable[[], T]) -> T | None:
        """Run one field's parser; show its InputError inline and return None when it fails."""
        try:
            value = parse()
        except InputError as exc:
            self.error(field_id, str(exc))
            return None
        self.error(field_id, "")
        return value

    def action_save(self) -> None:
        """Save only when every field is valid (and no save is under way)."""
        if self.saving:
            return
        value = self.collect()
        if value is None:
            self.show_first_error()
            self.notify("Fix the fields marked in red first.", severity="warning", timeout=3)
            return
        if self._submit is None:
            self.dismiss(value)
            return
        self.error("form-problem", "")
        self.saving = True
        self._submit(self, value)

    def watch_saving(self, saving: bool) -> None:
        """Say on the Save button that the form is being saved."""
        for button in self.query("#save").results(Button):
            button.disabled = saving
            button.label = "Saving…" if saving else self._save_label

    def saved(self) -> None:
        """The value is in the data file: close."""
        self.saving = False
        self._start_dirty = False
        self._initial = self.snapshot()
        if self.is_current:
            self.dismiss(None)
        else:  # the user went to another screen meanwhile: close when this comes back
            self._close_on_resume = True

    def on_screen_resume(self) -> None:
        """Back in view after its save ended elsewhere: close now."""
        if self._close_on_resume:
            self._close_on_resume = False
            self.dismiss(None)

    def save_failed(self, error: Exception, message: str) -> None:
        """Nothing was written: show why under the field it is about, else at the top."""
        self.saving = False
        self._start_dirty = True
        field = error.field if isinstance(error, InputError) else ""
        widget = self.widget_for(field)
        if widget and self.query(f"#{widget}-error"):
            self.error(widget, message)
        else:
            self.error("form-problem", message)

    def widget_for(self, field: str) -> str:
        """The widget id that shows errors about a field of the service's input ("": none)."""
        return self.FIELDS.get(field, "")

    def action_cancel(self) -> None:
        """Close without saving; ask first when there are unsaved changes."""
        if self.saving:
            return
        if not self.is_dirty():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen("Discard your unsaved changes?", yes="Discard", no="Keep editing"),
            answered,
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Save or Cancel from the buttons."""
        if event.button.id == "save":
            event.stop()
            self.action_save()
        elif event.button.id == "cancel":
            event.stop()
            self.action_cancel()


def reset_columns(table: DataTable[object], columns: Sequence[tuple[str, str, int]]) -> None:
    """Empty a table and give it these (label, key, width) columns.

    Fixed widths fitted to the screen, set on every refresh: auto widths only ever grow, so
    a table would stay too wide after the terminal shrinks.
    """
    table.clear(columns=True)
    for label, key, width in columns:
        table.add_column(Text(label), key=key, width=max(1, width))
