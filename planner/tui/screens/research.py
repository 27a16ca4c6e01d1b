"""The Research screen: research items by round (the pack's and your own), their status, notes
and sources; a adds an item of your own, r edits one, x removes one."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Label, Static, Tree
from textual.widgets.tree import TreeNode

from planner.domain.models import (
    RESEARCH_STATUSES,
    OwnResearch,
    ResearchItem,
    ResearchState,
    is_own_research,
)
from planner.service.inputs import OwnResearchChange, OwnResearchInput, ResearchChange
from planner.tui.drafts import Draft, FieldValue
from planner.tui.forms.base import FormScreen
from planner.tui.forms.mock_shared import short
from planner.tui.forms.own_research import OwnResearchForm
from planner.tui.forms.research_note import NoteDraft, ResearchNoteForm
from planner.tui.keys import key_hint
from planner.tui.screens.base import PlannerScreen
from planner.tui.screens.confirm import ConfirmScreen
from planner.tui.widgets.footer import Footer

STATUS_STYLE = {"todo": ("○", "dim"), "doing": ("◐", "yellow"), "done": ("●", "green")}


def item_label(item: ResearchItem, state: ResearchState) -> Text:
    """A tree leaf: status mark and word, then the title (plain text)."""
    mark, style = STATUS_STYLE.get(state.status, ("?", ""))
    label = Text(f"{mark} {state.status:<5} ", style=style)
    if is_own_research(item.id):
        label.append("yours ", style="bold cyan")
    label.append(item.title)
    if state.note or state.sources:
        label.append("  ✎", style="dim")
    return label


def next_status(status: str) -> str:
    """todo → doing → done → todo."""
    index = RESEARCH_STATUSES.index(status) if status in RESEARCH_STATUSES else -1
    return RESEARCH_STATUSES[(index + 1) % len(RESEARCH_STATUSES)]


class ResearchScreen(PlannerScreen):
    """Company research: one branch per round; c cycles status, Enter edits notes and sources;
    a adds an item of your own, r edits its title and rounds, x removes it."""

    CSS_PATH = "trackers.tcss"
    BINDINGS = [
        Binding("c", "cycle_status", "Cycle status", id="research.cycle"),
        Binding("o", "edit_note", "Notes", id="research.note"),
        Binding("a", "add_item", "Add your own", id="research.add"),
        Binding(
            "r", "edit_item", "Edit your item's title and rounds", id="research.edit", show=False
        ),
        Binding("x,delete", "remove_item", "Remove your item", id="research.remove", show=False),
        Binding(
            "enter",
            "select_focused",
            "Notes (or open a round)",
            id="research.open",
            show=False,
            priority=True,
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[str, tuple[ResearchItem, ResearchState]] = {}
        """Each item with its state, as last read (the pack's and your own)."""
        self.own: dict[str, OwnResearch] = {}
        """Your own items, as last read."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(classes="tracker"):
            yield Label("", id="research-progress", classes="tracker-head", markup=False)
            tree: Tree[str] = Tree(Text("Research"), id="research-tree")
            tree.show_root = False
            tree.auto_expand = False
            yield tree
            yield Static("", id="research-detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        """Build the branches and fill them."""
        tree = self.query_one("#research-tree", Tree)
        pack = self.planner.session.pack()
        ahead = set(self.planner.session.rounds_ahead())
        # Rounds ahead first and open; screens behind the candidate last, folded and marked.
        for rnd in sorted(pack.rounds, key=lambda r: r.id not in ahead):
            branch = tree.root.add(Text(rnd.name), data=f"round:{rnd.id}", expand=rnd.id in ahead)
            for item in pack.research:
                if rnd.id in item.rounds:
                    branch.add_leaf(Text(item.title), data=item.id)
        self.refresh_data()
        tree.focus()
        tree.cursor_line = 1
        self.targets_ready()

    def refresh_data(self) -> None:
        """Re-read statuses and notes; relabel the branches and leaves in place."""
        self.items = {item.id: (item, state) for item, state in self.planner.research.items()}
        self.own = {o.id: o for o in self.planner.research.own()}
        tree = self.query_one("#research-tree", Tree)
        pack = self.planner.session.pack()
        names = {r.id: r.name for r in pack.rounds}
        ahead = set(self.planner.session.rounds_ahead())
        for branch in tree.root.children:
            round_id = str(branch.data).removeprefix("round:")
            self._sync_own(branch, round_id)
            leaves = [leaf for leaf in branch.children if str(leaf.data) in self.items]
            listed = [leaf for leaf in leaves if not is_own_research(str(leaf.data))]
            done = sum(1 for leaf in listed if self.items[str(leaf.data)][1].status == "done")
            passed = round_id not in ahead
            label = Text(names.get(round_id, round_id), style="dim" if passed else "bold")
            style = "green" if listed and done == len(listed) else "dim"
            label.append(f"  {done}/{len(listed)} done", style=style)
            mine = [self.items[str(leaf.data)][1] for leaf in leaves if leaf not in listed]
            if mine:
                finished = sum(1 for s in mine if s.status == "done")
                label.append(f"  · yours {finished}/{len(mine)}", style="cyan")
            if passed:
                label.append("  · behind you", style="dim")
            branch.set_label(label)
            for leaf in leaves:
                leaf.set_label(item_label(*self.items[str(leaf.data)]))
        # Count each item once (the tree lists it under every round it serves), rounds ahead only.
        states = [(item.id, s) for item, s in self.items.values() if set(item.rounds) & ahead]
        pack_states = [s for item_id, s in states if not is_own_research(item_id)]
        done = sum(1 for s in pack_states if s.status == "done")
        doing = sum(1 for s in pack_states if s.status == "doing")
        head = f"{done} of {len(pack_states)} items done, {doing} in progress"
        mine = [s for item_id, s in states if is_own_research(item_id)]
        if mine:
            head += f" · yours {sum(1 for s in mine if s.status == 'done')} of {len(mine)}"
        else:
            head += f" · {key_hint(self, 'research.add', 'a')} adds your own"
        self.query_one("#research-progress", Label).update(
            Content(head + " · listed under each round")
        )
        self._show_detail()

    def _sync_own(self, branch: TreeNode[str], round_id: str) -> None:
        """Put your own items of this round under its branch, after the pack's, oldest first."""
        wanted = [o.id for o in self.own.values() if round_id in o.rounds]
        present = [leaf for leaf in branch.children if is_own_research(str(leaf.data))]
        if [str(leaf.data) for leaf in present] == wanted:
            return
        for leaf in present:
            leaf.remove()
        for item_id in wanted:
            branch.add_leaf(Text(self.own[item_id].title), data=item_id)

    def selected_item(self) -> str | None:
        """The id of the research item under the cursor, if the cursor is on one."""
        node = self.query_one("#research-tree", Tree).cursor_node
        if node is None or node.data is None or str(node.data).startswith("round:"):
            return None
        return str(node.data)

    def _show_detail(self) -> None:
        detail = self.query_one("#research-detail", Static)
        item_id = self.selected_item()
        if item_id is None or item_id not in self.items:
            detail.update("Move to an item to see what to find out; Enter opens its notes.")
            return
        item, state = self.items[item_id]
        lines = [item.description]
        own = self.own.get(item_id)
        if own is not None:
            names = {r.id: r.name for r in self.planner.session.pack().rounds}
            lines = [
                f"Your own item {own.id}, added {own.created.isoformat()}, for "
                f"{', '.join(names.get(r, r) for r in own.rounds)}: listed, not scored (the "
                "pack's items are). r edits its title and rounds, x removes it."
            ]
        sessions = self.planner.tasks.research_sessions(item_id) if own is None else ()
        if sessions:
            ticked = sum(1 for t in sessions if t.done)
            lines.append(
                f"In the plan: {sessions[0].title.split(' (')[0]}, {ticked} of {len(sessions)} "
                f"session{'s' * (len(sessions) != 1)} ticked; ticking the last marks this done."
            )
        if state.note:
            lines.append(f"Note: {state.note}")
        if state.sources:
            lines.append("Sources: " + "; ".join(state.sources))
        elif item.suggested_sources:
            lines.append("Try: " + "; ".join(item.suggested_sources))
        detail.update(Text("\n".join(lines)))

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        """Show the highlighted item's description and note."""
        self._show_detail()

    def on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        """Enter on an item opens its note editor."""
        if self.selected_item() is not None:
            self.action_edit_note()

    def action_cycle_status(self) -> None:
        """Move the item to its next status and save at once."""
        item_id = self.selected_item()
        if item_id is None:
            self.notify("Move to an item first.", timeout=2)
            return
        new_status = next_status(self.items[item_id][1].status)
        change = ResearchChange(status=new_status)
        self.planner_app.save(lambda: self.planner.research.set(item_id, change), what="research")

    def action_edit_note(self) -> None:
        """Edit the note and sources of the item under the cursor."""
        item_id = self.selected_item()
        if item_id is None:
            self.notify("Move to an item first.", timeout=2)
            return
        self.open_note(*self.items[item_id])

    def open_note(
        self,
        item: ResearchItem,
        state: ResearchState,
        problem: str = "",
        refill: Mapping[str, FieldValue] | None = None,
    ) -> ResearchNoteForm:
        """Open the note editor on these values; saving stores the note and the added source.

        `refill` holds recovered field values typed before the app last stopped.
        """

        def submit(form: FormScreen[NoteDraft], draft: NoteDraft) -> None:
            research = self.planner.research

            def store() -> ResearchState:
                stored = research.set(item.id, ResearchChange(note=draft.note))
                for source in draft.sources:
                    stored = research.set(item.id, ResearchChange(source=source))
                return stored

            self.planner_app.save(
                store,
                what="research",
                then=lambda _: self.notify(
                    f"Notes saved for {item.title}.", timeout=3, markup=False
                ),
                target=form,
            )

        form = ResearchNoteForm(item, state, problem=problem, submit=submit)
        form.keep_as("research", "note", item.id, f"Research note: {item.title}")
        if refill:
            form.refill(refill)
        self.app.push_screen(form)
        return form

    def reopen_draft(self, draft: Draft) -> Screen[Any] | None:
        """Open a note or an own item's form again with text recovered after the app stopped
        mid-edit (an edit of an item removed since comes back as a new item)."""
        if draft.kind == "own":
            own = self.own.get(draft.target)
            if own is None:
                return self.open_own(OwnResearchInput("", ()), refill=draft.fields)
            initial = OwnResearchInput(own.title, own.rounds)
            return self.open_own(initial, editing=own.id, refill=draft.fields)
        if draft.kind != "note" or draft.target not in self.items:
            return None
        return self.open_note(*self.items[draft.target], refill=draft.fields)

    # -- your own items ------------------------------------------------------------------------

    def _cursor_round(self) -> str | None:
        """The round of the branch under the cursor (or of the item's branch)."""
        node = self.query_one("#research-tree", Tree).cursor_node
        while node is not None and not str(node.data).startswith("round:"):
            node = node.parent
        return None if node is None else str(node.data).removeprefix("round:")

    def action_add_item(self) -> None:
        """Add a research item of your own, for the round under the cursor by default."""
        round_id = self._cursor_round()
        ahead = self.planner.session.rounds_ahead()
        rounds = (round_id,) if round_id in ahead else ()
        self.open_own(OwnResearchInput("", rounds))

    def _own_under_cursor(self, verb: str) -> OwnResearch | None:
        item_id = self.selected_item()
        if item_id is None:
            self.notify("Move to an item first.", timeout=2)
            return None
        own = self.own.get(item_id)
        if own is None:
            self.notify(
                f"Only your own items can be {verb}; the pack's stay as they are "
                "(c sets the status, o the note). a adds one of your own.",
                timeout=4,
                markup=False,
            )
        return own

    def action_edit_item(self) -> None:
        """Edit the title and rounds of your own item under the cursor."""
        own = self._own_under_cursor("edited")
        if own is not None:
            self.open_own(OwnResearchInput(own.title, own.rounds), editing=own.id)

    def action_remove_item(self) -> None:
        """Remove your own item under the cursor, after a confirmation."""
        own = self._own_under_cursor("removed")
        if own is None:
            return
        item_id = own.id

        def answered(yes: bool | None) -> None:
            if yes:
                self.planner_app.save(
                    lambda: self.planner.research.remove(item_id),
                    what="research",
                    then=lambda _: self.notify(
                        f"Removed your research item {item_id}.", timeout=3, markup=False
                    ),
                )

        question = (
            f"Remove your research item {item_id} ({short(own.title, 50)}) with its note and "
            "sources? This cannot be undone."
        )
        self.app.push_screen(ConfirmScreen(question, yes="Remove"), answered)

    def open_own(
        self,
        initial: OwnResearchInput,
        *,
        editing: str = "",
        problem: str = "",
        refill: Mapping[str, FieldValue] | None = None,
    ) -> OwnResearchForm:
        """Open the form of an own item: a new one, or `editing`'s title and rounds.

        `refill` holds recovered field values typed before the app last stopped.
        """
        research = self.planner.research
        ahead = set(self.planner.session.rounds_ahead())
        rounds = [r for r in self.planner.session.pack().rounds if r.id in ahead]

        def stored(item: OwnResearch) -> None:
            verb = "Saved" if editing else "Added"
            self.notify(f"{verb} your research item {item.id}.", timeout=3, markup=False)
            self.show_target("research", item.id, self._cursor_round() or item.rounds[0])

        def submit(form: FormScreen[OwnResearchInput], entry: OwnResearchInput) -> None:
            def store() -> OwnResearch:
                if editing:
                    return research.edit(editing, OwnResearchChange(entry.title, entry.rounds))
                return research.add(entry)

            self.planner_app.save(store, what="research", then=stored, target=form)

        form = OwnResearchForm(rounds, initial, editing=editing, problem=problem, submit=submit)
        title = f"Research item {editing}" if editing else "New research item"
        form.keep_as("research", "own", editing, title)
        if refill:
            form.refill(refill)
        self.app.push_screen(form)
        return form

    def _leaf(self, item_id: str, round_id: str) -> TreeNode[str] | None:
        tree: Tree[str] = self.query_one("#research-tree", Tree)
        fallback: TreeNode[str] | None = None
        for branch in tree.root.children:
            for leaf in branch.children:
                if leaf.data == item_id:
                    if branch.data == f"round:{round_id}":
                        return leaf
                    fallback = fallback or leaf
        return fallback

    def show_target(self, kind: str, target: str, round_id: str) -> None:
        """From a dashboard gap: put the cursor on the item (under its round when given)."""
        leaf = self._leaf(target, round_id)
        tree = self.query_one("#research-tree", Tree)
        tree.focus()
        if leaf is not None:
            self.call_after_refresh(tree.move_cursor, leaf)
