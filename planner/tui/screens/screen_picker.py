"""The `g` list of screens: each by name with its key; Enter or the key opens it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from planner.tui.commands import SCREENS


class ScreenPicker(ModalScreen[str | None]):
    """Pick a screen; returns its mode, or None on Escape."""

    DEFAULT_CSS = """
    ScreenPicker { align: center middle; }
    ScreenPicker > Vertical {
        width: 72; max-width: 100%; height: auto; padding: 0 1;
        border: round $primary; background: $surface;
    }
    ScreenPicker #picker-title { text-style: bold; color: $text-accent; }
    ScreenPicker OptionList, ScreenPicker OptionList:focus {
        height: auto; border: none; padding: 0; background: transparent;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    ScreenPicker #picker-foot { color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape,g", "close", "Close", id="picker.close"),
        *(
            Binding(key, f"pick('{mode}')", title, show=False)
            for mode, key, title, _what in SCREENS
        ),
    ]

    def __init__(self, current: str | None = None) -> None:
        super().__init__()
        self.current = current
        """The mode in view (highlighted first)."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Go to a screen", id="picker-title")
            yield OptionList(
                *(
                    Option(
                        Content.assemble(
                            (f"{key}  ", "bold"),
                            (title.ljust(11), "bold" if mode == self.current else ""),
                            (what, "$text-muted"),
                        ),
                        id=mode,
                    )
                    for mode, key, title, what in SCREENS
                ),
                id="picker-list",
            )
            yield Label("Enter or the key opens a screen · Escape closes", id="picker-foot")

    def on_mount(self) -> None:
        """Start on the screen in view."""
        picker = self.query_one(OptionList)
        modes = [mode for mode, *_ in SCREENS]
        picker.highlighted = modes.index(self.current) if self.current in modes else 0
        picker.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Open the chosen screen."""
        event.stop()
        self.dismiss(event.option.id)

    def action_pick(self, mode: str) -> None:
        """Open a screen by its key."""
        self.dismiss(mode)

    def action_close(self) -> None:
        """Close without moving."""
        self.dismiss(None)
