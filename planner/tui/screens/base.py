"""What every main screen shares: access to the service and refresh on data changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

from planner.service import Planner

if TYPE_CHECKING:
    from planner.tui.app import PlannerApp


class PlannerScreen(Screen[None]):
    """A main screen (one of the app's modes). Subclasses implement `refresh_data`."""

    @property
    def planner(self) -> Planner:
        """The service, owned by the app."""
        return self.planner_app.planner

    @property
    def planner_app(self) -> PlannerApp:
        """The app, typed."""
        from planner.tui.app import PlannerApp

        assert isinstance(self.app, PlannerApp)
        return self.app

    def on_screen_resume(self) -> None:
        """Show fresh data every time the screen comes back into view."""
        self.refresh_data()

    def refresh_data(self) -> None:
        """Re-read what the screen shows from the service (override)."""
