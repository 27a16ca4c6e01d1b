"""Snapshots of the tracker screens with the demo candidate, at 80x24 and 120x40."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from planner.demo import fill_demo
from planner.service import ContentLibrary, Planner
from planner.tui.app import PlannerApp


@pytest.fixture
def demo(tmp_path: Path, library: ContentLibrary, planner: Planner) -> Planner:
    """The demo candidate on the suite's fixed today (so every run draws the same)."""
    return fill_demo(tmp_path / "demo", library, planner.today)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize(
    "key", ["m", "e", "s", "k"], ids=["mocks", "research", "stories", "questions"]
)
def test_tracker_screen_looks_as_approved(
    snap_compare: Callable[..., bool], demo: Planner, key: str, size: tuple[int, int]
) -> None:
    """Each tracker screen draws as in its approved snapshot."""
    assert snap_compare(PlannerApp(demo), press=[key, "_"], terminal_size=size)
