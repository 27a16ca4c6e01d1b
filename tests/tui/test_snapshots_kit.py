"""Snapshots of the timed mock with its partner kit open (issue 18), at 80x24 and 120x40."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot
from tui_support import settle, wait_until

from planner.tui.app import PlannerApp
from planner.tui.forms.timed_mock import TimedMockScreen
from planner.tui.widgets.kit_pane import KitPane

SnapCompare = Callable[..., bool]


@pytest.fixture(autouse=True)
def no_real_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The countdown only moves through `tick`: no shot catches a second going by."""
    monkeypatch.setattr(TimedMockScreen, "CLOCK_SECONDS", None)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_timed_mock_with_the_partner_kit(
    snap_compare: SnapCompare, demo_app: PlannerApp, size: tuple[int, int]
) -> None:
    """Mocks, w, k: narrow, the kit takes the form's place under the title with the clock
    below; wide, it sits beside the form. The shot waits until the kit is drawn."""

    async def open_kit(pilot: Pilot[None]) -> None:
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("k")
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, TimedMockScreen)
        assert screen.kit_shown
        # The pane takes the focus and then draws its text after a refresh: on a loaded
        # machine the shot caught the focus (the Start button's style) still moving.
        assert await wait_until(pilot, lambda: isinstance(pilot.app.focused, KitPane))
        await pilot.wait_for_scheduled_animations()
        await settle(pilot)

    assert snap_compare(demo_app, run_before=open_kit, terminal_size=size)
