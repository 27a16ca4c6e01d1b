"""Text fields that never take more than the planner stores: a big paste is cut, with a note.

A 1 MB paste would otherwise be laid out, scrubbed and linted in full on every key; the field
keeps what fits and says how much was left out. A paste that fits is the widget's own.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input, TextArea

from planner.domain.text import MAX_TEXT


def _cut_note(pasted: int, kept: int, limit: int) -> str:
    if kept:
        return (
            f"Pasted {pasted:,} characters; the first {kept:,} fit and the rest was left out "
            f"(this field holds at most {limit:,})."
        )
    return f"This field is full (at most {limit:,} characters): nothing was pasted."


class TextField(Input):
    """A one-line field; a paste keeps its first line, cut to the field's length."""

    def on_paste(self, event: events.Paste) -> None:
        """Cut a paste that does not fit before the Input inserts it."""
        text = event.text.splitlines()[0] if event.text else ""
        limit = self.max_length or MAX_TEXT
        start, end = self.selection
        room = limit - (len(self.value) - abs(end - start))
        if len(text) <= room:
            return
        event.prevent_default()
        event.stop()
        kept = text[: max(0, room)]
        if kept:
            self.replace(kept, *self.selection)
        self.notify(
            _cut_note(len(text), len(kept), limit), title="Paste cut", severity="warning", timeout=6
        )


class TextBox(TextArea):
    """A multi-line field holding at most MAX_TEXT characters."""

    def on_mount(self) -> None:
        """Start at the end of the text, where what is typed next usually goes."""
        self.move_cursor(self.document.end)

    def on_paste(self, event: events.Paste) -> None:
        """Cut a paste that does not fit before the TextArea inserts it."""
        if self.read_only:
            return
        room = MAX_TEXT - (len(self.text) - len(self.selected_text))
        if len(event.text) <= room:
            return
        event.prevent_default()
        event.stop()
        kept = event.text[: max(0, room)]
        if kept:
            result = self.replace(kept, *self.selection)
            self.move_cursor(result.end_location)
        self.notify(
            _cut_note(len(event.text), len(kept), MAX_TEXT),
            title="Paste cut",
            severity="warning",
            timeout=6,
        )
