"""The plan screen: a calendar by week; arrows, Enter or a click show a day's tasks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual.widgets import Label, OptionList

from planner.service import Planner
from planner.tui.app import PlannerApp
from planner.tui.widgets.calendar import LABEL_WIDTH, PlanCalendar

SIZE = (80, 24)
TODAY = dt.date(2026, 11, 25)
MakeApp = Callable[..., PlannerApp]


def day_task_ids(app: PlannerApp) -> list[str]:
    """The task ids listed under the calendar."""
    tasks = app.screen.query_one("#plan-day-tasks", OptionList)
    ids = [tasks.get_option_at_index(i).id for i in range(tasks.option_count)]
    return [i for i in ids if i]


async def test_opens_on_today_with_its_tasks(demo_app: PlannerApp) -> None:
    """The cursor starts on today and today's tasks are listed."""
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert demo_app.screen.query_one(PlanCalendar).cursor == TODAY
        title = str(demo_app.screen.query_one("#plan-day-title", Label).render())
        assert title.startswith("Wednesday 25 November")
        assert day_task_ids(demo_app) == [
            t.id for t in demo_app.planner.session.plan().tasks_on(TODAY)
        ]


async def test_arrow_keys_move_between_days_and_weeks(demo_app: PlannerApp) -> None:
    """Right moves a day, Down a week, and the list follows the cursor."""
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("right", "down")
        await pilot.pause()
        target = TODAY + dt.timedelta(days=8)
        assert demo_app.screen.query_one(PlanCalendar).cursor == target
        assert day_task_ids(demo_app) == [
            t.id for t in demo_app.planner.session.plan().tasks_on(target)
        ]


async def test_cursor_stays_inside_the_plan(demo_app: PlannerApp) -> None:
    """Moving past the first day leaves the cursor on the first day."""
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("home", "left", "up")
        await pilot.pause()
        assert (
            demo_app.screen.query_one(PlanCalendar).cursor == demo_app.planner.session.plan().start
        )


async def test_click_selects_a_day(demo_app: PlannerApp) -> None:
    """Clicking a cell selects that day and lists its tasks."""
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        calendar = demo_app.screen.query_one(PlanCalendar)
        start = demo_app.planner.session.plan().start
        monday = start - dt.timedelta(days=start.weekday())
        cell = calendar._cell_width()
        target = monday + dt.timedelta(days=7 + 2)
        await pilot.click(PlanCalendar, offset=(LABEL_WIDTH + 2 * cell + 1, 1 + 2 * 1))
        await pilot.pause()
        assert calendar.cursor == target
        assert day_task_ids(demo_app) == [
            t.id for t in demo_app.planner.session.plan().tasks_on(target)
        ]


async def test_enter_then_space_ticks_a_task_of_the_day(
    planned: Planner, make_app: MakeApp, make_planner: Callable[..., Planner]
) -> None:
    """Enter goes to the day's tasks; Space marks the first one done."""
    first = planned.session.plan().tasks_on(TODAY)[0]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
    assert make_planner().session.plan().task(first.id).done


async def test_rest_and_mock_days_are_marked(demo_app: PlannerApp) -> None:
    """Rest days read `rest`, mock days carry a marker, the onsite is shown."""
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        text = str(demo_app.screen.query_one(PlanCalendar).render())
        assert "rest" in text
        assert "◆" in text
        assert "ONSITE" in text


async def test_space_twice_ticks_and_unticks_the_same_task(
    planned: Planner, make_app: MakeApp
) -> None:
    """Space ticks the highlighted task and a second Space un-ticks it; the highlight stays."""
    first = planned.session.plan().tasks_on(TODAY)[0]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "enter", "space")
        await pilot.pause()
        assert app.planner.session.plan().task(first.id).done
        await pilot.press("space")
        await pilot.pause()
        assert not app.planner.session.plan().task(first.id).done
        tasks = app.screen.query_one("#plan-day-tasks", OptionList)
        assert tasks.highlighted == 0
        assert app.focused is tasks


async def test_space_down_space_ticks_two_tasks(planned: Planner, make_app: MakeApp) -> None:
    """Space, Down, Space ticks the day's first two tasks."""
    first, second = planned.session.plan().tasks_on(TODAY)[:2]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "enter", "space", "down", "space")
        await pilot.pause()
        plan = app.planner.session.plan()
        assert plan.task(first.id).done
        assert plan.task(second.id).done


async def test_the_marker_says_timed_session_not_mock_day(demo_app: PlannerApp) -> None:
    """Solo drills are timed sessions too: the legend names the marker so, not `mock day`."""
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        title = str(demo_app.screen.query_one("#plan-title").render())
        assert "◆ timed session" in title
        assert "mock day" not in title


async def test_screen_away_and_holiday_days_say_so(make_planner: Callable[..., Planner]) -> None:
    """newuser4 finding 7: the hiring-manager screen's day is marked (like ONSITE) and away
    days read `away`, not `free` (as the CLI says)."""
    from planner.service.inputs import PlanInput

    planner = make_planner()
    screen_day = TODAY + dt.timedelta(days=7)
    away = (TODAY + dt.timedelta(days=9), TODAY + dt.timedelta(days=10))
    settings = planner.plans.settings(
        PlanInput(
            seniority="mid",
            onsite=TODAY + dt.timedelta(days=20),
            screens={"hiring-manager": screen_day},
            away=[away],
        )
    )
    planner.plans.create(settings)
    app = PlannerApp(planner)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        calendar = app.screen.query_one(PlanCalendar)
        text = str(calendar.render())
        assert "SCREEN" in text
        assert text.count("away") == 2
        assert "free" not in text
