"""The mock partner kit: a one-page script for the peer who runs a timed mock.

`partner_kit` picks the prompt (the one given, else a question of the round that fits the
seniority, probes the candidate's weakest dimension and was not practised recently), its
follow-ups, minute marks for the round's length, what weak and strong sound like on each
rubric dimension, the dimensions earlier mocks found weakest, and a scoring grid whose
rows are the `planner mock add --score DIM=N` dimension ids. `render_text` and
`render_markdown` print it. Pure: the same inputs give the same kit.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from planner.domain.choice import RECENT_DAYS, is_recent, last_practised, rank_questions
from planner.domain.models import Mock, Pack, Question, QuestionType, Review
from planner.domain.performance import fmt, performance, weak_dimensions
from planner.domain.text import one_line, with_article

MAX_WEAK = 2
"""How many weak dimensions the kit asks the partner to probe."""
MAX_EXTRA = 2
"""How many further prompts the kit offers for time left over."""
WIDTH = 88
"""Line width of the plain-text kit."""
STOP = "Stop. Score every row of the grid before any feedback."


@dataclass(frozen=True)
class TimeCue:
    """One stretch of the session: from minute `start` to minute `end`."""

    start: int
    end: int
    phase: str
    cue: str


@dataclass(frozen=True)
class DimensionGuide:
    """One rubric dimension: what a 1, a 3 and a 5 sound like."""

    id: str
    name: str
    weak: str
    middle: str
    strong: str
    probe: bool
    """One of the candidate's weakest dimensions in earlier mocks of the round."""


@dataclass(frozen=True)
class WeakSpot:
    """A dimension under the bar in earlier mocks of the round."""

    id: str
    name: str
    average: float
    """Its average over the last (up to three) scored mocks of the round."""


@dataclass(frozen=True)
class Kit:
    """Everything the partner needs for one timed mock of one round."""

    company: str
    role: str
    round_id: str
    round_name: str
    minutes: int
    minutes_stated: bool
    """Whether the source states the round's length (else `minutes` is a planning block)."""
    counts_performance: bool
    """Whether timed sessions count towards the round's readiness (not the recruiter's)."""
    veto: bool
    """A Strong No in this round can veto the whole loop."""
    strong_no_below: float
    seniority: str | None
    prepared: dt.date
    question: Question
    question_type: QuestionType
    why: str
    """Why this prompt: chosen by the user, or what it probes and when it was last practised."""
    cues: tuple[TimeCue, ...]
    dimensions: tuple[DimensionGuide, ...]
    weakest: tuple[WeakSpot, ...]
    earlier_mocks: int
    """Scored mocks of the round the weak spots come from."""
    bar: float
    extra: tuple[Question, ...] = ()
    """Further prompts of the round for time left over, best first."""

    @property
    def follow_ups(self) -> tuple[str, ...]:
        """What the partner asks next (3-5)."""
        return self.question.follow_ups

    @property
    def strong_points(self) -> tuple[str, ...]:
        """What a strong answer covers (3-5)."""
        return self.question.strong_points

    @property
    def score_ids(self) -> tuple[str, ...]:
        """The scoring grid's rows: the round's rubric dimension ids, in rubric order."""
        return tuple(d.id for d in self.dimensions)

    @property
    def log_command(self) -> str:
        """The command that logs the mock, one `--score DIM=N` per grid row (N to fill in)."""
        scores = " ".join(f"--score {d}=N" for d in self.score_ids)
        return (
            f"planner mock add --round {self.round_id} --minutes {self.minutes} "
            f"--question {self.question.id} --partner NAME {scores}"
        )


def time_cues(question_type: QuestionType, minutes: int) -> tuple[TimeCue, ...]:
    """The type's phases as minute marks over a session of `minutes` (half-minutes round up)."""
    cues: list[TimeCue] = []
    start = 0
    total = 0.0
    phases = question_type.phases
    for n, phase in enumerate(phases):
        total += phase.share
        mark = int(round(minutes * total, 6) + 0.5)  # 13.5 is 14, even after float drift
        end = minutes if n == len(phases) - 1 else min(minutes, mark)
        end = max(end, start)
        cues.append(TimeCue(start, end, phase.name, phase.cue))
        start = end
    return tuple(cues)


def partner_kit(
    pack: Pack,
    round_id: str,
    seniority: str | None,
    mocks: Sequence[Mock],
    reviews: Iterable[Review],
    today: dt.date,
    question_id: str | None = None,
    why: str = "chosen for this mock",
) -> Kit:
    """The partner kit for a timed mock of `round_id`.

    Without a seniority (no plan yet) the kit picks only among questions open to every
    seniority, but any question of the round may be given (`why` says why it was given).
    Raises ValueError (one line, naming the valid choices) for a round the pack lacks, a
    question that is not in the round, or one not offered to this seniority.
    """
    if round_id not in pack.round_ids:
        raise ValueError(f"unknown round '{round_id}' (valid: {', '.join(pack.round_ids)})")
    rnd = pack.round(round_id)
    rubric = pack.rubric(round_id)
    reviews = tuple(reviews)
    names = {d.id: d.name for d in rubric.dimensions}
    perf = performance(rnd, rubric, mocks, seniority)
    weak = tuple(
        WeakSpot(dim, name, average)
        for dim, name, average in weak_dimensions(perf, names, limit=MAX_WEAK)
    )
    weak_ids = tuple(w.id for w in weak)
    ranked = rank_questions(pack, round_id, seniority, reviews, today, weak_ids, mocks)
    if question_id is None:
        if not ranked:
            raise ValueError(f"the {round_id} round has no question for {seniority or 'you'}")
        question = ranked[0]
        why = _why(question, weak, last_practised(reviews, mocks).get(question.id), today)
    else:
        question = _given(pack, round_id, question_id, seniority)
    probe = set(weak_ids)
    guides = tuple(
        DimensionGuide(
            id=d.id,
            name=d.name,
            weak=d.anchors.get(1, ""),
            middle=d.anchors.get(3, ""),
            strong=d.anchors.get(5, ""),
            probe=d.id in probe,
        )
        for d in rubric.dimensions
    )
    qtype = pack.question_type(question.type)
    return Kit(
        company=pack.company,
        role=pack.role,
        round_id=rnd.id,
        round_name=rnd.name,
        minutes=rnd.minutes,
        minutes_stated=rnd.minutes_stated,
        counts_performance=rnd.readiness.counts_performance,
        veto=rnd.veto,
        strong_no_below=rnd.readiness.strong_no_below,
        seniority=seniority,
        prepared=today,
        question=question,
        question_type=qtype,
        why=why,
        cues=time_cues(qtype, rnd.minutes),
        dimensions=guides,
        weakest=weak,
        earlier_mocks=min(3, len(perf.sessions)),
        bar=perf.bar,
        extra=tuple(q for q in ranked if q.id != question.id)[:MAX_EXTRA],
    )


def _given(pack: Pack, round_id: str, question_id: str, seniority: str | None) -> Question:
    own = [q for q in pack.questions if q.round == round_id]
    question = next((q for q in own if q.id == question_id), None)
    if question is None:
        valid = ", ".join(q.id for q in own if seniority is None or q.fits(seniority))
        raise ValueError(f"unknown {round_id} question '{question_id}' (valid: {valid})")
    if seniority is not None and not question.fits(seniority):
        raise ValueError(
            f"question '{question_id}' is for {', '.join(question.seniority)} candidates, "
            f"not {with_article(seniority)} one"
        )
    return question


def _why(question: Question, weak: Sequence[WeakSpot], last: dt.date | None, today: dt.date) -> str:
    probed = [w for w in weak if w.id in question.dimensions]
    if last is None:
        when = "never practised"
    elif is_recent(last, today):
        when = f"last practised {last.isoformat()} (every better fit was practised more recently)"
    else:
        when = f"not practised in the last {RECENT_DAYS} days"
    if probed:
        first = probed[0]
        which = "the weakest dimension" if first == weak[0] else "a weak dimension"
        return f"probes {first.name.lower()}, {which} in earlier mocks; {when}"
    if weak:
        return f"no question of the round probes the weak dimensions; {when}"
    return f"no weak dimension to aim at yet; {when}"


# -- plain text ---------------------------------------------------------------------------


def _wrap_at(text: str, indent: str, hang: str | None = None, width: int = WIDTH) -> list[str]:
    return textwrap.wrap(
        one_line(text),
        width=width,
        initial_indent=indent,
        subsequent_indent=hang if hang is not None else indent,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


def _length(kit: Kit) -> str:
    if kit.minutes_stated:
        return f"{kit.minutes}-minute round"
    return f"{kit.minutes}-minute block (a planning length: the source gives none)"


def _about(kit: Kit) -> str:
    """Who the candidate is, the session's length, the veto, the date."""
    facts = [f"candidate: {kit.seniority or 'no plan yet'}", _length(kit)]
    if kit.veto:
        facts.append(f"a Strong No here (under {fmt(kit.strong_no_below)}) can veto the loop")
    if not kit.counts_performance:
        facts.append("practice only: timed sessions do not count towards this round's readiness")
    facts.append(f"prepared {kit.prepared.isoformat()}")
    return " · ".join(facts)


def _score(kit: Kit, weak: WeakSpot) -> str:
    """A weak dimension's score: the one mock's, or the average of several."""
    if kit.earlier_mocks == 1:
        return f"scored {fmt(weak.average)}"
    return f"{fmt(weak.average)} on average"


def _mark(minute: int) -> str:
    return f"{minute:02d}"


def render_text(kit: Kit, width: int = WIDTH, log_it: bool = True) -> str:
    """The kit as plain text for a terminal or a printout (about one page), wrapped at
    `width`; without `log_it` it ends at the scoring grid (a front end that logs the scores
    itself says how)."""
    out: list[str] = []

    def wrap(text: str, indent: str, hang: str | None = None) -> list[str]:
        return _wrap_at(text, indent, hang, max(20, width))

    title = f"PARTNER KIT: {kit.round_name} ({kit.company} {kit.role})"
    out += wrap(title, "", "  ")
    out += wrap(_about(kit), "")
    out.append("")
    out.append(f"PROMPT  {kit.question.id} ({one_line(kit.question_type.name)})")
    out += wrap(kit.question.prompt, "  ")
    out += wrap(f"Why this one: {kit.why}.", "  ")
    out.append("")
    out.append("FOLLOW-UPS")
    for n, text in enumerate(kit.follow_ups, 1):
        out += wrap(text, f"  {n}. ", "     ")
    out.append("")
    out.append("A STRONG ANSWER COVERS")
    for text in kit.strong_points:
        out += wrap(text, "  - ", "    ")
    out.append("")
    out.append(f"TIME CUES ({kit.minutes} min)")
    for cue in kit.cues:
        head = f"  {_mark(cue.start)}-{_mark(cue.end)}  "
        out += wrap(f"{cue.phase}: {cue.cue}", head, " " * len(head))
    out += wrap(STOP, f"  {_mark(kit.minutes)}     ", " " * 9)
    if kit.extra:
        out.append("")
        out.append("EXTRA PROMPTS (if time is left)")
        for q in kit.extra:
            out += wrap(f"{q.id}: {q.prompt}", "  - ", "    ")
    out.append("")
    out.append("PROBE FIRST")
    out += wrap(_weak_head(kit), "  ")
    for w in kit.weakest:
        out += wrap(f"{w.name} ({w.id}): {_score(kit, w)}", "  - ", "    ")
    out.append("")
    out.append("WHAT WEAK AND STRONG SOUND LIKE")
    for d in kit.dimensions:
        mark = "  [probe]" if d.probe else ""
        out.append(f"  {one_line(d.name)} ({d.id}){mark}")
        for score, text in ((1, d.weak), (3, d.middle), (5, d.strong)):
            if text:
                out += wrap(text, f"    {score}  ", "       ")
    out.append("")
    out.append("SCORING GRID (1-5, one --score per row)")
    column = max(len(d) for d in kit.score_ids)
    out.append(f"  {'dimension'.ljust(column)}  1  2  3  4  5  score")
    for dim in kit.score_ids:
        out.append(f"  {dim.ljust(column)}  o  o  o  o  o  ___")
    if log_it:
        out.append("")
        out.append("LOG IT")
        out += wrap(FILL_IN, "  ")
        out += _command_lines(kit)
    return "\n".join(out) + "\n"


def _weak_head(kit: Kit) -> str:
    """The line above the weak dimensions (or instead of them)."""
    bar = fmt(kit.bar)
    if not kit.earlier_mocks:
        return f"No scored mock of this round yet: probe every dimension evenly (bar {bar})."
    mocks = (
        "the last scored mock"
        if kit.earlier_mocks == 1
        else f"the last {kit.earlier_mocks} scored mocks"
    )
    if not kit.weakest:
        return f"Every dimension at or above the bar ({bar}) in {mocks}: push for 5s."
    return f"Under the bar ({bar}) in {mocks} of this round:"


def _command_lines(kit: Kit, indent: str = "  ") -> list[str]:
    """The log command over lines joined with a backslash: one `--score` per line."""
    parts = re.split(r" (?=--score |--question )", kit.log_command)
    lines = [indent + parts[0]] + [f"{indent}  {part}" for part in parts[1:]]
    return [line + " \\" for line in lines[:-1]] + lines[-1:]


FILL_IN = "Put each score in place of N and the partner's name in place of NAME."


# -- Markdown -------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~!])")
_MD_LEADING = re.compile(r"^(\d+)([.)])|^([+\-=>])")


def md_escape(text: str) -> str:
    """Text shown literally in Markdown: one line, every markup character escaped."""
    flat = _MD_SPECIAL.sub(r"\\\1", one_line(text))
    return _MD_LEADING.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", flat)


def render_markdown(kit: Kit) -> str:
    """The kit as Markdown: content text is escaped, ids sit in code spans."""
    e = md_escape
    out = [
        f"# Partner kit: {e(kit.round_name)}",
        "",
        e(f"{kit.company} {kit.role} · {_about(kit)}"),
    ]
    out += ["", f"## Prompt (`{kit.question.id}`, {e(kit.question_type.name)})", ""]
    out += [f"> {e(kit.question.prompt)}", "", f"Why this one: {e(kit.why)}.", ""]
    out += ["## Follow-ups", ""]
    out += [f"{n}. {e(text)}" for n, text in enumerate(kit.follow_ups, 1)]
    out += ["", "## A strong answer covers", ""]
    out += [f"- {e(text)}" for text in kit.strong_points]
    out += ["", f"## Time cues ({kit.minutes} min)", ""]
    out += ["| Minutes | Phase | What to do |", "| --- | --- | --- |"]
    for cue in kit.cues:
        span = f"{_mark(cue.start)}–{_mark(cue.end)}"
        out.append(f"| {span} | {e(cue.phase)} | {e(cue.cue)} |")
    out.append(f"| {_mark(kit.minutes)} | Score | {e(STOP)} |")
    if kit.extra:
        out += ["", "## Extra prompts (if time is left)", ""]
        out += [f"- `{q.id}`: {e(q.prompt)}" for q in kit.extra]
    out += ["", "## Probe first", "", e(_weak_head(kit))]
    if kit.weakest:
        out.append("")
        out += [f"- {e(w.name)} (`{w.id}`): {_score(kit, w)}" for w in kit.weakest]
    out += ["", "## What weak and strong sound like", ""]
    out += ["| Dimension | 1 (weak) | 3 | 5 (strong) |", "| --- | --- | --- | --- |"]
    for d in kit.dimensions:
        probe = " **probe**" if d.probe else ""
        out.append(
            f"| {e(d.name)} (`{d.id}`){probe} | {e(d.weak)} | {e(d.middle)} | {e(d.strong)} |"
        )
    out += ["", "## Scoring grid (one `--score` per row)", ""]
    out += ["| Dimension | 1 | 2 | 3 | 4 | 5 |", "| --- | --- | --- | --- | --- | --- |"]
    out += [f"| `{dim}` | ☐ | ☐ | ☐ | ☐ | ☐ |" for dim in kit.score_ids]
    out += ["", "## Log it", "", e(FILL_IN), "", "```sh", *_command_lines(kit, indent=""), "```"]
    return "\n".join(out) + "\n"
