"""The app: routes between screens (modes) and owns the service."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from planner.service import Planner
from planner.tui.screens.placeholder import (
    DashboardScreen,
    MocksScreen,
    PlanScreen,
    QuestionsScreen,
    ResearchScreen,
    StoriesScreen,
    TodayScreen,
)


class PlannerApp(App[None]):
    """Loop Planner's TUI; the service is injected so tests use a temporary store."""

    TITLE = "Loop Planner"
    MODES = {
        "dashboard": DashboardScreen,
        "today": TodayScreen,
        "plan": PlanScreen,
        "mocks": MocksScreen,
        "research": ResearchScreen,
        "stories": StoriesScreen,
        "questions": QuestionsScreen,
    }
    BINDINGS = [
        Binding("d", "switch_mode('dashboard')", "Dashboard", id="mode.dashboard"),
        Binding("t", "switch_mode('today')", "Today", id="mode.today"),
        Binding("p", "switch_mode('plan')", "Plan", id="mode.plan"),
        Binding("m", "switch_mode('mocks')", "Mocks", id="mode.mocks"),
        Binding("e", "switch_mode('research')", "Research", id="mode.research"),
        Binding("s", "switch_mode('stories')", "Stories", id="mode.stories"),
        Binding("k", "switch_mode('questions')", "Questions", id="mode.questions"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(self, planner: Planner) -> None:
        super().__init__()
        self.planner = planner
        """The service: every read and write goes through it."""

    def on_mount(self) -> None:
        """Open on the dashboard."""
        self.switch_mode("dashboard")
