"""The dashboard: where things stand, gaps that open their screen, streak and heatmap."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from textual.widgets import OptionList, Static

from planner.domain.models import Day, Plan, PlanSettings, Task
from planner.tui.app import PlannerApp
from planner.tui.widgets.heatmap import day_shares, heatmap, streak
from planner.tui.widgets.readiness import ReadinessBars

SIZE = (80, 24)
TODAY = dt.date(2026, 11, 25)


def text_of(widget: Static | ReadinessBars) -> str:
    """The plain text a widget shows."""
    return str(widget.render())


async def test_shows_days_left_readiness_and_verdict(demo_app: PlannerApp) -> None:
    """The headline says the days to the onsite, the overall score and the verdict."""
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        headline = text_of(demo_app.screen.query_one("#dash-headline", Static))
        assert "16 days to the onsite (Fri 11 Dec)" in headline
        assert "readiness 33/100" in headline
        assert "NOT YET" in headline


async def test_shows_a_bar_per_round_with_score_and_status(demo_app: PlannerApp) -> None:
    """Each round has a line with its name, score and status."""
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lines = text_of(demo_app.screen.query_one(ReadinessBars)).splitlines()
        readiness = demo_app.planner.readiness.assess()
        assert len(lines) == len(readiness.passed) + len(readiness.rounds)
        passed = readiness.passed[0]
        assert lines[0].startswith(passed.name)
        assert lines[0].endswith("passed")
        first = readiness.rounds[0]
        row = lines[len(readiness.passed)]
        assert row.startswith(first.round.name)
        assert row.endswith(f"{first.score} {first.status}")


async def test_shows_today_and_the_streak(demo_app: PlannerApp) -> None:
    """The summary line counts today's tasks, the overdue ones and the streak."""
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        summary = text_of(demo_app.screen.query_one("#dash-today", Static))
        assert summary.startswith("Today: 2 tasks")
        assert "9 overdue" in summary
        assert "streak 0 days" in summary


async def test_highlighting_a_gap_shows_its_next_action(demo_app: PlannerApp) -> None:
    """The line under the gap list gives the highlighted gap's next action."""
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        second = demo_app.planner.readiness.assess().gaps_by_impact()[1]
        await pilot.press("down")
        await pilot.pause()
        action = text_of(demo_app.screen.query_one("#dash-action", Static))
        assert second.action in action


async def test_enter_on_a_gap_opens_the_screen_that_fixes_it(
    demo_app: PlannerApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enter on a story gap opens Stories pointed at the competency."""
    targets: list[tuple[str, str, str]] = []
    from planner.tui.screens.stories import StoriesScreen

    screen_class = StoriesScreen

    def focus_target(self: object, kind: str, target: str, round_id: str) -> None:
        targets.append((kind, target, round_id))

    monkeypatch.setattr(screen_class, "focus_target", focus_target, raising=False)
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        actions = demo_app.planner.readiness.assess().gaps_by_impact()
        position = next(i for i, g in enumerate(actions) if g.kind == "stories")
        assert position < 5, "a story gap is among the top five on the demo data"
        top = actions[position]
        gaps = demo_app.screen.query_one("#dash-gaps", OptionList)
        assert gaps.has_focus
        gaps.highlighted = position
        await pilot.press("enter")
        await pilot.pause()
        assert demo_app.current_mode == "stories"
        assert targets == [("stories", top.target, top.round)]


async def test_task_gaps_open_today(demo_app: PlannerApp) -> None:
    """Gaps about overdue tasks are fixed on the Today screen."""
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await demo_app.open_target("tasks", "", "execution")
        await pilot.pause()
        assert demo_app.current_mode == "today"


def plan_of(days: list[tuple[dt.date, bool]], tasks: list[tuple[dt.date, int, bool]]) -> Plan:
    """A small hand-made plan: days (date, rest) and tasks (day, minutes, done)."""
    settings = PlanSettings("coursera-pm", "mid", days[0][0], days[-1][0], len(days), 1.5)
    return Plan(
        settings=settings,
        days=tuple(Day(d, rest, 0 if rest else 90) for d, rest in days),
        tasks=tuple(
            Task(f"t{n}", "item", "Task", "study", ("execution",), m, d, done)
            for n, (d, m, done) in enumerate(tasks)
        ),
    )


def day(n: int) -> dt.date:
    """The fixed today shifted by n days."""
    return TODAY + dt.timedelta(days=n)


def test_streak_counts_days_with_something_done_back_from_today() -> None:
    """Three days in a row with a task done make a streak of three."""
    plan = plan_of(
        [(day(n), False) for n in range(-4, 1)],
        [(day(-4), 30, False), (day(-3), 30, True), (day(-2), 30, True), (day(-1), 30, True)],
    )
    assert streak(plan, TODAY) == 3


def test_streak_includes_today_once_something_is_done() -> None:
    """A task done today adds today to the streak."""
    plan = plan_of([(day(-1), False), (day(0), False)], [(day(-1), 30, True), (day(0), 30, True)])
    assert streak(plan, TODAY) == 2


def test_rest_days_do_not_break_the_streak() -> None:
    """A rest day between two done days keeps the streak going."""
    plan = plan_of(
        [(day(-3), False), (day(-2), True), (day(-1), False)],
        [(day(-3), 30, True), (day(-1), 30, True)],
    )
    assert streak(plan, TODAY) == 2


def test_a_day_with_nothing_done_ends_the_streak() -> None:
    """Yesterday with nothing done means no streak."""
    plan = plan_of(
        [(day(-2), False), (day(-1), False)], [(day(-2), 30, True), (day(-1), 30, False)]
    )
    assert streak(plan, TODAY) == 0


def test_day_share_is_minutes_done_over_minutes_planned() -> None:
    """A day with 30 of 90 minutes done has a third done; a rest day has no share."""
    plan = plan_of([(day(0), False), (day(1), True)], [(day(0), 30, True), (day(0), 60, False)])
    assert day_shares(plan) == {day(0): pytest.approx(1 / 3), day(1): None}


def test_heatmap_has_a_line_per_week_and_a_legend() -> None:
    """Two weeks of plan make a header, two week lines and a legend."""
    plan = plan_of([(day(n), False) for n in range(-2, 12)], [(day(-1), 30, True)])
    lines = str(heatmap(plan, TODAY)).splitlines()
    assert len(lines) == 1 + 2 + 1
    assert "██" in lines[1] + lines[2]


async def test_escape_from_a_timed_mock_opened_from_a_gap_returns_to_the_dashboard(
    demo_app: PlannerApp,
) -> None:
    """A mock gap opens timed mode; Escape there lands back on the dashboard, not on Mocks."""
    from planner.tui.forms.timed_mock import TimedMockScreen

    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await demo_app.open_target("mocks", "", "execution")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(demo_app.screen, TimedMockScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert demo_app.current_mode == "dashboard"


def test_streak_counts_the_days_tasks_were_ticked_not_planned() -> None:
    """Two tasks planned earlier but both ticked yesterday make yesterday's streak, not three."""
    plan = plan_of([(day(n), False) for n in range(-3, 1)], [])
    tasks = (
        Task("a", "item", "Task", "study", ("execution",), 30, day(-3), True, done_on=day(-1)),
        Task("b", "item", "Task", "study", ("execution",), 30, day(-2), True, done_on=day(-1)),
        Task("c", "item", "Task", "study", ("execution",), 30, day(-1), True, done_on=day(-1)),
    )
    assert streak(replace(plan, tasks=tasks), TODAY) == 1


async def test_replan_does_not_raise_the_streak(demo_app: PlannerApp) -> None:
    """Moving missed work forward changes no day on which something was ticked."""
    plan = demo_app.planner.session.plan()
    before = streak(plan, TODAY)
    demo_app.planner.plans.replan()
    assert streak(demo_app.planner.session.plan(), TODAY) == before
