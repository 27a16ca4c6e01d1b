"""Snapshots of the tracker screens with the demo candidate, at 80x24 and 120x40."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from planner.service import Planner
from planner.tui.app import PlannerApp


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize(
    "key", ["m", "e", "s", "k"], ids=["mocks", "research", "stories", "questions"]
)
def test_tracker_screen_looks_as_approved(
    snap_compare: Callable[..., bool], demo: Planner, key: str, size: tuple[int, int]
) -> None:
    """Each tracker screen draws as in its approved snapshot."""
    assert snap_compare(PlannerApp(demo), press=[key, "_"], terminal_size=size)
