"""Shown when the data file cannot be read: name the file and the problem, offer the backup.

Nothing is written until the user confirms a restore.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Header, Label, Static

from planner.service import CorruptDatabase
from planner.service.data import Data
from planner.tui.screens.base import app_of
from planner.tui.screens.confirm import ConfirmScreen
from planner.tui.widgets.footer import Footer


class RecoveryScreen(ModalScreen[bool]):
    """Restore a backup (after confirming) or quit; dismisses True once restored."""

    CSS_PATH = "first_run.tcss"
    """Its rules are read when it first opens, not at start-up (issue 17)."""

    BINDINGS = [
        Binding("r", "restore", "Restore backup", id="recovery.restore"),
        Binding("q,escape", "quit", "Quit", id="recovery.quit"),
    ]

    def __init__(self, error: CorruptDatabase, data: Data) -> None:
        super().__init__()
        self.error = error
        """What went wrong reading the file."""
        self.data = data
        """The data folder's use cases (used only to restore)."""
        self._backups: list[Path] = data.backups()
        self._choice = 0

    @property
    def backup(self) -> Path | None:
        """The backup a restore would use."""
        return self._backups[self._choice] if self._choice < len(self._backups) else None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="recovery-box"):
            yield Label("The data file cannot be read", id="recovery-title")
            yield Static(
                Content.assemble(("File: ", "bold"), str(self.error.path)), id="recovery-file"
            )
            yield Static(
                Content.assemble(("Problem: ", "bold"), self.error.problem), id="recovery-problem"
            )
            yield Static(id="recovery-backup")
            yield Static(
                "Nothing has been changed. Restoring keeps the unreadable file next to it "
                "as a planner.json.corrupt-* copy.",
                markup=False,
                id="recovery-note",
            )
            yield Static(id="recovery-error")
            with Horizontal(id="recovery-buttons"):
                yield Button("Quit", id="recovery-quit")
                yield Button("Restore backup", id="recovery-restore", variant="warning")
        yield Footer()

    def on_mount(self) -> None:
        """Show the backup on offer and focus the safe choice."""
        self._show_backup()
        self.query_one("#recovery-quit", Button).focus()

    def _show_backup(self) -> None:
        backup = self.backup
        text = self.query_one("#recovery-backup", Static)
        button = self.query_one("#recovery-restore", Button)
        if backup is None:
            text.update(
                Content.assemble(
                    ("Backup: ", "bold"),
                    "none usable. Fix the file by hand, or move it away to start over.",
                )
            )
            button.disabled = True
        else:
            text.update(Content.assemble(("Newest backup: ", "bold"), str(backup)))
            button.disabled = False

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Restore or quit from the buttons."""
        event.stop()
        if event.button.id == "recovery-restore":
            self.action_restore()
        else:
            self.action_quit()

    def action_restore(self) -> None:
        """Ask, then put the backup in place of the unreadable file."""
        backup = self.backup
        if backup is None:
            return
        question = (
            f"Replace {self.error.path} with the backup {backup.name}? "
            "The unreadable file is kept as a copy."
        )
        self.app.push_screen(ConfirmScreen(question, yes="Restore"), self._restore_confirmed)

    def _restore_confirmed(self, confirmed: bool | None) -> None:
        backup = self.backup
        if not confirmed or backup is None:
            return

        def restored(kept: Path | None) -> None:
            message = f"Restored {backup.name}."
            if kept is not None:
                message += f" The unreadable file is kept as {kept.name}."
            self.app.notify(message, title="Backup restored", markup=False)
            self.dismiss(True)

        app_of(self).save(lambda: self.data.restore(backup), what="", then=restored, target=self)

    def saved(self) -> None:
        """The backup is in place (`restored` says so and closes)."""

    def save_failed(self, error: Exception, message: str) -> None:
        """That backup could not be restored: say why and offer the next older one."""
        self._choice += 1
        note = self.query_one("#recovery-error", Static)
        note.update(Content.styled(f"{message}. Offering the next older backup.", "$text-error"))
        note.display = True
        self._show_backup()

    def action_quit(self) -> None:
        """Leave without changing anything."""
        self.dismiss(False)
