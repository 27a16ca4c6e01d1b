"""Spaced-repetition scheduling of practice questions, in whole days (FSRS)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from planner.domain.models import RATINGS, Question, Review

_REVIEW_HOUR = 12
"""Reviews are placed at noon UTC of their day, so a day-level due date never slips a day."""
AGAIN_WITHIN_DAYS = 2


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, _REVIEW_HOUR, tzinfo=dt.UTC)


def next_review(history: Sequence[Review], rating: str, today: dt.date) -> Review:
    """The review of a question rated `rating` today, given its earlier reviews (oldest first).

    The card is rebuilt from the history, so the result depends only on the inputs.
    """
    if rating not in RATINGS:
        raise ValueError(f"rating must be one of {', '.join(RATINGS)}, not {rating!r}")
    from fsrs import Card, Rating, Scheduler  # only when practising: keeps start-up fast

    # Day-level scheduling: no minute-long learning steps, no random fuzz (deterministic).
    scheduler = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    ratings = {"again": Rating.Again, "hard": Rating.Hard, "good": Rating.Good, "easy": Rating.Easy}
    card = Card(card_id=1)
    for past in history:
        card, _ = scheduler.review_card(card, ratings[past.rating], _moment(past.reviewed))
    card, _ = scheduler.review_card(card, ratings[rating], _moment(today))
    due = max(card.due.astimezone(dt.UTC).date(), today + dt.timedelta(days=1))
    if rating == "again":
        # A lapse comes back within a day or two, however long the question was known.
        due = min(due, today + dt.timedelta(days=AGAIN_WITHIN_DAYS))
    return Review(question="", reviewed=today, rating=rating, due=due)


@dataclass(frozen=True)
class QuestionStatus:
    """A question with its practice state as of one day."""

    question: Question
    reviews: int
    last_rating: str
    due: dt.date
    """The day it is next due; a never-practised question is due from the first day."""

    def is_due(self, today: dt.date) -> bool:
        """Whether it should be practised today (never practised, or due today or earlier)."""
        return self.reviews == 0 or self.due <= today

    def is_overdue(self, today: dt.date) -> bool:
        """Whether a practised question has passed its due day."""
        return self.reviews > 0 and self.due < today


def statuses(
    questions: Iterable[Question], reviews: Iterable[Review], today: dt.date
) -> list[QuestionStatus]:
    """Each question's practice state: how often practised, last rating, next due day."""
    by_question: dict[str, list[Review]] = {}
    for review in reviews:
        by_question.setdefault(review.question, []).append(review)
    out: list[QuestionStatus] = []
    for q in questions:
        history = sorted(by_question.get(q.id, []), key=lambda r: r.reviewed)
        if history:
            last = history[-1]
            out.append(QuestionStatus(q, len(history), last.rating, last.due))
        else:
            out.append(QuestionStatus(q, 0, "", today))
    return out


def history_of(reviews: Iterable[Review], question_id: str) -> list[Review]:
    """One question's reviews, oldest first."""
    return sorted((r for r in reviews if r.question == question_id), key=lambda r: r.reviewed)


def counts_by_round(status_list: Iterable[QuestionStatus]) -> Mapping[str, int]:
    """How many questions of each round have been practised at least once."""
    counts: dict[str, int] = {}
    for s in status_list:
        if s.reviews:
            counts[s.question.round] = counts.get(s.question.round, 0) + 1
    return counts
