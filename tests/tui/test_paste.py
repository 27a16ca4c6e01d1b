"""Big pastes (RELIABILITY.md #19): a 1 MB paste is cut to what the field holds, with a
message, nothing is written until Save, and the form keeps working. The latency of the same
paste is measured by `make bench` (not asserted here)."""

from __future__ import annotations

import tui_support
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from planner.domain.text import MAX_TEXT
from planner.service import Planner
from planner.service.inputs import TITLE_LIMIT
from planner.tui.app import PlannerApp
from planner.tui.forms.story_editor import StoryEditor

SIZE = (100, 32)
LINE = "We moved 40% of learners to the new checkout; refunds fell by a third.\n"
MEGABYTE = LINE * (1_000_000 // len(LINE) + 1)


async def open_editor(pilot: Pilot[None]) -> StoryEditor:
    """A new story in the STAR editor."""
    await pilot.press("s")
    await pilot.pause()
    await pilot.press("a")
    await pilot.pause()
    editor = pilot.app.screen
    assert isinstance(editor, StoryEditor)
    return editor


def notes(pilot: Pilot[None]) -> list[str]:
    """The messages of the notifications shown so far."""
    return tui_support.notice_messages(pilot.app)


async def paste(pilot: Pilot[None], text: str) -> None:
    """Paste as a terminal does (bracketed paste arrives as one Paste event)."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def test_a_megabyte_into_a_story_field_is_cut_with_a_message(demo: Planner) -> None:
    """1 MB into Situation: the first 20,000 characters stay; typing and saving still work."""
    before = demo.session.store.path.read_bytes()
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot)
        editor.query_one("#title", Input).value = "Checkout rebuild"
        area = editor.query_one("#situation", TextArea)
        area.focus()
        await paste(pilot, MEGABYTE)
        assert len(area.text) == MAX_TEXT
        assert area.text == MEGABYTE[:MAX_TEXT]
        assert any("Pasted 1,000,0" in n and "at most 20,000" in n for n in notes(pilot))
        assert demo.session.store.path.read_bytes() == before  # nothing written by a paste
        await pilot.press("ctrl+end", "backspace", "!")
        assert area.text.endswith("!")
        assert len(area.text) == MAX_TEXT
        await paste(pilot, "more")  # the field is full now
        assert len(area.text) == MAX_TEXT
        assert any("nothing was pasted" in n for n in notes(pilot))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, StoryEditor)
    fresh = Planner(demo.session.store, demo.session.library, demo.today)
    (story,) = [s for s in fresh.session.state().stories if s.title == "Checkout rebuild"]
    assert len(story.situation) <= MAX_TEXT
    assert story.situation.startswith(LINE.strip())


async def test_a_megabyte_into_a_one_line_field_keeps_what_fits(demo: Planner) -> None:
    """An Input takes the first line, cut to its own limit (a title holds 200)."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot)
        title = editor.query_one("#title", Input)
        title.focus()
        await paste(pilot, "T" * 1_000_000 + "\nsecond line")
        assert title.value == "T" * TITLE_LIMIT
        assert any(f"at most {TITLE_LIMIT}" in n for n in notes(pilot))


async def test_a_paste_that_fits_is_left_alone(demo: Planner) -> None:
    """Ordinary pastes go in whole (control characters scrubbed as usual), with no message."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot)
        area = editor.query_one("#action", TextArea)
        area.focus()
        await paste(pilot, "I led 3 squads\x1b[2J and\nshipped in 6 weeks.")
        assert area.text == "I led 3 squads[2J and\nshipped in 6 weeks."
        assert not any("Paste cut" in n or "Pasted" in n for n in notes(pilot))
