"""The focused field of a form is plain to see (newuser4, finding 10): a bar at its left
edge, a stronger background, and its row tinted."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input, Select, TextArea

from planner.service import Planner
from planner.tui.app import PlannerApp
from planner.tui.forms.mock_form import MockForm

SIZE = (80, 24)


async def test_the_focused_input_has_a_bar_and_its_own_background(demo: Planner) -> None:
    """Of two inputs, the focused one has the left bar and a background the other lacks."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await pilot.press("m", "a")
        form = pilot.app.screen
        assert isinstance(form, MockForm)
        partner = form.query_one("#partner", Input)
        minutes = form.query_one("#minutes", Input)
        partner.focus()
        await pilot.pause()
        assert partner.styles.outline_left[0] == "tall"
        assert minutes.styles.outline_left[0] == ""
        assert partner.styles.background != minutes.styles.background


async def test_the_focused_fields_row_is_tinted(demo: Planner) -> None:
    """The row of the focused field (its label included) has a background the others lack."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await pilot.press("m", "a")
        form = pilot.app.screen
        assert isinstance(form, MockForm)
        question = form.query_one("#question", Select)
        question.focus()
        await pilot.pause()
        row = question.parent
        other = form.query_one("#partner", Input).parent
        assert row is not None
        assert other is not None
        assert row.styles.background != other.styles.background


async def test_a_focused_text_area_has_the_bar_too(demo: Planner) -> None:
    """The notes box shows the same bar when it has the focus."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await pilot.press("m", "a")
        form = pilot.app.screen
        assert isinstance(form, MockForm)
        notes = form.query_one("#notes", TextArea)
        notes.focus()
        await pilot.pause()
        assert notes.styles.outline_left[0] == "tall"


async def test_the_onboarding_row_with_the_focus_is_tinted(
    make_app: Callable[..., PlannerApp],
) -> None:
    """On the first-run form the focused field's row and the field stand out too."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        onsite = app.screen.query_one("#onsite", Input)
        hours = app.screen.query_one("#hours", Input)
        onsite.focus()
        await pilot.pause()
        focused_row = onsite.ancestors_with_self[2]
        other_row = hours.ancestors_with_self[2]
        assert focused_row.has_class("field-row")
        assert other_row.has_class("field-row")
        assert focused_row.styles.background != other_row.styles.background
        assert onsite.styles.background != hours.styles.background
