"""Start the app; the only place the CLI reaches into Textual."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Callable

from planner.service import Planner


def run_app(planner: Planner, clock: Callable[[], dt.date] | None = None) -> int:
    """Run the TUI until the user quits; returns the exit code.

    `clock` gives today's date while the app runs (None: today stays as the planner has it).
    """
    from planner.tui.app import PlannerApp

    app = PlannerApp(planner, clock=clock)
    app.run()
    if app.drafts.kept is not None and app.drafts.kept.exists():
        with contextlib.suppress(OSError):  # the terminal may be gone (SIGHUP)
            print(
                f"planner: unsaved form text is kept in {app.drafts.kept}; "
                "it is offered the next time the planner opens.",
                file=sys.stderr,
            )
    return app.return_code or 0
