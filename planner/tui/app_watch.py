"""The app's watch on the data: the file watcher, the header, busy, and the redraw.

A worker thread looks at the data file's signature and the lock every second and posts
`DataChanged` or `BusyChanged`; the handlers here redraw the header and the screen in view
once. `PlannerApp` (app.py) builds on this with the saves (app_saving.py) and the routing.
"""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App
from textual.worker import get_current_worker

from planner.service import CorruptDatabase, Planner
from planner.tui.messages import BusyChanged, DataChanged
from planner.tui.screens.base import PlannerScreen

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable

    from planner.tui.recovery import DraftKeeper

WATCH_GROUP = "watch"
"""The worker group of the data-file watcher (runs as long as the app)."""
POLL_SECONDS = 1.0
DAY_CHECK_SECONDS = 30.0
"""How often the app looks whether midnight has passed (when today follows the clock)."""
BUSY_NOTE = "BUSY, another planner is saving"
"""Put first in the header's subtitle, so a narrow terminal cuts the rest, not this."""


class WatchingApp(App[None]):
    """Watches the data file and the clock; redraws the header and the screen in view."""

    planner: Planner
    """The service: every read and write goes through it."""
    clock: Callable[[], dt.date] | None
    """Today's date from the clock, looked at every minute (None: today is pinned)."""
    ready: bool
    """Whether a readable plan exists (false during onboarding and recovery)."""
    busy: bool
    """Whether another process held the data lock at the last look (shown in the header)."""
    drafts: DraftKeeper
    """Keeps open forms' unsaved text on disk and offers it back at the next start."""
    _seen: object
    """The data file's signature as last shown."""
    _saving: int
    """Saves asked for whose Saved or SaveFailed has not been taken yet."""
    _stop_watching: threading.Event

    def lost_file(self, error: CorruptDatabase) -> None:
        """The file became unreadable while the app ran (the routing says what opens)."""
        raise NotImplementedError

    @work(thread=True, exclusive=True, group=WATCH_GROUP)
    def watch_data(self) -> None:
        """Look at the data file every second (a worker thread) and say when it changed."""
        worker = get_current_worker()
        while not worker.is_cancelled and not self._stop_watching.is_set():
            self._look()
            self._stop_watching.wait(POLL_SECONDS)

    def _look(self) -> None:
        """Post DataChanged when the file changed, BusyChanged when the lock changed hands.

        While this app's own save is under way the change and the lock are its own: `Saved`
        redraws, and the header does not call the app's own save another planner's.
        """
        data = self.planner.data
        signature = data.signature()
        if self.ready and not self._saving and signature != self._seen:
            self.post_message(DataChanged(signature=signature))
        if self._saving:
            return  # the lock may be this app's own save's: not another planner's
        busy = data.busy()
        if busy != self.busy:
            self.post_message(BusyChanged(busy))

    def poll_changes(self) -> None:
        """Look at the data file and the open forms now, as the watcher and typing do."""
        self._look()
        self.drafts.changed()

    @on(BusyChanged)
    def _busy_changed(self, message: BusyChanged) -> None:
        self.show_busy(message.busy)

    def check_day(self) -> None:
        """Past midnight: move the service to the new day and redraw what is in view."""
        if self.clock is None:
            return
        day = self.clock()
        if day != self.planner.today:
            self.planner.session.today = day
            self.post_message(DataChanged("day"))

    def show_busy(self, busy: bool) -> None:
        """Say in the header while another process holds the data lock; say when it is free."""
        if busy == self.busy:
            return
        self.busy = busy
        if self.ready:
            with contextlib.suppress(CorruptDatabase):
                self.update_subtitle()
        if not busy:
            self.notify("The data is free again: saving works.", title="Not busy", timeout=3)

    def on_data_changed(self, message: DataChanged) -> None:
        """Another process changed the data: show it (unless this app has shown it already)."""
        if message.signature is None or message.signature != self._seen:
            self.show_data()

    def show_data(self) -> None:
        """Redraw the header and the screen in view from the data as it is now (once)."""
        self._seen = self.planner.data.signature()
        if not self.ready:
            return
        try:
            self.update_subtitle()
            for screen in reversed(self.screen_stack):
                if isinstance(screen, PlannerScreen):
                    screen.refresh_data()
                    break
        except CorruptDatabase as error:
            self.lost_file(error)

    def update_subtitle(self) -> None:
        """Show the target and the days left in the header."""
        plan = self.planner.session.plan_alone()
        if plan is None:
            self.sub_title = BUSY_NOTE if self.busy else ""
            return
        pack = self.planner.session.pack()
        left = (plan.settings.onsite - self.planner.today).days
        if left > 1:
            when = f"{left} days to onsite"
        elif left == 1:
            when = "onsite tomorrow"
        elif left == 0:
            when = "onsite today"
        else:
            when = f"onsite was {-left} days ago"
        role = pack.role
        if len(role.split()) > 1 and len(role) > 12:
            role = "".join(word[0].upper() for word in role.split())
        busy = f"{BUSY_NOTE} · " if self.busy else ""
        self.sub_title = f"{busy}{pack.company} {role} · {plan.settings.seniority} · {when}"
