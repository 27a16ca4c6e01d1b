"""Help that fits: generated per screen, scrollable to its end at 80x24, F1, named screens."""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget
from textual.widgets import OptionList

from planner.service import Planner
from planner.tui.app import PlannerApp
from planner.tui.screens.help import HelpScreen

SIZE = (80, 24)
MakeApp = Callable[..., PlannerApp]


def fits_in(inner: Widget, box: Widget) -> bool:
    """Whether `inner` lies wholly inside the content area of `box` (nothing cut off)."""
    return inner.region.bottom <= box.content_region.bottom


async def test_f1_opens_help(demo_app: PlannerApp) -> None:
    """F1 opens the same help as ?, and closes it."""
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(demo_app.screen, HelpScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert not isinstance(demo_app.screen, HelpScreen)


async def test_end_scrolls_help_to_its_last_line_at_80x24(demo_app: PlannerApp) -> None:
    """The help's body fits its box, so End shows the very last row."""
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("m", "question_mark")
        await pilot.pause()
        body = demo_app.screen.query_one("#help-body")
        assert fits_in(body, demo_app.screen.query_one("#help-box"))
        await pilot.press("end")
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y > 0


async def test_end_scrolls_the_check_to_its_end_at_80x24(demo_app: PlannerApp) -> None:
    """The check pop-up's body fits its box too, so End reaches its last line."""
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        demo_app.action_check()
        await pilot.pause()
        body = demo_app.screen.query_one("#report-body")
        assert fits_in(body, demo_app.screen.query_one("#report-box"))
        await pilot.press("end")
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y > 0


async def test_help_lists_this_screens_keys_with_enter(demo_app: PlannerApp) -> None:
    """On Mocks, help lists the screen's keys first, Enter among those that edit a mock."""
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("m", "question_mark")
        await pilot.pause()
        assert isinstance(demo_app.screen, HelpScreen)
        rows = demo_app.screen.rows
        assert rows[0].section == "On this screen"
        edit = next(r for r in rows if r.description == "Edit")
        assert "⏎" in edit.keys
        assert "o" in edit.keys.split(", ")


async def test_enter_on_the_mocks_table_still_edits(demo_app: PlannerApp) -> None:
    """Enter, now a binding that help can list, still opens the mock for editing."""
    from planner.tui.forms.mock_form import MockForm

    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(demo_app.screen, MockForm)


async def test_footer_names_no_cryptic_key_group(planned: Planner, make_app: MakeApp) -> None:
    """The footer has no `d t p m e s k screens`; g lists the screens by name and opens one."""
    from planner.tui.screens.screen_picker import ScreenPicker

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = [b.binding.key for b in app.screen.active_bindings.values() if b.binding.show]
        assert "d" not in shown
        assert "g" in shown
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, ScreenPicker)
        picker = app.screen.query_one("#picker-list", OptionList)
        text = " ".join(str(picker.get_option_at_index(i).prompt) for i in range(7))
        for name in ("Dashboard", "Today", "Plan", "Mocks", "Research", "Stories", "Questions"):
            assert name in text
        await pilot.press("e")
        await pilot.pause()
        assert app.current_mode == "research"
