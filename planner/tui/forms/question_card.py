"""One practice question: its prompt, approach and hints, a scratch pad, and the 1-4 rating."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static, TextArea

from planner.domain.models import RATINGS, Question
from planner.tui.forms.base import TRACKER_CSS, scrub_text_area
from planner.tui.widgets.fields import TextBox
from planner.tui.widgets.footer import Footer


@dataclass(frozen=True)
class CardResult:
    """How the card closed: a rating (or None when closed unrated) and the scratch text."""

    rating: str | None
    scratch: str


def card_text(question: Question) -> Text:
    """The prompt, the approach and the hints, styled but never parsed as markup."""
    out = Text()
    out.append(question.prompt, style="bold")
    out.append("\n\nApproach: ", style="italic")
    out.append(question.framework)
    if question.hints:
        out.append("\n\nHints\n", style="italic")
        out.append("\n".join(f"- {hint}" for hint in question.hints))
    return out


class QuestionCard(ModalScreen[CardResult]):
    """Answer in the scratch pad (kept in memory only), then rate with 1-4."""

    CSS_PATH = TRACKER_CSS
    BINDINGS = [
        Binding("1", "rate('again')", "Again", id="practice.again"),
        Binding("2", "rate('hard')", "Hard", id="practice.hard"),
        Binding("3", "rate('good')", "Good", id="practice.good"),
        Binding("4", "rate('easy')", "Easy", id="practice.easy"),
        Binding("w", "write", "Write", id="practice.write"),
        Binding("escape", "close", "Close", id="practice.close"),
    ]

    def __init__(self, question: Question, heading: str, scratch: str = "") -> None:
        super().__init__()
        self.question = question
        self.heading = heading
        """Round name and practice state, shown above the prompt."""
        self.scratch = scratch

    def compose(self) -> ComposeResult:
        with Vertical(classes="form card"):
            yield Label(self.heading, classes="form-title", markup=False)
            with VerticalScroll(id="card-body", classes="form-fields"):
                yield Static(card_text(self.question), id="card-text")
                yield Label(
                    "Scratch pad (w to write, Tab to leave; kept until you quit, never saved)",
                    classes="section",
                )
                yield TextBox(self.scratch, id="scratch", classes="long-text", compact=True)
            with Horizontal(classes="form-buttons"):
                for n, rating in enumerate(RATINGS, 1):
                    yield Button(
                        Content(f"{n} {rating.capitalize()}"), id=f"rate-{rating}", compact=True
                    )
        yield Footer()

    def on_mount(self) -> None:
        """Focus the card so 1-4 rate straight away."""
        self.query_one("#card-body", VerticalScroll).focus()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """Keep control characters out of the scratch pad."""
        scrub_text_area(event)

    def _scratch(self) -> str:
        return self.query_one("#scratch", TextArea).text

    def action_write(self) -> None:
        """Move into the scratch pad."""
        self.query_one("#scratch", TextArea).focus()

    def action_rate(self, rating: str) -> None:
        """Close with a rating."""
        self.dismiss(CardResult(rating, self._scratch()))

    def action_close(self) -> None:
        """Close without rating (the scratch text is kept)."""
        self.dismiss(CardResult(None, self._scratch()))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Rate from a button."""
        event.stop()
        button_id = event.button.id or ""
        if button_id.startswith("rate-"):
            self.action_rate(button_id.removeprefix("rate-"))
