"""The STAR story editor, with the pack's lint run live as you type."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Select, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from planner.domain.models import READINESS_LEVELS, Competency, LintRule, Story
from planner.domain.stories import STAR_FIELDS, Finding, lint
from planner.service import validate
from planner.service.inputs import TITLE_LIMIT, StoryInput
from planner.tui.forms.base import FieldError, FormScreen, Submit, form_buttons
from planner.tui.widgets.fields import TextBox, TextField
from planner.tui.widgets.footer import Footer
from planner.tui.widgets.tickbox import TickList

WIDE = 110
"""From this terminal width on, the lint panel sits beside the fields instead of below."""


def as_story(draft: StoryInput, story_id: str = "draft") -> Story:
    """The story an input describes, to lint while it is typed."""
    return Story(
        id=story_id,
        title=draft.title,
        situation=draft.situation,
        task=draft.task,
        action=draft.action,
        result=draft.result,
        competencies=tuple(draft.competencies),
        readiness=draft.readiness,
    )


def findings_text(findings: Sequence[Finding]) -> Text:
    """The lint findings as styled text (rule id, field, problem, fix), or an all-clear."""
    if not findings:
        return Text("No lint findings: the story clears every pitfall check.", style="green")
    out = Text()
    count = len(findings)
    out.append(f"{count} finding{'s' if count != 1 else ''}\n", style="bold")
    for finding in findings:
        out.append(f"\n{finding.rule}", style="bold yellow")
        out.append(f" ({finding.field})\n", style="dim")
        out.append(f"{finding.message}\n")
        out.append(f"Fix: {finding.fix}\n", style="italic")
    return out


class StoryEditor(FormScreen[StoryInput]):
    """Write or edit a STAR story; the lint panel updates as the text changes."""

    FIELDS = {name: name for name in ("title", "situation", "task", "action", "result")}

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]

    def __init__(
        self,
        competencies: Sequence[Competency],
        pitfalls: Sequence[LintRule],
        initial: StoryInput | None = None,
        *,
        title: str = "New story",
        dirty: bool = False,
        problem: str = "",
        submit: Submit[StoryInput] | None = None,
    ) -> None:
        super().__init__(dirty=dirty, problem=problem, submit=submit)
        self.competencies = tuple(competencies)
        self.pitfalls = tuple(pitfalls)
        self.initial = initial or StoryInput(title="")
        self.form_title = title
        self.findings: list[Finding] = []
        """The lint findings for the text as it stands."""

    def compose(self) -> ComposeResult:
        draft = self.initial
        # Lay out for the terminal from the start: a late switch leaves text wrapped too wide.
        wide = self.app.size.width >= WIDE
        self.set_class(wide, "-wide")
        self.set_class(not wide, "-narrow")
        with Vertical(classes="form story-editor"):
            yield Label(self.form_title, classes="form-title", markup=False)
            yield self.problem_line()
            with Horizontal(id="story-body"):
                with VerticalScroll(classes="form-fields", id="story-fields"):
                    with Horizontal(classes="field"):
                        yield Label("Title", classes="field-label")
                        yield TextField(
                            draft.title,
                            id="title",
                            placeholder="required",
                            compact=True,
                            select_on_focus=False,
                            max_length=TITLE_LIMIT,
                        )
                    yield FieldError("title")
                    for name in STAR_FIELDS:
                        yield Label(name.capitalize(), classes="section")
                        yield TextBox(
                            getattr(draft, name), id=name, classes="star-text", compact=True
                        )
                        yield FieldError(name)
                    with Horizontal(classes="field"):
                        yield Label("Readiness", classes="field-label")
                        yield Select(
                            [(Text(level), level) for level in READINESS_LEVELS],
                            value=draft.readiness,
                            allow_blank=False,
                            compact=True,
                            id="readiness",
                        )
                    yield Label("Competencies it shows (space toggles)", classes="section")
                    yield TickList(
                        *(
                            Selection(Text(c.name), c.id, c.id in draft.competencies)
                            for c in self.competencies
                        ),
                        id="competencies",
                    )
                with VerticalScroll(id="lint-panel"):
                    yield Static(Text(""), id="lint")
            yield from form_buttons()
        yield Footer()

    def on_mount(self) -> None:
        """Lint the opening text and start in the title."""
        self.relint()
        self.query_one("#title", Input).focus()

    def current(self) -> StoryInput:
        """The fields as they stand (not validated)."""
        readiness = self.query_one("#readiness", Select).value
        return StoryInput(
            title=self.query_one("#title", Input).value,
            situation=self.query_one("#situation", TextArea).text,
            task=self.query_one("#task", TextArea).text,
            action=self.query_one("#action", TextArea).text,
            result=self.query_one("#result", TextArea).text,
            competencies=tuple(self.query_one("#competencies", SelectionList).selected),
            readiness=readiness if isinstance(readiness, str) else "draft",
        )

    def relint(self) -> None:
        """Run the pack's pitfall rules over the current text."""
        self.findings = lint(as_story(self.current()), self.pitfalls)
        self.query_one("#lint", Static).update(findings_text(self.findings))

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """Typing in a STAR field re-runs the lint."""
        self.relint()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Typing in the title re-runs the lint."""
        self.relint()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the title moves on to the situation."""
        event.stop()
        self.focus_next()

    def snapshot(self) -> object:
        """Every field's current value."""
        draft = self.current()
        return (
            *(getattr(draft, f) for f in ("title", *STAR_FIELDS)),
            draft.readiness,
            tuple(sorted(draft.competencies)),
        )

    def collect(self) -> StoryInput | None:
        """The story, or None when the title is empty or a text is too long."""
        draft = self.current()
        title = self.check("title", lambda: validate.text("title", draft.title, True, TITLE_LIMIT))
        texts: dict[str, str] = {}
        for name in STAR_FIELDS:
            value = self.check(name, partial(validate.text, name, getattr(draft, name)))
            if value is not None:
                texts[name] = value
        if title is None or len(texts) < len(STAR_FIELDS):
            return None
        return StoryInput(
            title=title,
            competencies=draft.competencies,
            readiness=draft.readiness,
            **texts,
        )
