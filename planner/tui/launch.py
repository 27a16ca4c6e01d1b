"""Start the app; the only place the CLI reaches into Textual."""

from __future__ import annotations

from planner.service import Planner


def run_app(planner: Planner) -> int:
    """Run the TUI until the user quits; returns the exit code."""
    from planner.tui.app import PlannerApp

    app = PlannerApp(planner)
    app.run()
    return app.return_code or 0
