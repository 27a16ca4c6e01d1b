"""The Questions screen: due questions by round, the practice card, rating with 1-4."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import DataTable, Label, TextArea

from planner.service import Planner
from planner.tui.app import PlannerApp
from planner.tui.forms.question_card import QuestionCard
from planner.tui.screens.questions import QuestionsScreen

SIZE = (80, 24)


async def open_questions(pilot: Pilot[None]) -> QuestionsScreen:
    """Switch to the Questions screen and return it."""
    await pilot.press("k")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, QuestionsScreen)
    return screen


def row_ids(screen: QuestionsScreen) -> list[str]:
    """The question ids listed, top to bottom."""
    table = screen.query_one("#questions-table", DataTable)
    return [str(row.key.value) for row in table.ordered_rows]


async def test_lists_the_questions_due_today_in_round_order(demo: Planner) -> None:
    """Only due questions of rounds ahead are listed, grouped in the loop's round order."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        screen = await open_questions(pilot)
        due = {s.question.id for s in demo.practice.questions(due_only=True)}
        assert set(row_ids(screen)) == due
        order = demo.session.pack().round_ids
        rounds = [demo.session.pack().question(q).round for q in row_ids(screen)]
        assert rounds == sorted(rounds, key=order.index)


async def test_toggle_shows_the_whole_bank(demo: Planner) -> None:
    """`a` switches between the due questions and all of them (all that are offered: the
    plan's seniority, the rounds still ahead)."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        screen = await open_questions(pilot)
        await pilot.press("a")
        assert len(row_ids(screen)) == len(demo.practice.questions())
        assert len(demo.practice.questions()) < len(demo.session.pack().questions)
        await pilot.press("a")
        assert len(row_ids(screen)) == len(demo.practice.questions(due_only=True))


async def test_card_shows_prompt_framework_and_hints(demo: Planner) -> None:
    """Enter opens the highlighted question with its approach and hints."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        screen = await open_questions(pilot)
        first = demo.session.pack().question(row_ids(screen)[0])
        await pilot.press("enter")
        card = pilot.app.screen
        assert isinstance(card, QuestionCard)
        text = str(card.query_one("#card-text").render())
        assert first.prompt[:30] in text
        assert "Approach:" in text
        assert first.hints[0][:30] in text


async def test_rating_records_practice_shows_next_due_and_leaves_the_list(demo: Planner) -> None:
    """3 (good) stores the review; the next due day is shown and the row is gone."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        screen = await open_questions(pilot)
        question_id = row_ids(screen)[0]
        await pilot.press("enter", "3")
        await pilot.pause()
        review = demo.practice.questions()
        status = next(s for s in review if s.question.id == question_id)
        assert status.last_rating == "good"
        assert status.due > demo.today
        shown = str(screen.query_one("#practice-result", Label).render())
        assert f"{question_id}: rated good; next due" in shown
        assert f"{status.due.day} {status.due:%b}" in shown
        assert question_id not in row_ids(screen)


async def test_scratch_answer_is_kept_in_memory_but_never_saved(demo: Planner) -> None:
    """Text in the scratch pad comes back when the card reopens; the store is untouched."""
    before = demo.session.store.path.read_bytes()
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await open_questions(pilot)
        await pilot.press("enter", "w", *"my answer", "escape")
        await pilot.pause()
        await pilot.press("enter")
        card = pilot.app.screen
        assert isinstance(card, QuestionCard)
        assert card.query_one("#scratch", TextArea).text == "my answer"
    assert demo.session.store.path.read_bytes() == before


async def test_focus_target_opens_the_question(demo: Planner) -> None:
    """A dashboard question gap opens that question's card."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        screen = await open_questions(pilot)
        screen.focus_target("questions", "ps-improve-engagement", "product-sense")
        await pilot.pause()
        card = pilot.app.screen
        assert isinstance(card, QuestionCard)
        assert card.question.id == "ps-improve-engagement"


async def test_passed_screens_questions_are_left_out_of_the_due_list(demo: Planner) -> None:
    """The demo's screens are behind it: none of their questions is due, nor listed under `a`
    (the service leaves a passed screen's questions out of the bank in use)."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        screen = await open_questions(pilot)
        passed = {
            q.id
            for q in demo.session.pack().questions
            if q.round not in demo.session.rounds_ahead()
        }
        assert passed
        assert not passed & set(row_ids(screen))
        await pilot.press("a")
        assert not passed & set(row_ids(screen))


async def test_rating_opens_the_next_due_question(demo: Planner) -> None:
    """After 3 (good) the next question's card opens at once; Escape ends the run."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        screen = await open_questions(pilot)
        first, second = row_ids(screen)[:2]
        await pilot.press("enter", "3")
        await pilot.pause()
        card = pilot.app.screen
        assert isinstance(card, QuestionCard)
        assert card.question.id == second
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert first not in row_ids(screen)


async def test_the_highlighted_question_is_shown_in_full_at_80_columns(demo: Planner) -> None:
    """The table cuts long prompts; the line under it shows the highlighted one in full."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        screen = await open_questions(pilot)
        prompt = demo.session.pack().question(row_ids(screen)[0]).prompt
        assert str(screen.query_one("#question-full").render()).replace("\n", " ") == prompt
