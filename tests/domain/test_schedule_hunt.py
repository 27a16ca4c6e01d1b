"""Plans a coach would refuse, found by random runs and by reading plans (session 4): each
case as it was found, with every rule checked."""

from __future__ import annotations

import datetime as dt

from plan_rules import check_all, tasks_by_item

from planner.domain.models import Pack, PlanSettings, Template
from planner.domain.schedule import generate

DEC14 = dt.date(2026, 12, 14)


def test_a_recruiter_screen_two_days_out_keeps_its_own_preparation(
    pack: Pack, templates: dict[str, Template]
) -> None:
    """Early, today 14 Dec, recruiter screen on 16 Dec, hiring manager on 19 Dec, onsite
    4 Jan, weekends off, US holidays: the budget used to drop the recruiter logistics (the
    screen's only preparation, worth little next to the onsite's work) while the first two
    days went to the onsite's groundwork. A screen's own work is now a must-have."""
    recruiter, manager = dt.date(2026, 12, 16), dt.date(2026, 12, 19)
    s = PlanSettings(
        pack="coursera-pm",
        seniority="early",
        start=DEC14,
        onsite=dt.date(2027, 1, 4),
        days=30,
        hours_per_day=1.5,
        rest_weekdays=(5, 6),
        screens=(("recruiter", recruiter), ("hiring-manager", manager)),
        holidays=(dt.date(2026, 12, 25), dt.date(2027, 1, 1)),
    )
    plan = generate(pack, templates["early"], s)
    groups = tasks_by_item(plan.tasks)
    assert [t.day < recruiter for t in groups.get("prep-recruiter-logistics", [])] == [True]
    assert groups.get("practice-metric-pivots")
    assert all(t.day < manager for t in groups["practice-metric-pivots"])
    assert not [a for a in plan.adjustments if a.item == "prep-recruiter-logistics"]
    assert check_all(plan, pack, templates["early"]) == []


def test_a_dropped_single_must_have_says_its_first_session(
    pack: Pack, templates: dict[str, Template]
) -> None:
    """Senior, one 45-minute working day: the note on 'why Coursera' said "its first 1
    sessions"."""
    s = PlanSettings("coursera-pm", "senior", DEC14, DEC14 + dt.timedelta(days=2), 30, 0.75)
    plan = generate(pack, templates["senior"], s)
    note = next(a.detail for a in plan.adjustments if a.item == "write-mission-statement")
    assert "it is a must-have (its first session)" in note
    assert not [a for a in plan.adjustments if "first 1 sessions" in a.detail]


def test_a_recruiter_screen_tomorrow_comes_before_the_onsite_must_haves(
    pack: Pack, templates: dict[str, Template]
) -> None:
    """Transition, 5 days at 2 h, recruiter screen tomorrow, hiring manager in three days:
    the first day went to a story and the mission drill and the recruiter screen had no
    preparation. A screen's own work now comes first among the must-haves (after the onsite
    baseline, which still lands early)."""
    recruiter = DEC14 + dt.timedelta(days=1)
    s = PlanSettings(
        pack="coursera-pm",
        seniority="transition",
        start=DEC14,
        onsite=DEC14 + dt.timedelta(days=5),
        days=30,
        hours_per_day=2.0,
        screens=(("recruiter", recruiter), ("hiring-manager", DEC14 + dt.timedelta(days=3))),
    )
    plan = generate(pack, templates["transition"], s)
    assert [t.day for t in plan.tasks if t.item == "prep-recruiter-logistics"] == [DEC14]
    assert check_all(plan, pack, templates["transition"]) == []


def test_a_retest_leaves_a_day_to_drill_after_its_baseline(
    pack: Pack, templates: dict[str, Template]
) -> None:
    """Transition, today 1 Dec, onsite 25 Dec, screens passed: the execution baseline ran on
    11 Dec and its retest on 12 Dec, with no day between to drill what the baseline showed.
    A round's timed sessions now come at least two days apart."""
    start = dt.date(2026, 12, 1)
    template = templates["transition"]
    s = PlanSettings(
        pack="coursera-pm",
        seniority="transition",
        start=start,
        onsite=start + dt.timedelta(days=24),
        days=30,
        hours_per_day=template.hours_per_day,
        rest_weekdays=template.rest_weekdays,
        passed_screens=pack.screen_rounds,
    )
    plan = generate(pack, template, s)
    execution = [
        t.day for t in plan.tasks if t.kind in ("mock", "timed") and t.rounds == ("execution",)
    ]
    assert len(execution) == 2
    assert (execution[1] - execution[0]).days >= 2
    assert check_all(plan, pack, template) == []
