"""Toasts are short, last a few seconds and stay on their screen; long news opens a dialog."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual.pilot import Pilot
from textual.widgets import OptionList

from planner.domain.models import Task
from planner.service import Planner
from planner.tui.app import PlannerApp
from planner.tui.screens.report import ReportScreen

SIZE = (80, 24)
TODAY = dt.date(2026, 11, 25)
TOAST_WIDTH = 38
"""The text width of a toast at 80 columns (the toast takes at most half the screen)."""
MakeApp = Callable[..., PlannerApp]


def toast_lines(message: str) -> int:
    """How many lines a message takes in a toast at 80 columns (word-wrapped)."""
    import textwrap

    return sum(len(textwrap.wrap(line, TOAST_WIDTH)) or 1 for line in message.splitlines())


async def tick_first_timed_on_plan(pilot: Pilot[None], app: PlannerApp, task: Task) -> None:
    """On Plan, go to the task's day and tick it with Space."""
    await pilot.press("p")
    await pilot.pause()
    app.screen.query_one("#plan-calendar").cursor = task.day  # type: ignore[attr-defined]
    await pilot.press("enter")
    await pilot.pause()
    tasks = app.screen.query_one("#plan-day-tasks", OptionList)
    ids = [tasks.get_option_at_index(i).id for i in range(tasks.option_count)]
    tasks.highlighted = ids.index(task.id)
    await pilot.press("space")
    await pilot.pause()


def test_a_toast_lasts_a_few_seconds(planned: Planner, make_app: MakeApp) -> None:
    """The default toast stays four seconds (Textual's own default is five)."""
    assert make_app().NOTIFICATION_TIMEOUT <= 4


async def test_ticking_a_timed_session_says_so_in_two_lines(
    planned: Planner, make_app: MakeApp
) -> None:
    """The reminder to log a ticked timed session fits two lines of a toast."""
    task = next(t for t in planned.session.plan().tasks if t.kind in ("mock", "timed"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await tick_first_timed_on_plan(pilot, app, task)
        notes = list(app.notices)
        assert notes
        assert all(toast_lines(n.message) <= 2 for n in notes)


async def test_toasts_stay_behind_when_the_user_switches_screens(
    planned: Planner, make_app: MakeApp
) -> None:
    """A screen key clears the toasts of the screen left, so none covers the next one."""
    task = next(t for t in planned.session.plan().tasks if t.kind in ("mock", "timed"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await tick_first_timed_on_plan(pilot, app, task)
        assert list(app.notices)
        await pilot.press("m")
        await pilot.pause()
        assert not [n for n in app.notices if n.message.startswith("Ticked")]


async def test_logging_a_mock_says_so_in_two_lines(demo_app: PlannerApp) -> None:
    """Saving a mock that ticks a task and adds drills still gives a two-line toast."""
    from planner.service.inputs import MockInput

    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.pause()
        screen = demo_app.screen
        rubric = demo_app.planner.session.pack().rubric("execution")
        draft = MockInput(
            round="execution",
            date=TODAY,
            minutes=45,
            scores={d.id: 2 for d in rubric.dimensions},
        )
        screen._logged(demo_app.planner.mocks.add(draft))  # type: ignore[attr-defined]
        await pilot.pause()
        saved = [n for n in demo_app.notices if n.title == "Mock saved"]
        assert saved
        assert toast_lines(saved[0].message) <= 2


async def test_what_did_not_fit_opens_a_dialog_listing_each_change_once(
    make_app: MakeApp,
) -> None:
    """A short runway: the build says what did not fit in a dialog, each item once, no toast."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"2026-12-05")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        text = str(app.screen.body)
        assert "did not fit" in app.screen.report_title
        reason = "no day before the light review day has the 45 minutes free"
        assert text.count(reason) == 1
        assert text.count("Map Coursera's business model") == 1
        assert "to 1 sessions" not in text
        assert not [n for n in app.notices if toast_lines(n.message) > 2]
        await pilot.press("escape")
        await pilot.pause()
        assert app.current_mode == "dashboard"
