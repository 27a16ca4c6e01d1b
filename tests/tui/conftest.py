"""Shared TUI fixtures: apps over a temporary store with the fixed today, with or without data.

Every `pilot.pause()` in these tests waits until the app has handled what is queued
(tui_support.settle), so no test depends on how fast a loaded machine runs it.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import tui_support

from planner.demo import fill_demo
from planner.service import ContentLibrary, Planner
from planner.service.inputs import PlanInput
from planner.storage import RecordStore
from planner.tui.app import PlannerApp

tui_support.install()

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


@pytest.fixture(scope="session")
def demo_folder(tmp_path_factory: pytest.TempPathFactory, library: ContentLibrary) -> Path:
    """The demo candidate's data folder, filled once per test process (read-only template)."""
    folder = tmp_path_factory.mktemp("demo-template") / "demo"
    fill_demo(folder, library, TODAY)
    return folder


@pytest.fixture
def demo(tmp_path: Path, library: ContentLibrary, demo_folder: Path) -> Planner:
    """A candidate 14 days into a 30-day plan (planner.demo), on the fixed today.

    Each test gets its own copy of the folder `fill_demo` wrote once (same bytes, same modes).
    """
    folder = tmp_path / "demo"
    shutil.copytree(demo_folder, folder)
    return Planner(RecordStore(folder), library, TODAY)


@pytest.fixture
def demo_app(demo: Planner) -> PlannerApp:
    """The app over the demo candidate."""
    return PlannerApp(demo)
