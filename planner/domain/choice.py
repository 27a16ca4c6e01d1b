"""Which question to practise next: one that probes a weak rubric dimension, fits the
candidate's seniority, and was not practised recently. Pure and deterministic."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence

from planner.domain.models import Mock, Pack, Question, Review

RECENT_DAYS = 7
"""A question practised this many days ago or fewer counts as practised recently."""


def offered(pack: Pack, round_id: str, seniority: str | None) -> list[Question]:
    """The round's questions that may be offered to this seniority, in bank order."""
    return [q for q in pack.questions if q.round == round_id and q.fits(seniority)]


def last_practised(reviews: Iterable[Review], mocks: Iterable[Mock] = ()) -> dict[str, dt.date]:
    """The latest day each question was practised: reviewed, or asked in a logged mock."""
    last: dict[str, dt.date] = {}
    days = [(r.question, r.reviewed) for r in reviews]
    days += [(m.question, m.date) for m in mocks if m.question]
    for question_id, day in days:
        if day > last.get(question_id, dt.date.min):
            last[question_id] = day
    return last


def is_recent(day: dt.date | None, today: dt.date, recent_days: int = RECENT_DAYS) -> bool:
    """Whether a practice on `day` is recent as of `today` (never practised: not recent)."""
    return day is not None and (today - day).days <= recent_days


def rank_questions(
    pack: Pack,
    round_id: str,
    seniority: str | None,
    reviews: Iterable[Review],
    today: dt.date,
    dimensions: Sequence[str] = (),
    mocks: Iterable[Mock] = (),
    recent_days: int = RECENT_DAYS,
    avoid: Collection[str] = (),
) -> list[Question]:
    """The round's questions for this seniority, best first.

    `dimensions` are the dimensions to probe, weakest first. A question that probes the
    weakest one comes before one that probes only the next; among those, one not practised
    recently (nor in `avoid`: questions already set for other work) comes first, then one
    that probes more of them, then the one practised longest ago (never practised first),
    then bank order. Questions that probe none come last.
    """
    last = last_practised(reviews, mocks)
    candidates = offered(pack, round_id, seniority)
    order = {q.id: n for n, q in enumerate(candidates)}

    def key(q: Question) -> tuple[int, bool, int, dt.date, int]:
        probed = [n for n, d in enumerate(dimensions) if d in q.dimensions]
        day = last.get(q.id)
        return (
            min(probed, default=len(dimensions)),
            is_recent(day, today, recent_days) or q.id in avoid,
            -len(probed),
            day or dt.date.min,
            order[q.id],
        )

    return sorted(candidates, key=key)


def drill_question(
    pack: Pack,
    round_id: str,
    dimension: str,
    seniority: str | None,
    reviews: Iterable[Review],
    today: dt.date,
    mocks: Iterable[Mock] = (),
    avoid: Collection[str] = (),
) -> Question | None:
    """The question a drill on one weak rubric dimension of a round should use.

    It probes `dimension` and was neither practised in the last `RECENT_DAYS` days nor is in
    `avoid` (set for other work) when the bank has one for this seniority; else the probing
    question practised longest ago; else
    (no question of the round probes it) the round's question practised longest ago. None
    only when the round has no question for this seniority. Raises ValueError for a round
    the pack lacks or a dimension its rubric lacks.
    """
    if round_id not in pack.round_ids:
        raise ValueError(f"unknown round '{round_id}' (valid: {', '.join(pack.round_ids)})")
    dims = [d.id for d in pack.rubric(round_id).dimensions]
    if dimension not in dims:
        raise ValueError(
            f"unknown {round_id} rubric dimension '{dimension}' (valid: {', '.join(dims)})"
        )
    ranked = rank_questions(
        pack, round_id, seniority, reviews, today, (dimension,), mocks, avoid=avoid
    )
    return ranked[0] if ranked else None
