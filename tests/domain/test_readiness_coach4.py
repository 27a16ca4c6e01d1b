"""The wrong GOs of the fourth coach review, written down as coach-judged cases first.

Each case is evidence in, status per round and verdict out (the style of
`test_readiness_scenarios.py`, whose helpers it reuses), with the outcome the coach signs:
- one story tagged with every competency is one piece of evidence, not nine (finding 1);
- sessions logged long ago (an earlier job search) no longer count: re-baseline (finding 2);
- a pass/fail round needs two full sessions, and two at the bar after a Strong No
  (finding 3);
- a round short of ready always names what is missing and the next action (finding 4).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from plan_rules import real_pack
from test_readiness_scenarios import (
    ONSITE_ROUNDS,
    PASSED,
    TODAY,
    S,
    _with,
    at_bar,
    full_story,
    prepared,
    sessions,
    settings,
)

from planner.domain.models import Story, Task
from planner.domain.readiness import Evidence, Readiness, assess

ALL_READY = {r: "ready" for r in ONSITE_ROUNDS}


def _judge(evidence: Evidence, seniority: str = "mid") -> Readiness:
    return assess(real_pack(), evidence, TODAY, settings(seniority))


def _statuses(result: Readiness) -> dict[str, str]:
    got = {r.round.id: r.status for r in result.rounds}
    got.update({r.id: "passed" for r in result.passed})
    return got


def _one_story_for_everything(readiness: str = "ready") -> Story:
    story = full_story(1, "shipping-under-deadline", readiness)
    return replace(story, competencies=tuple(c.id for c in real_pack().competencies))


# ---------------------------------------------------------------- finding 1: one story


def test_one_story_tagged_with_every_competency_is_not_a_go() -> None:
    """Coach case L: one ready story claims all nine competencies, every round has two
    sessions at the bar. Leadership asks four or more behavioural questions: NOT YET."""
    evidence = replace(
        _with(prepared(), *at_bar("mid", ONSITE_ROUNDS)), stories=(_one_story_for_everything(),)
    )
    result = _judge(evidence)
    assert result.verdict == "not yet"
    leadership = result.round("leadership")
    assert leadership.status != "ready"
    assert result.round("mission").status != "ready"
    details = " | ".join(g.detail for g in leadership.gaps)
    actions = " | ".join(g.action for g in leadership.gaps)
    assert "only 1 story" in details
    assert "draft a" in actions


def test_a_story_counts_for_at_most_two_competencies_of_a_round() -> None:
    """Two ready stories each tagged with every competency cover four of leadership's seven."""
    stories = tuple(
        replace(_one_story_for_everything(), id=f"s{n}", title=f"Story {n}") for n in (1, 2)
    )
    evidence = replace(_with(prepared(), *at_bar("mid", ONSITE_ROUNDS)), stories=stories)
    component = next(
        c for c in _judge(evidence).round("leadership").components if c.name == "stories"
    )
    assert "4 of 7 competencies" in component.detail
    assert component.value < 4 / 7


def test_three_distinct_stories_of_two_competencies_each_cover_six() -> None:
    """Three ready stories, two competencies each, all different: six competencies covered,
    the bank holds the three stories the loop needs."""
    comps = [c.id for c in real_pack().competencies]
    stories = tuple(
        replace(full_story(n, comps[2 * n]), competencies=(comps[2 * n], comps[2 * n + 1]))
        for n in range(3)
    )
    evidence = replace(_with(prepared(), *at_bar("mid", ONSITE_ROUNDS)), stories=stories)
    result = _judge(evidence)
    covered = {c for s in stories for c in s.competencies}
    for r in result.rounds:
        part = next((c for c in r.components if c.name == "stories"), None)
        if part is None:
            continue
        mine = [c.id for c in real_pack().competencies if r.round.id in c.rounds]
        assert part.value == sum(1 for c in mine if c in covered) / len(mine), r.round.id


def test_every_competency_covered_by_its_own_story_is_still_a_go() -> None:
    """The plan-followed evidence (one story per competency) keeps its GO."""
    result = _judge(_with(prepared(), *at_bar("mid", ONSITE_ROUNDS)))
    assert result.verdict == "go"


# ---------------------------------------------------------------- finding 2: stale sessions


def test_sessions_from_eighteen_months_ago_do_not_count() -> None:
    """Coach case F2: every round at 4/5, but the sessions are 18 months old: re-baseline."""
    old = [replace(s, days_ago=s.days_ago + 540) for s in at_bar("mid", ONSITE_ROUNDS)]
    result = _judge(_with(prepared(), *old))
    assert result.verdict == "not yet"
    assert _statuses(result) == {**PASSED, **{r: "close" for r in ONSITE_ROUNDS}}
    gap = result.round("product-sense").gaps[0]
    assert "days ago" in gap.detail, gap
    assert "re-baseline" in gap.detail, gap
    assert "timed" in gap.action


def test_a_stale_strong_no_no_longer_vetoes_nor_counts() -> None:
    """A Strong No from a search a year ago is not this loop's evidence either way."""
    fresh = at_bar("mid", ONSITE_ROUNDS[:1] + ONSITE_ROUNDS[2:])
    result = _judge(
        _with(
            prepared(),
            *fresh,
            S("execution", 1.0, days_ago=400),
            S("execution", 4.0, days_ago=3),
            S("execution", 4.0, days_ago=1),
        )
    )
    assert result.vetoed_by == ()
    assert result.verdict == "go"


def test_sessions_inside_the_window_count_in_full() -> None:
    """Sessions logged a month ago are still this preparation's evidence: GO."""
    recent = [replace(s, days_ago=s.days_ago + 30) for s in at_bar("mid", ONSITE_ROUNDS)]
    assert _judge(_with(prepared(), *recent)).verdict == "go"


# ---------------------------------------------------------------- finding 3: one session


def test_one_full_session_per_round_is_not_a_go_on_the_pass_fail_rounds() -> None:
    """Coach case A: one full session at the bar on each round. A pass/fail round needs a
    retest: execution and mission stay close, the others are ready."""
    result = _judge(_with(prepared(), *at_bar("mid", ONSITE_ROUNDS, times=1)))
    assert _statuses(result) == {**PASSED, **ALL_READY, "execution": "close", "mission": "close"}
    assert result.verdict == "not yet"
    gap = result.round("execution").gaps[0]
    assert "1 day with one so far" in gap.detail, gap
    assert "2 full-credit sessions on different days" in gap.detail, gap
    assert "timed" in gap.action


def test_one_good_session_after_a_strong_no_does_not_restore_go() -> None:
    """Coach case R1: execution gets a Strong No, then one session at 4.5. The veto lifts (the
    latest full session is not a Strong No) but the round is not ready: NOT YET."""
    others = at_bar("mid", ONSITE_ROUNDS[:1] + ONSITE_ROUNDS[2:])
    result = _judge(
        _with(
            prepared(),
            *others,
            S("execution", 4.0, days_ago=12),
            S("execution", 4.0, days_ago=10),
            S("execution", 1.75, days_ago=5),
            S("execution", 4.5, days_ago=1),
        )
    )
    assert result.vetoed_by == ()
    assert result.verdict == "not yet"
    execution = result.round("execution")
    assert execution.status == "close"
    assert "Strong No" in execution.why
    assert any("Strong No" in g.detail for g in execution.gaps)


def test_two_sessions_at_the_bar_after_a_strong_no_make_it_ready() -> None:
    """Two clean sessions in a row after the Strong No: ready again."""
    others = at_bar("mid", ONSITE_ROUNDS[:-1])
    result = _judge(
        _with(
            prepared(),
            *others,
            S("mission", 1.5, days_ago=9),
            S("mission", 4.5, days_ago=5),
            S("mission", 4.5, days_ago=1),
        )
    )
    assert result.verdict == "go"


def test_the_latest_strong_no_still_vetoes() -> None:
    """The veto semantics are unchanged: the latest full session a Strong No is NO-GO."""
    result = _judge(
        _with(prepared(), *at_bar("mid", ONSITE_ROUNDS), S("mission", 1.25, days_ago=0))
    )
    assert result.verdict == "no-go"
    assert result.vetoed_by == ("mission",)


# ---------------------------------------------------------------- finding 4: empty gaps


def test_a_close_round_held_by_tasks_still_ahead_names_the_next_task() -> None:
    """Coach case N: every piece of evidence there, but the plan's study tasks are all on
    later days and unticked. The round is close and says which task comes next."""
    base = _with(prepared(), *at_bar("mid", ONSITE_ROUNDS, times=3))
    later = tuple(
        Task(
            f"t-{r}-{n}",
            f"study-{r}",
            f"Study {r} ({n})",
            "study",
            (r,),
            60,
            TODAY + dt.timedelta(days=n),
        )
        for r in ONSITE_ROUNDS
        for n in (2, 3, 4)
    )
    result = _judge(replace(base, tasks=later))
    for r in result.rounds:
        if r.status != "ready":
            assert r.gaps, r.round.id
    gap = next(g for g in result.round("product-sense").gaps if g.kind == "tasks")
    assert "not done yet" in gap.detail
    assert "Study product-sense (2)" in gap.action
    assert (TODAY + dt.timedelta(days=2)).isoformat() in gap.action


def test_sessions_helper_still_spreads_averages() -> None:
    """Guard for the helper this file leans on."""
    assert sessions(S("mission", 4.5))[0].average == 4.5


def test_the_last_three_days_propose_no_study_nor_story_draft_even_overdue() -> None:
    """Coach finding 4b (case N on Dec 29/30): the plan's study and draft tasks are overdue;
    in the last three days none of them is a next action, and every round short of ready
    still names a gap."""
    from plan_rules import real_templates

    from planner.domain.schedule import generate

    plan_settings = replace(settings(), start=dt.date(2026, 12, 1))
    plan = generate(real_pack(), real_templates()["mid"], plan_settings)
    kinds = {t.id: t for t in plan.tasks}
    for days_left in (3, 2, 1):
        today = plan_settings.onsite - dt.timedelta(days=days_left)
        result = assess(real_pack(), Evidence(tasks=plan.tasks), today, plan_settings)
        for gap in result.gaps_by_impact():
            task = kinds.get(gap.target)
            if gap.kind == "tasks" and task is not None and gap.gain > 0:
                assert task.kind != "study", gap.action
                assert task.item != "draft-stories", gap.action
            assert not gap.action.startswith("draft"), gap.action
        for r in result.rounds:
            if r.status != "ready":
                assert r.gaps, r.round.id


@pytest.mark.xfail(
    strict=True,
    reason="coach finding 4d, not adopted: DESIGN counts 'plan tasks done' as preparation "
    "evidence; crediting unticked tasks once a round is at the bar needs a contract change",
)
def test_unticked_study_does_not_hold_back_a_candidate_at_the_bar() -> None:
    """Coach case N: three full sessions a round at 4.4, every story, research item and
    question done, the plan's study tasks (later days) unticked. The coach says GO; the
    model says NOT YET and names the next planned task (see the test above)."""
    base = _with(prepared(), *[replace(s, average=4.5) for s in at_bar("mid", ONSITE_ROUNDS, 3)])
    later = tuple(
        Task(f"t-{r}-{n}", f"study-{r}", f"Study {r} ({n})", "study", (r,), 60, TODAY)
        for r in ONSITE_ROUNDS
        for n in range(4)
    )
    assert _judge(replace(base, tasks=later)).verdict == "go"
