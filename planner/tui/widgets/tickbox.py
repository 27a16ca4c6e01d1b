"""A checkbox that reads without colour: a tick when on, an empty box when off."""

from __future__ import annotations

from textual.content import Content
from textual.style import Style
from textual.widgets import Checkbox


class TickBox(Checkbox):
    """Textual's checkbox shows the same `X` on and off (only its colour changes)."""

    @property
    def _button(self) -> Content:
        """`▐✔▌` when ticked, `▐ ▌` when not, so the state shows on any terminal."""
        button_style = self.get_visual_style("toggle--button")
        side_style = Style(foreground=button_style.background, background=self.background_colors[1])
        return Content.assemble(
            (self.BUTTON_LEFT, side_style),
            ("✔" if self.value else " ", button_style),
            (self.BUTTON_RIGHT, side_style),
        )
