"""Research items of your own on the Research screen: add, edit, cycle, remove, recover."""

from __future__ import annotations

import tui_support
from textual.widgets import Input, SelectionList, Static, TextArea, Tree
from tui_support import open_research

from planner.domain.models import OwnResearch
from planner.service import Planner
from planner.service.inputs import OwnResearchInput
from planner.tui.app import PlannerApp
from planner.tui.drafts import Draft
from planner.tui.forms.base import FieldError
from planner.tui.forms.own_research import OwnResearchForm
from planner.tui.screens.confirm import ConfirmScreen
from planner.tui.screens.research import ResearchScreen

SIZE = (80, 24)


def _own(demo: Planner) -> dict[str, OwnResearch]:
    return {o.id: o for o in demo.research.own()}


def _leaves(screen: ResearchScreen, round_id: str) -> list[str]:
    tree: Tree[str] = screen.query_one("#research-tree", Tree)
    branch = next(b for b in tree.root.children if b.data == f"round:{round_id}")
    return [str(leaf.data) for leaf in branch.children]


async def test_a_adds_an_item_for_the_round_under_the_cursor(demo: Planner) -> None:
    """a opens the form with the cursor's round ticked; Add stores it, lists it under that
    round marked yours, and puts the cursor on it."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        screen = await open_research(pilot)
        screen.focus_target("research", "engineering-blog", "system-design")
        await pilot.pause()
        await pilot.press("a")
        form = pilot.app.screen
        assert isinstance(form, OwnResearchForm)
        assert form.query_one("#rounds", SelectionList).selected == ["system-design"]
        await pilot.press(*"Read the Q3 call [b]now[/b]")
        form.query_one("#note", TextArea).load_text("Margins first")
        form.query_one("#sources", TextArea).load_text("https://a.example\n\nhttps://b.example")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert screen.selected_item() == "my-1"
        assert _leaves(screen, "system-design")[-1] == "my-1"
        node = screen.query_one("#research-tree", Tree).cursor_node
        assert node is not None
        assert "yours Read the Q3 call [b]now[/b]" in str(node.label)
        detail = str(screen.query_one("#research-detail", Static).render())
        assert "Your own item my-1" in detail
        assert "yours 0 of 1" in str(screen.query_one("#research-progress").render())
    mine = _own(demo)["my-1"]
    assert (mine.title, mine.rounds, mine.status) == (
        "Read the Q3 call [b]now[/b]",
        ("system-design",),
        "todo",
    )
    assert (mine.note, mine.sources) == (
        "Margins first",
        ("https://a.example", "https://b.example"),
    )


async def test_the_add_form_marks_each_bad_field_and_writes_nothing(demo: Planner) -> None:
    """No title and no round ticked: both marked in red, the form stays, the file unchanged."""
    before = demo.session.store.path.read_bytes()
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await open_research(pilot)
        await pilot.press("a")
        form = pilot.app.screen
        assert isinstance(form, OwnResearchForm)
        form.query_one("#rounds", SelectionList).deselect_all()
        await pilot.press("enter")  # Enter in the title moves on; it never saves
        assert pilot.app.screen is form
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is form
        for field in ("title", "rounds"):
            assert form.query_one(f"#{field}-error", FieldError).has_class("-shown"), field
    assert demo.session.store.path.read_bytes() == before


async def test_an_own_item_cycles_edits_and_is_removed_after_asking(demo: Planner) -> None:
    """c cycles it, r edits its title and rounds, x asks and removes it."""
    demo.research.add(OwnResearchInput("Hiring manager talks", ("product-sense",)))
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        screen = await open_research(pilot)
        assert _leaves(screen, "product-sense")[-1] == "my-1"
        screen.focus_target("research", "my-1", "product-sense")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert _own(demo)["my-1"].status == "doing"
        await pilot.press("r")
        form = pilot.app.screen
        assert isinstance(form, OwnResearchForm)
        assert form.query_one("#title", Input).value == "Hiring manager talks"
        form.query_one("#title", Input).value = "HM talks on YouTube"
        form.query_one("#rounds", SelectionList).select("execution")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is screen
        mine = _own(demo)["my-1"]
        assert (mine.title, mine.rounds, mine.status) == (
            "HM talks on YouTube",
            ("product-sense", "execution"),
            "doing",
        )
        assert "my-1" in _leaves(screen, "execution")
        await pilot.press("x")
        dialog = pilot.app.screen
        assert isinstance(dialog, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert _own(demo) == {}
        assert "my-1" not in _leaves(screen, "product-sense") + _leaves(screen, "execution")


async def test_the_pack_items_cannot_be_edited_or_removed(demo: Planner) -> None:
    """r and x on a pack item say why and open nothing."""
    before = demo.session.store.path.read_bytes()
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        screen = await open_research(pilot)
        screen.focus_target("research", "engineering-blog", "system-design")
        await pilot.pause()
        for key in ("r", "x"):
            await pilot.press(key)
            await pilot.pause()
            assert pilot.app.screen is screen, key
        messages = tui_support.notice_messages(pilot.app)
        assert any("Only your own items can be edited" in m for m in messages)
        assert any("Only your own items can be removed" in m for m in messages)
    assert demo.session.store.path.read_bytes() == before


async def test_unsaved_text_of_the_add_form_comes_back(demo: Planner) -> None:
    """A recovered draft of a new item reopens the add form with its fields."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        screen = await open_research(pilot)
        draft = Draft(
            "research",
            "own",
            "",
            "New research item",
            {"title": "Q3 call", "rounds": ("execution",), "note": "half read"},
        )
        form = screen.reopen_draft(draft)
        await pilot.pause()
        assert isinstance(form, OwnResearchForm)
        assert form.query_one("#title", Input).value == "Q3 call"
        assert form.query_one("#rounds", SelectionList).selected == ["execution"]
        assert form.query_one("#note", TextArea).text == "half read"
        assert form.is_dirty()
