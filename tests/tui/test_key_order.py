"""Keys that arrive in one burst are applied in order (newuser4, finding 3).

A terminal delivers type-ahead, pasted tabs and macro keys in one read: Textual queues all
of them on the app before the first is handled. `Pilot.press` waits for the app after each
key, so these tests post the burst as the driver does (`app.post_message` for every key
before awaiting anything).
"""

from __future__ import annotations

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, TextArea
from tui_support import wait_until

from planner.service import Planner
from planner.tui.app import PlannerApp
from planner.tui.forms.mock_form import MockForm
from planner.tui.forms.story_editor import StoryEditor

SIZE = (80, 24)


def key_event(name: str) -> events.Key:
    """The Key event a terminal read gives for one key name or printable character."""
    if name == "tab":
        return events.Key("tab", "\t")
    if name == " ":
        return events.Key("space", " ")
    return events.Key(name, name if len(name) == 1 else None)


def burst(pilot: Pilot[None], *parts: str) -> None:
    """Queue keys on the app in one go: text parts are typed character by character, and
    the names `tab` and `shift+tab` are one key each."""
    for part in parts:
        if part in ("tab", "shift+tab"):
            pilot.app.post_message(key_event(part))
        else:
            for character in part:
                pilot.app.post_message(key_event(character))


async def test_text_after_tab_goes_to_the_next_story_field(demo: Planner) -> None:
    """`s a`, then one burst `Title A<Tab>Situation B`: the title holds `Title A` and the
    situation `Situation B` (the burst used to land whole in the title)."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await pilot.press("s", "a")
        editor = pilot.app.screen
        assert isinstance(editor, StoryEditor)
        assert await wait_until(pilot, lambda: isinstance(editor.focused, Input))
        burst(pilot, "Title A", "tab", "Situation B", "tab", "Task C")
        situation = editor.query_one("#situation", TextArea)
        task = editor.query_one("#task", TextArea)
        await pilot.pause()
        assert editor.query_one("#title", Input).value == "Title A"
        assert situation.text == "Situation B"
        assert task.text == "Task C"
        assert editor.focused is task


async def test_scores_typed_with_tabs_land_one_per_field(demo: Planner) -> None:
    """`3<Tab>4<Tab>2` typed fast in the mock form fills three scores (it gave `34`, `2`)."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await pilot.press("m", "a")
        form = pilot.app.screen
        assert isinstance(form, MockForm)
        first = form.query_one("#score-0", Input)
        assert await wait_until(pilot, lambda: form.focused is first)
        burst(pilot, "3", "tab", "4", "tab", "2")
        third = form.query_one("#score-2", Input)
        await pilot.pause()
        assert first.value == "3"
        assert form.query_one("#score-1", Input).value == "4"
        assert third.value == "2"


async def score_fields_after(demo: Planner, keys: list[str], fast: bool) -> list[str]:
    """The mock form's first three scores after these keys, typed fast or one by one."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await pilot.press("m", "a")
        form = pilot.app.screen
        assert isinstance(form, MockForm)
        assert await wait_until(pilot, lambda: form.focused is form.query_one("#score-0"))
        if fast:
            burst(pilot, *keys)
        else:
            await pilot.press(*keys)
        await pilot.pause()
        return [form.query_one(f"#score-{n}", Input).value for n in range(3)]


async def test_a_burst_with_shift_tab_ends_as_typing_slowly_does(demo: Planner) -> None:
    """`1<Tab>2<Shift+Tab>9<Tab><Tab>5` fast fills the fields as the same keys typed one by
    one do (Shift+Tab comes back to the first score; focusing a field selects its text)."""
    keys = ["1", "tab", "2", "shift+tab", "9", "tab", "tab", "5"]
    slow = await score_fields_after(demo, keys, fast=False)
    assert slow == ["9", "2", "5"]
    assert await score_fields_after(demo, keys, fast=True) == slow
