"""The app: routes between screens (modes), owns the service and watches the data file.

Saves and every other read or write of a file run in worker threads that post messages
(`Saved`, `SaveFailed`, `DataChanged`, `BusyChanged`, `DraftsFound`); the handlers here
are the one place each is taken. Unsaved form text is the business of `recovery.DraftKeeper`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections import deque
from collections.abc import Callable
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from textual import events, on, work
from textual.app import App
from textual.worker import get_current_worker

from planner.domain.schedule import PlanError
from planner.errors import InputError
from planner.service import BusyError, ContentError, CorruptDatabase, Planner, StorageError
from planner.tui.commands import COMMANDS, PlannerCommands, app_bindings
from planner.tui.key_order import KeyOrder
from planner.tui.messages import (
    BusyChanged,
    DataChanged,
    DraftEdited,
    DraftsFound,
    DraftsNotKept,
    FormOpened,
    Saved,
    SaveFailed,
    SaveTarget,
)
from planner.tui.recovery import DraftKeeper
from planner.tui.screens.base import PlannerScreen

T = TypeVar("T")

if TYPE_CHECKING:
    from planner.domain.schedule import ReplanResult

GATED_ACTIONS = frozenset(
    {"switch_mode", "log_mock", "replan", "new_plan", "export", "check", "pick_screen"}
)
"""Actions that need a plan: hidden and disabled during onboarding and recovery."""

GAP_SCREENS = {
    "stories": "stories",
    "research": "research",
    "questions": "questions",
    "mocks": "mocks",
    "mock-quality": "mocks",
    "strong-no": "mocks",
    "tasks": "today",
}
"""Where each kind of readiness gap is fixed."""

REFUSALS = (InputError, PlanError, ContentError, StorageError)
"""What a save may raise and the app tells the user about (anything else is a bug)."""
SAVE_GROUP = "save"
"""The worker group of saves (tests wait for it)."""
WATCH_GROUP = "watch"
"""The worker group of the data-file watcher (runs as long as the app)."""
POLL_SECONDS = 1.0
DAY_CHECK_SECONDS = 30.0
"""How often the app looks whether midnight has passed (when today follows the clock)."""
LOCK_WAIT_SECONDS = 0.5
"""How long a save waits for another process's lock before it gives up (retryable), so
keys never queue behind a long wait; the CLI waits longer."""
BUSY_NOTE = "BUSY, another planner is saving"
"""Put first in the header's subtitle, so a narrow terminal cuts the rest, not this."""


def _screen(module: str, name: str) -> Callable[[], PlannerScreen]:
    """A mode's screen, imported the first time the mode opens (keeps start-up cheap)."""

    def make() -> PlannerScreen:
        import importlib

        screen_class = getattr(importlib.import_module(f"planner.tui.screens.{module}"), name)
        screen: PlannerScreen = screen_class()
        return screen

    return make


@cache
def freeze_start_up_objects() -> None:
    """Keep the objects made so far (modules, classes, the service) out of the garbage
    collector's passes (`gc.freeze`): they live as long as the app, and each full pass over
    them cost 30-40 ms at start (one or two passes, more with many records). Reference
    counting still frees them; only cycles among them are never collected, which is why
    this runs once per process (`cache`): a test process makes many apps, and freezing
    again would keep the cycles of every app that ended before (a Textual DOM is cycles)."""
    import gc

    gc.freeze()


class PlannerApp(App[None]):
    """Loop Planner's TUI; the service is injected so tests use a temporary store."""

    TITLE = "Loop Planner"
    CSS_PATH = "app.tcss"
    MODES = {
        "dashboard": _screen("dashboard", "DashboardScreen"),
        "today": _screen("today", "TodayScreen"),
        "plan": _screen("plan", "PlanScreen"),
        "mocks": _screen("mocks", "MocksScreen"),
        "research": _screen("research", "ResearchScreen"),
        "stories": _screen("stories", "StoriesScreen"),
        "questions": _screen("questions", "QuestionsScreen"),
    }
    DEFAULT_MODE = "dashboard"
    """The app opens in the dashboard's mode: its screen is made as the app composes (with
    no readable plan, onboarding or recovery opens over it). Switching to it from Textual's
    default screen restyled it twice more and parsed all the CSS twice (Textual refreshes
    the CSS for a mode's new screen, once before and once after it is mounted)."""
    BINDINGS = app_bindings()
    COMMANDS = {PlannerCommands}
    NOTIFICATION_TIMEOUT = 4
    """Seconds a toast stays: toasts say one or two lines; long news opens a dialog."""
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    def __init__(self, planner: Planner, clock: Callable[[], dt.date] | None = None) -> None:
        super().__init__()
        freeze_start_up_objects()
        self.planner = planner
        """The service: every read and write goes through it."""
        self.clock = clock
        """Today's date from the clock, looked at every minute (None: today is pinned)."""
        self.ready = False
        """Whether a readable plan exists (false during onboarding and recovery)."""
        self._seen: object = None
        self._stop_watching = threading.Event()
        self.drafts = DraftKeeper(self)
        """Keeps open forms' unsaved text on disk and offers it back at the next start."""
        self.busy = False
        """Whether another process held the data lock at the last look (shown in the header)."""
        self._queued: deque[Callable[[], None]] = deque()
        """Saves asked for and not yet run (each save worker runs the oldest one)."""
        self._save_turn = threading.Lock()
        self._saving = 0
        """Saves asked for whose Saved or SaveFailed has not been taken yet."""
        planner.data.wait_for_lock_at_most(LOCK_WAIT_SECONDS)
        self._day_check: object | None = None
        """The timer that looks whether midnight passed (set once the app is ready)."""
        self._kept_theme: str | None = None
        """The theme the settings file holds (a change of theme is written back to it)."""
        self.bound_keys: dict[str, str] = {}
        """The settings file's keymap as applied (binding id to keys): hints name these."""
        self._key_order = KeyOrder(self, super().on_event)
        """Hands the terminal's keys on one at a time, each to the field focused by then."""

    async def on_event(self, event: events.Event) -> None:
        """Keys and pastes from the terminal go through `KeyOrder` (see planner.tui.key_order)."""
        if KeyOrder.orders(event):
            await self._key_order.take(event)
        else:
            await super().on_event(event)

    def on_key(self, event: events.Key) -> None:
        """Keys typed fast after one that opens a form (`m a 4 2`) can reach the form before
        it focused its first field and come back here unhandled: send them again once it has
        (see KeyOrder.again). Bound keys keep their binding."""
        form = self.screen
        if (
            self._key_order.sent_again(event)
            or not event.is_printable
            or not getattr(form, "TAKES_EARLY_KEYS", False)
            or event.key in self.active_bindings
        ):
            return
        event.prevent_default()
        event.stop()
        self._key_order.again(event)

    # -- startup ---------------------------------------------------------------------------

    def on_load(self) -> None:
        """Before the first screen is made: whether a plan can be read, so that its keys
        and its data are right from the start (`start` reads again and routes)."""
        with contextlib.suppress(CorruptDatabase):
            self.ready = self.planner.session.plan_alone() is not None

    def on_mount(self) -> None:
        """Route to recovery, onboarding or the dashboard."""
        if not self.is_headless:  # in tests the app shares the test runner's process
            from planner.tui.ending import Ending

            # The watchdog thread writes what the forms last reported (`flush` is thread-safe).
            Ending(self.stop_by_signal, self.drafts.flush).install()
        from planner.tui.settings import apply_settings

        self._kept_theme = apply_settings(self) or self.theme
        self.start()

    def watch_theme(self, theme: str) -> None:
        """A theme chosen in the palette is kept in the settings file for the next start."""
        if self._kept_theme is not None and theme != self._kept_theme:
            from planner.tui.settings import remember_theme

            self._kept_theme = theme
            remember_theme(self, theme)

    def start(self) -> None:
        """Read the store (writing nothing) and open what fits what is found."""
        self.ready = False
        try:
            # The plan alone: the mocks and the rest are read by the first screen's worker.
            has_plan = self.planner.session.plan_alone() is not None
        except CorruptDatabase as error:
            from planner.tui.screens.recovery import RecoveryScreen

            self.push_screen(RecoveryScreen(error, self.planner.data), self._after_recovery)
            return
        if has_plan:
            self.enter()
        else:
            from planner.tui.screens.onboarding import OnboardingScreen

            self.push_screen(OnboardingScreen(self.planner), self._after_onboarding)

    def _after_recovery(self, restored: bool | None) -> None:
        if restored:
            self.start()
        else:
            from planner.errors import EXIT_DATA

            self.exit(return_code=EXIT_DATA)

    def _after_onboarding(self, created: bool | None) -> None:
        if created:
            self.enter()
        else:
            self.exit()

    def enter(self) -> None:
        """A plan exists: show the dashboard and start watching the data file."""
        self.ready = True
        self._seen = self.planner.data.signature()
        self.update_subtitle()
        self.switch_mode("dashboard")  # at start the app is there already
        screen = self.screen
        if isinstance(screen, PlannerScreen):
            screen.in_view()  # its resume may have come before the plan was known
        self.watch_data()
        if self._day_check is None:
            self._day_check = self.set_interval(DAY_CHECK_SECONDS, self.check_day)
        self.refresh_bindings()
        self.drafts.scan()

    # -- watching the data -----------------------------------------------------------------

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

    def lost_file(self, error: CorruptDatabase) -> None:
        """The file became unreadable while the app ran: say so and offer the backup."""
        from planner.tui.screens.recovery import RecoveryScreen

        self.ready = False
        self.notify(str(error), title="Data file unreadable", severity="error")
        self.push_screen(RecoveryScreen(error, self.planner.data), self._after_recovery)

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

    # -- saving ----------------------------------------------------------------------------

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

    # -- actions ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Screen and plan actions wait until a plan exists."""
        return self.ready or action not in GATED_ACTIONS

    async def open_target(self, kind: str, target: str, round_id: str) -> None:
        """Switch to the screen where a gap of this kind is fixed and point it at the target."""
        mode = GAP_SCREENS.get(kind, "dashboard")
        origin = self.current_mode
        await self.switch_mode(mode)
        screen = self.screen
        if isinstance(screen, PlannerScreen):
            screen.return_mode = origin  # a form opened for the target goes back there
            screen.call_after_refresh(screen.focus_target, kind, target, round_id)

    async def action_log_mock(self) -> None:
        """Open the mocks screen ready to log a mock of the round due next."""
        from planner.tui.screens.mocks import MocksScreen

        await self.switch_mode("mocks")
        screen = self.screen
        if isinstance(screen, MocksScreen):
            screen.action_add()

    def action_replan(self) -> None:
        """Show what a replan would move and drop; save it (in a save worker) after a yes."""
        from planner.tui.screens.replan_preview import replan_with_preview

        replan_with_preview(self)

    def replan_now(self) -> None:
        """Move unfinished past tasks forward (a save worker), then say what changed."""
        self.save(self.planner.plans.replan, what="plan", then=self._replanned)

    def _replanned(self, result: ReplanResult) -> None:
        if not result.moved and not result.dropped:
            self.notify("Nothing to move: no unfinished past tasks.")
            return
        moved, dropped = len(result.moved), len(result.dropped)
        text = f"Moved {moved} task{'s' * (moved != 1)} forward"
        text += f"; {dropped} dropped." if dropped else "."
        self.notify(text, title="Replanned", severity="warning" if dropped else "information")

    def action_new_plan(self) -> None:
        """After a yes, open the plan form filled with the current choices."""
        from planner.tui.screens.confirm import ConfirmScreen
        from planner.tui.screens.onboarding import OnboardingScreen

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.push_screen(OnboardingScreen(self.planner, force=True), self._after_new_plan)

        question = (
            "Build a new plan? Ticked tasks start over; mocks, stories, research and "
            "practice are kept."
        )
        self.push_screen(ConfirmScreen(question, yes="New plan"), confirmed)

    def _after_new_plan(self, created: bool | None) -> None:
        if created:
            self.notify("The new plan is saved.", title="New plan")

    def action_export(self, fmt: str) -> None:
        """Write the plan as Markdown or ICS into the data folder and say where."""
        self.save(lambda: self.planner.data.write_export(fmt), what="", then=self._exported)

    def _exported(self, path: Path) -> None:
        self.notify(f"Plan written to {path}", title="Exported", markup=False)

    def action_check(self) -> None:
        """Show the pre-onsite check: verdict, days left, top gaps, the days that remain."""
        from planner.tui.screens.report import ReportScreen, check_content

        report = self.planner.readiness.check()
        self.push_screen(ReportScreen("Check before the onsite", check_content(report)))

    async def action_switch_mode(self, mode: str) -> None:
        """A screen key: the toasts of the screen left behind stay there (they are cleared)."""
        self.clear_notifications()
        await super().action_switch_mode(mode)

    def action_help(self) -> None:
        """List every key of the screen in view and every palette command."""
        from planner.tui.screens.help import HelpScreen, help_rows

        rows = help_rows(self, self.screen.active_bindings, COMMANDS)
        self.push_screen(HelpScreen(rows))

    def action_pick_screen(self) -> None:
        """List the screens by name; the one chosen opens."""
        from planner.tui.screens.screen_picker import ScreenPicker

        def picked(mode: str | None) -> None:
            if mode:
                self.switch_mode(mode)

        self.push_screen(ScreenPicker(self.current_mode), picked)
