"""The Research screen: items by round with progress, status cycling, the note editor."""

from __future__ import annotations

from textual.widgets import Input, Static, TextArea, Tree
from tui_support import open_research

from planner.domain.text import MAX_TEXT
from planner.service import Planner
from planner.tui.app import PlannerApp
from planner.tui.forms.base import FieldError
from planner.tui.forms.research_note import ResearchNoteForm
from planner.tui.screens.confirm import ConfirmScreen

SIZE = (80, 24)


def status_of(demo: Planner, item_id: str) -> str:
    """The stored status of one research item."""
    return next(state.status for item, state in demo.research.items() if item.id == item_id)


async def test_items_are_grouped_by_round_with_progress(demo: Planner) -> None:
    """Each round is a branch labelled with done/total over the items it lists."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        screen = await open_research(pilot)
        tree: Tree[str] = screen.query_one("#research-tree", Tree)
        branches = {str(b.data): b for b in tree.root.children}
        ahead = demo.session.rounds_ahead()
        behind = [r for r in demo.session.pack().round_ids if r not in ahead]
        assert list(branches) == [f"round:{r}" for r in (*ahead, *behind)]
        hiring = branches["round:hiring-manager"]
        items = [i for i in demo.session.pack().research if "hiring-manager" in i.rounds]
        done = sum(1 for i in items if status_of(demo, i.id) == "done")
        assert [leaf.data for leaf in hiring.children] == [i.id for i in items]
        assert f"{done}/{len(items)} done" in str(hiring.label)


async def test_cycling_status_saves_each_step_at_once(demo: Planner) -> None:
    """c moves the item todo → doing → done → todo, stored after every press."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        screen = await open_research(pilot)
        screen.focus_target("research", "integration-points", "product-sense")
        await pilot.pause()
        item_id = screen.selected_item()
        assert item_id == "integration-points"
        seen = []
        for _ in range(3):
            await pilot.press("c")
            seen.append(status_of(demo, item_id))
        assert seen == ["doing", "done", "todo"]


async def test_note_editor_saves_the_note_and_a_source(demo: Planner) -> None:
    """Enter opens the editor; the note and an added source are stored on Save."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        screen = await open_research(pilot)
        screen.focus_target("research", "integration-points", "product-sense")
        await pilot.pause()
        item_id = screen.selected_item()
        await pilot.press("enter")
        form = pilot.app.screen
        assert isinstance(form, ResearchNoteForm)
        await pilot.press(*"Band is 180-210k")
        form.query_one("#source", Input).value = "https://example.com/levels"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is screen
        detail = str(screen.query_one("#research-detail", Static).render())
        assert "Band is 180-210k" in detail
    state = next(s for i, s in demo.research.items() if i.id == item_id)
    assert state.note == "Band is 180-210k"
    assert state.sources == ("https://example.com/levels",)


async def test_note_over_the_limit_is_refused(demo: Planner) -> None:
    """A note over 20,000 characters shows an inline error and nothing is written."""
    before = demo.session.store.path.read_bytes()
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await open_research(pilot)
        await pilot.press("enter")
        form = pilot.app.screen
        assert isinstance(form, ResearchNoteForm)
        form.query_one("#note", TextArea).load_text("x" * (MAX_TEXT + 1))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is form
        assert form.query_one("#note-error", FieldError).has_class("-shown")
    assert demo.session.store.path.read_bytes() == before


async def test_escape_with_an_unsaved_note_asks_first(demo: Planner) -> None:
    """Escape after typing a note asks before throwing it away."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await open_research(pilot)
        await pilot.press("enter", "a")
        await pilot.press("escape")
        dialog = pilot.app.screen
        assert isinstance(dialog, ConfirmScreen)


async def test_focus_target_puts_the_cursor_on_the_item(demo: Planner) -> None:
    """A dashboard gap on a research item lands the cursor on it, under its round."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        screen = await open_research(pilot)
        screen.focus_target("research", "engineering-blog", "system-design")
        await pilot.pause()
        assert screen.selected_item() == "engineering-blog"
        node = screen.query_one("#research-tree", Tree).cursor_node
        assert node is not None
        assert node.parent is not None
        assert node.parent.data == "round:system-design"


async def test_screens_behind_come_last_folded_and_are_not_counted(demo: Planner) -> None:
    """The demo's screens are behind it: their branches are folded, last and marked; the
    head counts each item of the rounds ahead once."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        screen = await open_research(pilot)
        tree: Tree[str] = screen.query_one("#research-tree", Tree)
        recruiter = next(b for b in tree.root.children if b.data == "round:recruiter")
        assert not recruiter.is_expanded
        assert "behind you" in str(recruiter.label)
        ahead = set(demo.session.rounds_ahead())
        count = sum(1 for item in demo.session.pack().research if set(item.rounds) & ahead)
        head = str(screen.query_one("#research-progress").render())
        assert f"of {count} items done" in head
        assert count < len(demo.session.pack().research)


async def test_enter_in_add_source_adds_it_and_keeps_the_form_open(demo: Planner) -> None:
    """Enter in "Add source" lists the source and clears the field; Save stores both."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        screen = await open_research(pilot)
        screen.focus_target("research", "integration-points", "product-sense")
        await pilot.pause()
        await pilot.press("enter")
        form = pilot.app.screen
        assert isinstance(form, ResearchNoteForm)
        field = form.query_one("#source", Input)
        field.focus()
        for source in ("annual report p. 12", "partner page"):
            await pilot.press(*source, "enter")
            await pilot.pause()
            assert pilot.app.screen is form
            assert field.value == ""
        listed = str(form.query_one("#sources", Static).render())
        assert "annual report p. 12" in listed
        assert "partner page" in listed
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is screen
    state = next(s for i, s in demo.research.items() if i.id == "integration-points")
    assert state.sources == ("annual report p. 12", "partner page")
