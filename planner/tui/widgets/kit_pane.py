"""The partner kit on the timed mock's second pane: the domain's plain-text script
(`planner.domain.kit_render.render_text`, as `planner mock kit` prints it), wrapped to the pane and
shown as text, never as markup; section heads in bold, the dimensions to probe in colour."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from planner.domain.kit import Kit
from planner.domain.kit_render import render_text

KitSource = Callable[[str, str | None], Kit]
"""The service call that builds a kit: (round id, question id or None) -> Kit."""

SCORING = (
    "f (or the end of the clock) opens the score form: one score per row of the grid,"
    " in the same order. Saving it logs the mock."
)
"""What replaces the kit's `LOG IT` command: the TUI logs the scores itself."""


def kit_content(kit: Kit, width: int) -> Content:
    """The kit wrapped at `width` cells: heads bold, `[probe]` rows in the warning colour."""
    lines = render_text(kit, width=width, log_it=False).rstrip("\n").split("\n")
    lines += [
        "",
        "SCORING",
        *textwrap.wrap(SCORING, max(20, width), initial_indent="  ", subsequent_indent="  "),
    ]
    parts: list[tuple[str, str]] = []
    for n, line in enumerate(lines):
        after_gap = n > 0 and lines[n - 1] == ""
        if n == 0:
            style = "bold $accent"
        elif line and not line.startswith(" ") and after_gap:
            style = "bold"
        elif line.endswith("[probe]"):
            style = "bold $warning"
        else:
            style = ""
        parts.append((line + ("\n" if n < len(lines) - 1 else ""), style))
    return Content.assemble(*parts)


class KitPane(VerticalScroll):
    """A scrolling pane that shows one kit (or why there is none), re-wrapped on resize."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id)
        self.kit: Kit | None = None
        self.problem = ""
        """Shown instead of a kit (no question picked, or the question does not fit), or
        above it (the clock runs longer or shorter than the kit's time cues)."""
        self._width = 0
        self.shown = Content("")
        """What the pane shows now."""

    def compose(self) -> ComposeResult:
        yield Static("", id="kit-text")

    def show(self, kit: Kit | None, note: str = "") -> None:
        """Show `kit` with `note` above it, or only `note` (why there is no kit)."""
        if (kit, note) == (self.kit, self.problem) and self._width:
            return
        self.kit = kit
        self.problem = note
        self._width = 0
        self.redraw()

    def text(self) -> str:
        """What the pane shows, as plain text."""
        return self.shown.plain

    def redraw(self) -> None:
        """Wrap the kit to the pane's width (again, when the width changed)."""
        width = self.scrollable_content_region.width - 1
        if width <= 0:
            width = 78  # not laid out yet: a resize redraws it
        if width == self._width:
            return
        self._width = width
        if self.kit is None:
            self.shown = Content(self.problem)
        elif self.problem:
            note = "\n".join(textwrap.wrap(self.problem, max(20, width)))
            self.shown = Content.assemble(
                (note, "$text-warning"), "\n\n", kit_content(self.kit, width)
            )
        else:
            self.shown = kit_content(self.kit, width)
        self.query_one("#kit-text", Static).update(self.shown)

    def on_resize(self, event: events.Resize) -> None:
        """A new width wraps the kit again."""
        self.redraw()
