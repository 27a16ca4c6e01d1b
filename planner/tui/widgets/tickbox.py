"""Checkboxes that read without colour: a tick when on, an empty box when off."""

from __future__ import annotations

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.widgets import Checkbox, SelectionList
from textual.widgets.option_list import OptionDoesNotExist


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


class TickList(SelectionList[str]):
    """A SelectionList whose boxes read like TickBox: `▐✔▌` ticked, `▐ ▌` not (Textual's
    shows the same `X` either way)."""

    def render_line(self, y: int) -> Strip:
        """Textual's line with the box's `X` replaced by a tick or a blank."""
        strip = super().render_line(y)
        segments = list(strip)
        _, scroll_y = self.scroll_offset
        if len(segments) < 2 or segments[1].text != Checkbox.BUTTON_INNER:
            return strip
        try:
            option = self.get_option_at_index(scroll_y + y)
        except OptionDoesNotExist:
            return strip
        ticked = option.value in self.selected
        segments[1] = Segment("✔" if ticked else " ", segments[1].style)
        return Strip(segments, strip.cell_length)
