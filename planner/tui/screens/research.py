"""The Research screen: the pack's research items by round, their status, notes and sources."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Header, Label, Static, Tree
from textual.widgets.tree import TreeNode

from planner.domain.models import RESEARCH_STATUSES, ResearchItem, ResearchState
from planner.service.inputs import ResearchChange
from planner.tui.drafts import Draft, FieldValue
from planner.tui.forms.base import FormScreen
from planner.tui.forms.research_note import NoteDraft, ResearchNoteForm
from planner.tui.keys import key_hint
from planner.tui.screens.base import PlannerScreen

STATUS_STYLE = {"todo": ("○", "dim"), "doing": ("◐", "yellow"), "done": ("●", "green")}


def item_label(item: ResearchItem, state: ResearchState) -> Text:
    """A tree leaf: status mark and word, then the title (plain text)."""
    mark, style = STATUS_STYLE.get(state.status, ("?", ""))
    label = Text(f"{mark} {state.status:<5} ", style=style)
    label.append(item.title)
    if state.note or state.sources:
        label.append("  ✎", style="dim")
    return label


def next_status(status: str) -> str:
    """todo → doing → done → todo."""
    index = RESEARCH_STATUSES.index(status) if status in RESEARCH_STATUSES else -1
    return RESEARCH_STATUSES[(index + 1) % len(RESEARCH_STATUSES)]


class ResearchScreen(PlannerScreen):
    """Company research: one branch per round; c cycles status, Enter edits notes and sources."""

    CSS_PATH = "trackers.tcss"
    BINDINGS = [
        Binding("c", "cycle_status", "Cycle status", id="research.cycle"),
        Binding("o", "edit_note", "Notes", id="research.note"),
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
        """Each item with its state, as last read."""

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
        tree = self.query_one("#research-tree", Tree)
        pack = self.planner.session.pack()
        names = {r.id: r.name for r in pack.rounds}
        ahead = set(self.planner.session.rounds_ahead())
        for branch in tree.root.children:
            round_id = str(branch.data).removeprefix("round:")
            leaves = [leaf for leaf in branch.children if str(leaf.data) in self.items]
            done = sum(1 for leaf in leaves if self.items[str(leaf.data)][1].status == "done")
            passed = round_id not in ahead
            label = Text(names.get(round_id, round_id), style="dim" if passed else "bold")
            style = "green" if leaves and done == len(leaves) else "dim"
            label.append(f"  {done}/{len(leaves)} done", style=style)
            if passed:
                label.append("  · behind you", style="dim")
            branch.set_label(label)
            for leaf in leaves:
                leaf.set_label(item_label(*self.items[str(leaf.data)]))
        # Count each item once (the tree lists it under every round it serves), rounds ahead only.
        states = [s for item, s in self.items.values() if set(item.rounds) & ahead]
        done = sum(1 for s in states if s.status == "done")
        doing = sum(1 for s in states if s.status == "doing")
        self.query_one("#research-progress", Label).update(
            Content(
                f"{done} of {len(states)} items done, {doing} in progress"
                f" · {key_hint(self, 'research.cycle', 'c')} cycles status"
                " · listed under each round"
            )
        )
        self._show_detail()

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

    def reopen_draft(self, draft: Draft) -> ResearchNoteForm | None:
        """Open a research note again with text recovered after the app stopped mid-edit."""
        if draft.kind != "note" or draft.target not in self.items:
            return None
        return self.open_note(*self.items[draft.target], refill=draft.fields)

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
