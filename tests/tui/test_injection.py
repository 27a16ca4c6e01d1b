"""User text in the tracker screens is shown as text: never markup, links, clicks or escapes."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import DataTable, Input, Static, TextArea

from planner.domain.text import normalize_text
from planner.service import Planner
from planner.service.inputs import MockInput, ResearchChange, StoryInput
from planner.tui.app import PlannerApp
from planner.tui.forms.mock_form import MockForm
from planner.tui.forms.research_note import ResearchNoteForm
from planner.tui.forms.story_editor import StoryEditor
from planner.tui.screens.confirm import ConfirmScreen
from planner.tui.screens.mocks import MocksScreen
from planner.tui.screens.research import ResearchScreen
from planner.tui.screens.stories import StoriesScreen

SIZE = (80, 24)
CORPUS = [
    "[bold]x",
    "[/]",
    "[/",
    "[red",
    "[0]",
    "x\\",
    "[link=https://evil]x[/link]",
    "[@click=app.quit]x[/]",
    "\x1b[2J",
    "\x1b]0;PWNED\x07",
    "\x9b31m",
]


def shown(text: str) -> str:
    """What the screens should show for a piece of user text."""
    return normalize_text(text).strip()


def drawn(widget: Widget) -> tuple[str, list[Style]]:
    """The characters a widget draws now, and the styles it draws them with."""
    strips = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    text = "\n".join("".join(segment.text for segment in strip) for strip in strips)
    styles = [segment.style for strip in strips for segment in strip if segment.style]
    return text, styles


def assert_inert(widget: Widget) -> str:
    """The widget draws no control characters, links or click actions; return its text."""
    text, styles = drawn(widget)
    assert not any(c in text for c in "\x1b\x07\x9b")
    for style in styles:
        assert not style.link
        assert not any(str(key).startswith("@") for key in (style.meta or {}))
    return text


async def paste(pilot: Pilot[None], field: Widget, text: str) -> None:
    """Paste text into a field, as a terminal delivers it."""
    field.focus()
    await pilot.pause()
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def test_story_titles_typed_in_the_editor_are_stored_and_shown_as_text(
    demo: Planner,
) -> None:
    """Each corpus title pasted into the editor is saved normalised and drawn verbatim."""
    app = PlannerApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        screen = app.screen
        assert isinstance(screen, StoriesScreen)
        for text in CORPUS:
            await pilot.press("a")
            editor = app.screen
            assert isinstance(editor, StoryEditor)
            title = editor.query_one("#title", Input)
            await paste(pilot, title, text)
            assert title.value == normalize_text(text)
            assert shown(text) in assert_inert(title)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is screen
        table = screen.query_one("#stories-table", DataTable)
        for n, text in enumerate(CORPUS):
            story_id = f"s{4 + n}"
            assert demo.stories.get(story_id).title == shown(text)
            cell = table.get_cell(story_id, "title")
            assert isinstance(cell, Text)
            assert cell.plain == shown(text)
            assert not cell.spans
            table.move_cursor(row=table.get_row_index(story_id))
            await pilot.pause()
            assert shown(text) in assert_inert(table)
        assert app.is_running


async def test_story_title_in_the_delete_question_is_text(demo: Planner) -> None:
    """The confirmation that names a story shows its title literally."""
    demo.stories.add(StoryInput("[@click=app.quit]x[/] [link=https://evil]y[/link]"))
    app = PlannerApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "down", "down", "down", "x")
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen)
        text = " ".join(assert_inert(dialog.query_one(Static)).split())
        assert "([@click=app.quit]x[/] [link=https://evil]y[/link])?" in text
        await pilot.press("n")
        assert app.is_running


async def test_mock_partner_and_notes_are_shown_as_text(demo: Planner) -> None:
    """Each corpus entry as a mock's partner and notes appears literally, list and form."""
    dims = [d.id for d in demo.session.pack().rubric("execution").dimensions]
    for text in CORPUS:
        demo.mocks.add(
            MockInput(
                "execution",
                scores=dict.fromkeys(dims, 3),
                partner=text,
                notes=text,
                follow_ups=text,
            )
        )
    app = PlannerApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        screen = app.screen
        assert isinstance(screen, MocksScreen)
        table = screen.query_one("#mocks-table", DataTable)
        detail = screen.query_one("#mock-detail", Static)
        for n, text in enumerate(CORPUS):
            mock_id = f"m{4 + n}"
            assert demo.mocks.get(mock_id).notes == shown(text)
            table.move_cursor(row=table.get_row_index(mock_id))
            await pilot.pause()
            drawn_detail = assert_inert(detail)
            assert f"with {shown(text)}" in drawn_detail
            assert f"Notes: {shown(text)}" in drawn_detail
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, MockForm)
        assert shown(CORPUS[-1]) in assert_inert(form.query_one("#partner", Input))
        assert shown(CORPUS[-1]) in assert_inert(form.query_one("#notes", TextArea))
        assert app.is_running


async def test_pasted_control_characters_never_reach_a_mock_form_field(demo: Planner) -> None:
    """A pasted title-setting escape is stripped from the partner and notes as it arrives."""
    app = PlannerApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m", "a")
        form = app.screen
        assert isinstance(form, MockForm)
        partner = form.query_one("#partner", Input)
        notes = form.query_one("#notes", TextArea)
        await paste(pilot, partner, "Sam\x1b]0;PWNED\x07")
        await paste(pilot, notes, "ok\x1b[2J\x9b31m")
        assert partner.value == "Sam]0;PWNED"
        assert notes.text == "ok[2J31m"
        assert_inert(partner)
        assert_inert(notes)


async def test_research_notes_and_sources_are_shown_as_text(demo: Planner) -> None:
    """Each corpus entry as a research note and source shows literally in the detail pane."""
    items = [item.id for item in demo.session.pack().research][: len(CORPUS)]
    for item_id, text in zip(items, CORPUS, strict=True):
        demo.research.set(item_id, ResearchChange(note=text, source=text))
    app = PlannerApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        screen = app.screen
        assert isinstance(screen, ResearchScreen)
        detail = screen.query_one("#research-detail", Static)
        for item_id, text in zip(items, CORPUS, strict=True):
            screen.focus_target("research", item_id, "")
            await pilot.pause()
            assert screen.selected_item() == item_id
            assert f"Note: {shown(text)}" in assert_inert(detail)
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, ResearchNoteForm)
        assert shown(CORPUS[-1]) in assert_inert(form.query_one("#note", TextArea))
        assert shown(CORPUS[-1]) in assert_inert(form.query_one("#sources", Static))
        assert app.is_running
