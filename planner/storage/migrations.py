"""Forward-only schema migrations of the data file (pure dict transforms)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SCHEMA_VERSION = 3

Tables = dict[str, dict[str, Any]]


def _v1_to_v2(tables: Tables) -> Tables:
    """Schema 2 adds stages and the calendar to the plan's settings.

    A v1 plan was made before stages: it kept tasks for every screen, so it says so
    explicitly: no screen dated and none passed, which the domain reads as "every screen
    still ahead" (until `planner screen` changes it); no away days and no holiday calendar.
    Keys a hand edit already added are left as they are; a settings record that is not a
    table is left for the loader to report as damaged.
    """
    for profile in tables.get("profile", {}).values():
        settings = profile.get("settings") if isinstance(profile, dict) else None
        if not isinstance(settings, dict):
            continue
        settings.setdefault("screens", {})
        settings.setdefault("passed_screens", [])
        settings.setdefault("away", [])
        settings.setdefault("holidays", [])
        settings.setdefault("holiday_country", "")
    return tables


def _v2_to_v3(tables: Tables) -> Tables:
    """Schema 3 adds the candidate's own research items (table `own_research`, ids `my-N`).

    A v2 file has none: the table starts empty and every other record stays as it is. A
    planner that knows only schema 2 refuses a v3 file instead of dropping these items from
    an export or a restore. A table a hand edit already added is left as it is.
    """
    tables.setdefault("own_research", {})
    return tables


MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {1: _v1_to_v2, 2: _v2_to_v3}
"""Maps version N to the function that turns an N file into an N+1 file."""
