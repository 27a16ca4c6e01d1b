"""The form that logs or edits a mock: date, minutes, partner, question and rubric scores."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from planner.dates import LOGGED, parse_date
from planner.domain.models import Pack, RubricDimension
from planner.errors import InputError
from planner.service import validate
from planner.service.inputs import (
    MAX_MOCK_MINUTES,
    MIN_MOCK_MINUTES,
    PARTNER_LIMIT,
    MockInput,
)
from planner.tui.forms.base import FieldError, FormScreen, Submit, form_buttons
from planner.tui.forms.mock_shared import (
    length_for_round,
    question_options,
    question_row,
    round_row,
)
from planner.tui.widgets.fields import TextBox, TextField
from planner.tui.widgets.footer import Footer


def anchors_text(dimension: RubricDimension) -> str:
    """The 1/3/5 anchors of a dimension, one per line."""
    return "\n".join(f"{n}: {text}" for n, text in sorted(dimension.anchors.items()))


class MockForm(FormScreen[MockInput]):
    """Log a mock (or edit one): each rubric dimension of the round may get a 1-5 score
    (one left empty is not scored; a session not fully scored counts half in readiness)."""

    AUTO_FOCUS = ""
    """None: `on_mount` focuses the first score, what a mock form is opened to type, without
    scrolling the round and date away (Textual's auto focus scrolls the field to the middle)."""

    FIELDS = {
        "date": "date",
        "minutes": "minutes",
        "partner": "partner",
        "notes": "notes",
        "follow_ups": "follow-ups",
    }

    def __init__(
        self,
        pack: Pack,
        today: dt.date,
        initial: MockInput | None = None,
        *,
        title: str = "Log a mock",
        dirty: bool = False,
        problem: str = "",
        submit: Submit[MockInput] | None = None,
    ) -> None:
        super().__init__(dirty=dirty, problem=problem, submit=submit)
        self.pack = pack
        self.today = today
        self.initial = initial or MockInput(round=pack.round_ids[0])
        self.form_title = title
        self.round_id = self.initial.round
        """The round whose rubric the form shows now."""

    def compose(self) -> ComposeResult:
        draft = self.initial
        with Vertical(classes="form"):
            yield Label(self.form_title, classes="form-title", markup=False)
            yield self.problem_line()
            fields = VerticalScroll(classes="form-fields")
            # Not focusable: the first score, not the scroll area, gets the keys typed right
            # after `m a` (its PageUp/PageDown still work from any field inside it).
            fields.can_focus = False
            with fields:
                yield round_row(self.pack, draft.round, "round")
                with Horizontal(classes="field"):
                    yield Label("Date", classes="field-label")
                    yield TextField(
                        (draft.date or self.today).isoformat(),
                        id="date",
                        placeholder="YYYY-MM-DD",
                        compact=True,
                    )
                    yield Label("", id="date-hint", markup=False)
                yield FieldError("date")
                with Horizontal(classes="field"):
                    yield Label("Minutes", classes="field-label")
                    yield TextField(
                        str(draft.minutes), id="minutes", placeholder="1-600", compact=True
                    )
                yield FieldError("minutes")
                with Horizontal(classes="field"):
                    yield Label("Partner", classes="field-label")
                    yield TextField(
                        draft.partner,
                        id="partner",
                        placeholder="optional",
                        compact=True,
                        select_on_focus=False,
                        max_length=PARTNER_LIMIT,
                    )
                yield FieldError("partner")
                yield question_row(
                    question_options(self.pack, draft.round, draft.question),
                    draft.question,
                    "question",
                )
                yield Label("Scores, 1 to 5 or empty (anchors below each)", classes="section")
                with Vertical(id="dims"):
                    yield from self._dimension_rows(draft.round, draft.scores)
                yield Label("Notes", classes="section")
                yield TextBox(draft.notes, id="notes", classes="short-text", compact=True)
                yield FieldError("notes")
                yield Label("Follow-ups", classes="section")
                yield TextBox(draft.follow_ups, id="follow-ups", classes="short-text", compact=True)
                yield FieldError("follow-ups")
            yield from form_buttons()
        yield Footer()

    def _dimension_rows(self, round_id: str, scores: Mapping[str, int | str]) -> list[Widget]:
        """The score rows of a round's rubric, built without a compose context so that a new
        round can mount them later (a `with` block needs one and fails outside compose)."""
        rows: list[Widget] = []
        for n, dim in enumerate(self.pack.rubric(round_id).dimensions):
            value = str(scores[dim.id]) if dim.id in scores else ""
            rows.append(
                Horizontal(
                    Label(dim.name, classes="dim-name", markup=False),
                    TextField(
                        value, id=f"score-{n}", placeholder="1-5", classes="score", compact=True
                    ),
                    classes="field dim-row",
                )
            )
            rows.append(FieldError(f"score-{n}"))
            rows.append(Static(anchors_text(dim), classes="anchors", markup=False))
        return rows

    def on_mount(self) -> None:
        """Start in the first field that needs typing, with the form's head (its round and
        date) still in view: focusing the first score would scroll them away at 80x24."""
        first = self.query("#dims Input")
        (first.first(Input) if first else self.query_one("#date", Input)).focus(
            scroll_visible=False
        )
        self._show_date(self._value("date"))

    @on(Input.Changed, "#date")
    def _date_typed(self, event: Input.Changed) -> None:
        self._show_date(event.value)

    def _show_date(self, text: str) -> None:
        """Say beside the date field which day it understood (or that it is not one yet)."""
        try:
            day = parse_date(text, "date", self.today, LOGGED)
        except InputError:
            hint = "not a date yet" if text.strip() else ""
        else:
            hint = f"{day:%a %d %b %Y}"
        self.query_one("#date-hint", Label).update(hint)

    async def on_select_changed(self, event: Select.Changed) -> None:
        """A new round brings its own rubric and questions."""
        if event.select.id != "round" or not isinstance(event.value, str):
            return
        if event.value == self.round_id:
            return
        minutes = self.query_one("#minutes", Input)
        length = length_for_round(self.pack, minutes.value, self.round_id, event.value)
        if length is not None:
            minutes.value = length
        self.round_id = event.value
        dims = self.query_one("#dims", Vertical)
        await dims.remove_children()
        await dims.mount_all(self._dimension_rows(self.round_id, {}))
        self.query_one("#question", Select).set_options(question_options(self.pack, self.round_id))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves on to the next field."""
        event.stop()
        self.focus_next()

    def widget_for(self, field: str) -> str:
        """Score errors (`scores.<dimension>`) go under that dimension's score."""
        dims = [d.id for d in self._dimensions()]
        dim = field.removeprefix("scores.")
        if field.startswith("scores.") and dim in dims:
            return f"score-{dims.index(dim)}"
        return super().widget_for(field)

    def _dimensions(self) -> tuple[RubricDimension, ...]:
        return self.pack.rubric(self.round_id).dimensions

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value

    def _text(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", TextArea).text

    def snapshot(self) -> object:
        """Every field's current value."""
        question = self.query_one("#question", Select).value
        return (
            self.round_id,
            self._value("date"),
            self._value("minutes"),
            self._value("partner"),
            question if isinstance(question, str) else "",
            tuple(self._value(f"score-{n}") for n in range(len(self._dimensions()))),
            self._text("notes"),
            self._text("follow-ups"),
        )

    def _parse_date(self) -> dt.date:
        day = parse_date(self._value("date"), "date", self.today, LOGGED)
        if day > self.today:
            raise InputError(f"the mock date {day.isoformat()} is in the future")
        return day

    def _parse_score(self, dim: RubricDimension, raw: str) -> int:
        """A typed score, checked by the service's own rule for scores."""
        return validate.scores(self.pack, self.round_id, {dim.id: raw})[dim.id]

    def collect(self) -> MockInput | None:
        """The mock, or None when a field is wrong (each error shown under its field)."""
        day = self.check("date", self._parse_date)
        minutes = self.check(
            "minutes",
            lambda: validate.whole_number(
                "minutes",
                self._value("minutes"),
                MIN_MOCK_MINUTES,
                MAX_MOCK_MINUTES,
            ),
        )
        partner = self.check(
            "partner", lambda: validate.text("partner", self._value("partner"), limit=PARTNER_LIMIT)
        )
        notes = self.check("notes", lambda: validate.text("notes", self._text("notes")))
        follow_ups = self.check(
            "follow-ups", lambda: validate.text("follow-ups", self._text("follow-ups"))
        )
        scores: dict[str, int] = {}
        scores_ok = True
        for n, dim in enumerate(self._dimensions()):
            raw = self._value(f"score-{n}").strip()
            if not raw:  # not scored, as `planner mock add` without that --score
                self.error(f"score-{n}", "")
                continue
            score = self.check(f"score-{n}", partial(self._parse_score, dim, raw))
            if score is None:
                scores_ok = False
            else:
                scores[dim.id] = score
        if day is None or minutes is None or partner is None or notes is None:
            return None
        if follow_ups is None or not scores_ok:
            return None
        question = self.query_one("#question", Select).value
        return MockInput(
            round=self.round_id,
            date=day,
            minutes=minutes,
            scores=scores,
            partner=partner,
            question=question if isinstance(question, str) else "",
            notes=notes,
            follow_ups=follow_ups,
        )
