"""Advice before the onsite: the forecast, what-if changes and the schedule of the days left."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from plan_rules import real_pack, real_templates

from planner.domain.advice import (
    DEFAULT_CAPACITY,
    MOCK_GAP_DAYS,
    DayAdvice,
    forecast,
    pace_so_far,
    schedule_gaps,
    session_mock,
    what_ifs,
)
from planner.domain.models import Mock, Plan, PlanSettings, ResearchState, Review
from planner.domain.readiness import Evidence, Gap, assess
from planner.domain.schedule import generate

START = dt.date(2026, 11, 25)
ONSITE = dt.date(2026, 12, 25)


@cache
def _plan(rest: tuple[int, ...] = ()) -> Plan:
    settings = PlanSettings("coursera-pm", "mid", START, ONSITE, 30, 1.5, rest)
    return generate(real_pack(), real_templates()["mid"], settings)


def _done_before(plan: Plan, day: dt.date) -> Plan:
    return replace(plan, tasks=tuple(replace(t, done=t.day < day) for t in plan.tasks))


def _mock(mock_id: str, round_id: str, score: int, day: dt.date) -> Mock:
    dims = real_pack().rubric(round_id).dimensions
    return Mock(mock_id, day, round_id, 45, {d.id: score for d in dims})


def test_pace_is_the_share_of_past_minutes_done() -> None:
    """Half of the past minutes done gives a pace of about 0.5; no plan or nothing due is 1."""
    plan = _plan()
    today = START + dt.timedelta(days=10)
    past = [t for t in plan.tasks if t.day < today]
    half = {t.id for t in past[::2]}
    ticked = replace(plan, tasks=tuple(replace(t, done=t.id in half) for t in plan.tasks))
    expected = sum(t.minutes for t in past if t.id in half) / sum(t.minutes for t in past)
    assert pace_so_far(ticked, today) == expected
    assert pace_so_far(None, today) == 1.0
    assert pace_so_far(plan, START) == 1.0


def test_following_the_plan_at_the_current_estimate_forecasts_that_estimate() -> None:
    """The forecast assumes every planned task and its preparation done, and planned
    sessions scored like the current estimate: a round at 3.0 stays under a 3.5 bar."""
    today = START + dt.timedelta(days=10)
    plan = _done_before(_plan(), today)
    evidence = Evidence(tasks=plan.tasks, mocks=(_mock("m1", "product-sense", 3, today),))
    now = assess(real_pack(), evidence, today, plan.settings)
    projected = forecast(real_pack(), plan, evidence, today, ONSITE)
    assert projected.overall > now.overall
    assert all(projected.scores[r.round.id] >= r.score for r in now.rounds)
    assert projected.statuses is not None
    assert projected.statuses["product-sense"] == "close"
    assert projected.verdict == "not yet"
    assert "current estimate" in projected.assumption


def test_following_the_plan_at_the_bar_forecasts_go_where_the_plan_has_sessions() -> None:
    """Sessions at the bar everywhere the plan has one: those rounds forecast ready."""
    today = START
    plan = _plan()
    pack = real_pack()
    at_bar = tuple(
        session_mock(pack, r, pack.round(r).readiness.bar_for("mid"), today, f"m-{r}")
        for r in pack.round_ids
        if pack.round(r).readiness.counts_performance
    )
    evidence = Evidence(tasks=plan.tasks, mocks=at_bar)
    projected = forecast(pack, plan, evidence, today, ONSITE)
    assert projected.statuses is not None
    assert set(projected.statuses.values()) == {"ready"}
    assert projected.verdict == "go"


def test_two_sessions_at_the_bar_raise_a_round() -> None:
    """For a round never practised under time, the best what-if is two sessions at the bar."""
    today = START + dt.timedelta(days=10)
    plan = _plan()
    evidence = Evidence(tasks=plan.tasks)
    current = assess(real_pack(), evidence, today, plan.settings)
    changes = {w.round: w for w in what_ifs(real_pack(), evidence, current, today, plan.settings)}
    product_sense = changes["product-sense"]
    assert product_sense.change == "two full Product sense case sessions at the bar (3.5)"
    assert product_sense.after > product_sense.before == current.round("product-sense").score


def test_what_ifs_skip_ready_rounds_and_come_biggest_first() -> None:
    """A ready round (recruiter, all research and practice done) gets no what-if; the rest
    come ordered by gain."""
    today = START + dt.timedelta(days=10)
    pack = real_pack()
    evidence = Evidence(
        research=tuple(ResearchState(i.id, "done") for i in pack.research),
        reviews=tuple(
            Review(q.id, today, "good", today + dt.timedelta(days=3)) for q in pack.questions
        ),
    )
    current = assess(pack, evidence, today)
    assert current.round("recruiter").status == "ready"
    changes = what_ifs(pack, evidence, current, today)
    assert "recruiter" not in {w.round for w in changes}
    assert {w.round for w in changes} == {r.round.id for r in current.rounds} - {"recruiter"}
    gains = [w.gain for w in changes]
    assert gains == sorted(gains, reverse=True)
    assert all(g > 0 for g in gains)


def _advice(plan: Plan, today: dt.date) -> list[tuple[dt.date, int, int, list[str], list[int]]]:
    """(date, planned, free, action kinds, action minutes) per remaining day."""
    readiness = assess(real_pack(), Evidence(tasks=plan.tasks), today, plan.settings)
    days = schedule_gaps(readiness.gaps_by_impact(), plan, today, plan.settings.onsite)
    return [
        (
            d.date,
            d.planned_minutes,
            d.free_minutes,
            [g.kind for g in d.actions],
            [g.minutes for g in d.actions],
        )
        for d in days
    ]


@settings(max_examples=40, deadline=None)
@given(
    offset=st.integers(0, 29),
    rest=st.sets(st.integers(0, 6), max_size=2),
    done_share=st.sampled_from((0.0, 0.5, 1.0)),
)
def test_schedule_of_the_days_left_keeps_the_rules(
    offset: int, rest: set[int], done_share: float
) -> None:
    """No day gets more than its free time; timed sessions are two days apart (planned ones
    too), none on the eve of the onsite; no action twice; nothing already planned later."""
    plan = _plan(tuple(sorted(rest)))
    today = START + dt.timedelta(days=offset)
    past = [t for t in plan.tasks if t.day < today]
    done = {t.id for t in past[: int(len(past) * done_share)]}
    plan = replace(plan, tasks=tuple(replace(t, done=t.id in done) for t in plan.tasks))
    advice = _advice(plan, today)
    capacity = {d.date: d.capacity_minutes for d in plan.days}
    planned_days = [t.day for t in plan.tasks if t.kind in ("mock", "timed") and t.day >= today]
    sessions = ("mocks", "mock-quality", "strong-no")
    proposed: list[dt.date] = []
    for day, planned, free, kinds, minutes in advice:
        assert sum(minutes) <= free
        assert planned + sum(minutes) <= capacity[day]
        if any(k in sessions for k in kinds):
            assert day != ONSITE - dt.timedelta(days=1)
            proposed.append(day)
    for day in proposed:
        others = [d for d in planned_days if d != day] + [d for d in proposed if d != day]
        assert all(abs((day - d).days) >= MOCK_GAP_DAYS for d in others)


def test_the_days_left_run_from_today_to_the_eve_of_the_onsite() -> None:
    """One entry per day from today to the day before the onsite."""
    today = START + dt.timedelta(days=20)
    advice = _advice(_plan(), today)
    assert [a[0] for a in advice] == [today + dt.timedelta(days=n) for n in range(10)]


def test_today_counts_the_work_already_done_today() -> None:
    """Work ticked off today still fills today: no extra action pushes today over its hours."""
    today = START + dt.timedelta(days=5)
    plan = _done_before(_plan(), today + dt.timedelta(days=1))
    first = _advice(plan, today)[0]
    capacity = next(d.capacity_minutes for d in plan.days if d.date == today)
    todays = sum(t.minutes for t in plan.tasks_on(today))
    assert todays + sum(first[4]) <= capacity


def test_without_a_plan_every_day_has_a_default_capacity() -> None:
    """No plan: the days left get the default capacity and the top gaps are spread over them."""
    today = START
    readiness = assess(real_pack(), Evidence(), today)
    days = schedule_gaps(readiness.gaps_by_impact(), None, today, today + dt.timedelta(days=5))
    assert [d.free_minutes for d in days] == [DEFAULT_CAPACITY] * 5
    assert sum(len(d.actions) for d in days) >= 5
    assert not days[-1].actions or all(g.kind != "mocks" for g in days[-1].actions)


def _actions(days: list[DayAdvice]) -> list[Gap]:
    return [g for d in days for g in d.actions]


def test_the_days_left_never_repeat_an_action_or_propose_what_is_planned() -> None:
    """Seven days out on a mid plan: each action once, each names its round's work, and no
    timed session is proposed for a round that has one planned on a later day."""
    plan = _plan()
    today = ONSITE - dt.timedelta(days=7)
    plan = _done_before(plan, today)
    readiness = assess(real_pack(), Evidence(tasks=plan.tasks), today, plan.settings)
    actions = _actions(schedule_gaps(readiness.gaps_by_impact(), plan, today, ONSITE))
    assert actions
    assert len({g.action for g in actions}) == len(actions)
    planned = {
        r for t in plan.tasks if t.kind in ("mock", "timed") and t.day >= today for r in t.rounds
    }
    for g in actions:
        if g.kind == "mocks":
            assert g.round not in planned
            assert pack_name(g.round) in g.action


def pack_name(round_id: str) -> str:
    return real_pack().round(round_id).name


def test_no_new_story_drafts_in_the_last_three_days() -> None:
    """Two days out with no stories: the story gaps adapt existing work instead of drafting."""
    plan = _plan()
    today = ONSITE - dt.timedelta(days=2)
    readiness = assess(real_pack(), Evidence(tasks=plan.tasks), today, plan.settings)
    assert not any(g.action.startswith("draft") for g in readiness.gaps_by_impact())
    days = schedule_gaps(readiness.gaps_by_impact(), plan, today, ONSITE)
    assert not any(g.action.startswith("draft") for g in _actions(days))


@pytest.mark.parametrize("days_out", [7, 2])
def test_the_first_action_is_not_recruiter_paperwork(days_out: int) -> None:
    """The issue's case: seven and two days out, the first action used to be recruiter
    compensation research. Ranked by what moves the verdict, it is an onsite round's."""
    plan = _plan()
    today = ONSITE - dt.timedelta(days=days_out)
    plan = _done_before(plan, today)
    readiness = assess(real_pack(), Evidence(tasks=plan.tasks), today, plan.settings)
    first = readiness.gaps_by_impact()[0]
    assert first.round != "recruiter"
    assert first.value > 0


def test_the_forecast_never_assumes_what_the_days_left_cannot_hold() -> None:
    """Two days out with no stories and no sessions: the forecast assumes no new story and
    no missed session made up, so it cannot promise GO; no what-if offers a new story."""
    plan = _plan()
    today = ONSITE - dt.timedelta(days=2)
    evidence = Evidence(tasks=plan.tasks)
    projected = forecast(real_pack(), plan, evidence, today, ONSITE)
    assert projected.verdict != "go"
    assert "missed sessions are not made up" in projected.assumption
    current = assess(real_pack(), evidence, today, plan.settings)
    changes = what_ifs(real_pack(), evidence, current, today, plan.settings)
    assert not any("story" in w.change for w in changes)
    assert all(w.change.startswith("one full") or "research" in w.change for w in changes)


def test_a_screen_due_this_week_comes_first() -> None:
    """The hiring-manager screen is in three days: its work outranks the onsite rounds'."""
    pack = real_pack()
    settings_ = PlanSettings(
        "coursera-pm",
        "mid",
        START,
        ONSITE,
        30,
        1.5,
        screens=(("hiring-manager", START + dt.timedelta(days=3)),),
        passed_screens=("recruiter",),
    )
    plan = generate(pack, real_templates()["mid"], settings_)
    readiness = assess(pack, Evidence(tasks=plan.tasks), START, plan.settings)
    assert readiness.gaps_by_impact()[0].round == "hiring-manager"


def test_a_question_planned_on_a_later_day_is_not_proposed_again() -> None:
    """The demo's case (issue 15 item 14): `practise question sd-ai-tutor-architecture` was
    proposed on one day while a timed drill on that question was planned on another."""
    plan = _plan()
    today = ONSITE - dt.timedelta(days=10)
    ahead = next(t for t in plan.tasks if t.day > today and t.question)
    gap = Gap(ahead.rounds[0], "questions", "never practised", "practise it", 20, 5.0)
    gap = replace(gap, target=ahead.question)
    days = schedule_gaps([gap], plan, today, ONSITE)
    assert _actions(days) == []
    other = replace(gap, target="a-question-no-task-holds")
    assert _actions(schedule_gaps([other], plan, today, ONSITE)) == [other]


def test_own_research_items_take_only_the_time_left_over() -> None:
    """An own item not done is placed in the time the scoring work leaves free (the scoring
    work placed exactly as without it); a done one is not placed at all."""
    from planner.domain.models import OwnResearch

    today = START
    end = today + dt.timedelta(days=30)
    own = (
        OwnResearch("my-1", "Q3 call", ("execution",), START),
        OwnResearch("my-2", "HM talks", ("execution",), START, status="done"),
    )
    bare = schedule_gaps(assess(real_pack(), Evidence(), today).gaps_by_impact(), None, today, end)
    gaps = assess(real_pack(), Evidence(own_research=own), today).gaps_by_impact()
    days = schedule_gaps(gaps, None, today, end)
    assert [g.target for g in _actions(days) if g.target.startswith("my-")] == ["my-1"]
    without_own = [[g.action for g in d.actions if g.target != "my-1"] for d in days]
    assert without_own == [[g.action for g in d.actions] for d in bare]


def test_the_forecast_respects_the_time_left_for_overdue_tasks() -> None:
    """Coach finding 4c (case N on Dec 30): every session and story there at the bar, but
    the plan's tasks all unticked and two days left. Following the plan from today cannot
    do weeks of overdue tasks in the free minutes left: no 100/100, no GO promised."""
    from test_readiness_scenarios import ONSITE_ROUNDS, at_bar, full_story, sessions

    plan = _plan()
    today = ONSITE - dt.timedelta(days=2)
    pack = real_pack()
    base = Evidence(
        tasks=plan.tasks,
        stories=tuple(full_story(n, c.id) for n, c in enumerate(pack.competencies)),
        research=tuple(ResearchState(i.id, "done") for i in pack.research),
    )
    mocks = tuple(
        replace(m, date=today - (dt.date(2026, 12, 20) - m.date))
        for m in sessions(*at_bar("mid", ONSITE_ROUNDS, times=3))
    )
    projected = forecast(pack, plan, replace(base, mocks=mocks), today, ONSITE)
    assert projected.verdict != "go"
    assert projected.overall < 90
    assert "free" in projected.assumption


def test_the_forecast_makes_up_overdue_tasks_that_fit() -> None:
    """A few overdue minutes and plenty of free time: the forecast does them, as before."""
    plan = _plan()
    today = START + dt.timedelta(days=2)
    evidence = Evidence(tasks=plan.tasks)
    projected = forecast(real_pack(), plan, evidence, today, ONSITE)
    caught_up = forecast(
        real_pack(), plan, Evidence(tasks=_done_before(plan, today).tasks), today, ONSITE
    )
    assert projected.scores == caught_up.scores
