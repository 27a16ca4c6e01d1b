"""The Stories screen: the STAR story bank, its lint, and competency coverage."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Header, Label

from planner.domain.models import Story
from planner.domain.stories import Coverage
from planner.service.inputs import StoryChange, StoryInput
from planner.tui.drafts import Draft, FieldValue
from planner.tui.forms.base import FormScreen, reset_columns
from planner.tui.forms.mock_shared import short
from planner.tui.forms.story_editor import StoryEditor
from planner.tui.keys import key_hint
from planner.tui.screens.base import PlannerScreen
from planner.tui.screens.confirm import ConfirmScreen
from planner.tui.widgets.footer import Footer

COMPETENCY_WIDTH = 32
ID_WIDTH = 4
LEVEL_CELL = {
    "ready": ("ready", "bold green"),
    "rehearsed": ("rehrs", "green"),
    "outlined": ("outln", "yellow"),
    "draft": ("draft", "dim"),
}


def coverage_cell(story: Story, cover: Coverage) -> Text:
    """The matrix cell for one story and one competency: its readiness if it claims it."""
    if cover.competency.id not in story.competencies:
        return Text("·", style="dim", justify="center")
    word, style = LEVEL_CELL.get(story.readiness, (story.readiness, ""))
    return Text(word, style=style, justify="center")


class StoriesScreen(PlannerScreen):
    """STAR stories: a to add, Enter/o to edit, r to record a rehearsal, x to delete."""

    CSS_PATH = "trackers.tcss"
    BINDINGS = [
        Binding("a", "add", "New story", id="stories.add"),
        Binding("o", "edit", "Edit", id="stories.edit", show=False),
        Binding(
            "enter",
            "select_focused",
            "Edit the story, or draft one for a competency",
            id="stories.open",
            show=False,
            priority=True,
        ),
        Binding("r", "rehearse", "Rehearsed", id="stories.rehearse"),
        Binding("x,delete", "delete", "Delete", id="stories.delete", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.stories: list[Story] = []
        """The bank as last read."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(classes="tracker"):
            yield Label("", id="stories-head", classes="tracker-head", markup=False)
            yield DataTable(id="stories-table", cursor_type="row", zebra_stripes=True)
            yield Label(
                "Coverage (✗: no story at rehearsed or better; Enter on a row drafts one)",
                id="coverage-title",
            )
            yield DataTable(id="coverage", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        """Fill both tables and put the cursor in the bank."""
        self.refresh_data()
        self.query_one("#stories-table", DataTable).focus()
        self.targets_ready()

    def refresh_data(self) -> None:
        """Re-read the stories; redraw the bank and the coverage matrix."""
        self.stories = list(self.planner.session.state().stories)
        pack = self.planner.session.pack()
        names = {c.id: c.name for c in pack.competencies}
        table = self.query_one("#stories-table", DataTable)
        keep = self.selected_story_id()
        room = max(50, self.size.width - 30)
        title_width = room * 58 // 100
        reset_columns(
            table,
            [
                ("ID", "id", ID_WIDTH),
                ("Title", "title", title_width),
                ("Readiness", "readiness", 9),
                ("Lint", "lint", 4),
                ("Competencies", "competencies", room - title_width),
            ],
        )
        for story in self.stories:
            findings = len(self.planner.stories.lint(story))
            style = LEVEL_CELL.get(story.readiness, ("", ""))[1]
            table.add_row(
                Text(story.id),
                Text(short(story.title, title_width)),
                Text(story.readiness, style=style),
                Text(str(findings), style="yellow" if findings else "green", justify="right"),
                Text(
                    short(
                        ", ".join(names.get(c, c) for c in story.competencies), room - title_width
                    )
                ),
                key=story.id,
            )
        if keep is not None and keep in {s.id for s in self.stories}:
            table.move_cursor(row=table.get_row_index(keep))
        coverage = self.planner.stories.coverage()
        self._show_coverage(coverage)
        covered = sum(1 for c in coverage if c.covered)
        count = len(self.stories)
        head = (
            f"{count} stor{'ies' if count != 1 else 'y'} · "
            f"{covered} of {len(coverage)} competencies covered"
        )
        if not count:
            head += " · a writes your first story"
        self.query_one("#stories-head", Label).update(head)

    def on_resize(self, event: events.Resize) -> None:
        """Titles use the width there is."""
        self.refresh_data()

    def _show_coverage(self, coverage: list[Coverage]) -> None:
        matrix = self.query_one("#coverage", DataTable)
        keep = self.selected_competency()
        reset_columns(
            matrix,
            [
                ("Competency", "competency", COMPETENCY_WIDTH),
                ("", "covered", 1),
                *((story.id, story.id, max(5, len(story.id))) for story in self.stories),
            ],
        )
        for cover in coverage:
            flag = Text("✓", style="green") if cover.covered else Text("✗", style="bold red")
            matrix.add_row(
                Text(short(cover.competency.name, COMPETENCY_WIDTH)),
                flag,
                *(coverage_cell(story, cover) for story in self.stories),
                key=cover.competency.id,
            )
        if keep is not None and keep in {c.competency.id for c in coverage}:
            matrix.move_cursor(row=matrix.get_row_index(keep))

    def selected_story_id(self) -> str | None:
        """The id of the highlighted story, if any."""
        table = self.query_one("#stories-table", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return str(key) if key is not None else None

    def selected_competency(self) -> str | None:
        """The id of the highlighted competency in the matrix, if any."""
        matrix = self.query_one("#coverage", DataTable)
        if matrix.row_count == 0:
            return None
        key = matrix.coordinate_to_cell_key(matrix.cursor_coordinate).row_key.value
        return str(key) if key is not None else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter edits a story, or drafts a new one for a competency of the matrix."""
        if event.data_table.id == "coverage":
            self.open_editor(StoryInput(title="", competencies=(str(event.row_key.value),)))
        else:
            self.action_edit()

    # -- actions ---------------------------------------------------------------------------

    def action_add(self) -> None:
        """Write a new story."""
        self.open_editor(StoryInput(title=""))

    def action_edit(self) -> None:
        """Edit the highlighted story."""
        story_id = self.selected_story_id()
        if story_id is None:
            add = key_hint(self, "stories.add", "a")
            self.notify(f"No story yet: press {add} to write one.", timeout=3, markup=False)
            return
        story = next((s for s in self.planner.stories.bank() if s.id == story_id), None)
        if story is not None:
            self.open_editor(StoryInput.of(story), story_id=story_id)

    def open_editor(
        self,
        draft: StoryInput,
        *,
        story_id: str | None = None,
        problem: str = "",
        refill: Mapping[str, FieldValue] | None = None,
    ) -> StoryEditor:
        """Open the STAR editor; saving adds the story or updates `story_id`.

        `refill` holds recovered field values typed before the app last stopped.
        """
        pack = self.planner.session.pack()

        def stored(story: Story) -> None:
            findings = len(self.planner.stories.lint(story))
            verb = "updated" if story_id else "saved"
            self.notify(
                f"Story {story.id} {verb}; {findings} lint finding{'s' if findings != 1 else ''}.",
                timeout=4,
                markup=False,
            )

        def submit(form: FormScreen[StoryInput], entry: StoryInput) -> None:
            self.planner_app.save(
                lambda: self._store(entry, story_id), what="stories", then=stored, target=form
            )

        title = f"Edit story {story_id}" if story_id else "New story"
        editor = StoryEditor(
            pack.competencies,
            pack.pitfalls,
            draft,
            title=title,
            dirty=bool(problem),
            problem=problem,
            submit=submit,
        )
        editor.keep_as("stories", "story", story_id or "", title)
        if refill:
            editor.refill(refill)
        self.app.push_screen(editor)
        return editor

    def reopen_draft(self, draft: Draft) -> StoryEditor | None:
        """Open the editor again with text recovered after the app stopped mid-edit."""
        if draft.kind != "story":
            return None
        story = next(
            (s for s in self.planner.session.state().stories if s.id == draft.target), None
        )
        if story is None:
            return self.open_editor(StoryInput(title=""), refill=draft.fields)
        return self.open_editor(StoryInput.of(story), story_id=story.id, refill=draft.fields)

    def _store(self, draft: StoryInput, story_id: str | None) -> Story:
        if story_id is None:
            return self.planner.stories.add(draft)
        return self.planner.stories.update(story_id, StoryChange.to(draft))

    def action_rehearse(self) -> None:
        """Record a rehearsal of the highlighted story today."""
        story_id = self.selected_story_id()
        if story_id is None:
            return
        self.planner_app.save(
            lambda: self.planner.stories.rehearse(story_id), what="stories", then=self._rehearsed
        )

    def _rehearsed(self, story: Story) -> None:
        self.notify(
            f"Rehearsal recorded for {story.id} ({len(story.rehearsals)} so far); "
            f"it is {story.readiness}.",
            timeout=4,
            markup=False,
        )

    def action_delete(self) -> None:
        """Delete the highlighted story after a confirmation."""
        story_id = self.selected_story_id()
        if story_id is None:
            return
        story = next((s for s in self.stories if s.id == story_id), None)
        title = short(story.title, 50) if story else story_id

        def answered(yes: bool | None) -> None:
            if yes:
                self.planner_app.save(
                    lambda: self.planner.stories.delete(story_id),
                    what="stories",
                    then=lambda _: self.notify(
                        f"Story {story_id} deleted.", timeout=3, markup=False
                    ),
                )

        question = f"Delete story {story_id} ({title})? This cannot be undone."
        self.app.push_screen(ConfirmScreen(question, yes="Delete"), answered)

    def show_target(self, kind: str, target: str, round_id: str) -> None:
        """From a gap or a task: show the story `target`, or draft one for competency `target`."""
        if target in {s.id for s in self.stories}:
            table = self.query_one("#stories-table", DataTable)
            table.focus()
            table.move_cursor(row=table.get_row_index(target))
            return
        known = {c.id for c in self.planner.session.pack().competencies}
        chosen = (target,) if target in known else ()
        self.open_editor(StoryInput(title="", competencies=chosen))
