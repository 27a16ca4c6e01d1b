"""What every command needs: parsed args, output, today, and the service (built lazily)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from functools import cached_property
from pathlib import Path

from planner import clock, paths
from planner.cli.output import Output
from planner.dates import Direction, parse_date
from planner.errors import InputError
from planner.service import ContentLibrary, Planner


class Context:
    """Parsed arguments plus lazily built collaborators."""

    def __init__(self, args: argparse.Namespace, out: Output) -> None:
        self.args = args
        self.out = out
        """Where results are printed (handlers use it only to ask a yes/no question)."""
        self.today: dt.date = clock.today(args.today)

    @cached_property
    def data_dir(self) -> Path:
        """The data folder in use."""
        return paths.data_dir(self.args.data_dir)

    @cached_property
    def library(self) -> ContentLibrary:
        """Content packs and templates."""
        return ContentLibrary.shipped()

    @cached_property
    def planner(self) -> Planner:
        """The service."""
        return Planner.open(self.data_dir, self.today, self.library)

    def date(
        self, value: str | None, what: str, direction: Direction | None = None
    ) -> dt.date | None:
        """An optional date argument (a date without a year rolls per `direction`)."""
        return None if value is None else parse_date(value, what, self.today, direction)

    def need_terminal(self) -> None:
        """Refuse (InputError, exit 2) when stdin or stdout is not a terminal: the app would
        wait for keys that never come and write escape codes into a file or a pipe."""
        if not (_isatty(sys.stdin) and _isatty(sys.stdout)):
            raise InputError(
                "the app needs a terminal (stdin and stdout); without one run a command, "
                "e.g. `planner today` (see `planner --help`)"
            )

    def open_tui(self, planner: Planner | None = None) -> int:
        """Open the app on this service, or on `planner` (Textual is imported only here)."""
        if planner is None:
            self.data_dir  # noqa: B018 - a bad --data-dir is reported first
        self.need_terminal()
        from planner.tui.launch import run_app

        # A pinned today (tests, demos) stays put; otherwise the app follows the clock.
        return run_app(
            planner or self.planner, None if clock.pinned(self.args.today) else clock.today
        )


def _isatty(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if isatty is not None else False
    except (OSError, ValueError):  # closed
        return False
