"""On-screen hints that name a key follow the keymap of the settings file."""

from __future__ import annotations

from textual.binding import Binding
from textual.dom import DOMNode


def key_hint(node: DOMNode, binding_id: str, usual: str) -> str:
    """A key as a hint names it: `usual` (e.g. "Space"), or the key the settings file binds
    `binding_id` to instead, shown as the footer shows it (PlannerApp.bound_keys)."""
    keys: str = getattr(node.app, "bound_keys", {}).get(binding_id, "")
    if not keys:
        return usual
    return node.app.get_key_display(Binding(keys.split(",")[0], ""))
