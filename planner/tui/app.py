"""The app: routes between screens (modes), owns the service and watches the data file."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual.app import App
from textual.timer import Timer

from planner.domain.content import ContentError
from planner.domain.schedule import PlanError
from planner.errors import InputError
from planner.service import Planner
from planner.storage import CorruptDatabase, StorageError
from planner.tui.commands import COMMANDS, PlannerCommands, app_bindings
from planner.tui.messages import DataChanged
from planner.tui.screens.base import PlannerScreen

T = TypeVar("T")

GATED_ACTIONS = frozenset({"switch_mode", "log_mock", "replan", "new_plan", "export", "check"})
"""Actions that need a plan: hidden and disabled during onboarding and recovery."""

GAP_SCREENS = {
    "stories": "stories",
    "research": "research",
    "questions": "questions",
    "mocks": "mocks",
    "mock-quality": "mocks",
    "trend": "mocks",
    "tasks": "today",
}
"""Where each kind of readiness gap is fixed."""

POLL_SECONDS = 1.0


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
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    def __init__(self, planner: Planner) -> None:
        super().__init__()
        self.planner = planner
        """The service: every read and write goes through it."""
        self.ready = False
        """Whether a readable plan exists (false during onboarding and recovery)."""
        self._seen: object = None
        self._poll: Timer | None = None

    # -- startup ---------------------------------------------------------------------------

    def on_mount(self) -> None:
        """Route to recovery, onboarding or the dashboard."""
        self.start()

    def start(self) -> None:
        """Read the store (writing nothing) and open what fits what is found."""
        from planner.tui.screens.onboarding import OnboardingScreen
        from planner.tui.screens.recovery import RecoveryScreen

        self.ready = False
        try:
            has_plan = self.planner.has_plan()
        except CorruptDatabase as error:
            self.push_screen(RecoveryScreen(error, self.planner.store), self._after_recovery)
            return
        if has_plan:
            self.enter()
        else:
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
        self._seen = self.planner.store.signature()
        self.update_subtitle()
        self.switch_mode("dashboard")
        if self._poll is None:
            self._poll = self.set_interval(POLL_SECONDS, self.poll_changes)
        self.refresh_bindings()

    # -- watching the data -----------------------------------------------------------------

    def poll_changes(self) -> None:
        """Post DataChanged when the data file changed since it was last seen."""
        if self.ready and self.planner.store.signature() != self._seen:
            self.post_message(DataChanged())

    def on_data_changed(self, message: DataChanged) -> None:
        """Refresh the header and the screen in view from the data as it is now."""
        self._seen = self.planner.store.signature()
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
        self.push_screen(RecoveryScreen(error, self.planner.store), self._after_recovery)

    def update_subtitle(self) -> None:
        """Show the target and the days left in the header."""
        plan = self.planner.state().plan
        if plan is None:
            self.sub_title = ""
            return
        pack = self.planner.pack()
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
        self.sub_title = f"{pack.company} {role} · {plan.settings.seniority} · {when}"

    def saved(self, what: str = "") -> None:
        """Tell the app that this process just changed the data."""
        self.post_message(DataChanged(what))

    def attempt(self, work: Callable[[], T]) -> T | None:
        """Run a change; bad input and storage failures become notifications, not crashes."""
        try:
            return work()
        except (InputError, PlanError, ContentError) as error:
            self.notify(str(error), severity="warning")
        except StorageError as error:
            self.notify(str(error), title="Not saved", severity="error")
        return None

    # -- actions ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Screen and plan actions wait until a plan exists."""
        return self.ready or action not in GATED_ACTIONS

    async def open_target(self, kind: str, target: str, round_id: str) -> None:
        """Switch to the screen where a gap of this kind is fixed and point it at the target."""
        mode = GAP_SCREENS.get(kind, "dashboard")
        await self.switch_mode(mode)
        screen = self.screen
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
        view = self.planner.today_view()
        for task in (*view.tasks, *view.overdue):
            if task.kind == "mock" and not task.done and task.rounds:
                return task.rounds[0]
        for gap in self.planner.readiness().gaps_by_impact():
            if gap.kind == "mocks":
                return gap.round
        return ""

    def action_replan(self) -> None:
        """Move unfinished past tasks forward and say what moved or no longer fits."""
        result = self.attempt(self.planner.replan)
        if result is None:
            return
        if not result.moved and not result.dropped:
            self.notify("Nothing to move: no unfinished past tasks.")
            return
        lines = [f"Moved {len(result.moved)} task{'s' * (len(result.moved) != 1)} forward."]
        if result.dropped:
            names = "; ".join(t.title for t in result.dropped[:3])
            more = f" and {len(result.dropped) - 3} more" if len(result.dropped) > 3 else ""
            lines.append(f"No longer fits: {names}{more}.")
        self.notify(
            "\n".join(lines),
            title="Replanned",
            severity="warning" if result.dropped else "information",
            markup=False,
        )
        self.saved("plan")

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
        from planner.service.reports import export_ics, export_markdown

        folder = self.planner.store.data_dir
        path = folder / ("plan.md" if fmt == "md" else "plan.ics")
        try:
            if fmt == "md":
                path.write_text(export_markdown(self.planner), encoding="utf-8")
            else:
                path.write_bytes(export_ics(self.planner))
        except OSError as error:
            self.notify(f"Could not write {path}: {error.strerror}", severity="error", markup=False)
            return
        self.notify(f"Plan written to {path}", title="Exported", markup=False)

    def action_check(self) -> None:
        """Show the pre-onsite check: verdict, days left, top gaps, the days that remain."""
        from planner.service.reports import check
        from planner.tui.widgets.report import ReportScreen, check_content

        report = check(self.planner)
        self.push_screen(ReportScreen("Check before the onsite", check_content(report)))

    def action_help(self) -> None:
        """List every key of the screen in view and every palette command."""
        from planner.tui.screens.help import HelpScreen, help_rows

        rows = help_rows(self, self.screen.active_bindings, COMMANDS)
        self.push_screen(HelpScreen(rows))
