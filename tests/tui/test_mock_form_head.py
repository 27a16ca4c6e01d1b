"""The mock form at 80x24 (newuser4, findings 4 and 10): its round and date in view, the
question a planned session set, the date it understood."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList, Select
from tui_support import wait_until

from planner.service import Planner
from planner.tui.app import PlannerApp
from planner.tui.forms.mock_form import MockForm
from planner.tui.screens.plan import PlanScreen
from planner.tui.screens.task_detail import TaskDetailScreen, open_task_detail

SIZE = (80, 24)


def in_view(form: MockForm, widget: Widget) -> bool:
    """Whether the widget shows whole inside the form's scrolling fields."""
    area = form.query_one(".form-fields", VerticalScroll).region
    return area.contains_region(widget.region)


async def test_the_form_opens_with_round_and_date_in_view(demo: Planner) -> None:
    """`m a`: the first score has the focus and the round and date are on screen (the form
    opened scrolled past them, so a mock was easily logged under the wrong round)."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await pilot.press("m", "a")
        form = pilot.app.screen
        assert isinstance(form, MockForm)
        await pilot.pause()
        assert form.focused is form.query_one("#score-0", Input)
        assert in_view(form, form.query_one("#round", Select))
        assert in_view(form, form.query_one("#date", Input))
        assert in_view(form, form.query_one("#score-0", Input))


async def test_shift_tab_brings_each_field_into_view(demo: Planner) -> None:
    """From the notes at the foot, Shift+Tab walks back up and each field it reaches shows."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await pilot.press("m", "a")
        form = pilot.app.screen
        assert isinstance(form, MockForm)
        form.query_one("#notes").focus()
        await pilot.pause()
        for _ in range(30):
            await pilot.press("shift+tab")
            await pilot.pause()
            focused = form.focused
            assert focused is not None
            if focused.id in ("save", "cancel"):
                continue
            assert in_view(form, focused), focused
            if focused.id == "round":
                break
        assert form.focused is form.query_one("#round")


async def test_l_in_a_timed_task_pane_sets_its_question(planned: Planner) -> None:
    """`l` in the pane of a timed session opens the form on the question the plan set."""
    plan = planned.session.plan()
    task = next(t for t in plan.tasks if t.kind in ("timed", "mock") and t.question)
    async with PlannerApp(planned).run_test(size=SIZE) as pilot:
        await pilot.press("p")
        screen = pilot.app.screen
        assert isinstance(screen, PlanScreen)
        await pilot.pause()
        open_task_detail(screen, task.id)
        assert await wait_until(pilot, lambda: isinstance(pilot.app.screen, TaskDetailScreen))
        await pilot.press("l")
        assert await wait_until(pilot, lambda: isinstance(pilot.app.screen, MockForm))
        form = pilot.app.screen
        assert isinstance(form, MockForm)
        await pilot.pause()
        assert form.round_id == task.rounds[0]
        assert form.query_one("#question", Select).value == task.question


async def test_the_date_field_says_which_date_it_understood(demo: Planner) -> None:
    """Typing `yesterday` in the date shows the day it means, as other date fields do."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await pilot.press("m", "a")
        form = pilot.app.screen
        assert isinstance(form, MockForm)
        date = form.query_one("#date", Input)
        date.focus()
        date.value = ""
        await pilot.press(*"yesterday")
        await pilot.pause()
        hint = str(form.query_one("#date-hint", Label).render())
        assert "Tue 24 Nov 2026" in hint


async def test_a_score_error_shows_whole_at_80_columns(demo: Planner) -> None:
    """newuser4 finding 10: the error under a score wraps inside the form instead of being
    cut ("... must be a whole number from 1 to")."""
    from planner.tui.forms.base import FieldError

    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await pilot.press("m", "a")
        form = pilot.app.screen
        assert isinstance(form, MockForm)
        assert await wait_until(pilot, lambda: form.focused is form.query_one("#score-0"))
        await pilot.press("9", "ctrl+s")
        await pilot.pause()
        error = form.query_one("#score-0-error", FieldError)
        assert "not 9" in str(error.render())
        area = form.query_one(".form-fields", VerticalScroll).content_region
        assert error.region.right <= area.right


async def test_the_question_dropdown_fits_above_the_footer(demo: Planner) -> None:
    """The question list opens inside the form at 80x24 (it ran over the footer), one line
    per question (long prompts wrapped onto a second line)."""
    from planner.tui.widgets.footer import Footer

    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await pilot.press("m", "a")
        form = pilot.app.screen
        assert isinstance(form, MockForm)
        await pilot.pause()
        question = form.query_one("#question", Select)
        question.focus()
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: question.expanded)
        overlay = question.query_one("SelectOverlay", OptionList)
        assert await wait_until(pilot, lambda: overlay.region.height > 0)
        footer = form.query_one(Footer).region
        box = form.query_one(".form").region
        assert overlay.region.bottom <= box.bottom - 1
        assert overlay.region.bottom <= footer.y
        assert overlay.option_count > 8
        assert overlay.virtual_size.height == overlay.option_count
