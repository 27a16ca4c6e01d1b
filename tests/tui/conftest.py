"""Shared TUI fixtures: apps over a temporary store with the fixed today, with or without data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from planner.demo import fill_demo
from planner.service import ContentLibrary, Planner
from planner.service.inputs import PlanInput
from planner.tui.app import PlannerApp

TODAY = dt.date(2026, 11, 25)
"""The suite's fixed today (set by the autouse fixture in tests/conftest.py)."""

ONSITE = TODAY + dt.timedelta(days=20)
"""The onsite of the `planned` fixture: a Tuesday, 20 days after the fixed today."""


@pytest.fixture
def make_app(make_planner: Callable[..., Planner]) -> Callable[..., PlannerApp]:
    """Build an app over the test's data folder (a fresh service each time, as on restart)."""

    def build(today: dt.date = TODAY) -> PlannerApp:
        return PlannerApp(make_planner(today))

    return build


@pytest.fixture
def planned(make_planner: Callable[..., Planner]) -> Planner:
    """A service whose data folder holds a mid-level plan that starts today."""
    planner = make_planner()
    settings = planner.plans.settings(PlanInput(seniority="mid", onsite=ONSITE))
    planner.plans.create(settings)
    return planner


@pytest.fixture
def demo(tmp_path: Path, library: ContentLibrary) -> Planner:
    """A candidate 14 days into a 30-day plan (planner.demo), on the fixed today."""
    return fill_demo(tmp_path / "demo", library, TODAY)


@pytest.fixture
def demo_app(demo: Planner) -> PlannerApp:
    """The app over the demo candidate."""
    return PlannerApp(demo)
