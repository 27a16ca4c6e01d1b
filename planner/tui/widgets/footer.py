"""Textual's footer, rebuilt only when the keys it shows change (issue 17).

Textual's `Footer` recomposes (removes and mounts, then restyles, every key) each time the
screen says its bindings may have changed: a focus change, a mode switch, an app-wide
`refresh_bindings`. At start that was five rebuilds of the dashboard's 11 keys. This one
compares what it would show (each shown key, its label, whether it is enabled, its
tooltip) with what it shows, and lets Textual rebuild only when that differs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widgets import Footer as TextualFooter

if TYPE_CHECKING:
    from textual.screen import Screen

Shown = tuple[tuple[str, str, str, str, bool, str], ...]


def shown_keys(screen: Screen[Any]) -> Shown:
    """What a footer on `screen` shows: key, its display, action, label, enabled, tooltip
    (the shown bindings, then the command palette's, which the footer shows too)."""
    app = screen.app
    active = screen.active_bindings
    palette = active.get(app.COMMAND_PALETTE_BINDING)
    return tuple(
        (
            binding.key,
            app.get_key_display(binding),
            binding.action,
            binding.description,
            enabled,
            tooltip,
        )
        for (_, binding, enabled, tooltip) in active.values()
        if binding.show or (palette is not None and binding is palette.binding)
    )


class Footer(TextualFooter):
    """The key hints; recomposed only when the shown keys change (see the module)."""

    _shown: Shown | None = None
    """The keys on display (None: none yet, or a rebuild Textual skipped)."""

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """Rebuild only if this screen's shown keys differ from those on display."""
        if not (screen.app.app_focus and self.is_attached and screen is self.screen):
            self._shown = None  # Textual skips this rebuild: the next one must not be
            super().bindings_changed(screen)
            return
        shown = shown_keys(screen)
        if shown == self._shown:
            return
        self._shown = shown
        super().bindings_changed(screen)
