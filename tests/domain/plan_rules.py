"""Checkers for the plan rules of DESIGN.md, shared by the generation and replanning tests.

Each checker returns a list of readable violations (empty when the rule holds), so a failing
property shows every broken rule at once.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Collection

from plan_basics import (
    ahead,
    effective_priority,
    expected_sessions,
    last_working_day,
    needed_by_must_haves,
    performance_rounds,
    prep_for,
    prep_items,
    real_pack,
    real_templates,
    repeats_allowed,
    session_index,
    tasks_by_item,
)
from question_rules import check_questions

from planner.domain.models import Pack, Plan, Task, Template
from planner.domain.schedule import (
    MIN_MOCK_GAP_DAYS,
    RETEST_GAP_DAYS,
    SHORT_RUNWAY_DAYS,
    TIMED_KINDS,
    TIMED_SCORING_MINUTES,
    baseline_limit,
    unreachable_rounds,
)


def check_coverage(plan: Plan, pack: Pack, template: Template) -> list[str]:
    """Rule 1 and 7: every applicable item has its full count, or an adjustment names it."""
    problems: list[str] = []
    wanted = expected_sessions(pack, template, plan.settings)
    groups = tasks_by_item(plan.tasks)
    named = {(a.item, a.kind) for a in plan.adjustments}
    timed_items = {i.id for i in pack.checklist if i.kind == "timed"}
    for task in plan.tasks:
        if task.item not in wanted and task.item not in timed_items:
            problems.append(f"{task.id}: item {task.item} does not apply to these settings")
    for item_id, count in wanted.items():
        have = len(groups.get(item_id, []))
        if have > count + repeats_allowed(pack, item_id, plan):
            problems.append(f"{item_id}: {have} sessions, more than the {count} asked for")
        elif have < count:
            kind = "dropped" if have == 0 else "shortened"
            if (item_id, kind) not in named:
                problems.append(f"{item_id}: {have} of {count} sessions and no '{kind}' note")
    for adjustment in plan.adjustments:
        if (
            adjustment.item not in wanted
            and adjustment.item not in timed_items
            and adjustment.kind != "unplaced"
        ):
            problems.append(f"adjustment names {adjustment.item}, which does not apply")
        if not adjustment.detail:
            problems.append(f"adjustment for {adjustment.item} says nothing")
    return problems


def check_days(plan: Plan) -> list[str]:
    """Rule 2: consecutive days ending before the onsite, capacity kept, rest days empty."""
    problems: list[str] = []
    settings = plan.settings
    if not plan.days:
        return ["the plan has no days"]
    first = max(settings.start, settings.onsite - dt.timedelta(days=settings.days))
    if plan.days[0].date != first:
        problems.append(f"starts {plan.days[0].date}, expected {first}")
    if plan.days[-1].date != settings.onsite - dt.timedelta(days=1):
        problems.append(f"ends {plan.days[-1].date}, not the day before the onsite")
    for before, after in zip(plan.days, plan.days[1:], strict=False):
        if after.date - before.date != dt.timedelta(days=1):
            problems.append(f"days jump from {before.date} to {after.date}")
    dates = {d.date for d in plan.days}
    for task in plan.tasks:
        if task.day not in dates:
            problems.append(f"{task.id} is on {task.day}, outside the plan")
    away = set(settings.away)
    for day in plan.days:
        tasks = plan.tasks_on(day.date)
        if day.rest != (day.date.weekday() in settings.rest_weekdays):
            problems.append(f"{day.date}: rest={day.rest} does not match the rest weekdays")
        if day.rest and (tasks or day.capacity_minutes):
            problems.append(f"{day.date} is a rest day but carries work or capacity")
        if day.date in away and (tasks or day.capacity_minutes):
            problems.append(f"{day.date} is an away day but carries work or capacity")
        used = sum(t.minutes for t in tasks)
        if used > day.capacity_minutes:
            problems.append(f"{day.date}: {used} minutes planned over {day.capacity_minutes}")
    return problems


def check_order(plan: Plan, pack: Pack, fixed: Collection[str] = ()) -> list[str]:
    """Rule 3: dependencies, pairing and one session a day, in session order; practice of a
    round before it is run under time (runways of 7 days and more).

    Tasks in `fixed` (done or deliberately left in place) are not checked as dependents.
    """
    problems: list[str] = []
    groups = tasks_by_item(plan.tasks)
    items = {i.id: i for i in pack.checklist}
    if len(plan.days) >= SHORT_RUNWAY_DAYS:
        for task in plan.tasks:
            if task.kind not in TIMED_KINDS or task.id in fixed:
                continue
            practised = [
                t
                for t in plan.tasks
                if t.kind in ("practice", "story")
                and set(t.rounds) & set(task.rounds)
                and t.day < task.day
            ]
            if not practised:
                problems.append(
                    f"{task.id} ({task.day}) runs {task.rounds} with no practice before"
                )
    problems += _material_first(plan, pack, groups, fixed)
    for item_id, tasks in groups.items():
        item = items.get(item_id)
        days = [t.day for t in tasks]
        if len(set(days)) != len(days):
            problems.append(f"{item_id}: two sessions on one day")
        if item is None:
            continue
        movable = [t for t in tasks if t.id not in fixed]
        for a, b in itertools.pairwise(tasks):
            if b.id not in fixed and b.day <= a.day:
                problems.append(f"{b.id} ({b.day}) is not after {a.id} ({a.day})")
        if not movable:
            continue
        first = min(t.day for t in movable)
        for dep in item.depends_on:
            dep_days = sorted(t.day for t in groups.get(dep, []))
            if not dep_days:
                continue
            need = dep_days[item.needed(len(dep_days)) - 1]
            if first <= need:
                problems.append(f"{item_id} starts {first}, not after {dep} ({need})")
            # `after = N`: a checkpoint early enough to shape the dependency's later sessions
            # (the story-to-competency map before the drafts that fill its gaps).
            if item.after.isdigit():
                later = [
                    t.day
                    for t in groups.get(dep, [])
                    if session_index(t) > int(item.after) and t.id not in fixed
                ]
                # (A replan that could not keep the checkpoint's first session says so.)
                start = min(t.day for t in tasks)
                kept = any(session_index(t) == 1 for t in tasks)
                if later and kept and min(later) <= start:
                    problems.append(f"{item_id} starts {start}, not before {dep} ({min(later)})")
        if item.pairs_with:
            partner = {session_index(t): t for t in groups.get(item.pairs_with, [])}
            for task in movable:
                mate = partner.get(session_index(task))
                if mate is not None and (task.day - mate.day).days < item.pair_gap_days:
                    problems.append(
                        f"{task.id} ({task.day}) is under {item.pair_gap_days} days after "
                        f"{mate.id} ({mate.day})"
                    )
    return problems


def _material_first(
    plan: Plan, pack: Pack, groups: dict[str, list[Task]], fixed: Collection[str]
) -> list[str]:
    """New material (`before_timed`) comes before its rounds' timed sessions, all but the
    plan's baseline and a veto round's first one (a must-have that may come first)."""
    problems: list[str] = []
    timed = sorted((t for t in plan.tasks if t.kind in TIMED_KINDS), key=lambda t: t.day)
    firsts: dict[str, str] = {}
    for t in timed:
        firsts.setdefault(t.rounds[0], t.id)
    for item_id, tasks in groups.items():
        if item_id not in {i.id for i in pack.checklist} or not pack.item(item_id).before_timed:
            continue
        last = max(t.day for t in tasks)
        for t in timed:
            exempt = t.id == timed[0].id or (
                t.rounds[0] in pack.veto_rounds and firsts[t.rounds[0]] == t.id
            )
            if t.id in fixed or exempt or t.rounds[0] not in pack.item(item_id).rounds:
                continue
            if t.day <= last:
                problems.append(f"{t.id} ({t.day}) comes before {item_id} is done ({last})")
    return problems


def check_mocks_and_last_day(plan: Plan) -> list[str]:
    """Rule 2 and 4: peer mocks two days apart and off holidays, one timed session a day with
    one round, none on the eve of the onsite; the last working day is a light review."""
    problems: list[str] = []
    mock_days = sorted(t.day for t in plan.tasks if t.kind == "mock")
    for a, b in itertools.pairwise(mock_days):
        if (b - a).days < MIN_MOCK_GAP_DAYS:
            problems.append(f"mocks on {a} and {b} are under {MIN_MOCK_GAP_DAYS} days apart")
    holidays = set(plan.settings.holidays)
    problems += [f"a peer mock on the holiday {d}" for d in mock_days if d in holidays]
    timed = [t for t in plan.tasks if t.kind in TIMED_KINDS]
    timed_days = [t.day for t in timed]
    if len(set(timed_days)) != len(timed_days):
        problems.append("two timed sessions on one day")
    problems += [f"{t.id} has rounds {t.rounds}, not one" for t in timed if len(t.rounds) != 1]
    onsite_eve = plan.settings.onsite - dt.timedelta(days=1)
    if onsite_eve in timed_days:
        problems.append("a timed session falls on the day before the onsite")
    last = plan.days[last_working_day(plan)]
    normal = round(plan.settings.hours_per_day * 60)
    if last.capacity_minutes > normal // 2:
        problems.append(f"last working day {last.date} holds {last.capacity_minutes} of {normal}")
    for task in plan.tasks_on(last.date):
        if task.kind != "review":
            problems.append(f"last working day {last.date} holds {task.kind} task {task.id}")
    return problems


def check_timed_practice(plan: Plan, pack: Pack, template: Template) -> list[str]:
    """Rule 4: an early baseline, peer budget kept, veto rounds retested, sessions sized."""
    problems: list[str] = []
    timed = sorted((t for t in plan.tasks if t.kind in TIMED_KINDS), key=lambda t: t.day)
    if not timed:
        return problems
    index = {d.date: i for i, d in enumerate(plan.days)}
    last = last_working_day(plan)
    working = [i for i, d in enumerate(plan.days) if d.capacity_minutes and i != last]
    # A practised baseline needs its frameworks and a practice session first: when they
    # fill the first 40%, the baseline comes on the next working day after that practice.
    limit = baseline_limit(len(plan.days))
    first = timed[0]
    if len(plan.days) >= SHORT_RUNWAY_DAYS:
        prep = prep_for(pack, template, plan.settings, first.rounds[0])
        practice = [index[t.day] for t in plan.tasks if t.item == prep]
        screens = {day for _, day in plan.settings.screens}
        allowed = [  # a peer mock never falls on a holiday; no timed session on a screen's day
            i
            for i in working
            if (first.kind != "mock" or plan.days[i].date not in plan.settings.holidays)
            and plan.days[i].date not in screens
        ]
        after = [i for i in allowed if practice and i > min(practice)]
        if after:
            limit = max(limit, after[0])
    fits_early = any(
        d.capacity_minutes >= min(t.minutes for t in timed)
        for i, d in enumerate(plan.days[: limit + 1])
        if i != last
    )
    if fits_early and index[first.day] > limit:
        problems.append(f"first timed session on day {index[first.day]}, after day {limit}")
    peers = [t for t in timed if t.kind == "mock"]
    if len(peers) > template.mocks:
        problems.append(f"{len(peers)} peer mocks, over the budget of {template.mocks}")
    longest = max(d.capacity_minutes for d in plan.days)
    for t in timed:
        round_ = pack.round(t.rounds[0])
        if t.rounds[0] not in performance_rounds(pack, plan.settings):
            problems.append(f"{t.id} practises {t.rounds[0]}, not a performance round ahead")
        if not round_.minutes <= t.minutes <= round_.minutes + TIMED_SCORING_MINUTES:
            problems.append(f"{t.id}: {t.minutes} minutes for a {round_.minutes}-minute round")
        if t.minutes > longest:
            problems.append(f"{t.id} is longer than any day")
    last_of: dict[str, Task] = {}
    for t in timed:  # a day between a round's timed sessions to drill what the first showed
        before = last_of.get(t.rounds[0])
        if before is not None and (t.day - before.day).days < RETEST_GAP_DAYS:
            problems.append(f"{before.id} and {t.id} run {t.rounds[0]} on {before.day} and {t.day}")
        last_of[t.rounds[0]] = t
    for veto in sorted(set(pack.veto_rounds) & {t.rounds[0] for t in timed}):
        name = pack.round(veto).name
        noted = any("retest" in a.detail and name in a.detail for a in plan.adjustments)
        if sum(1 for t in timed if t.rounds[0] == veto) < 2 and not noted:
            problems.append(f"veto round {veto} has no retest and no note says why")
    return problems


def check_stages(plan: Plan, pack: Pack) -> list[str]:
    """Stages: no work for passed or skipped rounds; a screen's own work before its date; the
    screen's day is light (half a day at most, no timed session)."""
    problems: list[str] = []
    rounds = ahead(pack, plan.settings)
    dates = dict(plan.settings.screens)
    for task in plan.tasks:
        if not set(task.rounds) <= rounds:
            problems.append(f"{task.id} serves {task.rounds}, not all ahead")
        screen_only = bool(task.rounds) and all(r in dates for r in task.rounds)
        if screen_only and task.day >= max(dates[r] for r in task.rounds):
            problems.append(f"{task.id} ({task.day}) is not before its screen")
    normal = round(plan.settings.hours_per_day * 60)
    for round_id, day in dates.items():
        on_the_day = plan.tasks_on(day)
        if sum(t.minutes for t in on_the_day) > normal // 2:
            problems.append(f"the {round_id} screen's day {day} holds more than half a day")
        problems += [
            f"{t.id} is timed on the {round_id} screen's day"
            for t in on_the_day
            if t.kind in TIMED_KINDS
        ]
    return problems


SHORT_OF_PREPARATION = "following the plan leaves its preparation short"


def check_reach(plan: Plan, pack: Pack, template: Template) -> list[str]:
    """Rule 8: each performance round ahead is practised under time, or named unreachable."""
    practised = {t.rounds[0] for t in plan.tasks if t.kind in TIMED_KINDS and t.rounds}
    named = {u.round: u.reason for u in unreachable_rounds(plan, pack, template)}
    problems = [
        f"{r} has no timed session and is not named unreachable"
        for r in sorted(performance_rounds(pack, plan.settings))
        if r not in practised and r not in named
    ]
    # A round practised under time is named only when the plan leaves its preparation short
    # (the readiness model's judgement of the plan followed to the letter), or when it is a
    # pass/fail round practised fewer times than `ready` needs (its retest).
    timed = [t.rounds[0] for t in plan.tasks if t.kind in TIMED_KINDS and t.rounds]
    problems += [
        f"{r} is named unreachable but is practised"
        for r, why in named.items()
        if r in practised
        and not why.startswith(SHORT_OF_PREPARATION)
        and timed.count(r) >= pack.round(r).readiness.min_full_sessions
    ]
    problems += [f"{r} is unreachable with no reason" for r, why in named.items() if not why]
    return problems


def check_reasons(plan: Plan) -> list[str]:
    """Rule 7, said truly: a note that blames full days names days that are full."""
    problems: list[str] = []
    last = last_working_day(plan)
    used = {d.date: sum(t.minutes for t in plan.tasks_on(d.date)) for d in plan.days}
    free = {d.date: d.capacity_minutes - used[d.date] for d in plan.days}
    for a in plan.adjustments:
        full = re.search(r"no day before the light review day has the (\d+) minutes", a.detail)
        if full:
            need = int(full[1])
            roomy = [d.date for i, d in enumerate(plan.days) if i != last and free[d.date] >= need]
            if roomy:
                problems.append(f"{a.item}: says no day has {need} free, {roomy[0]} has")
        retest = re.search(
            r"after its baseline on (.+?): no day two or more days after it has the (\d+)",
            a.detail,
        )
        if retest:
            when = next(t.day for t in plan.tasks if t.day.strftime("%a %d %b") == retest[1])
            need = int(retest[2])
            roomy = [
                d.date
                for i, d in enumerate(plan.days)
                if i != last and (d.date - when).days >= RETEST_GAP_DAYS and free[d.date] >= need
            ]
            if roomy:
                problems.append(
                    f"{a.item}: says no day two days after {when} has {need} free, {roomy[0]} has"
                )
    return problems


def check_notes_and_last_drafts(plan: Plan, pack: Pack) -> list[str]:
    """Rule 7, said once: no item is named both dropped and shortened. And no story drafted
    in the plan's last three days beyond the must-haves without a rehearsal after it (a story
    written and never said out loud is the first thing to cut)."""
    problems: list[str] = []
    kinds: dict[str, set[str]] = {}
    for a in plan.adjustments:
        kinds.setdefault(a.item, set()).add(a.kind)
    problems += [
        f"{item} is named both dropped and shortened"
        for item, named in kinds.items()
        if {"dropped", "shortened"} <= named
    ]
    groups = tasks_by_item(plan.tasks)
    last3 = plan.settings.onsite - dt.timedelta(days=3)
    for item in pack.checklist:
        partner = next((i for i in pack.checklist if i.pairs_with == item.id), None)
        if partner is None or item.id not in groups:
            continue
        said = {session_index(t): t.day for t in groups.get(partner.id, [])}
        for task in groups[item.id]:
            n = session_index(task)
            if n > item.must_have and task.day >= last3 and not said.get(n, task.day) > task.day:
                problems.append(f"{task.id} ({task.day}) is drafted in the last three days, unsaid")
    return problems


def check_all(plan: Plan, pack: Pack, template: Template) -> list[str]:
    """Every rule of generation."""
    return (
        check_coverage(plan, pack, template)
        + check_days(plan)
        + check_order(plan, pack)
        + check_mocks_and_last_day(plan)
        + check_timed_practice(plan, pack, template)
        + check_stages(plan, pack)
        + check_reach(plan, pack, template)
        + check_reasons(plan)
        + check_notes_and_last_drafts(plan, pack)
        + check_questions(plan, pack)
    )


__all__ = [
    "ahead",
    "check_all",
    "check_coverage",
    "check_days",
    "check_mocks_and_last_day",
    "check_notes_and_last_drafts",
    "check_order",
    "check_questions",
    "check_reach",
    "check_reasons",
    "check_stages",
    "check_timed_practice",
    "effective_priority",
    "expected_sessions",
    "last_working_day",
    "needed_by_must_haves",
    "performance_rounds",
    "prep_for",
    "prep_items",
    "real_pack",
    "real_templates",
    "repeats_allowed",
    "session_index",
    "tasks_by_item",
]
