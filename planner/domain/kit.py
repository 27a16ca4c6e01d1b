"""The mock partner kit: a one-page script for the peer who runs a timed mock.

`partner_kit` picks the prompt (the one given, else a question of the round that fits the
seniority, probes the candidate's weakest dimension and was not practised recently), its
follow-ups, minute marks for the round's length, what weak and strong sound like on each
rubric dimension, the dimensions earlier mocks found weakest, and a scoring grid whose
rows are the `planner mock add --score DIM=N` dimension ids. `render_text` and
`render_markdown` (planner.domain.kit_render) print it. Pure: the same inputs give the same kit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from planner.domain.choice import RECENT_DAYS, is_recent, last_practised, rank_questions
from planner.domain.models import Mock, Pack, Question, QuestionType, Review
from planner.domain.performance import performance, weak_dimensions
from planner.domain.text import with_article

MAX_WEAK = 2
"""How many weak dimensions the kit asks the partner to probe."""
MAX_EXTRA = 2
"""How many further prompts the kit offers for time left over."""


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
