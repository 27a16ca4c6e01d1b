"""The app's saves and the unsaved text of open forms.

`PlannerApp.save` queues a service call; a worker thread runs the saves one at a time, in
the order asked for, and posts `Saved` or `SaveFailed`, taken here and only here. Open
forms' text is the business of `recovery.DraftKeeper`; its messages are taken here too.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from functools import partial
from typing import TypeVar

from textual import on, work

from planner.domain.schedule import PlanError
from planner.errors import InputError
from planner.service import BusyError, ContentError, CorruptDatabase, StorageError
from planner.tui.app_watch import WatchingApp
from planner.tui.messages import (
    DraftEdited,
    DraftsFound,
    DraftsNotKept,
    FormOpened,
    Saved,
    SaveFailed,
    SaveTarget,
)

T = TypeVar("T")

REFUSALS = (InputError, PlanError, ContentError, StorageError)
"""What a save may raise and the app tells the user about (anything else is a bug)."""
SAVE_GROUP = "save"
"""The worker group of saves (tests wait for it)."""


class SavingApp(WatchingApp):
    """Runs saves in a worker thread, one at a time, and ends each in one place."""

    _queued: deque[Callable[[], None]]
    """Saves asked for and not yet run (each save worker runs the oldest one)."""
    _save_turn: threading.Lock

    def save(
        self,
        change: Callable[[], T],
        *,
        what: str,
        then: Callable[[T], None] | None = None,
        target: SaveTarget | None = None,
    ) -> None:
        """Run `change` (a service call) in a worker thread; Saved or SaveFailed comes back.

        `what` names what changed (the screen in view is redrawn once when it is saved; ""
        for none), `then` gets the result on the UI thread, `target` (an open form) is told
        how it went and stays open until then.
        """
        self._saving += 1
        self._queued.append(partial(self._run_save, change, what, then, target))
        self._write()

    @work(thread=True, group=SAVE_GROUP)
    def _write(self) -> None:
        """Run the oldest queued save: saves run one at a time, in the order asked for."""
        with self._save_turn:
            self._queued.popleft()()

    def _run_save(
        self,
        change: Callable[[], T],
        what: str,
        then: Callable[[T], None] | None,
        target: SaveTarget | None,
    ) -> None:
        try:
            result = change()
        except REFUSALS as error:
            self.post_message(SaveFailed(error, target))
            return
        follow = None if then is None else partial(then, result)
        self.post_message(Saved(what, follow, target))

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        """The one place a save ends: close its form, redraw once, then the requester's turn."""
        self._saving -= 1
        if message.target is not None:
            message.target.saved()
        if message.what:
            self.show_data()
        if message.then is not None:
            message.then()

    @on(SaveFailed)
    def _save_failed(self, message: SaveFailed) -> None:
        """The one place a refused or failed save is told: inline in its form, else a note."""
        self._saving -= 1
        error = message.error
        if isinstance(error, CorruptDatabase):
            # The file became unreadable: the form keeps its text (not saving any more) and
            # the recovery screen offers the backup.
            if message.target is not None:
                message.target.save_failed(error, str(error))
            self.lost_file(error)
            return
        if isinstance(error, BusyError):
            text = self.said_busy()
        elif isinstance(error, StorageError):
            text = str(error)
            self.notify(text, title="Not saved", severity="error", timeout=8, markup=False)
        else:
            text = str(error)
            if message.target is None:
                self.notify(text, severity="warning", markup=False)
        if message.target is not None:
            message.target.save_failed(error, text)

    def said_busy(self) -> str:
        """A save found the lock held: show busy and say that nothing was lost."""
        self.show_busy(True)
        message = "This was not saved: another planner is saving. Nothing is lost; try again soon."
        self.notify(message, title="Busy, not saved", severity="warning")
        return message

    # -- unsaved form text ------------------------------------------------------------------

    @on(DraftEdited)
    def _draft_edited(self) -> None:
        self.drafts.changed()

    @on(FormOpened)
    def _form_opened(self, message: FormOpened) -> None:
        self.drafts.opened(message.form)

    @on(DraftsFound)
    def _drafts_found(self, message: DraftsFound) -> None:
        self.drafts.offer(message)

    @on(DraftsNotKept)
    def _drafts_not_kept(self, message: DraftsNotKept) -> None:
        self.notify(message.problem, title="Unsaved text not kept", severity="error", markup=False)

    def stop_by_signal(self, signum: int) -> None:
        """SIGTERM or SIGHUP: keep unsaved form text, then leave like a quit."""
        self.drafts.stop()
        self.exit(return_code=128 + signum)

    async def action_quit(self) -> None:
        """Quit; text in open forms is kept and offered at the next start."""
        self.drafts.stop()
        self.exit()

    def on_unmount(self) -> None:
        """The app ends (a quit, a signal or an unhandled error): stop watching, keep the text."""
        self._stop_watching.set()
        self.drafts.flush()
