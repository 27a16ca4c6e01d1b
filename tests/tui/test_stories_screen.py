"""The Stories screen: the bank, the STAR editor with live lint, coverage and rehearsals."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, SelectionList, Static, TextArea

from planner.domain.text import MAX_TEXT
from planner.service import Planner
from planner.service.inputs import StoryInput
from planner.storage import StorageError
from planner.tui.app import PlannerApp
from planner.tui.forms.base import FieldError
from planner.tui.forms.story_editor import StoryEditor
from planner.tui.screens.confirm import ConfirmScreen
from planner.tui.screens.stories import StoriesScreen

SIZE = (80, 24)


async def open_stories(pilot: Pilot[None]) -> StoriesScreen:
    """Switch to the Stories screen and return it."""
    await pilot.press("s")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, StoriesScreen)
    return screen


async def open_new_story(pilot: Pilot[None]) -> StoryEditor:
    """Open the editor on a new story."""
    await open_stories(pilot)
    await pilot.press("a")
    editor = pilot.app.screen
    assert isinstance(editor, StoryEditor)
    return editor


def lint_text(editor: StoryEditor) -> str:
    """What the lint panel shows."""
    return str(editor.query_one("#lint", Static).render())


def write_star(editor: StoryEditor, result: str) -> None:
    """Fill a complete story whose only weak point may be its result."""
    editor.query_one("#title", Input).value = "Rescued onboarding"
    editor.query_one("#situation", TextArea).load_text("Sign-ups fell for new learners.")
    editor.query_one("#task", TextArea).load_text("Own the fix for course onboarding.")
    editor.query_one("#action", TextArea).load_text(
        "I ran five interviews with learners, rebuilt the first-week flow with design "
        "and data science, and tested it against the old flow."
    )
    editor.query_one("#result", TextArea).load_text(result)


async def test_bank_lists_stories_with_lint_counts(demo: Planner) -> None:
    """Each story is a row with its readiness and its number of lint findings."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        screen = await open_stories(pilot)
        table = screen.query_one("#stories-table", DataTable)
        assert table.row_count == 3
        draft = demo.stories.get("s3")
        cell = table.get_cell("s3", "lint")
        assert isinstance(cell, Text)
        assert cell.plain == str(len(demo.stories.lint(draft)))


async def test_lint_flags_a_result_without_a_number_until_one_is_typed(demo: Planner) -> None:
    """`result-without-number` shows while the result has no digit and clears on typing one."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        editor = await open_new_story(pilot)
        write_star(editor, "Completion rose")
        await pilot.pause()
        assert "result-without-number" in lint_text(editor)
        result = editor.query_one("#result", TextArea)
        result.focus()
        result.move_cursor(result.document.end)
        await pilot.press(*" by 7 points")
        assert "result-without-number" not in lint_text(editor)
        assert [f.rule for f in editor.findings] == []


async def test_saving_a_story_adds_it_to_the_bank(demo: Planner) -> None:
    """Save stores the story with its STAR text, competencies and readiness."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        editor = await open_new_story(pilot)
        write_star(editor, "Completion rose 7 points in six weeks.")
        editor.query_one("#competencies", SelectionList).select("deciding-on-incomplete-data")
        editor.query_one("#readiness", Select).value = "outlined"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, StoriesScreen)
    story = demo.stories.get("s4")
    assert story.title == "Rescued onboarding"
    assert story.result == "Completion rose 7 points in six weeks."
    assert story.competencies == ("deciding-on-incomplete-data",)
    assert story.readiness == "outlined"


async def test_empty_title_or_overlong_text_is_refused(demo: Planner) -> None:
    """No title, or a field over 20,000 characters, shows an inline error; nothing is saved."""
    before = demo.session.store.path.read_bytes()
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        editor = await open_new_story(pilot)
        write_star(editor, "Completion rose 7 points.")
        editor.query_one("#title", Input).value = "   "
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is editor
        assert editor.query_one("#title-error", FieldError).has_class("-shown")
        editor.query_one("#title", Input).value = "Fine title"
        editor.query_one("#action", TextArea).load_text("y" * (MAX_TEXT + 1))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is editor
        assert not editor.query_one("#title-error", FieldError).has_class("-shown")
        assert editor.query_one("#action-error", FieldError).has_class("-shown")
    assert demo.session.store.path.read_bytes() == before


async def test_editing_a_story_updates_it(demo: Planner) -> None:
    """Enter on a story opens it filled in; a changed result is saved."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await open_stories(pilot)
        await pilot.press("down", "down", "enter")
        editor = pilot.app.screen
        assert isinstance(editor, StoryEditor)
        assert editor.query_one("#title", Input).value == demo.stories.get("s3").title
        editor.query_one("#result", TextArea).load_text("Conversion recovered to +7.8%.")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert demo.stories.get("s3").result == "Conversion recovered to +7.8%."


async def test_coverage_marks_a_competency_once_a_story_is_rehearsed(demo: Planner) -> None:
    """A draft claiming a competency leaves it uncovered; `r` rehearses it and covers it."""
    demo.stories.add(StoryInput("Two teams, one launch", competencies=["conflicting-stakeholders"]))
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        screen = await open_stories(pilot)
        matrix = screen.query_one("#coverage", DataTable)
        assert str(matrix.get_cell("conflicting-stakeholders", "covered")) == "✗"
        assert str(matrix.get_cell("conflicting-stakeholders", "s4")) == "draft"
        await pilot.press("down", "down", "down", "r")
        await pilot.pause()
        assert str(matrix.get_cell("conflicting-stakeholders", "covered")) == "✓"
        assert str(matrix.get_cell("conflicting-stakeholders", "s4")) == "rehrs"


async def test_rehearse_key_records_todays_rehearsal(demo: Planner) -> None:
    """`r` on a story adds today to its rehearsals and lifts a draft to rehearsed."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await open_stories(pilot)
        await pilot.press("down", "down", "r")
        await pilot.pause()
    story = demo.stories.get("s3")
    assert story.rehearsals == (demo.today,)
    assert story.readiness == "rehearsed"


async def test_delete_asks_first(demo: Planner) -> None:
    """x asks before deleting; yes removes the story."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await open_stories(pilot)
        await pilot.press("x")
        dialog = pilot.app.screen
        assert isinstance(dialog, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
    assert [s.id for s in demo.session.state().stories] == ["s2", "s3"]


async def test_escape_with_unsaved_changes_asks_first(demo: Planner) -> None:
    """Escape after typing a title asks before discarding the story."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        editor = await open_new_story(pilot)
        await pilot.press(*"Draft")
        await pilot.press("escape")
        dialog = pilot.app.screen
        assert isinstance(dialog, ConfirmScreen)
        await pilot.press("n")
        assert pilot.app.screen is editor


async def test_focus_target_preselects_the_competency(demo: Planner) -> None:
    """A dashboard story gap opens a new story with the competency already ticked."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        screen = await open_stories(pilot)
        screen.focus_target("stories", "principled-stand", "mission")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, StoryEditor)
        selected = editor.query_one("#competencies", SelectionList).selected
        assert selected == ["principled-stand"]


async def test_a_failed_save_reopens_the_editor_with_the_text_kept(
    demo: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the store refuses the write, the editor stays open with the problem and the text."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise StorageError("could not save: disk full")

    monkeypatch.setattr(demo.stories, "add", refuse)
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await open_new_story(pilot)
        editor = pilot.app.screen
        assert isinstance(editor, StoryEditor)
        write_star(editor, "Completion rose 7 points.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        again = pilot.app.screen
        assert isinstance(again, StoryEditor)
        assert again is editor  # the editor stays open with the problem and the text
        assert "disk full" in str(again.query_one("#form-problem-error", FieldError).render())
        assert again.query_one("#title", Input).value == "Rescued onboarding"
    assert len(demo.session.state().stories) == 3
