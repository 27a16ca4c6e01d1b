"""Example plans a reader can check by eye: 30-day plans per seniority and a 9-day squeeze."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from plan_rules import check_all, expected_sessions, tasks_by_item

from planner.domain.models import Pack, Plan, PlanSettings, Template
from planner.domain.schedule import (
    PlanError,
    generate,
)

START = dt.date(2026, 11, 25)


def _plan(pack: Pack, templates: dict[str, Template], seniority: str, days: int) -> Plan:
    """A plan starting 2026-11-25 with the onsite `days` later, at the template's hours."""
    settings = PlanSettings(
        pack="coursera-pm",
        seniority=seniority,
        start=START,
        onsite=START + dt.timedelta(days=days),
        days=30,
        hours_per_day=templates[seniority].hours_per_day,
    )
    return generate(pack, templates[seniority], settings)


def _kinds(plan: Plan) -> dict[str, int]:
    counts: dict[str, int] = {}
    for task in plan.tasks:
        counts[task.kind] = counts.get(task.kind, 0) + 1
    return counts


# Story tasks: one draft and one rehearsal per story, plus the story grid, the pitfall review
# and the "why Coursera" answer; transition adds three background translations and a second
# grid session, senior a second grid session. Timed sessions: a baseline for each of the seven
# performance rounds ahead (no screen is passed in these legacy settings, so the
# hiring-manager screen is ahead with no date) and a retest for each veto round: the
# template's peer mocks (3 or 4) and solo timed drills for the rest. With no rest day the
# checklist leaves the last days empty: each gets a spaced repeat of a case or a drill.
EXPECTED_KINDS = {
    "early": {
        "study": 7,
        "research": 4,
        "story": 13,
        "practice": 17,
        "mock": 3,
        "timed": 6,
        "review": 1,
    },
    "mid": {
        "study": 5,
        "research": 4,
        "story": 13,
        "practice": 17,
        "mock": 3,
        "timed": 6,
        "review": 1,
    },
    "senior": {
        "study": 4,
        "research": 4,
        "story": 16,
        "practice": 17,
        "mock": 4,
        "timed": 5,
        "review": 1,
    },
    "transition": {
        "study": 6,
        "research": 4,
        "story": 19,
        "practice": 20,
        "mock": 4,
        "timed": 5,
        "review": 1,
    },
}


@pytest.mark.parametrize("seniority", sorted(EXPECTED_KINDS))
def test_thirty_day_plan_has_the_expected_tasks_per_kind(
    pack: Pack, templates: dict[str, Template], seniority: str
) -> None:
    """A 30-day plan at the template's hours holds every item in full: nothing is cut."""
    plan = _plan(pack, templates, seniority, 30)
    assert _kinds(plan) == EXPECTED_KINDS[seniority]
    assert plan.adjustments == ()
    assert check_all(plan, pack, templates[seniority]) == []


@pytest.mark.parametrize("seniority", sorted(EXPECTED_KINDS))
def test_thirty_day_plan_runs_from_today_to_the_eve_of_the_onsite(
    pack: Pack, templates: dict[str, Template], seniority: str
) -> None:
    """Thirty days, 25 Nov to 24 Dec, for an onsite on 25 Dec."""
    plan = _plan(pack, templates, seniority, 30)
    assert len(plan.days) == 30
    assert plan.days[0].date == dt.date(2026, 11, 25)
    assert plan.days[-1].date == dt.date(2026, 12, 24)


@pytest.mark.parametrize("seniority", sorted(EXPECTED_KINDS))
def test_first_timed_session_is_an_early_baseline_after_practice(
    pack: Pack, templates: dict[str, Template], seniority: str
) -> None:
    """The first timed session falls in the first 40% (by day 12 of 30), after practice of
    its round, on a veto round (execution or mission)."""
    plan = _plan(pack, templates, seniority, 30)
    timed = [t for t in plan.tasks if t.kind in ("mock", "timed")]
    first = timed[0]
    assert first.day <= START + dt.timedelta(days=11)
    assert first.rounds[0] in pack.veto_rounds
    assert "baseline" in first.title
    assert any(
        t.kind in ("practice", "story") and first.rounds[0] in t.rounds and t.day < first.day
        for t in plan.tasks
    )


@pytest.mark.parametrize("seniority", sorted(EXPECTED_KINDS))
def test_last_day_is_the_light_final_review(
    pack: Pack, templates: dict[str, Template], seniority: str
) -> None:
    """24 Dec holds only the final review, in half a day's time."""
    plan = _plan(pack, templates, seniority, 30)
    last = plan.days[-1]
    assert [t.item for t in plan.tasks_on(last.date)] == ["final-review"]
    assert last.capacity_minutes == round(templates[seniority].hours_per_day * 60) // 2


def test_timed_sessions_cover_every_round_veto_rounds_first_and_retested(
    pack: Pack, templates: dict[str, Template]
) -> None:
    """Rule 4: every performance round once under time, each session one round; the veto
    rounds (execution, mission) go first and are retested; peers = the template's mocks."""
    for seniority in EXPECTED_KINDS:
        plan = _plan(pack, templates, seniority, 30)
        timed = [t for t in plan.tasks if t.kind in ("mock", "timed")]
        rounds = [t.rounds[0] for t in timed]
        assert all(len(t.rounds) == 1 for t in timed)
        assert set(rounds) == set(pack.round_ids) - {"recruiter"}
        assert set(rounds[:2]) == set(pack.veto_rounds)
        assert rounds.count("execution") == rounds.count("mission") == 2
        assert sum(t.kind == "mock" for t in timed) == templates[seniority].mocks
    senior = [t.rounds[0] for t in _plan(pack, templates, "senior", 30).tasks if t.kind == "mock"]
    assert "system-design" in senior
    assert "leadership" in senior


def test_timed_sessions_get_closer_together_towards_the_onsite(
    pack: Pack, templates: dict[str, Template]
) -> None:
    """Senior's nine timed sessions: the first by 1 Dec, every round's baseline close
    together early (within 40% when the practice allows), the last on 23 Dec (the day before
    the light review day), peer mocks two days apart or more, no gap over ten days."""
    plan = _plan(pack, templates, "senior", 30)
    days = [t.day for t in plan.tasks if t.kind in ("mock", "timed")]
    assert len(days) == 9
    assert days[0] <= dt.date(2026, 12, 1)
    assert days[-1] == dt.date(2026, 12, 23)
    gaps = [(b - a).days for a, b in itertools.pairwise(days)]
    assert max(gaps) <= 10
    peers = [t.day for t in plan.tasks if t.kind == "mock"]
    assert min((b - a).days for a, b in itertools.pairwise(peers)) >= 2


def test_each_rehearsal_follows_its_draft_by_two_days(
    pack: Pack, templates: dict[str, Template]
) -> None:
    """Story N is rehearsed at least two days after it was drafted."""
    plan = _plan(pack, templates, "mid", 30)
    groups = tasks_by_item(plan.tasks)
    drafts, rehearsals = groups["draft-stories"], groups["rehearse-stories"]
    assert len(drafts) == len(rehearsals) == 5
    for draft, rehearsal in zip(drafts, rehearsals, strict=True):
        assert (rehearsal.day - draft.day).days >= 2


def test_transition_plan_translates_past_work_before_drafting_most_stories(
    pack: Pack, templates: dict[str, Template]
) -> None:
    """The transition plan has three background translations, the first one early on."""
    plan = _plan(pack, templates, "transition", 30)
    groups = tasks_by_item(plan.tasks)
    assert len(groups["map-background-to-product"]) == 3
    assert groups["map-background-to-product"][0].day <= dt.date(2026, 12, 5)
    assert "map-background-to-product" not in tasks_by_item(_plan(pack, templates, "mid", 30).tasks)


def test_senior_plan_builds_a_strategic_vision(pack: Pack, templates: dict[str, Template]) -> None:
    """Only the senior plan holds the lifelong-learning strategy sessions (three of them)."""
    assert (
        len(tasks_by_item(_plan(pack, templates, "senior", 30).tasks)["senior-strategy-narrative"])
        == 3
    )
    for other in ("early", "mid", "transition"):
        assert "senior-strategy-narrative" not in tasks_by_item(
            _plan(pack, templates, other, 30).tasks
        )


def test_nine_day_plan_keeps_the_mocks_it_can(pack: Pack, templates: dict[str, Template]) -> None:
    """Nine days: both veto rounds run under time (a baseline in the first 40%) and
    execution is retested, none on the last day; the peer mocks that did not fit are named
    with the reason that binds (here: every day before the review day is full)."""
    plan = _plan(pack, templates, "mid", 9)
    timed = [t for t in plan.tasks if t.kind in ("mock", "timed")]
    assert {t.rounds[0] for t in timed} >= set(pack.veto_rounds)
    assert [t.rounds[0] for t in timed].count("execution") == 2
    assert timed[0].day <= START + dt.timedelta(days=3)
    assert all(t.day < dt.date(2026, 12, 3) for t in timed)
    peers = [t for t in timed if t.kind == "mock"]
    note = next(a for a in plan.adjustments if a.item == "timed-mock")
    assert note.kind == "shortened"
    assert f"from 3 to {len(peers)} sessions" in note.detail
    assert "no day before the light review day has the 60 minutes" in note.detail
    used = {d.date: sum(t.minutes for t in plan.tasks_on(d.date)) for d in plan.days}
    assert all(d.capacity_minutes - used[d.date] < 60 for d in plan.days[:-1])


def test_nine_day_plan_names_every_dropped_item(pack: Pack, templates: dict[str, Template]) -> None:
    """Each item with no session left is named by title in a 'Dropped' note."""
    plan = _plan(pack, templates, "mid", 9)
    groups = tasks_by_item(plan.tasks)
    dropped = {a.item: a.detail for a in plan.adjustments if a.kind == "dropped"}
    assert dropped, "a 9-day plan cannot hold a 30-day checklist"
    for item_id, detail in dropped.items():
        assert item_id not in groups
        assert detail.startswith(f"Dropped '{pack.item(item_id).title}'")
    assert check_all(plan, pack, templates["mid"]) == []


def test_nine_day_plan_keeps_the_core_before_the_extras(
    pack: Pack, templates: dict[str, Template]
) -> None:
    """The squeeze keeps the must-haves (why Coursera, three stories drafted and rehearsed,
    a timed case per veto round) with the practice they follow; drops extras."""
    groups = tasks_by_item(_plan(pack, templates, "mid", 9).tasks)
    for core in ("write-mission-statement", "study-frameworks", "practice-metric-dips"):
        assert core in groups
    assert len(groups["draft-stories"]) >= 3
    assert len(groups["rehearse-stories"]) >= 3
    for extra in ("practice-tight-narrative", "whiteboard-recommendation"):
        assert extra not in groups


def test_rest_days_carry_nothing_and_the_review_moves_to_the_last_working_day(
    pack: Pack, templates: dict[str, Template]
) -> None:
    """With Sundays off and the onsite on a Monday, Saturday is the light review day."""
    settings = PlanSettings(
        "coursera-pm", "mid", START, dt.date(2026, 12, 21), 30, 1.5, rest_weekdays=(6,)
    )
    plan = generate(pack, templates["mid"], settings)
    assert plan.days[-1].rest
    assert plan.tasks_on(plan.days[-1].date) == []
    saturday = plan.days[-2]
    assert saturday.capacity_minutes == 45
    assert [t.item for t in plan.tasks_on(saturday.date)] == ["final-review"]
    assert check_all(plan, pack, templates["mid"]) == []


def test_no_working_day_before_the_onsite_is_refused(
    pack: Pack, templates: dict[str, Template]
) -> None:
    """Five days to the onsite, all of them rest days: a PlanError, not an empty plan."""
    settings = PlanSettings(
        "coursera-pm", "mid", START, dt.date(2026, 11, 30), 30, 1.5, rest_weekdays=(2, 3, 4, 5, 6)
    )
    with pytest.raises(PlanError, match="rest day"):
        generate(pack, templates["mid"], settings)


def test_days_too_short_for_any_session_say_what_they_dropped(
    pack: Pack, templates: dict[str, Template]
) -> None:
    """At six minutes a day nothing fits, and every item is named as dropped."""
    settings = PlanSettings("coursera-pm", "mid", START, START + dt.timedelta(days=30), 30, 0.1)
    plan = generate(pack, templates["mid"], settings)
    assert plan.tasks == ()
    named = {a.item for a in plan.adjustments if a.kind == "dropped"}
    assert named == set(expected_sessions(pack, templates["mid"], settings))


def test_sessions_added_late_stay_ahead_of_the_work_that_needs_them(
    pack: Pack, templates: dict[str, Template]
) -> None:
    """Squeezed plans (three working days a week, short days) give business-model sessions
    room late; those still precede the case practice and the mission answer built on them."""
    seen = 0
    for hours in (0.5, 0.75, 1.0, 1.25, 1.5, 2.0):
        settings = PlanSettings(
            "coursera-pm", "early", START, dt.date(2026, 12, 7), 30, hours, rest_weekdays=(0, 1, 2)
        )
        plan = generate(pack, templates["early"], settings)
        groups = tasks_by_item(plan.tasks)
        if "study-business-model" in groups:
            seen += 1
            for dependent in ("practice-product-sense-cases", "whiteboard-retention-feature"):
                if dependent in groups:
                    assert groups[dependent][0].day > groups["study-business-model"][-1].day
        assert check_all(plan, pack, templates["early"]) == []
    assert seen


def test_no_story_is_rehearsed_before_it_is_drafted(
    pack: Pack, templates: dict[str, Template]
) -> None:
    """On five Sunday-only weeks, rehearsals are numbered 1..n and each follows its draft."""
    settings = PlanSettings(
        "coursera-pm",
        "early",
        START,
        dt.date(2027, 2, 8),
        30,
        4.25,
        rest_weekdays=(0, 1, 2, 3, 4, 5),
    )
    plan = generate(pack, templates["early"], settings)
    groups = tasks_by_item(plan.tasks)
    drafts = {t.id.rsplit("-", 1)[1]: t.day for t in groups["draft-stories"]}
    rehearsals = groups["rehearse-stories"]
    assert [t.id for t in rehearsals] == [
        f"rehearse-stories-{n}" for n in range(1, len(rehearsals) + 1)
    ]
    for rehearsal in rehearsals:
        assert rehearsal.day > drafts[rehearsal.id.rsplit("-", 1)[1]]
