"""What the mock form and the timed mock share: their Round and Question rows, the question
list of a round, the question's text, the length that follows a new round, and what a
finished timed mock hands to the scoring form."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rich.text import Text
from textual.containers import Horizontal
from textual.widgets import Label, Select

from planner.domain.models import Pack
from planner.domain.text import one_line

PROMPT_WIDTH = 60


@dataclass(frozen=True)
class TimedResult:
    """What a finished timed mock hands to the scoring form."""

    round_id: str
    question: str
    date: dt.date
    minutes: int
    """Minutes actually used, rounded, at least 1."""


def short(text: str, width: int = PROMPT_WIDTH) -> str:
    """One line of at most `width` terminal cells, ending in `…` when cut (emoji take two)."""
    from rich.cells import cell_len, set_cell_size

    line = one_line(text)
    if cell_len(line) <= width:
        return line
    return set_cell_size(line, max(0, width - 1)).rstrip() + "…"


def question_options(pack: Pack, round_id: str, keep: str = "") -> list[tuple[Text, str]]:
    """The round's questions as Select options (plus `keep` when it is from elsewhere)."""
    options = [(Text(short(q.prompt)), q.id) for q in pack.questions if q.round == round_id]
    if keep and keep not in {value for _, value in options}:
        known = {q.id: q for q in pack.questions}
        label = short(known[keep].prompt) if keep in known else keep
        options.append((Text(label), keep))
    return options


def round_row(pack: Pack, round_id: str, select_id: str) -> Horizontal:
    """The Round row: a choice of the pack's rounds, `round_id` chosen."""
    return Horizontal(
        Label("Round", classes="field-label"),
        Select(
            [(Text(r.name), r.id) for r in pack.rounds],
            value=round_id,
            allow_blank=False,
            compact=True,
            id=select_id,
        ),
        classes="field",
    )


def question_row(options: list[tuple[Text, str]], question: str, select_id: str) -> Horizontal:
    """The Question row: the round's questions, `question` chosen ('' for none)."""
    return Horizontal(
        Label("Question", classes="field-label"),
        Select(
            options,
            value=question or Select.NULL,
            prompt="No question",
            compact=True,
            id=select_id,
        ),
        classes="field",
    )


def question_text(pack: Pack, question_id: str) -> str:
    """A question's prompt with its approach and hints (or what to do without one)."""
    known = {q.id: q for q in pack.questions}
    if question_id not in known:
        return "No question picked: practise any question of the round."
    q = known[question_id]
    hints = "\n".join(f"- {h}" for h in q.hints)
    return f"{q.prompt}\n\nApproach: {q.framework}\n{hints}"


def length_for_round(pack: Pack, typed: str, old_round: str, new_round: str) -> str | None:
    """The minutes a new round brings when the field still holds the old round's length;
    None when the user typed a length of their own (it is kept)."""
    if old_round not in pack.round_ids or new_round not in pack.round_ids:
        return None
    if typed.strip() != str(pack.round(old_round).minutes):
        return None
    return str(pack.round(new_round).minutes)
