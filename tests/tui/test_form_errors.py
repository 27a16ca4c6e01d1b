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


async def test_keys_typed_right_after_a_reach_the_mock_form(demo: Planner) -> None:
    """`a` and a score typed at once (a burst, as a fast typist sends them): the score lands
    in the form's first score field, not on the screen behind it; typing goes on from there."""
    from textual import events

    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.pause()
        for key, char in (("a", "a"), ("4", "4"), ("2", "2")):
            pilot.app.post_message(events.Key(key, char))
        form = pilot.app.screen
        for _ in range(400):  # wait on the condition: the form is up and has the keys
            form = pilot.app.screen
            if (
                isinstance(form, MockForm)
                and form.query(Input)
                and form.query_one("#score-0", Input).value
            ):
                break
            await pilot.pause(0.01)
        assert isinstance(form, MockForm)
        await pilot.press("tab", "3")
        scores = [form.query_one(f"#score-{n}", Input).value for n in range(2)]
        assert scores == ["42", "3"]
