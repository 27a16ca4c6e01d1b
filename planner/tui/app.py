"""The app: routes between screens (modes), owns the service and watches the data file."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import os
import signal
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from textual import events
from textual.app import App
from textual.timer import Timer

from planner.domain.schedule import PlanError
from planner.domain.text import MAX_TEXT
from planner.errors import InputError
from planner.service import BusyError, ContentError, CorruptDatabase, Planner, StorageError
from planner.service.data import DraftFile
from planner.tui.commands import COMMANDS, PlannerCommands, app_bindings
from planner.tui.drafts import Draft, Recoverable
from planner.tui.messages import DataChanged
from planner.tui.screens.base import PlannerScreen

T = TypeVar("T")

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

POLL_SECONDS = 1.0
DAY_CHECK_SECONDS = 30.0
"""How often the app looks whether midnight has passed (when today follows the clock)."""
LOCK_WAIT_SECONDS = 0.5
"""How long a save waits for another process's lock before it gives up (retryable), so
keys never queue behind a long wait; the CLI waits longer."""
BUSY_NOTE = "BUSY, another planner is saving"
"""Put first in the header's subtitle, so a narrow terminal cuts the rest, not this."""
STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
"""Signals that stop the app after keeping unsaved form text (SIGHUP: terminal closed)."""


def _screen(module: str, name: str) -> Callable[[], PlannerScreen]:
    """A mode's screen, imported the first time the mode opens (keeps start-up cheap)."""

    def make() -> PlannerScreen:
        import importlib

        screen_class = getattr(importlib.import_module(f"planner.tui.screens.{module}"), name)
        screen: PlannerScreen = screen_class()
        return screen

    return make


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
    BINDINGS = app_bindings()
    COMMANDS = {PlannerCommands}
    NOTIFICATION_TIMEOUT = 4
    """Seconds a toast stays: toasts say one or two lines; long news opens a dialog."""
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    def __init__(self, planner: Planner, clock: Callable[[], dt.date] | None = None) -> None:
        super().__init__()
        self.planner = planner
        """The service: every read and write goes through it."""
        self.clock = clock
        """Today's date from the clock, looked at every minute (None: today is pinned)."""
        self.ready = False
        """Whether a readable plan exists (false during onboarding and recovery)."""
        self._seen: object = None
        self._poll: Timer | None = None
        self.drafts_kept: Path | None = None
        """This process's recovery file while it holds unsaved form text."""
        self._drafts_written: str | None = None
        self._drafts_offered = False
        self._drafts_scanned = False
        """Whether start-up has looked for earlier runs' files; until then none is removed."""
        self.busy = False
        """Whether another process held the data lock at the last look (shown in the header)."""
        planner.data.wait_for_lock_at_most(LOCK_WAIT_SECONDS)
        self._kept_theme: str | None = None
        """The theme the settings file holds (a change of theme is written back to it)."""

    # -- startup ---------------------------------------------------------------------------

    def on_mount(self) -> None:
        """Route to recovery, onboarding or the dashboard."""
        if not self.is_headless:  # in tests the app shares the test runner's process
            loop = asyncio.get_running_loop()
            for signum in STOP_SIGNALS:
                with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                    loop.add_signal_handler(signum, self.stop_by_signal, signum)
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
            has_plan = self.planner.session.has_plan()
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
        self.switch_mode("dashboard")
        if self._poll is None:
            self._poll = self.set_interval(POLL_SECONDS, self.poll_changes)
            self.set_interval(DAY_CHECK_SECONDS, self.check_day)
        self.refresh_bindings()
        if not self._drafts_offered:
            self._drafts_offered = True
            self.call_after_refresh(self.offer_drafts)

    # -- watching the data -----------------------------------------------------------------

    def poll_changes(self) -> None:
        """Post DataChanged when the data file changed; keep open forms' text on disk."""
        if self.ready and self.planner.data.signature() != self._seen:
            self.post_message(DataChanged())
        self.show_busy(self.planner.data.busy())
        self.keep_drafts()

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
        """Refresh the header and the screen in view from the data as it is now."""
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
            self._lost_file(error)

    def _lost_file(self, error: CorruptDatabase) -> None:
        """The file became unreadable while the app ran: say so and offer the backup."""
        from planner.tui.screens.recovery import RecoveryScreen

        self.ready = False
        self.notify(str(error), title="Data file unreadable", severity="error")
        self.push_screen(RecoveryScreen(error, self.planner.data), self._after_recovery)

    def update_subtitle(self) -> None:
        """Show the target and the days left in the header."""
        plan = self.planner.session.state().plan
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

    def saved(self, what: str = "") -> None:
        """Tell the app that this process just changed the data."""
        self.post_message(DataChanged(what))

    def attempt(self, work: Callable[[], T]) -> T | None:
        """Run a change; bad input and storage failures become notifications, not crashes."""
        try:
            return work()
        except (InputError, PlanError, ContentError) as error:
            self.notify(str(error), severity="warning")
        except BusyError:
            self.said_busy()
        except StorageError as error:
            self.notify(str(error), title="Not saved", severity="error")
        return None

    def said_busy(self) -> str:
        """A save found the lock held: show busy and say that nothing was lost."""
        self.show_busy(True)
        message = "This was not saved: another planner is saving. Nothing is lost; try again soon."
        self.notify(message, title="Busy, not saved", severity="warning")
        return message

    # -- pasting -------------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        """Cut a paste to what the focused field can hold before the field sees it.

        A 1 MB paste would otherwise be laid out, scrubbed and linted in full on every key;
        the field keeps what fits and a message says how much was left out.
        """
        if isinstance(event, events.Paste) and not event.is_forwarded:
            cut = self._fit_paste(event.text)
            if cut is not None:
                if cut:
                    self.focused._forward_event(events.Paste(cut))  # type: ignore[union-attr]
                return
        await super().on_event(event)

    def _fit_paste(self, text: str) -> str | None:
        """The part of a paste that fits the focused field, or None when all of it fits."""
        from textual.widgets import Input, TextArea

        field = self.focused
        if isinstance(field, Input):
            text = text.splitlines()[0] if text else ""  # an Input takes the first line only
            limit = field.max_length or MAX_TEXT
            start, end = field.selection
            room = limit - (len(field.value) - abs(end - start))
        elif isinstance(field, TextArea) and not field.read_only:
            limit = MAX_TEXT
            room = limit - (len(field.text) - len(field.selected_text))
        else:
            return None
        if len(text) <= room:
            return None
        kept = text[: max(0, room)]
        if kept:
            message = (
                f"Pasted {len(text):,} characters; the first {len(kept):,} fit and the rest "
                f"was left out (this field holds at most {limit:,})."
            )
        else:
            message = f"This field is full (at most {limit:,} characters): nothing was pasted."
        self.notify(message, title="Paste cut", severity="warning", timeout=6)
        return kept

    # -- unsaved form text --------------------------------------------------------------------

    def open_drafts(self) -> list[Draft]:
        """The unsaved text of every open form, in every mode."""
        drafts: list[Draft] = []
        for mode in self.MODES:
            try:
                stack = self.get_screen_stack(mode)
            except KeyError:
                continue
            for screen in stack:
                if not isinstance(screen, Recoverable):
                    continue
                try:
                    draft = screen.recovery_draft()
                except Exception:  # a screen half torn down must not stop the others
                    continue
                if draft is not None:
                    drafts.append(draft)
        return drafts

    def keep_drafts(self, *, stopping: bool = False) -> Path | None:
        """Write open forms' unsaved text to `recovery-<pid>.json`, or remove it when none.

        Runs every second while the app is open (so even a SIGKILL loses at most a second of
        typing) and on every way out: quit, SIGTERM, SIGHUP and an unhandled error.
        """
        drafts = self.open_drafts()
        if not drafts and not self._drafts_scanned:
            # An earlier process with this pid may have left a file: the start-up scan moves
            # it aside to offer it; a poll that runs first must not delete it.
            return None
        payload = json.dumps([d.to_json() for d in drafts], sort_keys=True)
        if payload == self._drafts_written:
            return self.drafts_kept
        try:
            path = self.planner.data.keep_drafts(
                os.getpid(), [d.to_json() for d in drafts], dt.datetime.now(dt.UTC)
            )
        except (StorageError, OSError, ValueError) as error:
            if not stopping:
                self.notify(str(error), title="Unsaved text not kept", severity="error")
            self._drafts_written = payload  # say it once, not every second
            return None
        self._drafts_written = payload
        self.drafts_kept = path
        return path

    def stop_by_signal(self, signum: int) -> None:
        """SIGTERM or SIGHUP: keep unsaved form text, then leave like a quit."""
        self.keep_drafts(stopping=True)
        self.exit(return_code=128 + signum)

    async def action_quit(self) -> None:
        """Quit; text in open forms is kept and offered at the next start."""
        self.keep_drafts(stopping=True)
        self.exit()

    def _handle_exception(self, error: Exception) -> None:
        """An unhandled error ends the app (Textual's way); keep unsaved form text first."""
        with contextlib.suppress(Exception):
            self.keep_drafts(stopping=True)
        super()._handle_exception(error)

    def offer_drafts(self) -> None:
        """Offer the form text an earlier run left unsaved (once per start)."""
        found, set_aside = self.planner.data.find_drafts(os.getpid())
        self._drafts_scanned = True
        for path in set_aside:
            self.notify(
                f"Unsaved form text from an earlier run could not be restored; it is kept in "
                f"{path} (open it in an editor to copy what you need).",
                title="Not restored",
                severity="warning",
                timeout=20,
                markup=False,
            )
        usable: list[DraftFile] = []
        for file in found:
            if _drafts_of(file):
                usable.append(file)
                continue
            # Nothing this version can reopen (a newer format, or hand-edited): keep it aside.
            aside = self.planner.data.set_drafts_aside(file.path)
            self.notify(
                f"A recovery file holds no form this planner can reopen; it is kept in "
                f"{aside or file.path}.",
                title="Not restored",
                severity="warning",
                timeout=20,
                markup=False,
            )
        if not usable:
            return
        from planner.tui.widgets.drafts_offer import DraftsOfferScreen

        drafts = [d for f in usable for d in _drafts_of(f)]
        saved = max(f.saved for f in usable)
        self.push_screen(
            DraftsOfferScreen(drafts, saved),
            lambda answer: self._drafts_answered(answer, usable, drafts),
        )

    def _drafts_answered(
        self, answer: str | None, found: Sequence[DraftFile], drafts: Sequence[Draft]
    ) -> None:
        if answer == "restore":
            self.run_worker(self.restore_drafts(found), exclusive=True, group="drafts")
        elif answer == "discard":
            from planner.tui.widgets.confirm import ConfirmScreen

            def confirmed(yes: bool | None) -> None:
                if yes:
                    for file in found:
                        self.planner.data.discard_drafts(file)
                    self.notify("Unsaved form text discarded.", timeout=3)
                else:
                    self._drafts_offered = False
                    self.offer_drafts()

            count = len(drafts)
            question = f"Throw away the text of {count} unsaved form{'s' * (count != 1)}?"
            self.push_screen(ConfirmScreen(question, yes="Discard"), confirmed)

    async def restore_drafts(self, found: Sequence[DraftFile]) -> None:
        """Open each form again with its text; the files go once the forms hold it.

        Each file is renamed before the replay: if the replay crashes the app, the next start
        sets it aside instead of replaying it again. A file another planner claimed first
        is left to it.
        """
        claimed: list[Path] = []
        drafts: list[Draft] = []
        for file in found:
            try:
                claimed.append(self.planner.data.claim_drafts(file, os.getpid()))
            except OSError:
                continue
            drafts.extend(_drafts_of(file))
        first: str | None = None
        missed: list[Draft] = []
        for draft in drafts:
            screen = None
            if draft.mode in self.MODES:
                await self.switch_mode(draft.mode)
                screen = self.get_screen_stack(draft.mode)[0]
            if not isinstance(screen, PlannerScreen):
                missed.append(draft)
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(screen.mounted_and_filled.wait(), timeout=10)
            if screen.reopen_draft(draft):
                first = first or draft.mode
            else:
                missed.append(draft)
        await self.switch_mode(first or "dashboard")
        reopened = len(drafts) - len(missed)
        for _ in range(100):  # the forms take their text when they mount
            if len(self.open_drafts()) >= reopened:
                break
            await asyncio.sleep(0.05)
        kept = self.keep_drafts()  # this process holds the text now: keep it under its name
        if missed or (reopened and kept is None):
            for path in claimed:
                aside = self.planner.data.set_drafts_aside(path)
                self.notify(
                    f"Some unsaved text could not be put back into a form "
                    f"({', '.join(d.title for d in missed) or 'not kept on disk'}); the file "
                    f"is kept in {aside or path}.",
                    title="Partly restored",
                    severity="warning",
                    timeout=20,
                    markup=False,
                )
            return
        for path in claimed:
            self.planner.data.release_drafts(path)

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
        focus = getattr(screen, "focus_target", None)
        if callable(focus):
            screen.call_after_refresh(focus, kind, target, round_id)

    async def action_log_mock(self) -> None:
        """Open the mocks screen ready to log a mock of the round due next."""
        await self.switch_mode("mocks")
        screen = self.screen
        if hasattr(screen, "action_add_mock"):
            await screen.run_action("add_mock")
            return
        focus = getattr(screen, "focus_target", None)
        if callable(focus):
            screen.call_after_refresh(focus, "mocks", "", self._next_mock_round())

    def _next_mock_round(self) -> str:
        """The round of today's unfinished mock task, else of the biggest mock gap."""
        return self.planner.tasks.next_timed_round() or self.planner.readiness.next_mock_round()

    def action_replan(self) -> None:
        """Show what a replan would move and drop; save it after a yes."""
        from planner.tui.screens.replan_preview import replan_with_preview

        replan_with_preview(self)

    def action_new_plan(self) -> None:
        """After a yes, open the plan form filled with the current choices."""
        from planner.tui.screens.onboarding import OnboardingScreen
        from planner.tui.widgets.confirm import ConfirmScreen

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
            self.saved("plan")

    def action_export(self, fmt: str) -> None:
        """Write the plan as Markdown or ICS into the data folder and say where."""
        try:
            path = self.planner.data.write_export(fmt)
        except InputError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.notify(f"Plan written to {path}", title="Exported", markup=False)

    def action_check(self) -> None:
        """Show the pre-onsite check: verdict, days left, top gaps, the days that remain."""
        from planner.tui.widgets.report import ReportScreen, check_content

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


def _drafts_of(file: DraftFile) -> list[Draft]:
    """The drafts of a recovery file that this version can reopen."""
    return [d for raw in file.drafts if (d := Draft.from_json(raw)) is not None]
