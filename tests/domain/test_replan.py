"""Replanning: unfinished past work moves forward into free capacity, the plan rules hold."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from plan_rules import (
    check_days,
    check_mocks_and_last_day,
    check_order,
    check_stages,
    last_working_day,
    real_pack,
    real_templates,
)
from question_rules import check_question_links

from planner.domain.models import SENIORITIES, Pack, Plan, PlanSettings, Task, Template
from planner.domain.schedule import REPLAN_MOVED_SHARE, ReplanResult, generate, replan

START = dt.date(2026, 11, 25)


def _plan(seniority: str = "mid", days: int = 30, hours: float = 1.5) -> Plan:
    settings = PlanSettings(
        "coursera-pm", seniority, START, START + dt.timedelta(days=days), 30, hours, (6,)
    )
    return generate(real_pack(), real_templates()[seniority], settings)


def _mark_done(plan: Plan, ids: set[str]) -> Plan:
    return replace(plan, tasks=tuple(replace(t, done=t.id in ids) for t in plan.tasks))


def _replan(
    plan: Plan, today: dt.date, extra: Sequence[Task] = (), move_overdue: bool = True
) -> ReplanResult:
    template = real_templates()[plan.settings.seniority]
    return replan(plan, real_pack(), template, today, extra, move_overdue)


def _drill(n: int, minutes: int = 30) -> Task:
    return Task(
        id=f"drill-m1-{n}",
        item="drill-execution",
        title=f"Drill hypothesis-first ({n})",
        kind="drill",
        rounds=("execution",),
        minutes=minutes,
        day=START,
    )


def replan_problems(
    before: Plan,
    result: ReplanResult,
    today: dt.date,
    extra: Sequence[Task] = (),
    move_overdue: bool = True,
) -> list[str]:
    """Every replanning rule that the result breaks (empty when all hold).

    Moved work (overdue or extra) may fill at most REPLAN_MOVED_SHARE of a day, except that
    one moved session longer than that share may have a day to itself.
    """
    after = result.plan
    problems: list[str] = []
    old = {t.id: t for t in before.tasks}
    new = {t.id: t for t in after.tasks}
    dropped = {t.id for t in result.dropped}
    fixed = {t.id for t in before.tasks if t.done or (not move_overdue and t.day < today)}
    for task_id in [*old, *(t.id for t in extra)]:
        if (task_id in new) == (task_id in dropped):
            problems.append(f"{task_id} is neither kept nor reported as no longer fitting")
    for task in result.dropped:
        if not any(a.kind == "unplaced" and a.item == task.item for a in after.adjustments):
            problems.append(f"{task.id} no longer fits but no adjustment says so")
    for task_id in fixed:
        if new.get(task_id) is None or new[task_id].day != old[task_id].day:
            problems.append(f"{task_id} should have stayed on {old[task_id].day}")
    moved_ids = {t.id for t in extra} | {
        t.id for t in before.tasks if t.id not in fixed and t.day < today
    }
    for task_id in moved_ids & new.keys():
        if new[task_id].day < today:
            problems.append(f"{task_id} moved to {new[task_id].day}, before today")
    for day in after.days:
        moved = [t.minutes for t in after.tasks_on(day.date) if t.id in moved_ids]
        if len(moved) > 1 and sum(moved) > int(day.capacity_minutes * REPLAN_MOVED_SHARE):
            problems.append(f"{day.date}: {sum(moved)} moved minutes of {day.capacity_minutes}")
    return (
        problems
        + check_days(after)
        + check_order(after, real_pack(), fixed)
        + check_mocks_and_last_day(after)
        + check_stages(after, real_pack())
    )


def test_a_plan_on_track_is_left_alone() -> None:
    """Replanning on the first day with nothing overdue moves and drops nothing."""
    for seniority in SENIORITIES:
        plan = _plan(seniority)
        result = _replan(plan, START)
        assert result.moved == ()
        assert result.dropped == ()
        assert result.plan == plan


@pytest.mark.parametrize(
    ("seniority", "onsite", "hours", "rest"),
    [
        ("mid", dt.date(2026, 12, 22), 1.5, (1, 5)),
        ("senior", dt.date(2026, 12, 15), 3.5, (0, 4, 6)),
        ("mid", dt.date(2027, 1, 20), 1.5, (5, 6)),
    ],
)
def test_work_placed_in_slack_keeps_its_day(
    seniority: str, onsite: dt.date, hours: float, rest: tuple[int, ...]
) -> None:
    """Plans whose generation used a week's slack are still left alone by a replan on day one."""
    settings = PlanSettings("coursera-pm", seniority, START, onsite, 30, hours, rest)
    plan = generate(real_pack(), real_templates()[seniority], settings)
    result = _replan(plan, START)
    assert (result.moved, result.dropped) == ((), ())


def test_unfinished_past_tasks_move_to_today_or_later() -> None:
    """Five days in with nothing done, every task of those days moves to 30 Nov or later,
    or is missed reading left out so that every timed session keeps a day."""
    plan = _plan()
    today = START + dt.timedelta(days=5)
    overdue = {t.id for t in plan.tasks if t.day < today}
    result = _replan(plan, today)
    moved = {task_id: new for task_id, _, new in result.moved}
    left_out = {t.id for t in result.dropped if t.kind in ("study", "research", "review")}
    assert not [t for t in result.dropped if t.kind in ("mock", "timed")]
    assert overdue <= moved.keys() | left_out
    assert all(moved[i] >= today for i in overdue - left_out)
    assert replan_problems(plan, result, today) == []


def test_moved_work_never_takes_more_than_its_share_of_a_day() -> None:
    """A week of missed work is spread: at most half a day's capacity of it lands on one day."""
    plan = _plan()
    today = START + dt.timedelta(days=8)
    result = _replan(plan, today)
    overdue = {t.id for t in plan.tasks if t.day < today}
    for day in result.plan.days:
        moved = [t.minutes for t in result.plan.tasks_on(day.date) if t.id in overdue]
        assert len(moved) <= 1 or sum(moved) <= day.capacity_minutes * REPLAN_MOVED_SHARE


def test_done_tasks_never_move() -> None:
    """Tasks ticked off stay on their day, even when earlier work around them is missed."""
    plan = _plan()
    today = START + dt.timedelta(days=6)
    done = {t.id for t in plan.tasks if t.day < today and t.kind == "study"}
    plan = _mark_done(plan, done)
    result = _replan(plan, today)
    before = {t.id: t.day for t in plan.tasks}
    assert all(t.day == before[t.id] for t in result.plan.tasks if t.id in done)
    assert not {i for i, _, _ in result.moved} & done


def test_overdue_tasks_stay_when_moving_is_off() -> None:
    """With move_overdue=False (placing drills), overdue tasks keep their day."""
    plan = _plan()
    today = START + dt.timedelta(days=6)
    result = _replan(plan, today, extra=[_drill(1)], move_overdue=False)
    before = {t.id: t.day for t in plan.tasks}
    after = {t.id: t.day for t in result.plan.tasks}
    assert all(after[i] == d for i, d in before.items() if d < today)
    assert replan_problems(plan, result, today, [_drill(1)], move_overdue=False) == []


def test_extra_drills_are_placed_from_today() -> None:
    """Three drills after a weak mock go into free time from today on, not on the last day."""
    plan = _plan()
    today = START + dt.timedelta(days=10)
    drills = [_drill(n) for n in (1, 2, 3)]
    result = _replan(plan, today, extra=drills, move_overdue=False)
    placed = [t for t in result.plan.tasks if t.kind == "drill"]
    assert len(placed) == 3
    assert all(t.day >= today for t in placed)
    assert all(t.day != result.plan.days[last_working_day(result.plan)].date for t in placed)
    assert result.moved == ()


def test_drills_come_before_their_rounds_next_timed_session() -> None:
    """The coach's case: a mid plan made 1 Dec for a 31 Dec onsite, a weak execution
    baseline on 7 Dec. Its drills take the next days' free time (a week's slack included),
    before execution's retest, never on the day of the weak session."""
    settings = PlanSettings(
        "coursera-pm",
        "mid",
        dt.date(2026, 12, 1),
        dt.date(2026, 12, 31),
        30,
        1.5,
        (6,),
        passed_screens=("recruiter", "hiring-manager"),
    )
    plan = generate(real_pack(), real_templates()["mid"], settings)
    today = dt.date(2026, 12, 7)
    baseline = next(t for t in plan.tasks if t.kind in ("mock", "timed"))
    assert (baseline.day, baseline.rounds) == (today, ("execution",))
    plan = _mark_done(plan, {baseline.id})
    drills = [_drill(n) for n in (1, 2, 3)]
    result = _replan(plan, today, extra=drills, move_overdue=False)
    retest = min(
        t.day
        for t in result.plan.tasks
        if t.kind in ("mock", "timed") and t.rounds == ("execution",) and not t.done
    )
    placed = sorted(t.day for t in result.plan.tasks if t.kind == "drill")
    free = [
        d.date
        for d in plan.days
        if today < d.date < retest
        and d.capacity_minutes - sum(t.minutes for t in plan.tasks_on(d.date)) >= 30
    ]
    assert len(placed) == 3
    assert placed == free[:3]
    assert placed[-1] < retest
    assert replan_problems(plan, result, today, drills, move_overdue=False) == []


def test_what_no_longer_fits_is_reported() -> None:
    """Three days before the onsite with nothing done, most work no longer fits and is named."""
    plan = _plan()
    today = plan.settings.onsite - dt.timedelta(days=3)
    result = _replan(plan, today)
    assert result.dropped
    unplaced = [a for a in result.plan.adjustments if a.kind == "unplaced"]
    assert len(unplaced) == len(result.dropped)
    assert all(
        "no longer fits" in a.detail or "left out so that the timed sessions" in a.detail
        for a in unplaced
    )
    assert replan_problems(plan, result, today) == []


def test_replan_after_the_last_day_drops_everything_left() -> None:
    """On the onsite day there is no day left: every unfinished task is reported."""
    plan = _plan()
    today = plan.settings.onsite
    result = _replan(plan, today)
    assert {t.id for t in result.dropped} == {t.id for t in plan.tasks}


def test_a_replanned_plan_is_stable() -> None:
    """Replanning twice on the same day moves nothing the second time."""
    plan = _plan()
    today = START + dt.timedelta(days=7)
    once = _replan(plan, today)
    twice = _replan(once.plan, today)
    assert twice.moved == ()
    assert twice.dropped == ()


def test_the_replan_checker_catches_a_moved_done_task() -> None:
    """The checker reports a done task that changed day (it is not vacuous)."""
    plan = _mark_done(_plan(), {"study-business-model-1"})
    result = _replan(plan, START + dt.timedelta(days=3))
    bad_plan = replace(
        result.plan,
        tasks=tuple(
            replace(t, day=t.day + dt.timedelta(days=1)) if t.id == "study-business-model-1" else t
            for t in result.plan.tasks
        ),
    )
    bad = replace(result, plan=bad_plan)
    assert replan_problems(plan, bad, START + dt.timedelta(days=3))


@st.composite
def replan_cases(draw: st.DrawFn) -> tuple[Plan, dt.date, tuple[Task, ...]]:
    """A plan of any seniority and length, away days, holidays, screens passed or ahead, some
    tasks done, today anywhere in it, maybe drills."""
    seniority = draw(st.sampled_from(SENIORITIES))
    rest = draw(st.sets(st.integers(0, 6), max_size=3))
    days = draw(st.integers(5, 40))
    hours = draw(st.integers(3, 12)) * 0.25
    offsets = st.sets(st.integers(1, days - 1), max_size=5)
    away = tuple(sorted(START + dt.timedelta(days=n) for n in draw(offsets)))
    holidays = tuple(sorted(START + dt.timedelta(days=n) for n in draw(offsets)))
    screen = START + dt.timedelta(days=draw(st.integers(1, days - 1)))
    stages = draw(st.sampled_from(("legacy", "passed", "ahead")))
    settings = PlanSettings(
        "coursera-pm",
        seniority,
        START,
        START + dt.timedelta(days=days),
        30,
        hours,
        tuple(rest),
        away=away,
        holidays=holidays,
        passed_screens=("recruiter", "hiring-manager") if stages != "legacy" else (),
    )
    if stages == "ahead":
        settings = replace(
            settings, passed_screens=("recruiter",), screens=(("hiring-manager", screen),)
        )
    if all(
        d.weekday() in rest or d in away
        for d in (START + dt.timedelta(days=n) for n in range(days))
    ):
        settings = replace(settings, away=())
    plan = generate(real_pack(), real_templates()[seniority], settings)
    done = draw(st.sets(st.sampled_from([t.id for t in plan.tasks]))) if plan.tasks else set()
    today = START + dt.timedelta(days=draw(st.integers(0, days)))
    drills = tuple(
        _drill(n, draw(st.sampled_from((20, 30, 45)))) for n in range(draw(st.integers(0, 3)))
    )
    return _mark_done(plan, set(done)), today, drills


@settings(max_examples=80, deadline=None)
@given(case=replan_cases(), move_overdue=st.booleans())
def test_replanning_keeps_every_rule(
    case: tuple[Plan, dt.date, tuple[Task, ...]], move_overdue: bool
) -> None:
    """Any tasks done, today anywhere, drills or not: the replanned plan keeps rules 2-4."""
    plan, today, drills = case
    result = _replan(plan, today, drills, move_overdue)
    assert replan_problems(plan, result, today, drills, move_overdue) == []


def test_checkers_load_the_same_pack_as_the_fixtures(
    pack: Pack, templates: dict[str, Template]
) -> None:
    """The session fixtures and the module's loaders see the same pack."""
    assert pack == real_pack()
    assert templates == real_templates()


@settings(max_examples=40, deadline=None)
@given(case=replan_cases())
def test_placing_drills_never_moves_planned_work(
    case: tuple[Plan, dt.date, tuple[Task, ...]],
) -> None:
    """Drills from a weak mock fill free time only: every planned task keeps its day."""
    plan, today, drills = case
    result = _replan(plan, today, drills, move_overdue=False)
    before = {t.id: t.day for t in plan.tasks}
    after = {t.id: t.day for t in result.plan.tasks}
    assert {i: after.get(i) for i in before} == before
    assert result.moved == ()


@settings(max_examples=30, deadline=None)
@given(case=replan_cases())
def test_replanning_is_deterministic(case: tuple[Plan, dt.date, tuple[Task, ...]]) -> None:
    """The same plan, day and drills always give the same replanned plan."""
    plan, today, drills = case
    assert _replan(plan, today, drills) == _replan(plan, today, drills)


@settings(max_examples=30, deadline=None)
@given(case=replan_cases())
def test_replanning_keeps_each_sessions_question(
    case: tuple[Plan, dt.date, tuple[Task, ...]],
) -> None:
    """A moved session keeps the question it names (links are stable), every link stays
    valid, and a drill keeps its own."""
    plan, today, drills = case
    result = _replan(plan, today, drills)
    before = {t.id: t.question for t in (*plan.tasks, *drills)}
    assert {t.id: t.question for t in result.plan.tasks} == {
        t.id: before[t.id] for t in result.plan.tasks
    }
    assert check_question_links(result.plan, real_pack()) == []


# -- missed reading never costs a timed session -------------------------------------------

NEW_USER = PlanSettings(
    "coursera-pm",
    "mid",
    dt.date(2026, 12, 2),
    dt.date(2026, 12, 30),
    30,
    1.5,
    (5, 6),
    screens=(("hiring-manager", dt.date(2026, 12, 9)),),
    passed_screens=("recruiter",),
    away=(dt.date(2026, 12, 24), dt.date(2026, 12, 25)),
    holidays=(dt.date(2026, 12, 25),),
)


def _missed(
    settings: PlanSettings, today: dt.date, missed_kinds: tuple[str, ...]
) -> tuple[Plan, ReplanResult]:
    """The plan with everything before `today` done except the tasks of `missed_kinds`,
    and that plan replanned today."""
    template = real_templates()[settings.seniority]
    plan = generate(real_pack(), template, settings)
    plan = _mark_done(
        plan, {t.id for t in plan.tasks if t.day < today and t.kind not in missed_kinds}
    )
    return plan, _replan(plan, today)


READING = ("study", "research", "review")


def test_missed_reading_keeps_every_timed_session() -> None:
    """A new user missed two days of reading and replanned on Mon 7 Dec: the replan dropped
    the hiring-manager baseline two days before that screen, the mission retest and the
    only timed sessions of leadership and system design, and kept the reading. Timed
    sessions are what make a round ready: reading goes first. Here: the first week's
    practice, stories and timed sessions done, its reading not."""
    today = dt.date(2026, 12, 7)
    before, result = _missed(NEW_USER, today, READING)
    assert [t for t in before.tasks if t.day < today and not t.done], "reading was missed"
    lost = [t.id for t in result.dropped if t.kind in ("mock", "timed")]
    assert lost == []
    left_out = [t for t in result.dropped if "left out so that" in _detail(result, t)]
    assert {t.id for t in left_out} == set(result.left_out)
    assert all(t.kind in ("study", "research", "review", "practice") for t in left_out)
    assert replan_problems(before, result, today) == []


def _detail(result: ReplanResult, task: Task) -> str:
    return next(
        a.detail
        for a in result.plan.adjustments
        if a.kind == "unplaced" and a.item == task.item and task.title in a.detail
    )


@pytest.mark.parametrize("seniority", SENIORITIES)
def test_missed_reading_loses_no_timed_session_at_any_seniority(seniority: str) -> None:
    """For every seniority on a 30-day plan: a week's reading missed, then a replan, and every
    timed session is still in the plan."""
    settings = replace(NEW_USER, seniority=seniority, screens=(), passed_screens=())
    today = dt.date(2026, 12, 9)
    before, result = _missed(settings, today, READING)
    assert [t.id for t in result.dropped if t.kind in ("mock", "timed")] == []
    assert replan_problems(before, result, today) == []


@pytest.mark.parametrize(
    ("seniority", "idle_days"),
    [("senior", 9), ("senior", 10), ("transition", 8), ("transition", 9)],
)
def test_overdue_story_work_never_crowds_out_timed_sessions(seniority: str, idle_days: int) -> None:
    """The coach's case: a 30-day plan (the template's hours) with nothing done in the first
    8-10 days. The overdue story drafts, the story map and the why-Coursera statement took
    the free days and the replan lost four or five timed sessions (senior, 9 days: every
    peer mock, mission's and execution's among them). Replanning keeps rule 4: the timed
    sessions and what they need go first, then the must-haves, then the rest; the work that
    gives way is named as left out for the timed sessions."""
    plan = _plan(seniority, hours=real_templates()[seniority].hours_per_day)
    today = START + dt.timedelta(days=idle_days)
    result = _replan(plan, today)
    assert [t.id for t in result.dropped if t.kind in ("mock", "timed")] == []
    for task in result.dropped:
        said = _detail(result, task)
        assert ("left out so that" in said) == (task.id in result.left_out), task.id
    assert set(result.left_out) <= {t.id for t in result.dropped}
    assert replan_problems(plan, result, today) == []
