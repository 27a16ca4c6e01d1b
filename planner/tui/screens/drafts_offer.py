"""The dialog that offers form text left unsaved when the app last stopped."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from planner.domain.text import one_line
from planner.tui.drafts import Draft

PREVIEW = 60


def preview(draft: Draft) -> str:
    """The first words typed in the draft's longest text field, on one line."""
    texts = [v for v in draft.fields.values() if isinstance(v, str) and not v.isdigit()]
    longest = one_line(max(texts, key=len, default=""))
    return longest if len(longest) <= PREVIEW else longest[: PREVIEW - 1] + "…"


def offer_text(drafts: Sequence[Draft], saved: str) -> Text:
    """What was left, one line per form, as plain text (user text is never markup)."""
    out = Text()
    when = saved.replace("T", " ")[:16]
    out.append(
        f"The planner stopped{f' ({when} UTC)' if when else ''} with "
        f"{len(drafts)} form{'s' if len(drafts) != 1 else ''} not saved:\n\n"
    )
    for draft in drafts:
        out.append("• ")
        out.append(draft.title, style="bold")
        shown = preview(draft)
        if shown:
            out.append(f"\n  {shown}", style="dim")
        out.append("\n")
    out.append(
        "\nRestore opens each form again with what you typed; nothing is saved until you "
        "save the form. Later keeps the text for the next start."
    )
    return out


class DraftsOfferScreen(ModalScreen[str]):
    """Restore, discard or keep for later; dismisses with "restore", "discard" or "later"."""

    DEFAULT_CSS = """
    DraftsOfferScreen { align: center middle; }
    DraftsOfferScreen > Vertical {
        width: 72; max-width: 95%; height: auto; max-height: 90%; padding: 1 2;
        border: thick $accent; background: $surface;
    }
    DraftsOfferScreen VerticalScroll { height: auto; max-height: 14; }
    DraftsOfferScreen Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
    DraftsOfferScreen Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding("r", "answer('restore')", "Restore", id="drafts.restore"),
        Binding("x", "answer('discard')", "Discard", id="drafts.discard"),
        Binding("escape,l", "answer('later')", "Later", id="drafts.later"),
    ]

    def __init__(self, drafts: Sequence[Draft], saved: str) -> None:
        super().__init__()
        self.drafts = tuple(drafts)
        self.saved = saved

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Unsaved work found", classes="form-title")
            with VerticalScroll():
                yield Static(offer_text(self.drafts, self.saved), id="drafts-list")
            with Horizontal():
                yield Button("Discard", id="discard", compact=True)
                yield Button("Later", id="later", compact=True)
                yield Button("Restore", id="restore", variant="primary", compact=True)

    def on_mount(self) -> None:
        """Restoring is the likely wish."""
        self.query_one("#restore", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Answer with the button pressed."""
        event.stop()
        self.dismiss(event.button.id or "later")

    def action_answer(self, answer: str) -> None:
        """Answer from a key."""
        self.dismiss(answer)
