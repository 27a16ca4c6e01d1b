"""Snapshots of the dashboard, Today and Plan over the demo candidate, small and large."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from planner.tui.app import PlannerApp

SnapCompare = Callable[..., bool]
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("screen", "key"), [("dashboard", "d"), ("today", "t"), ("plan", "p")])
def test_screen_snapshot(
    snap_compare: SnapCompare, demo_app: PlannerApp, screen: str, key: str, size: str
) -> None:
    """The screen over the demo data looks as recorded."""
    assert snap_compare(demo_app, press=[key], terminal_size=SIZES[size])
