"""The only reader of the real date: `--today`, else $PLANNER_TODAY, else the clock."""

from __future__ import annotations

import datetime as dt
import os

ENV_TODAY = "PLANNER_TODAY"


def pinned(cli_value: str | None = None) -> bool:
    """Whether today is fixed (`--today` or $PLANNER_TODAY) rather than read from the clock."""
    return bool(cli_value or os.environ.get(ENV_TODAY))


def today(cli_value: str | None = None) -> dt.date:
    """Today's date as the planner should see it."""
    from planner.dates import parse_date

    value = cli_value or os.environ.get(ENV_TODAY)
    if value:
        return parse_date(value, "--today")
    return dt.date.today()
