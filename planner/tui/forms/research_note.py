"""The note and sources editor of one research item."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Static, TextArea

from planner.domain.models import ResearchItem, ResearchState
from planner.service import validate
from planner.tui.forms.base import FieldError, FormScreen, Submit, form_buttons
from planner.tui.widgets.fields import TextBox, TextField
from planner.tui.widgets.footer import Footer

MAX_SOURCE = 2000


@dataclass(frozen=True)
class NoteDraft:
    """A research note and the sources to add (Enter in "Add source" queues one)."""

    note: str
    sources: tuple[str, ...] = ()


class ResearchNoteForm(FormScreen[NoteDraft]):
    """Edit the note of a research item and add a source (a URL or where you read it)."""

    FIELDS = {"note": "note", "source": "source"}

    def __init__(
        self,
        item: ResearchItem,
        state: ResearchState,
        *,
        problem: str = "",
        submit: Submit[NoteDraft] | None = None,
    ) -> None:
        super().__init__(problem=problem, submit=submit)
        self.item = item
        self.state = state
        self.added: list[str] = []
        """Sources queued with Enter, stored with the note on Save."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Label(self.item.title, classes="form-title", markup=False)
            yield self.problem_line()
            with VerticalScroll(classes="form-fields"):
                yield Static(self.item.description, classes="hint", markup=False)
                if self.item.suggested_sources:
                    suggested = "Try: " + "; ".join(self.item.suggested_sources)
                    yield Static(suggested, classes="hint", markup=False)
                yield Label("Note", classes="section")
                yield TextBox(self.state.note, id="note", classes="long-text", compact=True)
                yield FieldError("note")
                yield Label("Sources", classes="section")
                listed = "\n".join(f"- {s}" for s in self.state.sources) or "none yet"
                yield Static(Text(listed), id="sources", classes="hint")
                with Horizontal(classes="field"):
                    yield Label("Add source", classes="field-label")
                    yield TextField(
                        id="source",
                        placeholder="https://... or where; Enter adds it",
                        compact=True,
                        max_length=MAX_SOURCE,
                    )
                yield FieldError("source")
            yield from form_buttons()
        yield Footer()

    def on_mount(self) -> None:
        """Start in the note."""
        self.query_one("#note", TextArea).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in "Add source" adds it to the list (saved with the note); the form stays."""
        event.stop()
        field = self.query_one("#source", Input)
        source = self.check(
            "source", lambda: validate.text("source", field.value, False, MAX_SOURCE)
        )
        if not source or source in (*self.state.sources, *self.added):
            return
        self.added.append(source)
        field.value = ""
        self._show_sources()

    def _show_sources(self) -> None:
        listed = [f"- {s}" for s in self.state.sources]
        listed += [f"+ {s} (added, saved with the note)" for s in self.added]
        self.query_one("#sources", Static).update(Text("\n".join(listed) or "none yet"))

    def snapshot(self) -> object:
        """The note and the source being typed."""
        return (
            self.query_one("#note", TextArea).text,
            self.query_one("#source", Input).value,
            tuple(self.added),
        )

    def collect(self) -> NoteDraft | None:
        """The note and source, or None when one is too long."""
        note = self.check("note", lambda: validate.text("note", self.snapshot_note()))
        source = self.check(
            "source",
            lambda: validate.text(
                "source", self.query_one("#source", Input).value, False, MAX_SOURCE
            ),
        )
        if note is None or source is None:
            return None
        typed = (source,) if source and source not in self.added else ()
        return NoteDraft(note=note, sources=(*self.added, *typed))

    def snapshot_note(self) -> str:
        """The note as typed."""
        return self.query_one("#note", TextArea).text
