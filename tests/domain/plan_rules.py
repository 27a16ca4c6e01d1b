"""Checkers for the plan rules of DESIGN.md, shared by the generation and replanning tests.

Each checker returns a list of readable violations (empty when the rule holds), so a failing
property shows every broken rule at once.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Collection, Iterable
from functools import cache
from pathlib import Path

from planner.domain.content import load_pack, load_templates
from planner.domain.models import Pack, Plan, PlanSettings, Task, Template
from planner.domain.schedule import MIN_MOCK_GAP_DAYS

ROOT = Path(__file__).resolve().parents[2]


@cache
def real_pack() -> Pack:
    """The repository's Coursera PM pack (loaded once; kept out of hypothesis reports)."""
    return load_pack(ROOT / "content" / "coursera-pm")


@cache
def real_templates() -> dict[str, Template]:
    """The repository's seniority templates."""
    return load_templates(ROOT / "plans", real_pack())


def session_index(task: Task) -> int:
    """The session number of a task (`draft-stories-3` is session 3)."""
    tail = task.id.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def expected_sessions(pack: Pack, template: Template, settings: PlanSettings) -> dict[str, int]:
    """Each applicable checklist item with the session count the template asks for."""
    skipped = set(settings.skip_rounds)
    wanted: dict[str, int] = {}
    for item in pack.checklist:
        override = template.items.get(item.id)
        if settings.seniority not in item.seniority or (override is not None and override.skip):
            continue
        if not [r for r in item.rounds if r not in skipped]:
            continue
        sessions = item.sessions
        if item.per == "story":
            sessions = template.stories
        elif item.per == "mock":
            sessions = template.mocks
        if override is not None and override.sessions is not None:
            sessions = override.sessions
        if sessions > 0:
            wanted[item.id] = sessions
    return wanted


def effective_priority(
    pack: Pack, template: Template, settings: PlanSettings, item_id: str
) -> float:
    """An item's priority weighted by its rounds' emphasis, raised to that of what needs it.

    Work that needs every session of an item first (`after = "all"`) lends it its priority:
    the frameworks matter as much as the practice built on them.
    """
    wanted = expected_sessions(pack, template, settings)

    def own(item_id: str) -> float:
        item = pack.item(item_id)
        override = template.items.get(item_id)
        base = override.priority if override is not None and override.priority else item.priority
        rounds = [r for r in item.rounds if r not in settings.skip_rounds]
        return base * max(template.round_emphasis.get(r, 1.0) for r in rounds)

    def lent(item_id: str, seen: frozenset[str]) -> float:
        needers = [
            i.id
            for i in pack.checklist
            if i.id in wanted and i.after == "all" and item_id in i.depends_on
        ]
        return max(
            [own(item_id)] + [lent(n, seen | {n}) for n in needers if n not in seen],
        )

    return lent(item_id, frozenset({item_id}))


def tasks_by_item(tasks: Iterable[Task]) -> dict[str, list[Task]]:
    """Tasks grouped by checklist item, each group in session order."""
    groups: dict[str, list[Task]] = {}
    for task in tasks:
        groups.setdefault(task.item, []).append(task)
    for group in groups.values():
        group.sort(key=session_index)
    return groups


def last_working_day(plan: Plan) -> int:
    """Index of the plan's last non-rest day."""
    return max(i for i, d in enumerate(plan.days) if not d.rest)


def check_coverage(plan: Plan, pack: Pack, template: Template) -> list[str]:
    """Rule 1 and 7: every applicable item has its full count, or an adjustment names it."""
    problems: list[str] = []
    wanted = expected_sessions(pack, template, plan.settings)
    groups = tasks_by_item(plan.tasks)
    named = {(a.item, a.kind) for a in plan.adjustments}
    for task in plan.tasks:
        if task.item not in wanted:
            problems.append(f"{task.id}: item {task.item} does not apply to these settings")
    for item_id, count in wanted.items():
        have = len(groups.get(item_id, []))
        if have > count:
            problems.append(f"{item_id}: {have} sessions, more than the {count} asked for")
        elif have < count:
            kind = "dropped" if have == 0 else "shortened"
            if (item_id, kind) not in named:
                problems.append(f"{item_id}: {have} of {count} sessions and no '{kind}' note")
    for adjustment in plan.adjustments:
        if adjustment.item not in wanted and adjustment.kind != "unplaced":
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
    for day in plan.days:
        tasks = plan.tasks_on(day.date)
        if day.rest != (day.date.weekday() in settings.rest_weekdays):
            problems.append(f"{day.date}: rest={day.rest} does not match the rest weekdays")
        if day.rest and (tasks or day.capacity_minutes):
            problems.append(f"{day.date} is a rest day but carries work or capacity")
        used = sum(t.minutes for t in tasks)
        if used > day.capacity_minutes:
            problems.append(f"{day.date}: {used} minutes planned over {day.capacity_minutes}")
    return problems


def check_order(plan: Plan, pack: Pack, fixed: Collection[str] = ()) -> list[str]:
    """Rule 3: dependencies, pairing and one session a day, in session order.

    Tasks in `fixed` (done or deliberately left in place) are not checked as dependents.
    """
    problems: list[str] = []
    groups = tasks_by_item(plan.tasks)
    items = {i.id: i for i in pack.checklist}
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
            dep_days = [t.day for t in groups.get(dep, [])]
            if not dep_days:
                continue
            need = min(dep_days) if item.after == "first" else max(dep_days)
            if first <= need:
                problems.append(f"{item_id} starts {first}, not after {dep} ({need})")
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


def check_mocks_and_last_day(plan: Plan) -> list[str]:
    """Rule 4: mocks two days apart, none at the end; the last working day is a light review."""
    problems: list[str] = []
    mock_days = sorted(t.day for t in plan.tasks if t.kind == "mock")
    for a, b in itertools.pairwise(mock_days):
        if (b - a).days < MIN_MOCK_GAP_DAYS:
            problems.append(f"mocks on {a} and {b} are under {MIN_MOCK_GAP_DAYS} days apart")
    onsite_eve = plan.settings.onsite - dt.timedelta(days=1)
    if onsite_eve in mock_days:
        problems.append("a mock falls on the day before the onsite")
    last = plan.days[last_working_day(plan)]
    normal = round(plan.settings.hours_per_day * 60)
    if last.capacity_minutes > normal // 2:
        problems.append(f"last working day {last.date} holds {last.capacity_minutes} of {normal}")
    for task in plan.tasks_on(last.date):
        if task.kind != "review":
            problems.append(f"last working day {last.date} holds {task.kind} task {task.id}")
    return problems


def check_all(plan: Plan, pack: Pack, template: Template) -> list[str]:
    """Every rule of generation."""
    return (
        check_coverage(plan, pack, template)
        + check_days(plan)
        + check_order(plan, pack)
        + check_mocks_and_last_day(plan)
    )
