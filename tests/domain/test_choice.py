"""Which question a drill on a weak rubric dimension uses: it probes the dimension, fits the
seniority, and was not practised recently."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from plan_rules import real_pack

from planner.domain.choice import RECENT_DAYS, drill_question, last_practised, rank_questions
from planner.domain.models import SENIORITIES, Mock, Pack, Question, Review

TODAY = dt.date(2026, 11, 25)


def _review(question_id: str, days_ago: int, rating: str = "good") -> Review:
    day = TODAY - dt.timedelta(days=days_ago)
    return Review(question_id, day, rating, day + dt.timedelta(days=3))


def _probing(pack: Pack, round_id: str, dimension: str, seniority: str) -> list[str]:
    return [
        q.id
        for q in pack.questions
        if q.round == round_id and dimension in q.dimensions and q.fits(seniority)
    ]


def test_a_drill_picks_a_question_that_probes_the_dimension() -> None:
    """With nothing practised, the first probing question of the round in bank order."""
    pack = real_pack()
    chosen = drill_question(pack, "execution", "long-term-value", "mid", [], TODAY)
    assert chosen is not None
    assert "long-term-value" in chosen.dimensions
    assert chosen.id == _probing(pack, "execution", "long-term-value", "mid")[0]


def test_a_drill_skips_questions_practised_recently() -> None:
    """A probing question reviewed within RECENT_DAYS gives way to one that was not."""
    pack = real_pack()
    first, second = _probing(pack, "execution", "hypothesis-first", "mid")[:2]
    reviews = [_review(first, 2)]
    chosen = drill_question(pack, "execution", "hypothesis-first", "mid", reviews, TODAY)
    assert chosen is not None
    assert chosen.id == second


def test_a_question_practised_long_ago_is_not_recent() -> None:
    """A review older than RECENT_DAYS does not push a question back."""
    pack = real_pack()
    first = _probing(pack, "execution", "hypothesis-first", "mid")[0]
    reviews = [_review(first, RECENT_DAYS + 1)]
    never = [
        q
        for q in _probing(pack, "execution", "hypothesis-first", "mid")
        if q != first  # the others were never practised: they come before it
    ]
    chosen = drill_question(pack, "execution", "hypothesis-first", "mid", reviews, TODAY)
    assert chosen is not None
    assert chosen.id == never[0]


def test_when_every_probing_question_is_recent_the_oldest_practice_wins() -> None:
    """All probing questions practised this week: the one practised longest ago, still probing."""
    pack = real_pack()
    probing = _probing(pack, "mission", "learner-data-fluency", "mid")
    reviews = [_review(qid, n + 1) for n, qid in enumerate(probing)]
    chosen = drill_question(pack, "mission", "learner-data-fluency", "mid", reviews, TODAY)
    assert chosen is not None
    assert chosen.id == probing[-1]
    assert "learner-data-fluency" in chosen.dimensions


def test_a_question_asked_in_a_mock_counts_as_practised() -> None:
    """The question of a logged mock is as recent as its date."""
    pack = real_pack()
    first, second = _probing(pack, "product-sense", "user-focus", "mid")[:2]
    mock = Mock("m1", TODAY - dt.timedelta(days=1), "product-sense", 45, {}, question=first)
    chosen = drill_question(pack, "product-sense", "user-focus", "mid", [], TODAY, [mock])
    assert chosen is not None
    assert chosen.id == second
    assert last_practised([], [mock]) == {first: mock.date}


def test_senior_only_prompts_never_drill_an_early_candidate() -> None:
    """For every round and dimension, an early candidate's drill is open to early candidates,
    while a senior may get the senior-only prompts."""
    pack = real_pack()
    for rubric in pack.rubrics:
        for dim in rubric.dimensions:
            for seniority in SENIORITIES:
                chosen = drill_question(pack, rubric.round, dim.id, seniority, [], TODAY)
                assert chosen is not None, (rubric.round, dim.id, seniority)
                assert chosen.fits(seniority)
                if _probing(pack, rubric.round, dim.id, seniority):
                    assert dim.id in chosen.dimensions


def test_a_senior_only_question_probing_the_dimension_goes_to_seniors_only() -> None:
    """A dimension only a senior-only prompt probes: seniors get it, early candidates another."""
    pack = real_pack()
    senior_only = Question(
        "ld-only-senior",
        "leadership",
        "Senior prompt",
        "f",
        ("h",),
        ("principled-stand",),
        type="people-management",
        seniority=("senior",),
    )
    others = tuple(
        replace(q, dimensions=("measured-outcomes",)) if q.round == "leadership" else q
        for q in pack.questions
    )
    small = replace(pack, questions=(*others, senior_only))
    early = drill_question(small, "leadership", "principled-stand", "early", [], TODAY)
    senior = drill_question(small, "leadership", "principled-stand", "senior", [], TODAY)
    assert senior is not None
    assert senior.id == "ld-only-senior"
    assert early is not None
    assert early.id != "ld-only-senior"
    assert early.round == "leadership"


def test_without_a_probing_question_the_least_recently_practised_of_the_round() -> None:
    """No question probes the dimension: a never-practised question of the round comes first."""
    pack = real_pack()
    others = tuple(
        replace(q, dimensions=("measured-outcomes",)) if q.round == "leadership" else q
        for q in pack.questions
    )
    small = replace(pack, questions=others)
    own = [q.id for q in small.questions if q.round == "leadership" and q.fits("mid")]
    reviews = [_review(own[0], 1)]
    chosen = drill_question(small, "leadership", "principled-stand", "mid", reviews, TODAY)
    assert chosen is not None
    assert chosen.id == own[1]


def test_the_order_of_reviews_does_not_matter() -> None:
    """The same reviews in any order give the same ranking (deterministic)."""
    pack = real_pack()
    reviews = [_review("ex-partner-cert-decline", 3), _review("ex-launch-metrics", 12)]
    dims = ("hypothesis-first", "long-term-value")
    one = rank_questions(pack, "execution", "mid", reviews, TODAY, dims)
    two = rank_questions(pack, "execution", "mid", list(reversed(reviews)), TODAY, dims)
    assert [q.id for q in one] == [q.id for q in two]


def test_the_weakest_dimension_outranks_the_next() -> None:
    """Dimensions weakest first: a question probing the first comes before one probing only
    the second."""
    pack = real_pack()
    ranked = rank_questions(
        pack, "execution", "mid", [], TODAY, ("long-term-value", "hypothesis-first")
    )
    assert "long-term-value" in ranked[0].dimensions
    first_without = next(n for n, q in enumerate(ranked) if "long-term-value" not in q.dimensions)
    assert all("long-term-value" in q.dimensions for q in ranked[:first_without])


@pytest.mark.parametrize(
    ("round_id", "dimension", "message"),
    [
        ("lunch", "user-focus", "unknown round 'lunch'"),
        ("execution", "user-focus", "unknown execution rubric dimension 'user-focus'"),
    ],
)
def test_a_bad_round_or_dimension_is_refused(round_id: str, dimension: str, message: str) -> None:
    """ValueError naming what is wrong and the valid choices."""
    with pytest.raises(ValueError, match=message):
        drill_question(real_pack(), round_id, dimension, "mid", [], TODAY)


@pytest.mark.parametrize("seniority", SENIORITIES)
def test_readiness_never_sends_a_candidate_to_a_question_above_their_seniority(
    seniority: str,
) -> None:
    """Every question open to all seniorities practised and rated `again`: the next question
    to practise is a new one the candidate may be offered (none left for early candidates,
    whose gaps then name an `again` one)."""
    from planner.domain.readiness import Evidence, assess

    pack = real_pack()
    everyone = {q.id for q in pack.questions if len(q.seniority) == len(SENIORITIES)}
    reviews = tuple(
        Review(qid, TODAY - dt.timedelta(days=1), "again", TODAY + dt.timedelta(days=1))
        for qid in sorted(everyone)
    )
    result = assess(pack, Evidence(reviews=reviews), TODAY, seniority=seniority)
    named = [
        g.detail.split()[1]
        for r in result.rounds
        for g in r.gaps
        if g.kind == "questions" and g.detail.startswith("question ")
    ]
    assert named
    assert all(pack.question(n).fits(seniority) for n in named)
    if seniority == "early":
        assert set(named) <= everyone
    else:  # each of the others has prompts of its own, which come up once offered
        assert set(named) - everyone, "a question for this seniority only is never named"


def test_a_question_set_for_other_work_counts_as_recent() -> None:
    """`avoid` (a question the next timed session uses) gives way like a recent practice,
    and is still chosen when nothing else probes the dimension."""
    pack = real_pack()
    probing = _probing(pack, "execution", "hypothesis-first", "mid")
    chosen = drill_question(
        pack, "execution", "hypothesis-first", "mid", [], TODAY, avoid={probing[0]}
    )
    assert chosen is not None
    assert chosen.id == probing[1]
    cornered = drill_question(
        pack, "execution", "hypothesis-first", "mid", [], TODAY, avoid=set(probing)
    )
    assert cornered is not None
    assert cornered.id in probing
