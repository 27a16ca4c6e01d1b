"""The wrong GOs of the fifth coach review, written down as coach-judged cases first.

Each case is evidence in, status per round and verdict out (the helpers of
`test_readiness_scenarios.py`), with the outcome the coach signs:
- a knock-out score is not hidden by the average: "1 5 5 5" on mission, where the 1 is
  "cynical or indifferent about universal access", is a Strong No (finding 1);
- on a pass/fail round the latest full session must be at the bar: 5, 5 and then 2.5
  today is not ready, whatever the recency-weighted estimate says (finding 2);
- readiness is for the onsite: sessions that will be too old to count by then do not make
  a round ready now, and a retest logged the same day as its baseline confirms nothing
  (finding 4).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from plan_rules import real_pack
from test_readiness_scenarios import (
    ONSITE,
    ONSITE_ROUNDS,
    TODAY,
    S,
    _with,
    at_bar,
    prepared,
    settings,
)

from planner.domain.models import Mock, Story, Task
from planner.domain.readiness import Evidence, Readiness, assess

OTHERS = tuple(r for r in ONSITE_ROUNDS if r not in ("mission", "execution"))


def _judge(evidence: Evidence, today: dt.date = TODAY) -> Readiness:
    return assess(real_pack(), evidence, today, settings("mid"))


def _mock(n: int, round_id: str, days_ago: int, scores: list[int], minutes: int = 45) -> Mock:
    """A full session whose scores are given in the rubric's order."""
    dims = [d.id for d in real_pack().rubric(round_id).dimensions]
    assert len(scores) == len(dims)
    return Mock(
        id=f"k{n}",
        date=TODAY - dt.timedelta(days=days_ago),
        round=round_id,
        minutes=minutes,
        scores=dict(zip(dims, scores, strict=True)),
    )


def _everything_at_bar_but(*rounds: str) -> Evidence:
    """Full preparation and two sessions at the bar on every onsite round but `rounds`."""
    return _with(prepared(), *at_bar("mid", tuple(r for r in ONSITE_ROUNDS if r not in rounds)))


def _plus(evidence: Evidence, *mocks: Mock) -> Evidence:
    return replace(evidence, mocks=(*evidence.mocks, *mocks))


def _gap_text(result: Readiness, round_id: str) -> str:
    r = result.round(round_id)
    return " | ".join([r.why, *(f"{g.detail} -> {g.action}" for g in r.gaps)])


# ---------------------------------------------------------------- finding 1: knock-outs


def test_a_cynical_mission_answer_is_a_strong_no_whatever_the_average() -> None:
    """Coach case f1: mission "1 5 5 5" twice (belief in access 1: cynical or indifferent
    about access). The source: without that belief "you will not receive an offer". NO-GO."""
    evidence = _plus(
        _everything_at_bar_but("mission"),
        _mock(1, "mission", 3, [1, 5, 5, 5]),
        _mock(2, "mission", 1, [1, 5, 5, 5]),
    )
    result = _judge(evidence)
    assert result.verdict == "no-go"
    assert result.vetoed_by == ("mission",)
    assert result.round("mission").status == "gap"
    text = _gap_text(result, "mission")
    assert "Genuine belief in access" in text
    assert "knock-out" in text


def test_asking_for_data_with_no_hypothesis_is_a_strong_no_on_execution() -> None:
    """Coach case f1b: execution "1 5 5 5" twice (hypothesis before data 1: asks for more
    data with no hypothesis, the one thing the round is built to catch). NO-GO."""
    evidence = _plus(
        _everything_at_bar_but("execution"),
        _mock(1, "execution", 3, [1, 5, 5, 5]),
        _mock(2, "execution", 1, [1, 5, 5, 5]),
    )
    result = _judge(evidence)
    assert result.verdict == "no-go"
    assert result.vetoed_by == ("execution",)
    assert "Hypothesis before data" in _gap_text(result, "execution")


def test_a_weak_but_not_knock_out_score_is_judged_on_the_average() -> None:
    """A 2 on belief in access (supports the mission only in general terms, at worst) is a
    weak dimension to drill, not a knock-out: "2 5 5 5" twice is at the bar."""
    evidence = _plus(
        _everything_at_bar_but("mission"),
        _mock(1, "mission", 3, [2, 5, 5, 5]),
        _mock(2, "mission", 1, [2, 5, 5, 5]),
    )
    result = _judge(evidence)
    assert result.round("mission").status == "ready"
    assert result.verdict == "go"


def test_after_a_knock_out_two_clean_sessions_make_the_round_ready_again() -> None:
    """A knock-out is a Strong No like any other: the round needs two full sessions at the
    bar after it (one lifts the veto, the second makes it ready)."""
    base = _plus(_everything_at_bar_but("mission"), _mock(1, "mission", 6, [1, 5, 5, 5]))
    one = _judge(_plus(base, _mock(2, "mission", 4, [4, 4, 4, 4])))
    assert one.verdict == "not yet"
    assert one.round("mission").status == "close"
    two = _judge(_plus(base, _mock(2, "mission", 4, [4, 4, 4, 4]), _mock(3, "mission", 1, [4] * 4)))
    assert two.round("mission").status == "ready"
    assert two.verdict == "go"


def test_a_knock_out_lowers_the_round_even_over_the_estimate() -> None:
    """The one exception, on purpose, to "a session at or above the estimate never lowers a
    round" (content/README.md): "1 5 5 5" averages 4.0, over an estimate of 3.0, and still
    takes mission from close to a gap."""
    base = _plus(_everything_at_bar_but("mission"), _mock(1, "mission", 3, [3, 3, 3, 3]))
    before = _judge(base).round("mission")
    after = _judge(_plus(base, _mock(2, "mission", 1, [1, 5, 5, 5]))).round("mission")
    assert before.performance is not None
    assert before.performance.estimate == 3.0
    assert (before.status, after.status) == ("close", "gap")
    assert after.score < before.score


# ---------------------------------------------------------------- finding 2: the latest session


def test_a_latest_execution_session_under_the_bar_is_not_ready() -> None:
    """Coach case f2: execution 5.0, 5.0, then 2.5 today. The estimate (about 3.57) is over
    the bar of 3.5, but the latest session is a Leaning No on a pass/fail round: NOT YET,
    and the next action is a retest."""
    evidence = _plus(
        _everything_at_bar_but("execution"),
        _mock(1, "execution", 6, [5, 5, 5, 5]),
        _mock(2, "execution", 3, [5, 5, 5, 5]),
        _mock(3, "execution", 0, [2, 3, 2, 3]),
    )
    result = _judge(evidence)
    execution = result.round("execution")
    assert execution.performance is not None
    assert execution.performance.estimate is not None
    assert execution.performance.estimate >= 3.5
    assert execution.status == "close"
    assert result.verdict == "not yet"
    assert "latest full session" in execution.why
    assert any("session" in g.action for g in execution.gaps)


def test_a_latest_session_under_the_bar_on_a_round_that_cannot_veto_keeps_the_estimate() -> None:
    """Product sense cannot veto the loop: its estimate decides, as before."""
    evidence = replace(
        _everything_at_bar_but("product-sense"),
        mocks=(
            *_everything_at_bar_but("product-sense").mocks,
            _mock(1, "product-sense", 6, [5, 5, 5, 5]),
            _mock(2, "product-sense", 3, [5, 5, 5, 5]),
            _mock(3, "product-sense", 0, [2, 3, 2, 3]),
        ),
    )
    assert _judge(evidence).round("product-sense").status == "ready"


# ---------------------------------------------------------------- finding 4: for the onsite


def test_sessions_too_old_by_the_onsite_do_not_make_a_round_ready() -> None:
    """Coach case f4: two sessions per round 57 and 59 days ago, full preparation, 11 days
    to the onsite. They count today (under 60 days) but not on the day that matters: every
    round waits for a fresh session, and the gap says so."""
    evidence = _with(prepared(), *(S(r, 4.0, days_ago=d) for r in ONSITE_ROUNDS for d in (57, 59)))
    result = _judge(evidence)
    assert result.verdict == "not yet"
    assert {r.round.id: r.status for r in result.rounds} == {r: "close" for r in ONSITE_ROUNDS}
    text = _gap_text(result, "execution")
    assert "onsite" in text
    assert "60 days" in text


def test_sessions_still_fresh_at_the_onsite_count() -> None:
    """The same sessions 20 and 22 days ago are 31 and 33 days old at the onsite: GO."""
    evidence = _with(prepared(), *(S(r, 4.0, days_ago=d) for r in ONSITE_ROUNDS for d in (20, 22)))
    assert _judge(evidence).verdict == "go"


def test_the_eve_of_the_onsite_judges_as_before() -> None:
    """On the eve a session 59 days old is 60 days old at the onsite: it still counts."""
    eve = ONSITE - dt.timedelta(days=1)
    back = (TODAY - eve).days  # days_ago measured from TODAY; negative moves it later
    evidence = _with(
        prepared(), *(S(r, 4.0, days_ago=d + back) for r in ONSITE_ROUNDS for d in (57, 59))
    )
    assert _judge(evidence, eve).verdict == "go"


@pytest.mark.parametrize("round_id", ["execution", "mission"])
def test_a_retest_logged_the_same_day_as_its_baseline_confirms_nothing(round_id: str) -> None:
    """Coach case f4b: baseline and "retest" minutes apart. A pass/fail round needs two full
    sessions on different days; two the same day count as one."""
    same_day = _plus(
        _everything_at_bar_but(round_id),
        _mock(1, round_id, 1, [4, 4, 4, 4]),
        _mock(2, round_id, 1, [4, 4, 4, 4]),
    )
    result = _judge(same_day)
    assert result.round(round_id).status == "close"
    assert result.verdict == "not yet"
    assert "different days" in result.round(round_id).why
    apart = _plus(
        _everything_at_bar_but(round_id),
        _mock(1, round_id, 3, [4, 4, 4, 4]),
        _mock(2, round_id, 1, [4, 4, 4, 4]),
    )
    assert _judge(apart).round(round_id).status == "ready"


# ---------------------------------------------------------------- finding 12: no learner


def test_a_story_with_no_learner_in_it_does_not_show_serving_learners() -> None:
    """Coach case f12: the only story tagged "serving learners" is about a mortgage
    checkout, with no learner in it. The lint rule no-learner-link is a warning elsewhere,
    but for serving learners such a story is no evidence: the competency is uncovered, and
    the gap says to fix that story."""
    mortgage = Story(
        id="s99",
        title="Mortgage checkout",
        situation="Our mortgage checkout lost 30% of applicants on the income page.",
        task="I owned the goal of lifting completed applications by 10% in one quarter.",
        action="I interviewed 12 applicants, I split the income page in two and I set a "
        "guardrail on fraud flags with the risk team before we shipped.",
        result="Completed applications rose 14% in eight weeks with no rise in fraud flags.",
        competencies=("serving-learners",),
        readiness="ready",
    )
    base = _everything_at_bar_but()
    stories = tuple(s for s in base.stories if "serving-learners" not in s.competencies)
    evidence = replace(base, stories=(*stories, mortgage))
    result = _judge(evidence)
    mission = result.round("mission")
    part = next(c for c in mission.components if c.name == "stories")
    assert part.value < 1
    gap = next(g for g in mission.gaps if g.target == "serving-learners")
    assert "story s99 on serving learners as people does not count yet" in gap.detail
    assert "learners" in gap.detail
    assert gap.action.startswith("fix story s99")
    # With a learner in it, the same story covers the competency.
    learner = replace(mortgage, result=mortgage.result + " Learners finished 5% more courses.")
    fixed = _judge(replace(evidence, stories=(*stories, learner))).round("mission")
    assert next(c for c in fixed.components if c.name == "stories").value == 1


# ---------------------------------------------------------------- coach 4, finding 4: done research


def test_research_marked_done_is_not_proposed_again_as_its_plan_task() -> None:
    """Re-check of coach review 4, finding 4: every research item done, but the plan's
    research tasks not ticked; "Start with this" proposed "Research recent launches (1/2)".
    A research task whose tracker item is done counts as done."""
    pack = real_pack()
    linked = [i for i in pack.checklist if i.research]
    assert linked
    tasks = tuple(
        Task(
            f"r-{i.id}",
            i.id,
            i.title,
            "research",
            i.rounds,
            i.minutes,
            TODAY - dt.timedelta(days=3),
        )
        for i in linked
    )
    base = _everything_at_bar_but()
    evidence = replace(base, tasks=(*base.tasks, *tasks))
    titles = {i.title for i in linked}
    result = _judge(evidence)
    proposed = [g for r in result.rounds for g in r.gaps if any(t in g.action for t in titles)]
    assert proposed == []
    undone = replace(
        evidence,
        research=tuple(r for r in evidence.research if r.item not in {i.research for i in linked}),
    )
    again = _judge(undone)
    assert any(any(t in g.action for t in titles) for r in again.rounds for g in r.gaps)
