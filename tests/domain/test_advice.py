"""Advice before the onsite: the forecast, what-if changes and the schedule of the days left."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st
from plan_rules import real_pack, real_templates

from planner.domain.advice import (
    DEFAULT_CAPACITY,
    MOCK_GAP_DAYS,
    forecast,
    pace_so_far,
    schedule_gaps,
    what_ifs,
)
from planner.domain.models import Mock, Plan, PlanSettings, ResearchState, Review
from planner.domain.readiness import Evidence, assess
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


def test_forecast_on_pace_sees_the_planned_work_done() -> None:
    """At full pace, the onsite-day forecast is above today's readiness and names its pace."""
    today = START + dt.timedelta(days=10)
    plan = _done_before(_plan(), today)
    evidence = Evidence(tasks=plan.tasks, mocks=(_mock("m1", "product-sense", 4, today),))
    now = assess(real_pack(), evidence, today)
    projected = forecast(real_pack(), plan, evidence, today, ONSITE)
    assert projected.pace == 1.0
    assert projected.overall > now.overall
    assert all(projected.scores[r.round.id] >= r.score for r in now.rounds)
    assert "100%" in projected.assumption


def test_forecast_at_zero_pace_adds_nothing() -> None:
    """With nothing done so far, the forecast assumes nothing more gets done either."""
    today = START + dt.timedelta(days=10)
    plan = _plan()
    projected = forecast(real_pack(), plan, Evidence(tasks=plan.tasks), today, ONSITE)
    assert projected.pace == 0.0
    assert projected.overall == assess(real_pack(), Evidence(tasks=plan.tasks), ONSITE).overall


def test_two_more_mocks_at_the_bar_raise_a_round() -> None:
    """For a round with no mocks, the best what-if is mocking it, and it raises the score."""
    today = START + dt.timedelta(days=10)
    evidence = Evidence(tasks=_plan().tasks)
    current = assess(real_pack(), evidence, today)
    changes = {w.round: w for w in what_ifs(real_pack(), evidence, current, today)}
    product_sense = changes["product-sense"]
    assert product_sense.change == "2 more Product sense case mocks at the bar"
    assert product_sense.after > product_sense.before == current.round("product-sense").score
    assert product_sense.gain > 0


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
    readiness = assess(real_pack(), Evidence(tasks=plan.tasks), today)
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
    """No day gets more than its free time; mocks are two days apart (planned ones too), none
    on the last working day or the eve of the onsite."""
    plan = _plan(tuple(sorted(rest)))
    today = START + dt.timedelta(days=offset)
    past = [t for t in plan.tasks if t.day < today]
    done = {t.id for t in past[: int(len(past) * done_share)]}
    plan = replace(plan, tasks=tuple(replace(t, done=t.id in done) for t in plan.tasks))
    advice = _advice(plan, today)
    capacity = {d.date: d.capacity_minutes for d in plan.days}
    last_working = max(d.date for d in plan.days if not d.rest)
    mock_days = [t.day for t in plan.tasks if t.kind == "mock" and t.day >= today]
    for day, planned, free, kinds, minutes in advice:
        assert sum(minutes) <= free
        assert planned + sum(minutes) <= capacity[day]
        if "mocks" in kinds:
            assert day not in (last_working, ONSITE - dt.timedelta(days=1))
            mock_days.append(day)
    mock_days.sort()
    assert all((b - a).days >= MOCK_GAP_DAYS for a, b in itertools.pairwise(mock_days))


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
