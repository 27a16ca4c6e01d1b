"""DESIGN rule 8: the plan and the verdict agree.

A candidate who does every task, completes the preparation the tasks ask for and scores
at the bar in every planned timed session gets GO from `check`; when the time cannot get a
round to ready, `unreachable_rounds` (what `init` prints) names exactly those rounds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from plan_rules import real_pack, real_templates

from planner.domain.advice import follow_plan
from planner.domain.models import SENIORITIES, Plan, PlanSettings
from planner.domain.readiness import Evidence, Readiness, assess
from planner.domain.schedule import generate, unreachable_rounds

START = dt.date(2026, 12, 1)


def _at_the_bar(plan: Plan) -> Readiness:
    """The verdict on the eve of the onsite for a candidate who followed the plan."""
    pack = real_pack()
    seniority = plan.settings.seniority

    def bar(round_id: str) -> float:
        return pack.round(round_id).readiness.bar_for(seniority)

    evidence = follow_plan(pack, plan, Evidence(tasks=plan.tasks), plan.start, bar)
    eve = plan.settings.onsite - dt.timedelta(days=1)
    return assess(pack, evidence, eve, plan.settings)


def _plan(
    seniority: str,
    days: int,
    hours: float = 1.5,
    rest: tuple[int, ...] = (6,),
    screens: tuple[tuple[str, dt.date], ...] = (),
    passed: tuple[str, ...] = ("recruiter", "hiring-manager"),
) -> Plan:
    settings_ = PlanSettings(
        "coursera-pm",
        seniority,
        START,
        START + dt.timedelta(days=days),
        days,
        hours,
        rest_weekdays=rest,
        screens=screens,
        passed_screens=passed,
    )
    return generate(real_pack(), real_templates()[seniority], settings_)


def _not_ready(result: Readiness) -> set[str]:
    return {r.round.id for r in result.rounds if r.status != "ready"}


@pytest.mark.parametrize("seniority", SENIORITIES)
def test_following_a_30_day_plan_at_the_bar_is_a_go(seniority: str) -> None:
    """Each seniority's default 30-day plan, followed to the letter at the bar: GO."""
    plan = _plan(seniority, 30)
    assert unreachable_rounds(plan, real_pack(), real_templates()[seniority]) == ()
    result = _at_the_bar(plan)
    assert result.verdict == "go", {r.round.id: (r.status, r.why) for r in result.rounds}


@settings(max_examples=25, deadline=None)
@given(
    seniority=st.sampled_from(SENIORITIES),
    days=st.integers(3, 90),
    hours=st.sampled_from((0.5, 1.0, 1.5, 2.0, 3.0)),
    rest=st.sets(st.integers(0, 6), max_size=2),
    hm_in=st.one_of(st.none(), st.integers(1, 89)),
)
# Found by a random run: three days, the runway too short for new story drafts, so mission
# had its timed session but not its stories and init did not name it.
@example(seniority="senior", days=3, hours=1.0, rest={0, 1}, hm_in=None)
def test_the_plan_and_the_verdict_agree(
    seniority: str, days: int, hours: float, rest: set[int], hm_in: int | None
) -> None:
    """Following any plan at the bar gives GO, except for exactly the rounds `init` names as
    unreachable, with a reason each."""
    screens: tuple[tuple[str, dt.date], ...] = ()
    passed: tuple[str, ...] = ("recruiter", "hiring-manager")
    if hm_in is not None and hm_in < days:
        screens = (("hiring-manager", START + dt.timedelta(days=hm_in)),)
        passed = ("recruiter",)
    plan = _plan(seniority, days, hours, tuple(sorted(rest)), screens, passed)
    unreachable = unreachable_rounds(plan, real_pack(), real_templates()[seniority])
    assert all(u.reason for u in unreachable)
    named = {u.round for u in unreachable}
    result = _at_the_bar(plan)
    assert _not_ready(result) <= named, {r.round.id: r.why for r in result.rounds}
    if not named:
        assert result.verdict == "go"
    if screens:
        screen, day = screens[0]
        before = replace(plan, tasks=tuple(t for t in plan.tasks if t.day < day))
        pack = real_pack()
        evidence = follow_plan(
            pack,
            before,
            Evidence(tasks=before.tasks),
            plan.start,
            lambda r: pack.round(r).readiness.bar_for(seniority),
        )
        on_the_day = assess(pack, evidence, day, plan.settings).round(screen)
        assert on_the_day.status == "ready" or screen in named, on_the_day.why
