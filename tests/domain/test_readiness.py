"""Readiness per round: more evidence never lowers a score; gaps say what to do next."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st
from plan_rules import real_pack, real_templates

from planner.domain.models import (
    READINESS_LEVELS,
    RESEARCH_STATUSES,
    Mock,
    Plan,
    PlanSettings,
    ResearchState,
    Review,
    Story,
)
from planner.domain.practice import next_review
from planner.domain.readiness import CLOSE, READY, Evidence, Readiness, assess, status_for
from planner.domain.schedule import generate

TODAY = dt.date(2026, 12, 10)
PROPERTIES = settings(max_examples=60, deadline=None)


@cache
def _plan() -> Plan:
    """A mid-level 30-day plan, 15 days in on TODAY."""
    settings = PlanSettings(
        "coursera-pm", "mid", dt.date(2026, 11, 25), dt.date(2026, 12, 25), 30, 1.5
    )
    return generate(real_pack(), real_templates()["mid"], settings)


def _assess(evidence: Evidence) -> Readiness:
    return assess(real_pack(), evidence, TODAY)


def _scores(evidence: Evidence) -> dict[str, int]:
    return {r.round.id: r.score for r in _assess(evidence).rounds}


def _mock(mock_id: str, round_id: str, score: int, day: dt.date = TODAY) -> Mock:
    dims = real_pack().rubric(round_id).dimensions
    return Mock(mock_id, day, round_id, 45, {d.id: score for d in dims})


def _all_done() -> tuple[ResearchState, ...]:
    return tuple(ResearchState(i.id, "done") for i in real_pack().research)


@st.composite
def mocks(draw: st.DrawFn, prefix: str = "m") -> Mock:
    """A mock of any round, dated in the last three weeks, with any 1-5 scores."""
    pack = real_pack()
    round_id = draw(st.sampled_from(pack.round_ids))
    dims = [d.id for d in pack.rubric(round_id).dimensions]
    scored = draw(st.lists(st.sampled_from(dims), unique=True)) if dims else []
    return Mock(
        id=f"{prefix}{draw(st.integers(1, 10_000))}",
        date=TODAY - dt.timedelta(days=draw(st.integers(0, 21))),
        round=round_id,
        minutes=45,
        scores={d: draw(st.integers(1, 5)) for d in scored},
    )


@st.composite
def stories(draw: st.DrawFn, prefix: str = "s") -> Story:
    """A story claiming any competencies at any readiness level."""
    comps = [c.id for c in real_pack().competencies]
    return Story(
        id=f"{prefix}{draw(st.integers(1, 10_000))}",
        title="A story",
        competencies=tuple(draw(st.lists(st.sampled_from(comps), unique=True, max_size=3))),
        readiness=draw(st.sampled_from(READINESS_LEVELS)),
    )


@st.composite
def reviews(draw: st.DrawFn) -> Review:
    """A past practice of any question, due again 1-20 days later."""
    reviewed = TODAY - dt.timedelta(days=draw(st.integers(1, 21)))
    return Review(
        question=draw(st.sampled_from([q.id for q in real_pack().questions])),
        reviewed=reviewed,
        rating=draw(st.sampled_from(("again", "hard", "good", "easy"))),
        due=reviewed + dt.timedelta(days=draw(st.integers(1, 20))),
    )


@st.composite
def evidence(draw: st.DrawFn) -> Evidence:
    """Any mix of plan progress, mocks, stories, research and practice."""
    plan = _plan()
    done = draw(st.sets(st.sampled_from([t.id for t in plan.tasks])))
    research_ids = [i.id for i in real_pack().research]
    research = draw(
        st.dictionaries(st.sampled_from(research_ids), st.sampled_from(RESEARCH_STATUSES))
    )
    story_list = draw(st.lists(stories(), max_size=5, unique_by=lambda s: s.id))
    return Evidence(
        tasks=tuple(replace(t, done=t.id in done) for t in plan.tasks),
        mocks=tuple(draw(st.lists(mocks(), max_size=6, unique_by=lambda m: m.id))),
        stories=tuple(story_list),
        research=tuple(ResearchState(item, status) for item, status in research.items()),
        reviews=tuple(draw(st.lists(reviews(), max_size=8))),
    )


def _never_lower(before: Evidence, after: Evidence) -> None:
    old, new = _scores(before), _scores(after)
    lowered = {r: (old[r], new[r]) for r in old if new[r] < old[r]}
    assert lowered == {}


@PROPERTIES
@given(base=evidence(), extra=mocks(prefix="new"))
def test_another_mock_never_lowers_a_round(base: Evidence, extra: Mock) -> None:
    """A mock of any round with any scores, even a poor one, never lowers any round's score."""
    _never_lower(base, replace(base, mocks=(*base.mocks, extra)))


@PROPERTIES
@given(base=evidence(), pick=st.integers(0, 10_000))
def test_ticking_a_task_never_lowers_a_round(base: Evidence, pick: int) -> None:
    """Marking one more planned task done never lowers any round's score."""
    task = base.tasks[pick % len(base.tasks)]
    ticked = tuple(replace(t, done=True) if t.id == task.id else t for t in base.tasks)
    _never_lower(base, replace(base, tasks=ticked))


@PROPERTIES
@given(base=evidence(), extra=stories(prefix="new"))
def test_a_new_story_never_lowers_a_round(base: Evidence, extra: Story) -> None:
    """Adding a story at any level never lowers any round's score."""
    _never_lower(base, replace(base, stories=(*base.stories, extra)))


@PROPERTIES
@given(base=evidence(), pick=st.integers(0, 10_000), steps=st.integers(1, 3))
def test_a_story_moving_up_never_lowers_a_round(base: Evidence, pick: int, steps: int) -> None:
    """A story moving up one or more readiness levels never lowers any round's score."""
    if not base.stories:
        return
    story = base.stories[pick % len(base.stories)]
    level = READINESS_LEVELS.index(story.readiness)
    raised = replace(story, readiness=READINESS_LEVELS[min(3, level + steps)])
    upgraded = tuple(raised if s.id == story.id else s for s in base.stories)
    _never_lower(base, replace(base, stories=upgraded))


@PROPERTIES
@given(
    base=evidence(),
    item=st.sampled_from([i.id for i in real_pack().research]),
    status=st.sampled_from(("doing", "done")),
)
def test_research_moving_forward_never_lowers_a_round(
    base: Evidence, item: str, status: str
) -> None:
    """A research item moving to doing or done never lowers any round's score."""
    current = {r.item: r.status for r in base.research}.get(item, "todo")
    if RESEARCH_STATUSES.index(status) < RESEARCH_STATUSES.index(current):
        return
    others = tuple(r for r in base.research if r.item != item)
    _never_lower(base, replace(base, research=(*others, ResearchState(item, status))))


@PROPERTIES
@given(
    base=evidence(),
    question=st.sampled_from([q.id for q in real_pack().questions]),
    rating=st.sampled_from(("again", "hard", "good", "easy")),
)
def test_practice_today_never_lowers_a_round(base: Evidence, question: str, rating: str) -> None:
    """Practising any question today, rated anything, never lowers any round's score."""
    history = sorted((r for r in base.reviews if r.question == question), key=lambda r: r.reviewed)
    review = replace(next_review(history, rating, TODAY), question=question)
    _never_lower(base, replace(base, reviews=(*base.reviews, review)))


@PROPERTIES
@given(data=evidence())
def test_scores_stay_within_zero_and_a_hundred(data: Evidence) -> None:
    """Every round's score and the overall score lie in 0-100 and match their status."""
    result = _assess(data)
    assert 0 <= result.overall <= 100
    for r in result.rounds:
        assert 0 <= r.score <= 100
        assert r.status == status_for(r.score)


@PROPERTIES
@given(data=evidence())
def test_same_evidence_gives_the_same_readiness(data: Evidence) -> None:
    """The model is a pure function of its inputs."""
    assert _assess(data) == _assess(data)


@PROPERTIES
@given(data=evidence())
def test_every_gap_says_what_is_missing_and_what_to_do(data: Evidence) -> None:
    """Each gap has a kind, a detail, an action and a time; gaps_by_impact is ordered."""
    result = _assess(data)
    for gap in result.gaps_by_impact():
        assert gap.kind
        assert gap.detail
        assert gap.action
        assert gap.minutes > 0
    ordered = [g.impact_per_minute for g in result.gaps_by_impact()]
    assert ordered == sorted(ordered, reverse=True)


def test_no_evidence_makes_every_round_a_gap() -> None:
    """With nothing done, all seven rounds score 0 and are gaps; the verdict is not yet."""
    result = _assess(Evidence())
    assert [r.round.id for r in result.rounds] == list(real_pack().round_ids)
    assert all(r.score == 0 and r.status == "gap" for r in result.rounds)
    assert result.verdict == "not yet"


def test_a_fresh_plan_shows_seven_gaps_with_next_actions() -> None:
    """A new plan: every round is a gap, each with a concrete next action and its minutes."""
    result = _assess(Evidence(tasks=_plan().tasks))
    assert len(result.rounds) == 7
    for r in result.rounds:
        assert r.status == "gap"
        assert r.gaps, r.round.id
        assert all(g.action and g.minutes > 0 for g in r.gaps)
    product_sense = result.round("product-sense")
    assert any(g.kind == "mocks" and "mock" in g.action for g in product_sense.gaps)
    leadership = result.round("leadership")
    assert any(g.kind == "stories" and g.action.startswith("draft one") for g in leadership.gaps)


def test_strong_product_sense_mocks_raise_only_product_sense() -> None:
    """Two mocks at 5/5 raise product sense; no other round moves down."""
    base = Evidence(tasks=_plan().tasks)
    strong = replace(base, mocks=(_mock("m1", "product-sense", 5), _mock("m2", "product-sense", 5)))
    before, after = _scores(base), _scores(strong)
    assert after["product-sense"] >= before["product-sense"] + 20
    assert all(after[r] == before[r] for r in before if r != "product-sense")


def test_a_poor_mock_counts_less_than_a_strong_one() -> None:
    """A 2/5 product-sense mock helps less than a 5/5 one and leaves a mock-quality gap."""
    poor = _assess(Evidence(mocks=(_mock("m1", "product-sense", 2),)))
    strong = _assess(Evidence(mocks=(_mock("m1", "product-sense", 5),)))
    assert poor.round("product-sense").score < strong.round("product-sense").score
    assert any(g.kind == "mock-quality" for g in poor.round("product-sense").gaps)
    assert not any(g.kind == "mock-quality" for g in strong.round("product-sense").gaps)


def test_ready_stories_on_leadership_competencies_raise_leadership() -> None:
    """Ready stories on every leadership competency lift leadership and clear its story gaps."""
    leadership = [c.id for c in real_pack().competencies if "leadership" in c.rounds]
    bank = tuple(
        Story(f"s{n}", "A story", competencies=(c,), readiness="ready")
        for n, c in enumerate(leadership)
    )
    before = _assess(Evidence()).round("leadership")
    after = _assess(Evidence(stories=bank)).round("leadership")
    assert after.score > before.score
    assert not any(g.kind == "stories" for g in after.gaps)
    assert any(g.kind == "stories" for g in before.gaps)


def test_draft_stories_do_not_count_but_say_rehearse() -> None:
    """A draft story on a competency earns nothing and its gap says to rehearse it."""
    story = Story("s1", "Principle", competencies=("principled-stand",), readiness="draft")
    result = _assess(Evidence(stories=(story,))).round("mission")
    assert result.score == _assess(Evidence()).round("mission").score
    assert any("rehearse story s1" in g.action for g in result.gaps)


def _strong_except_mission() -> Evidence:
    """Everything done and every round mocked at 5/5, but no mission mock or mission story."""
    pack = real_pack()
    return Evidence(
        tasks=tuple(replace(t, done=True) for t in _plan().tasks),
        mocks=tuple(_mock(f"m{r}", r, 5) for r in pack.round_ids if r != "mission"),
        stories=tuple(
            Story(f"s{n}", "A story", competencies=(c.id,), readiness="ready")
            for n, c in enumerate(pack.competencies)
            if "mission" not in c.rounds
        ),
        research=_all_done(),
        reviews=tuple(
            Review(q.id, TODAY, "good", TODAY + dt.timedelta(days=3)) for q in pack.questions
        ),
    )


def test_a_weak_mission_round_vetoes_a_high_overall_score() -> None:
    """Every other round ready and overall above 80, but mission a gap: the verdict is not yet."""
    result = _assess(_strong_except_mission())
    assert result.round("mission").status == "gap"
    assert all(r.status == "ready" for r in result.rounds if r.round.id != "mission")
    assert result.overall >= READY
    assert result.verdict == "not yet"
    assert "pass/fail" in result.veto_note


def test_a_ready_mission_round_lets_the_verdict_go() -> None:
    """Add a strong mission mock and the mission stories: the verdict becomes go."""
    pack = real_pack()
    base = _strong_except_mission()
    mission_stories = tuple(
        Story(f"t{n}", "A story", competencies=(c.id,), readiness="ready")
        for n, c in enumerate(pack.competencies)
        if "mission" in c.rounds
    )
    full = replace(
        base,
        mocks=(*base.mocks, _mock("mm", "mission", 5)),
        stories=(*base.stories, *mission_stories),
    )
    result = _assess(full)
    assert result.round("mission").status == "ready"
    assert result.verdict == "go"
    assert result.veto_note == ""


def test_status_thresholds() -> None:
    """80 and above is ready, 60-79 close, below 60 a gap."""
    assert [status_for(s) for s in (100, READY, READY - 1, CLOSE, CLOSE - 1, 0)] == [
        "ready",
        "ready",
        "close",
        "close",
        "gap",
        "gap",
    ]


def test_skipped_rounds_are_left_out() -> None:
    """A round the candidate does not have is not scored and cannot veto."""
    result = assess(real_pack(), _strong_except_mission(), TODAY, skip_rounds=("mission",))
    assert "mission" not in [r.round.id for r in result.rounds]
    assert result.verdict == "go"


def test_overdue_practice_counts_half_and_says_so() -> None:
    """A question practised long ago and overdue earns half credit and an overdue note."""
    question = next(q for q in real_pack().questions if q.round == "recruiter")
    old = Review(question.id, TODAY - dt.timedelta(days=20), "good", TODAY - dt.timedelta(days=5))
    fresh = Review(question.id, TODAY, "good", TODAY + dt.timedelta(days=4))
    overdue = _assess(Evidence(reviews=(old,))).round("recruiter")
    current = _assess(Evidence(reviews=(fresh,))).round("recruiter")
    assert 0 < overdue.score < current.score
    detail = next(c.detail for c in overdue.components if c.name == "questions")
    assert "overdue" in detail


def test_components_explain_the_score() -> None:
    """The components' points add up to the round's score (the model is explainable)."""
    result = _assess(_strong_except_mission())
    for r in result.rounds:
        total = sum(c.weight for c in r.components)
        assert round(sum(c.points(total) for c in r.components)) == r.score
