"""Snapshots of issue 15's views: the task detail pane, help, onboarding and a toast, at 80x24."""

from __future__ import annotations

from collections.abc import Callable

from planner.tui.app import PlannerApp

SnapCompare = Callable[..., bool]
SIZE = (80, 24)


def test_task_detail_pane_of_a_timed_session(
    snap_compare: SnapCompare, demo_app: PlannerApp
) -> None:
    """Enter on an overdue solo drill: what to do, why (its baseline), how long, the log key."""
    assert snap_compare(demo_app, press=["t", "tab", "enter"], terminal_size=SIZE)


def test_help_on_mocks_at_80x24(snap_compare: SnapCompare, demo_app: PlannerApp) -> None:
    """Help on Mocks: the screen's keys first (Enter edits), then everywhere, in a box that fits."""
    assert snap_compare(demo_app, press=["m", "question_mark"], terminal_size=SIZE)
