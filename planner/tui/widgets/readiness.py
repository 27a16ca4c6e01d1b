"""Per-round readiness bars: name, a bar as wide as the space allows, score and status."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widget import Widget

from planner.tui.widgets.visuals import BAR_STYLE, bar, status_text

if TYPE_CHECKING:
    from planner.domain.readiness import Readiness

NAME_WIDTH = 28
"""Every Coursera round name in full (`Technical and system design` and a space)."""
TAIL_WIDTH = 11


class ReadinessBars(Widget):
    """One line per round; redraws to fit its width."""

    DEFAULT_CSS = "ReadinessBars { height: auto; }"

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id, classes=classes)
        self._rows: list[tuple[str, int | None, str]] = []
        self._shown = False
        """Whether results were shown (before that: blank, not "no rounds")."""

    def show(self, readiness: Readiness) -> None:
        """Show these results: passed screens first (no score), then the rounds ahead."""
        self._rows = [(p.name, None, "passed") for p in readiness.passed]
        self._rows += [(r.round.name, r.score, r.status) for r in readiness.rounds]
        self._shown = True
        self.refresh(layout=True)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        """One line per round."""
        return max(1, len(self._rows))

    def render(self) -> Content:
        """The bars, sized to the widget's width."""
        if not self._shown:
            return Content("")
        if not self._rows:
            return Content.styled("No rounds to show.", "$text-muted")
        width = self.size.width
        name_width = min(NAME_WIDTH, max(10, width * 2 // 5))
        bar_width = max(5, width - name_width - TAIL_WIDTH)
        lines = []
        for name, score, status in self._rows:
            label = Content(name).truncate(name_width - 1, ellipsis=True).pad_right(0)
            label = label.pad_right(name_width - label.cell_length)
            if score is None:
                lines.append(
                    Content.assemble(
                        label,
                        Content.styled("screen behind you".ljust(bar_width + 5), "$text-muted"),
                        status_text(status),
                    )
                )
                continue
            lines.append(
                Content.assemble(
                    label,
                    bar(score / 100, bar_width, BAR_STYLE[status]),
                    f" {score:>3} ",
                    status_text(status),
                )
            )
        return Content("\n").join(lines)
