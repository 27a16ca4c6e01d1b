"""The `?` screen: every key of the screen in view and every palette command, from the bindings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from planner.tui.commands import Command

HERE = "On this screen"
EVERYWHERE = "Everywhere"


@dataclass(frozen=True)
class HelpRow:
    """One line of help: where it applies, its keys and what it does."""

    section: str
    keys: str
    description: str
    detail: str = ""


def _from_textual(node: DOMNode, binding: Binding) -> bool:
    """Whether a binding comes from Textual's own classes (focus moves, copy, cursor keys)."""
    for cls in type(node).__mro__:
        declared = cls.__dict__.get("BINDINGS", ())
        if any(isinstance(b, Binding) and b.action == binding.action for b in declared):
            return cls.__module__.startswith("textual")
    return False


def help_rows(
    app: App[Any], bindings: Mapping[str, ActiveBinding], commands: Sequence[Command]
) -> list[HelpRow]:
    """Rows for the active bindings (this screen first, then everywhere) and palette commands."""
    order = {c.action: n for n, c in enumerate(commands)}
    helps = {c.action: c.help for c in commands}
    # Keys that do the same thing (Enter and o both edit) share one row.
    grouped: dict[tuple[str, str], list[str]] = {}
    details: dict[tuple[str, str], str] = {}
    actions: dict[tuple[str, str], str] = {}
    for active in bindings.values():
        binding = active.binding
        if binding.system or not binding.description:
            continue
        if not binding.show and _from_textual(active.node, binding):
            continue
        section = EVERYWHERE if active.node is app else HERE
        key = (section, binding.description)
        grouped.setdefault(key, []).append(app.get_key_display(binding))
        actions.setdefault(key, binding.action)
        detail = binding.tooltip.removeprefix(f"{binding.description}: ")
        details[key] = helps.get(binding.action) or details.get(key) or detail
    rows = [
        HelpRow(
            key[0], ", ".join(sorted(set(keys), key=lambda k: (len(k), k))), key[1], details[key]
        )
        for key, keys in sorted(
            grouped.items(),
            key=lambda item: (item[0][0] != HERE, order.get(actions[item[0]], 99)),
        )
    ]
    palette_key = app.get_key_display(Binding(app.COMMAND_PALETTE_BINDING, "command_palette"))
    rows += [
        HelpRow(f"In the command palette ({palette_key})", "", c.title, c.help)
        for c in commands
        if c.key is None and c.palette
    ]
    return rows


class HelpScreen(ModalScreen[None]):
    """The keys and commands; Escape, q or ? closes it."""

    CSS_PATH = "dialogs.tcss"
    """Its rules are read when it first opens, not at start-up (issue 17)."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "Close", id="help.close")]

    def __init__(self, rows: list[HelpRow]) -> None:
        super().__init__()
        self.rows = rows
        """What to list."""

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Label("Keys and commands", id="help-title")
            with VerticalScroll(id="help-body"):
                section = None
                for row in self.rows:
                    if row.section != section:
                        section = row.section
                        yield Label(section, classes="help-section")
                    with Grid(classes="help-row"):
                        yield Static(row.keys, markup=False, classes="help-keys")
                        yield Static(
                            Content.assemble(
                                Content(row.description),
                                (f" · {row.detail}" if row.detail else "", "$text-muted"),
                            ),
                            classes="help-what",
                        )
            yield Label("Escape closes · Ctrl+P searches every command", id="help-foot")

    def on_mount(self) -> None:
        """Focus the list so arrow keys scroll it."""
        self.query_one("#help-body").focus()

    def help_text(self) -> str:
        """Everything the screen lists, as plain text (one row a line)."""
        return "\n".join(
            f"{r.section} | {r.keys} | {r.description} | {r.detail}" for r in self.rows
        )

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
