"""PlannerApp.notices: the public record of the toasts shown (tests read it, not Textual's
private list)."""

from __future__ import annotations

from collections.abc import Callable

from planner.service import Planner
from planner.tui.app import NOTICES_KEPT, Notice, PlannerApp

SIZE = (80, 24)
MakeApp = Callable[..., PlannerApp]


async def test_a_toast_is_kept_with_its_title_and_severity(
    planned: Planner, make_app: MakeApp
) -> None:
    """A toast from the app or from a screen is recorded as (title, message, severity)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.notify("[b]as typed[/b]", title="One", severity="warning", markup=False)
        app.screen.notify("from a screen")
        assert list(app.notices)[-2:] == [
            Notice("One", "[b]as typed[/b]", "warning"),
            Notice("", "from a screen", "information"),
        ]


async def test_only_the_newest_toasts_are_kept(planned: Planner, make_app: MakeApp) -> None:
    """The record is bounded: after many toasts it holds the newest NOTICES_KEPT."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for n in range(NOTICES_KEPT + 5):
            app.notify(f"toast {n}")
        assert len(app.notices) == NOTICES_KEPT
        assert app.notices[-1].message == f"toast {NOTICES_KEPT + 4}"
        assert app.notices[0].message == "toast 5"


async def test_a_screen_key_clears_the_record_with_the_toasts(
    planned: Planner, make_app: MakeApp
) -> None:
    """Switching screens takes the toasts away, and out of the record."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.notify("before the switch")
        await pilot.press("t")
        await pilot.pause()
        assert not [n for n in app.notices if n.message == "before the switch"]
