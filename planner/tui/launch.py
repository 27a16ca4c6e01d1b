"""Start the app; the only place the CLI reaches into Textual."""

from __future__ import annotations

import contextlib
import sys

from planner.service import Planner


def run_app(planner: Planner) -> int:
    """Run the TUI until the user quits; returns the exit code."""
    from planner.tui.app import PlannerApp

    app = PlannerApp(planner)
    app.run()
    if app.drafts.kept is not None and app.drafts.kept.exists():
        with contextlib.suppress(OSError):  # the terminal may be gone (SIGHUP)
            print(
                f"planner: unsaved form text is kept in {app.drafts.kept}; "
                "it is offered the next time the planner opens.",
                file=sys.stderr,
            )
    return app.return_code or 0
