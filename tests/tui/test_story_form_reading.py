"""The story editor reads well (newuser4 finding 10): ticked competencies show a tick and
unticked ones a blank box; editing starts at the end of each text."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import SelectionList, TextArea
from tui_support import wait_until

from planner.service import Planner
from planner.tui.app import PlannerApp
from planner.tui.forms.story_editor import StoryEditor

SIZE = (80, 24)


async def open_story(pilot: Pilot[None]) -> StoryEditor:
    """Stories, then Enter on the third story (s3 of the demo)."""
    await pilot.press("s")
    await pilot.pause()
    await pilot.press("down", "down", "enter")
    assert await wait_until(pilot, lambda: isinstance(pilot.app.screen, StoryEditor))
    editor = pilot.app.screen
    assert isinstance(editor, StoryEditor)
    return editor


async def test_competency_boxes_show_a_tick_only_when_ticked(demo: Planner) -> None:
    """Each line of the competencies list starts `▐✔▌` when ticked and `▐ ▌` when not."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        editor = await open_story(pilot)
        boxes = editor.query_one("#competencies", SelectionList)
        boxes.scroll_visible(animate=False)
        await pilot.pause()
        lines = [boxes.render_line(y).text for y in range(min(boxes.option_count, 4))]
        for n, line in enumerate(lines):
            ticked = boxes.get_option_at_index(n).value in boxes.selected
            assert line[1] == ("✔" if ticked else " "), line


async def test_editing_starts_at_the_end_of_each_text(demo: Planner) -> None:
    """The cursor of each STAR text starts after its last character (text typed to add to
    one went in front of it)."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        editor = await open_story(pilot)
        await pilot.pause()
        areas = [a for a in editor.query(TextArea) if a.text]
        assert areas
        for area in areas:
            assert area.cursor_location == area.document.end, area.id
