"""What a task's link opens comes back to the task pane when it closes (newuser4, finding 5):
rating a question reached from a task's link, or closing it unrated, returns to the pane;
the Questions screen's own "next due question" run stays for the Questions screen."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import OptionList
from tui_support import wait_until

from planner.domain.models import Task
from planner.service import Planner
from planner.service.task_detail import describe_task
from planner.tui.app import PlannerApp
from planner.tui.forms.mock_form import MockForm
from planner.tui.forms.question_card import QuestionCard
from planner.tui.screens.questions import QuestionsScreen
from planner.tui.screens.task_detail import TaskDetailScreen, open_task_detail

SIZE = (80, 24)


def drill_with_a_question(demo: Planner) -> tuple[Task, int, str]:
    """An overdue drill of the demo's Today, the index of its question link and the id."""
    drill = next(t for t in demo.tasks.today().overdue if t.kind == "drill")
    links = describe_task(demo, drill).links
    index = next(n for n, link in enumerate(links) if link.kind == "questions")
    return drill, index, links[index].target


async def open_question_from_today(pilot: Pilot[None], drill: Task, index: int) -> None:
    """Today, Enter on the drill, Enter on its question link: the card opens."""
    app = pilot.app
    await pilot.press("t")
    await pilot.pause()
    late = app.screen.query_one("#today-overdue", OptionList)
    late.focus()
    ids = [late.get_option_at_index(i).id for i in range(late.option_count)]
    late.highlighted = ids.index(drill.id)
    await pilot.press("enter")
    assert await wait_until(pilot, lambda: isinstance(app.screen, TaskDetailScreen))
    app.screen.query_one("#task-links", OptionList).highlighted = index
    await pilot.press("enter")
    assert await wait_until(pilot, lambda: isinstance(app.screen, QuestionCard))


async def test_rating_a_question_from_a_task_returns_to_its_pane(demo: Planner) -> None:
    """`3` rates the question, is recorded, and the pane of the task is back on Today
    (no other question opens)."""
    drill, index, question = drill_with_a_question(demo)
    app = PlannerApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        await open_question_from_today(pilot, drill, index)
        await pilot.press("3")
        assert await wait_until(pilot, lambda: isinstance(app.screen, TaskDetailScreen))
        await pilot.pause()
        pane = app.screen
        assert isinstance(pane, TaskDetailScreen)
        assert pane.task_id == drill.id
        assert app.current_mode == "today"
    status = next(s for s in demo.practice.questions() if s.question.id == question)
    assert status.last_rating == "good"


async def test_closing_the_question_unrated_returns_to_the_pane(demo: Planner) -> None:
    """Escape on a card opened from a task closes it and shows the task's pane again."""
    drill, index, _ = drill_with_a_question(demo)
    app = PlannerApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        await open_question_from_today(pilot, drill, index)
        await pilot.press("escape")
        assert await wait_until(pilot, lambda: isinstance(app.screen, TaskDetailScreen))
        assert app.current_mode == "today"


async def test_on_the_questions_screen_a_rating_still_opens_the_next_due(demo: Planner) -> None:
    """Rated from the Questions screen itself, the next due question opens, as before."""
    app = PlannerApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, QuestionsScreen)
        await pilot.press("o")
        assert await wait_until(pilot, lambda: isinstance(app.screen, QuestionCard))
        first: object = app.screen
        await pilot.press("3")
        assert await wait_until(
            pilot, lambda: isinstance(app.screen, QuestionCard) and app.screen is not first
        )


async def test_a_mock_logged_from_a_task_pane_returns_to_it(planned: Planner) -> None:
    """`l` in a timed session's pane, then Escape on the form: the pane is back."""
    task = next(t for t in planned.session.plan().tasks if t.kind in ("mock", "timed"))
    app = PlannerApp(planned)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        open_task_detail(app.screen, task.id)  # type: ignore[arg-type]
        assert await wait_until(pilot, lambda: isinstance(app.screen, TaskDetailScreen))
        await pilot.press("l")
        assert await wait_until(pilot, lambda: isinstance(app.screen, MockForm))
        await pilot.press("escape")
        assert await wait_until(pilot, lambda: isinstance(app.screen, TaskDetailScreen))
        assert app.current_mode == "plan"
