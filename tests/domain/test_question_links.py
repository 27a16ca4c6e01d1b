"""The plan links each practice, solo timed and peer mock session to one bank question."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from question_rules import check_questions

from planner.domain.models import SENIORITIES, Pack, Plan, PlanSettings, Task, Template
from planner.domain.schedule import generate
from planner.domain.schedule.links import is_seniority_specific, link_questions

START = dt.date(2026, 12, 1)


def _plan(pack: Pack, templates: dict[str, Template], seniority: str, days: int = 30) -> Plan:
    template = templates[seniority]
    settings = PlanSettings(
        "coursera-pm",
        seniority,
        START,
        START + dt.timedelta(days=days),
        days,
        template.hours_per_day,
        template.rest_weekdays,
        passed_screens=("recruiter",),
    )
    return generate(pack, template, settings)


def _types(pack: Pack, plan: Plan) -> set[str]:
    return {pack.question(t.question).type for t in plan.tasks if t.question}


@pytest.mark.parametrize("seniority", SENIORITIES)
@pytest.mark.parametrize("days", [14, 30, 60])
def test_every_default_plan_keeps_the_question_rules(
    pack: Pack, templates: dict[str, Template], seniority: str, days: int
) -> None:
    """Valid links, no repeat within a week while another was free, held questions only for
    their seniorities."""
    assert check_questions(_plan(pack, templates, seniority, days), pack) == []


def test_a_senior_plan_works_on_strategy_and_people_management(
    pack: Pack, templates: dict[str, Template]
) -> None:
    """The senior 30-day plan names strategy and people-management questions."""
    assert {"strategy-vision", "people-management"} <= _types(
        pack, _plan(pack, templates, "senior")
    )


@pytest.mark.parametrize("days", [14, 30, 60, 90])
def test_an_early_plan_never_does(pack: Pack, templates: dict[str, Template], days: int) -> None:
    """No strategy, no people management, nothing held for other seniorities."""
    plan = _plan(pack, templates, "early", days)
    assert not _types(pack, plan) & {"strategy-vision", "people-management"}
    assert not [
        t for t in plan.tasks if t.question and is_seniority_specific(pack.question(t.question))
    ]


def test_todays_sessions_say_which_question_and_other_work_none(
    pack: Pack, templates: dict[str, Template]
) -> None:
    """Practice, timed and mock tasks name a question; study, research and story work none."""
    plan = _plan(pack, templates, "mid")
    for task in plan.tasks:
        assert bool(task.question) == (task.kind in ("practice", "timed", "mock")), task


def test_a_whiteboard_works_on_its_own_prompt(pack: Pack, templates: dict[str, Template]) -> None:
    """An item that names its question gets it; others take it only when nothing else fits."""
    plan = _plan(pack, templates, "mid", 60)
    own = {t.question for t in plan.tasks if t.item == "whiteboard-recommendation"}
    assert own == {"sd-learning-path-recs"}
    others = [
        t.id
        for t in plan.tasks
        if t.question == "sd-learning-path-recs" and t.item != "whiteboard-recommendation"
    ]
    assert others == []


def test_a_rounds_timed_sessions_spread_over_its_types(
    pack: Pack, templates: dict[str, Template]
) -> None:
    """The first timed session of a round works on its core type, the next on another one."""
    plan = _plan(pack, templates, "senior", 60)
    by_round: dict[str, list[str]] = {}
    for task in sorted(plan.tasks, key=lambda t: (t.day, t.id)):
        if task.kind in ("timed", "mock"):
            by_round.setdefault(task.rounds[0], []).append(pack.question(task.question).type)
    spread = {r: types for r, types in by_round.items() if len(types) >= 2}
    assert spread, by_round
    for types in spread.values():
        assert len(set(types[:2])) == 2, by_round
    assert by_round["execution"][0] == "metrics"
    assert by_round["mission"][0] == "motivation"


def test_the_same_inputs_give_the_same_links(pack: Pack, templates: dict[str, Template]) -> None:
    """Deterministic: two runs, one plan."""
    assert _plan(pack, templates, "senior") == _plan(pack, templates, "senior")


def test_a_linked_session_keeps_its_question(pack: Pack, templates: dict[str, Template]) -> None:
    """Links are stable: linking again changes nothing, and a task that names a question (even
    one another rule would rank lower) keeps it."""
    plan = _plan(pack, templates, "mid")
    assert link_questions(plan.tasks, pack, "mid") == plan.tasks
    first = next(t for t in plan.tasks if t.kind == "timed")
    other = next(
        q.id for q in pack.questions if q.round == first.rounds[0] and q.id != first.question
    )
    pinned = tuple(replace(t, question=other) if t.id == first.id else t for t in plan.tasks)
    relinked = link_questions(pinned, pack, "mid")
    assert next(t for t in relinked if t.id == first.id).question == other


def test_done_and_unlinked_old_tasks(pack: Pack, templates: dict[str, Template]) -> None:
    """A plan stored before links: linking fills the open sessions, never the done ones."""
    plan = _plan(pack, templates, "mid")
    old = tuple(
        replace(t, question="", done=t.day < START + dt.timedelta(days=10)) for t in plan.tasks
    )
    linked = link_questions(old, pack, "mid")
    for before, after in zip(old, linked, strict=True):
        if before.done or before.kind not in ("practice", "timed", "mock"):
            assert after == before
        else:
            assert after.question


def test_a_session_without_a_fitting_question_names_none(pack: Pack) -> None:
    """A session of a round the bank has nothing for (here: a made-up one) stays unlinked."""
    task = Task("timed-drill-1", "timed-drill", "Solo", "timed", ("lunch",), 60, START)
    assert link_questions((task,), pack, "mid") == (task,)
