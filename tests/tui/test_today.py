"""Today: tasks with minutes, overdue apart, Space saves at once, r replans, a missed-day hint."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import OptionList, ProgressBar, Static

from planner.service import Planner
from planner.tui.app import PlannerApp

SIZE = (80, 24)
MakeApp = Callable[..., PlannerApp]


def option_ids(option_list: OptionList) -> list[str]:
    """The ids of a list's options (task ids)."""
    ids = [option_list.get_option_at_index(i).id for i in range(option_list.option_count)]
    return [i for i in ids if i]


async def test_lists_todays_tasks_and_overdue_ones_apart(demo_app: PlannerApp) -> None:
    """Today's tasks and the overdue ones are in two lists."""
    view = demo_app.planner.tasks.today()
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        screen = demo_app.screen
        assert option_ids(screen.query_one("#today-tasks", OptionList)) == [
            t.id for t in view.tasks
        ]
        assert option_ids(screen.query_one("#today-overdue", OptionList)) == [
            t.id for t in view.overdue
        ]


async def test_space_marks_the_task_done_and_it_survives_a_restart(
    planned: Planner, make_app: MakeApp, make_planner: Callable[..., Planner]
) -> None:
    """Space saves at once; a new app over the same folder shows the task done."""
    first = planned.tasks.today().tasks[0]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        await pilot.press("q")
    assert make_planner().session.plan().task(first.id).done
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        tasks = again.screen.query_one("#today-tasks", OptionList)
        assert str(tasks.get_option_at_index(0).prompt).startswith("✔")


async def test_space_on_a_done_task_undoes_it(
    planned: Planner, make_app: MakeApp, make_planner: Callable[..., Planner]
) -> None:
    """Space on a done task marks it not done again."""
    first = planned.tasks.today().tasks[0]
    planned.tasks.set_done([first.id], True)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
    assert not make_planner().session.plan().task(first.id).done


async def test_progress_bar_counts_minutes_done(planned: Planner, make_app: MakeApp) -> None:
    """The bar shows minutes done against the minutes planned for the day."""
    view = planned.tasks.today()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        bar = app.screen.query_one("#today-progress", ProgressBar)
        assert bar.progress == view.tasks[0].minutes
        assert bar.total == view.planned_minutes


async def test_missed_yesterday_shows_a_hint(demo_app: PlannerApp) -> None:
    """When yesterday's tasks are not done, a hint offers to replan."""
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        hint = demo_app.screen.query_one("#today-hint", Static)
        assert hint.display
        assert "press r" in str(hint.render())


async def test_r_replans_and_says_what_moved(demo_app: PlannerApp) -> None:
    """r, then y in the preview, moves overdue tasks forward, empties the list and notifies."""
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not option_ids(demo_app.screen.query_one("#today-overdue", OptionList))
        assert any(n.title == "Replanned" for n in demo_app.notices)
    assert not demo_app.planner.tasks.today().overdue


def highlighted_id(option_list: OptionList) -> str | None:
    """The id of the highlighted option, None when nothing is highlighted."""
    if option_list.highlighted is None:
        return None
    return option_list.get_option_at_index(option_list.highlighted).id


async def test_space_keeps_the_cursor_on_the_ticked_task(
    planned: Planner, make_app: MakeApp
) -> None:
    """After Space the highlight stays on the task just ticked, so a second Space undoes it."""
    first = planned.tasks.today().tasks[0]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        tasks = app.screen.query_one("#today-tasks", OptionList)
        await pilot.press("space")
        await pilot.pause()
        assert highlighted_id(tasks) == first.id
        assert app.planner.session.plan().task(first.id).done
        await pilot.press("space")
        await pilot.pause()
        assert highlighted_id(tasks) == first.id
        assert not app.planner.session.plan().task(first.id).done


async def test_space_down_space_ticks_the_next_task(planned: Planner, make_app: MakeApp) -> None:
    """Space, Down, Space ticks the first two tasks: no key is swallowed."""
    first, second = planned.tasks.today().tasks[:2]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("space", "down", "space")
        await pilot.pause()
        plan = app.planner.session.plan()
        assert plan.task(first.id).done
        assert plan.task(second.id).done


async def test_ticking_the_last_overdue_task_keeps_it_listed_and_highlighted(
    demo_app: PlannerApp,
) -> None:
    """An overdue task ticked here stays in its list (ticked) so Space can undo it."""
    overdue = demo_app.planner.tasks.today().overdue
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        late = demo_app.screen.query_one("#today-overdue", OptionList)
        late.focus()
        await pilot.press("end")
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        assert option_ids(late) == [t.id for t in overdue]
        assert highlighted_id(late) == overdue[-1].id
        assert demo_app.planner.session.plan().task(overdue[-1].id).done
        await pilot.press("space")
        await pilot.pause()
        assert not demo_app.planner.session.plan().task(overdue[-1].id).done
        assert highlighted_id(late) == overdue[-1].id


async def test_bar_reads_full_when_every_planned_task_is_done(
    planned: Planner, make_app: MakeApp
) -> None:
    """The bar divides by the planned minutes, so all tasks done reads 100%."""
    view = planned.tasks.today()
    planned.tasks.set_done([t.id for t in view.tasks[:-1]], True)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("end", "space")
        await pilot.pause()
        bar = app.screen.query_one("#today-progress", ProgressBar)
        assert bar.total == view.planned_minutes
        assert bar.percentage == 1.0


async def test_r_shows_a_preview_and_saves_nothing_until_yes(demo_app: PlannerApp) -> None:
    """r lists each move with its days; Escape leaves the plan as it was."""
    from planner.tui.screens.replan_preview import ReplanPreview

    before = demo_app.planner.session.plan()
    preview = demo_app.planner.plans.replan_preview()
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(demo_app.screen, ReplanPreview)
        text = str(demo_app.screen.query_one("#replan-body Static", Static).render())
        first_id, _, _ = preview.moved[0]
        assert before.task(first_id).title in text
        assert "→" in text
        await pilot.press("escape")
        await pilot.pause()
        assert demo_app.planner.session.plan() == before
        assert option_ids(demo_app.screen.query_one("#today-overdue", OptionList))
