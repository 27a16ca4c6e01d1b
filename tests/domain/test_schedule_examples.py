"""Example plans a reader can check by eye: 30-day plans per seniority and a 9-day squeeze."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from plan_rules import check_all, expected_sessions, tasks_by_item

from planner.domain.models import Pack, Plan, PlanSettings, Template
from planner.domain.schedule import PlanError, generate

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
# grid session. Mocks: as many as the template asks for.
EXPECTED_KINDS = {
    "early": {"study": 7, "research": 4, "story": 13, "practice": 15, "mock": 3, "review": 1},
    "mid": {"study": 5, "research": 4, "story": 13, "practice": 14, "mock": 3, "review": 1},
    "senior": {"study": 4, "research": 4, "story": 15, "practice": 16, "mock": 4, "review": 1},
    "transition": {"study": 6, "research": 4, "story": 19, "practice": 14, "mock": 4, "review": 1},
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
def test_first_mock_comes_after_practice_and_a_drafted_story(
    pack: Pack, templates: dict[str, Template], seniority: str
) -> None:
    """The first timed mock follows the first practice case and the first story draft."""
    plan = _plan(pack, templates, seniority, 30)
    groups = tasks_by_item(plan.tasks)
    first_mock = groups["timed-mock"][0].day
    assert first_mock > groups["practice-product-sense-cases"][0].day
    assert first_mock > groups["practice-metric-dips"][0].day
    assert first_mock > groups["draft-stories"][0].day
    assert first_mock >= START + dt.timedelta(days=10)


@pytest.mark.parametrize("seniority", sorted(EXPECTED_KINDS))
def test_last_day_is_the_light_final_review(
    pack: Pack, templates: dict[str, Template], seniority: str
) -> None:
    """24 Dec holds only the final review, in half a day's time."""
    plan = _plan(pack, templates, seniority, 30)
    last = plan.days[-1]
    assert [t.item for t in plan.tasks_on(last.date)] == ["final-review"]
    assert last.capacity_minutes == round(templates[seniority].hours_per_day * 60) // 2


def test_mocks_cover_the_heaviest_rounds_with_the_veto_round_last(
    pack: Pack, templates: dict[str, Template]
) -> None:
    """Each mock is one distinct round; the pass/fail mission round comes last."""
    mocked = {
        s: [t.rounds for t in _plan(pack, templates, s, 30).tasks if t.kind == "mock"]
        for s in EXPECTED_KINDS
    }
    for rounds in mocked.values():
        assert all(len(r) == 1 for r in rounds)
        assert len(set(rounds)) == len(rounds)
        assert rounds[-1] == ("mission",)
    assert ("product-sense",) in mocked["early"]
    assert ("leadership",) in mocked["senior"]
    assert ("hiring-manager",) in mocked["transition"]


def test_mocks_get_closer_together_towards_the_onsite(
    pack: Pack, templates: dict[str, Template]
) -> None:
    """Senior's four mocks sit in the second half, at least two days apart, the last on 22 Dec."""
    plan = _plan(pack, templates, "senior", 30)
    days = [t.day for t in plan.tasks if t.kind == "mock"]
    assert len(days) == 4
    assert days[0] >= dt.date(2026, 12, 10)
    assert days[-1] == dt.date(2026, 12, 22)
    gaps = [(b - a).days for a, b in itertools.pairwise(days)]
    assert min(gaps) >= 2
    assert gaps[0] >= gaps[-1]


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
    """Nine days hold two mocks (two days apart, none on the last day) and say the third went."""
    plan = _plan(pack, templates, "mid", 9)
    mocks = [t for t in plan.tasks if t.kind == "mock"]
    assert len(mocks) == 2
    assert (mocks[1].day - mocks[0].day).days >= 2
    assert all(t.day < dt.date(2026, 12, 3) for t in mocks)
    note = next(a for a in plan.adjustments if a.item == "timed-mock")
    assert note.kind == "shortened"
    assert "from 3 to 2 sessions" in note.detail


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
    """The squeeze keeps the business model, frameworks, stories and a case; drops extras."""
    groups = tasks_by_item(_plan(pack, templates, "mid", 9).tasks)
    for core in ("study-business-model", "study-frameworks", "draft-stories", "final-review"):
        assert core in groups
    for extra in (
        "study-interview-reports",
        "practice-tight-narrative",
        "whiteboard-recommendation",
    ):
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
    """A second business-model session found room late; it still precedes the case practice."""
    settings = PlanSettings(
        "coursera-pm", "early", START, dt.date(2026, 12, 7), 30, 0.5, rest_weekdays=(0, 1, 2)
    )
    plan = generate(pack, templates["early"], settings)
    groups = tasks_by_item(plan.tasks)
    for dependent in ("practice-product-sense-cases", "draft-stories"):
        if dependent in groups:
            assert groups[dependent][0].day > groups["study-business-model"][-1].day
    assert check_all(plan, pack, templates["early"]) == []


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
