"""The app: starts up, routes between screens (modes) and runs the app-wide actions.

Saves and every other read or write of a file run in worker threads that post messages
(`Saved`, `SaveFailed`, `DataChanged`, `BusyChanged`, `DraftsFound`); the handlers are the
one place each is taken: the data watch and the header in `app_watch.py`, the saves and
unsaved form text in `app_saving.py` (the layers `PlannerApp` is built on).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events

from planner.service import CorruptDatabase, Planner
from planner.tui.app_saving import REFUSALS, SAVE_GROUP, SavingApp
from planner.tui.app_watch import BUSY_NOTE, DAY_CHECK_SECONDS, POLL_SECONDS, WATCH_GROUP
from planner.tui.commands import COMMANDS, PlannerCommands, app_bindings
from planner.tui.key_order import KeyOrder
from planner.tui.recovery import DraftKeeper
from planner.tui.screens.base import PlannerScreen

__all__ = [
    "BUSY_NOTE",
    "DAY_CHECK_SECONDS",
    "LOCK_WAIT_SECONDS",
    "POLL_SECONDS",
    "REFUSALS",
    "SAVE_GROUP",
    "WATCH_GROUP",
    "PlannerApp",
]

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

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

NOTICES_KEPT = 50
"""How many of the toasts shown since the last clear `PlannerApp.notices` keeps."""


@dataclass(frozen=True)
class Notice:
    """One toast the app showed."""

    title: str
    message: str
    severity: str
    """`information`, `warning` or `error`."""


LOCK_WAIT_SECONDS = 0.5
"""How long a save waits for another process's lock before it gives up (retryable), so
keys never queue behind a long wait; the CLI waits longer."""


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


class PlannerApp(SavingApp):
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
        self.notices: deque[Notice] = deque(maxlen=NOTICES_KEPT)
        """The toasts shown since a screen key last cleared them, oldest first (the newest
        `NOTICES_KEPT`): what tests and bug reports read instead of Textual's private list."""

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show a toast (as Textual does) and keep it in `notices`."""
        self.notices.append(Notice(title, message, severity))
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def clear_notifications(self) -> None:
        """Take the toasts off the screen, and out of `notices`."""
        self.notices.clear()
        super().clear_notifications()

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

    # -- the data file lost while running -------------------------------------------------

    def lost_file(self, error: CorruptDatabase) -> None:
        """The file became unreadable while the app ran: say so and offer the backup."""
        from planner.tui.screens.recovery import RecoveryScreen

        self.ready = False
        self.notify(str(error), title="Data file unreadable", severity="error")
        self.push_screen(RecoveryScreen(error, self.planner.data), self._after_recovery)

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
