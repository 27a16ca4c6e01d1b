"""Spaced practice of questions in whole days: due dates, replay, statuses."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from plan_rules import real_pack

from planner.domain.models import Review
from planner.domain.practice import counts_by_round, history_of, next_review, statuses

TODAY = dt.date(2026, 11, 25)


def _history(ratings: list[str], start: dt.date = TODAY) -> list[Review]:
    """Reviews of one question, each on the day the previous one fell due."""
    history: list[Review] = []
    day = start
    for rating in ratings:
        review = replace(next_review(history, rating, day), question="q1")
        history.append(review)
        day = review.due
    return history


@pytest.mark.parametrize("rating", ["good", "easy"])
def test_a_first_good_or_easy_review_is_due_on_a_later_day(rating: str) -> None:
    """Rated good or easy on its first practice, a question comes back on a later day."""
    review = next_review([], rating, TODAY)
    assert review.due > TODAY
    assert review.reviewed == TODAY
    assert review.rating == rating


def test_easy_waits_at_least_as_long_as_good() -> None:
    """An easy first review is due no sooner than a good one."""
    assert next_review([], "easy", TODAY).due >= next_review([], "good", TODAY).due


@pytest.mark.parametrize("rating", ["again", "hard"])
def test_again_or_hard_brings_it_back_within_two_days(rating: str) -> None:
    """A failed first review comes back tomorrow or the day after, never the same day."""
    due = next_review([], rating, TODAY).due
    assert TODAY + dt.timedelta(days=1) <= due <= TODAY + dt.timedelta(days=2)


def test_again_after_a_run_of_good_reviews_comes_back_soon() -> None:
    """Forgetting a well-known question brings it back within two days."""
    history = _history(["good", "good", "good"])
    day = history[-1].due
    assert next_review(history, "again", day).due <= day + dt.timedelta(days=2)


def test_intervals_grow_with_good_reviews() -> None:
    """Each good review on time pushes the next one further out."""
    history = _history(["good"] * 4)
    gaps = [(r.due - r.reviewed).days for r in history]
    assert gaps == sorted(gaps)
    assert gaps[-1] > gaps[0]


@settings(max_examples=50, deadline=None)
@given(
    ratings=st.lists(st.sampled_from(("again", "hard", "good", "easy")), min_size=1, max_size=8),
    offset=st.integers(0, 400),
)
def test_history_replay_is_deterministic_and_whole_days(ratings: list[str], offset: int) -> None:
    """The same history and rating always give the same due day, at least a day later."""
    start = TODAY + dt.timedelta(days=offset)
    first = _history(ratings, start)
    second = _history(ratings, start)
    assert first == second
    assert all(r.due >= r.reviewed + dt.timedelta(days=1) for r in first)


def test_an_unknown_rating_is_refused() -> None:
    """Only again, hard, good and easy are ratings."""
    with pytest.raises(ValueError, match="rating must be one of"):
        next_review([], "perfect", TODAY)


def test_statuses_count_reviews_and_keep_the_last_due_day() -> None:
    """A practised question reports its review count, last rating and next due day."""
    question = real_pack().questions[0]
    history = [replace(r, question=question.id) for r in _history(["good", "hard"])]
    status = {s.question.id: s for s in statuses(real_pack().questions, history, TODAY)}
    practised = status[question.id]
    assert practised.reviews == 2
    assert practised.last_rating == "hard"
    assert practised.due == history[-1].due
    untouched = status[real_pack().questions[1].id]
    assert (untouched.reviews, untouched.last_rating, untouched.due) == (0, "", TODAY)


def test_due_and_overdue() -> None:
    """New questions are due; a practised one is due on its day and overdue after it."""
    question = real_pack().questions[0]
    review = Review(question.id, TODAY, "good", TODAY + dt.timedelta(days=3))
    [status] = [s for s in statuses([question], [review], TODAY)]
    assert not status.is_due(TODAY + dt.timedelta(days=2))
    assert status.is_due(TODAY + dt.timedelta(days=3))
    assert not status.is_overdue(TODAY + dt.timedelta(days=3))
    assert status.is_overdue(TODAY + dt.timedelta(days=4))
    [new] = statuses([question], [], TODAY)
    assert new.is_due(TODAY)
    assert not new.is_overdue(TODAY + dt.timedelta(days=30))


def test_history_of_one_question_is_oldest_first() -> None:
    """history_of keeps one question's reviews, sorted by day."""
    a = Review("q1", TODAY + dt.timedelta(days=2), "good", TODAY + dt.timedelta(days=6))
    b = Review("q1", TODAY, "again", TODAY + dt.timedelta(days=1))
    c = Review("q2", TODAY, "good", TODAY + dt.timedelta(days=3))
    assert history_of([a, c, b], "q1") == [b, a]


def test_counts_by_round_count_practised_questions_once() -> None:
    """A question practised twice counts once for its round."""
    pack = real_pack()
    question = pack.questions[0]
    history = [replace(r, question=question.id) for r in _history(["good", "good"])]
    assert counts_by_round(statuses(pack.questions, history, TODAY)) == {question.round: 1}
