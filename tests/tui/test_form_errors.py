"""Issue 15 item 8: a refused save shows its red field, and keys typed at once reach the form."""

from __future__ import annotations

from textual.widgets import Input

from planner.service import Planner
from planner.tui.app import PlannerApp
from planner.tui.forms.mock_form import MockForm

SIZE = (80, 24)


async def test_save_with_a_bad_field_brings_the_red_field_into_view(demo: Planner) -> None:
    """Ctrl+S with a bad date while the form is scrolled to its end: the date gets focus and
    its red message is on screen (the toast no longer points at a field out of view)."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, MockForm)
        form.query_one("#date", Input).value = "not a day"
        form.query_one("#notes").focus()
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is form
        assert pilot.app.focused is form.query_one("#date", Input)
        error = form.query_one("#date-error")
        assert error.has_class("-shown")
        scroller = form.query_one(".form-fields")
        view = scroller.scrollable_content_region
        assert view.y <= error.region.y < view.bottom
