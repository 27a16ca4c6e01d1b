"""The task detail pane: Enter on a task of Today or Plan shows what it involves, and why."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import OptionList, Static

from planner.domain.models import Task
from planner.service import Planner
from planner.service.task_detail import describe_task
from planner.tui.app import PlannerApp
from planner.tui.screens.task_detail import TaskDetailScreen

SIZE = (80, 24)
MakeApp = Callable[..., PlannerApp]


def pane_text(app: PlannerApp) -> str:
    """The text of the open detail pane."""
    return str(app.screen.query_one("#task-text", Static).render())


def first_timed(planner: Planner) -> Task:
    """The first timed session (peer mock or solo drill) of the plan."""
    return next(t for t in planner.session.plan().tasks if t.kind in ("mock", "timed"))


async def test_enter_on_a_task_of_today_opens_what_it_involves(
    planned: Planner, make_app: MakeApp
) -> None:
    """Enter shows the checklist item's description, its rounds and its minutes."""
    first = planned.tasks.today().tasks[0]
    description = planned.session.pack().item(first.item).description
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TaskDetailScreen)
        text = pane_text(app)
        assert description[:40] in text
        assert "What to do" in text
        assert "Why" in text
        assert f"{first.minutes} minutes" in text


async def test_space_still_ticks_on_today_and_enter_does_not(
    planned: Planner, make_app: MakeApp
) -> None:
    """Enter opens the pane without ticking; Space in the pane ticks the task."""
    first = planned.tasks.today().tasks[0]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "enter")
        await pilot.pause()
        assert not app.planner.session.plan().task(first.id).done
        await pilot.press("space")
        await pilot.pause()
        assert app.planner.session.plan().task(first.id).done
        await pilot.press("escape")
        await pilot.pause()
        assert app.current_mode == "today"
        assert not isinstance(app.screen, TaskDetailScreen)


async def test_enter_on_a_task_of_the_plan_opens_the_pane(
    planned: Planner, make_app: MakeApp
) -> None:
    """On Plan, Enter on the calendar picks the day and Enter on a task opens its pane."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, TaskDetailScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TaskDetailScreen)


def test_a_timed_session_says_it_is_a_baseline_and_counts_once_logged(planned: Planner) -> None:
    """A timed session's why names its baseline, and a link logs its scores."""
    task = first_timed(planned)
    detail = describe_task(planned, task)
    assert detail.timed
    assert any("baseline" in line for line in detail.why)
    assert detail.links[0].kind == "log"
    assert detail.links[0].round == task.rounds[0]


def test_a_drill_gives_the_reason_it_was_added(demo: Planner) -> None:
    """A drill's why is the mock score that added it; its first link is its own question."""
    drill = next(t for t in demo.session.plan().tasks if t.kind == "drill")
    detail = describe_task(demo, drill)
    assert drill.reason in " ".join(detail.why)
    question = drill.title.rsplit(" ", 1)[-1]
    assert detail.links[0].target == question


def test_a_research_task_links_its_research_items(planned: Planner) -> None:
    """A research task links research items (the one that shares its words first)."""
    task = next(t for t in planned.session.plan().tasks if t.item == "research-learner-data")
    detail = describe_task(planned, task)
    assert detail.links[0].kind == "research"
    assert detail.links[0].target == "public-learner-data"


async def test_l_in_a_timed_sessions_pane_opens_the_mock_form_for_its_round(
    planned: Planner, make_app: MakeApp
) -> None:
    """l logs the session: the mock form opens on its round; Escape comes back to the plan."""
    from planner.tui.forms.mock_form import MockForm

    task = first_timed(planned)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        calendar = screen.query_one("#plan-calendar")
        calendar.cursor = task.day  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        tasks = screen.query_one("#plan-day-tasks", OptionList)
        ids = [tasks.get_option_at_index(i).id for i in range(tasks.option_count)]
        tasks.highlighted = ids.index(task.id)
        await pilot.press("enter")
        await pilot.pause()
        assert "press l" in str(app.screen.query_one("#task-timed", Static).render())
        await pilot.press("l")
        await pilot.pause()
        await pilot.pause()
        assert app.current_mode == "mocks"
        assert isinstance(app.screen, MockForm)
        assert app.screen.round_id == task.rounds[0]
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert app.current_mode == "plan"


async def test_enter_on_a_link_opens_the_question(demo_app: PlannerApp) -> None:
    """Following a question link opens the Questions screen on that question."""
    from planner.tui.forms.question_card import QuestionCard

    drill = next(t for t in demo_app.planner.tasks.today().overdue if t.kind == "drill")
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        late = demo_app.screen.query_one("#today-overdue", OptionList)
        late.focus()
        ids = [late.get_option_at_index(i).id for i in range(late.option_count)]
        late.highlighted = ids.index(drill.id)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert demo_app.current_mode == "questions"
        assert isinstance(demo_app.screen, QuestionCard)


async def test_enter_on_a_story_link_puts_the_cursor_on_that_story(demo_app: PlannerApp) -> None:
    """A story task links the bank's stories; Enter opens Stories on the one linked."""
    from textual.widgets import DataTable

    task = next(t for t in demo_app.planner.tasks.today().tasks if t.kind == "story")
    link = describe_task(demo_app.planner, task).links[0]
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        tasks = demo_app.screen.query_one("#today-tasks", OptionList)
        ids = [tasks.get_option_at_index(i).id for i in range(tasks.option_count)]
        tasks.highlighted = ids.index(task.id)
        await pilot.press("enter", "enter")
        await pilot.pause()
        await pilot.pause()
        assert demo_app.current_mode == "stories"
        table = demo_app.screen.query_one("#stories-table", DataTable)
        row = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        assert row == link.target


async def test_enter_on_a_research_link_selects_that_item(demo_app: PlannerApp) -> None:
    """A research link opens Research with the cursor on the item."""
    from textual.widgets import Tree

    task = next(t for t in demo_app.planner.session.plan().tasks if t.kind == "research")
    link = describe_task(demo_app.planner, task).links[0]
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        demo_app.screen.query_one("#plan-calendar").cursor = task.day  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        tasks = demo_app.screen.query_one("#plan-day-tasks", OptionList)
        ids = [tasks.get_option_at_index(i).id for i in range(tasks.option_count)]
        tasks.highlighted = ids.index(task.id)
        await pilot.press("enter", "enter")
        await pilot.pause()
        await pilot.pause()
        assert demo_app.current_mode == "research"
        node = demo_app.screen.query_one("#research-tree", Tree).cursor_node
        assert node is not None
        assert node.data == link.target
