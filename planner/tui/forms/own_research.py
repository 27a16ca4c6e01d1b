"""The form of a research item of the candidate's own: add one, or change its title and rounds.

Adding asks for the title, the rounds (ticked, the round under the cursor by default), a note
and sources (one a line); editing asks for the title and rounds only, since the note and
sources are edited in the note form as for the pack's items.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from planner.domain.models import Round
from planner.errors import InputError
from planner.service import validate
from planner.service.inputs import SOURCE_LIMIT, TITLE_LIMIT, OwnResearchInput
from planner.tui.forms.base import FieldError, FormScreen, Submit, form_buttons
from planner.tui.widgets.fields import TextBox, TextField
from planner.tui.widgets.footer import Footer


class OwnResearchForm(FormScreen[OwnResearchInput]):
    """Add a research item of your own, or edit the title and rounds of one (`editing`)."""

    FIELDS = {"title": "title", "rounds": "rounds", "note": "note", "sources": "sources"}

    def __init__(
        self,
        rounds: Sequence[Round],
        initial: OwnResearchInput,
        *,
        editing: str = "",
        problem: str = "",
        submit: Submit[OwnResearchInput] | None = None,
    ) -> None:
        super().__init__(dirty=bool(problem), problem=problem, submit=submit)
        self.rounds = tuple(rounds)
        """The rounds it may serve (the rounds ahead)."""
        self.initial = initial
        self.editing = editing
        """The id of the item being edited ('' when adding one)."""

    def compose(self) -> ComposeResult:
        title = (
            f"Edit your research item {self.editing}"
            if self.editing
            else "New research item of your own"
        )
        with Vertical(classes="form"):
            yield Label(title, classes="form-title", markup=False)
            yield self.problem_line()
            with VerticalScroll(classes="form-fields"):
                with Horizontal(classes="field"):
                    yield Label("Title", classes="field-label")
                    yield TextField(
                        self.initial.title,
                        id="title",
                        placeholder="required, e.g. Read the Q3 earnings call",
                        compact=True,
                        select_on_focus=False,
                        max_length=TITLE_LIMIT,
                    )
                yield FieldError("title")
                yield Label("Rounds it is for (space ticks)", classes="section")
                yield SelectionList[str](
                    *(
                        Selection(Text(r.name), r.id, r.id in self.initial.rounds)
                        for r in self.rounds
                    ),
                    id="rounds",
                )
                yield Static("", id="rounds-chosen", classes="hint", markup=False)
                yield FieldError("rounds")
                if not self.editing:
                    yield Label("Note", classes="section")
                    yield TextBox(self.initial.note, id="note", classes="short-text", compact=True)
                    yield FieldError("note")
                    yield Label("Sources (one a line)", classes="section")
                    yield TextBox(
                        "\n".join(self.initial.sources),
                        id="sources",
                        classes="short-text",
                        compact=True,
                    )
                    yield FieldError("sources")
                else:
                    yield Static(
                        "The note and sources: o on the item, as for the pack's items.",
                        classes="hint",
                    )
            yield from form_buttons("Add" if not self.editing else "Save")
        yield Footer()

    def on_mount(self) -> None:
        """Start in the title."""
        self._show_chosen()
        self.query_one("#title", Input).focus()

    def on_selection_list_selected_changed(self) -> None:
        """Say in words which rounds are ticked (the boxes differ only by colour)."""
        self._show_chosen()

    def _show_chosen(self) -> None:
        chosen = set(self.query_one("#rounds", SelectionList).selected)
        names = [r.name for r in self.rounds if r.id in chosen]
        self.query_one("#rounds-chosen", Static).update(
            Text(f"Ticked: {', '.join(names)}" if names else "No round ticked yet.")
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the title moves on to the rounds (it never saves)."""
        event.stop()
        self.focus_next()

    def _texts(self) -> tuple[str, str]:
        if self.editing:
            return "", ""
        return (self.query_one("#note", TextArea).text, self.query_one("#sources", TextArea).text)

    def snapshot(self) -> object:
        """Every field's current value."""
        return (
            self.query_one("#title", Input).value,
            tuple(sorted(self.query_one("#rounds", SelectionList).selected)),
            *self._texts(),
        )

    def collect(self) -> OwnResearchInput | None:
        """The item, or None after marking each field that is wrong."""
        title = self.check("title", lambda: _title(self.query_one("#title", Input).value))
        chosen = tuple(str(r) for r in self.query_one("#rounds", SelectionList).selected)
        rounds = self.check("rounds", lambda: _rounds(chosen))
        note_text, sources_text = self._texts()
        note = self.check("note", lambda: validate.text("note", note_text)) if note_text else ""
        sources = self.check("sources", lambda: _sources(sources_text)) if sources_text else ()
        if title is None or rounds is None or note is None or sources is None:
            return None
        return OwnResearchInput(title=title, rounds=rounds, note=note, sources=sources)


def _title(value: str) -> str:
    return validate.text("title", value, True, TITLE_LIMIT)


def _rounds(chosen: tuple[str, ...]) -> tuple[str, ...]:
    if not chosen:
        raise InputError("tick at least one round the item is for")
    return chosen


def _sources(text: str) -> tuple[str, ...]:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return tuple(validate.text("source", line, True, SOURCE_LIMIT) for line in lines)
