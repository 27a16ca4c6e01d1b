"""Plans of the fifth coach review (finding 10), written down as coach-judged cases first.

- Solo drills fill the rest (DESIGN rule 4): a candidate giving twice the template's hours
  gets a retest on every round, not the same eight sessions as at the template's hours.
- On a long runway the pass/fail rounds are practised under time in the last ten days,
  not a month before the onsite with only the other rounds after them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from plan_rules import real_pack, real_templates

from planner.domain.models import SENIORITIES, TIMED_KINDS, Plan, PlanSettings
from planner.domain.schedule import generate

START = dt.date(2026, 12, 2)


def _plan(seniority: str, days: int, hours: float) -> Plan:
    settings = PlanSettings(
        "coursera-pm",
        seniority,
        START,
        START + dt.timedelta(days=days),
        days,
        hours,
        rest_weekdays=(6,),
        passed_screens=("recruiter", "hiring-manager"),
    )
    return generate(real_pack(), real_templates()[seniority], settings)


def _timed(plan: Plan) -> list[tuple[dt.date, str]]:
    return [(t.day, r) for t in plan.tasks if t.kind in TIMED_KINDS for r in t.rounds]


@pytest.mark.parametrize("seniority", SENIORITIES)
def test_more_hours_buy_every_round_a_retest(seniority: str) -> None:
    """Coach case f10: 30 days at 4 hours a day used 35% of the time and left leadership and
    system design one timed session each. Every round ahead now gets two or more."""
    plan = _plan(seniority, 30, 4.0)
    per_round = Counter(r for _, r in _timed(plan))
    ahead = ("product-sense", "execution", "system-design", "leadership", "mission")
    assert {r: per_round[r] for r in ahead} == {r: max(2, per_round[r]) for r in ahead}
    assert sum(per_round.values()) >= 10


@pytest.mark.parametrize("seniority", SENIORITIES)
@pytest.mark.parametrize("days", [45, 60, 90])
def test_a_long_runway_practises_the_pass_fail_rounds_in_its_last_ten_days(
    seniority: str, days: int
) -> None:
    """Coach case f10: on 60 days execution's last timed session was 36 days before the
    onsite and mission's 29, with only leadership and system design after them."""
    plan = _plan(seniority, days, 1.5)
    onsite = plan.settings.onsite
    for round_id in real_pack().veto_rounds:
        last = max(day for day, r in _timed(plan) if r == round_id)
        assert 2 <= (onsite - last).days <= 10, (round_id, last)
