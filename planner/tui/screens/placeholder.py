"""Temporary screens for modes still being built."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer, Header, Static

from planner.tui.screens.base import PlannerScreen


class _Placeholder(PlannerScreen):
    TITLE_TEXT = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self.TITLE_TEXT, markup=False)
        yield Footer()


class MocksScreen(_Placeholder):
    """Mock interviews (placeholder)."""

    TITLE_TEXT = "Mocks"


class ResearchScreen(_Placeholder):
    """Company research (placeholder)."""

    TITLE_TEXT = "Research"


class StoriesScreen(_Placeholder):
    """STAR stories (placeholder)."""

    TITLE_TEXT = "Stories"


class QuestionsScreen(_Placeholder):
    """Question practice (placeholder)."""

    TITLE_TEXT = "Questions"


class DashboardScreen(_Placeholder):
    """Dashboard (placeholder)."""

    TITLE_TEXT = "Dashboard"


class TodayScreen(_Placeholder):
    """Today (placeholder)."""

    TITLE_TEXT = "Today"


class PlanScreen(_Placeholder):
    """Plan (placeholder)."""

    TITLE_TEXT = "Plan"
