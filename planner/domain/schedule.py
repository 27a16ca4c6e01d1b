"""Plan generation and replanning: pure, deterministic, `today` passed in."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from planner.domain.models import (
    Adjustment,
    ChecklistItem,
    Day,
    Pack,
    Plan,
    PlanSettings,
    Task,
    Template,
)

MIN_MOCK_GAP_DAYS = 2
MIN_SESSION_MINUTES = 10
REPLAN_MOVED_SHARE = 0.5
"""Moved work may take at most this share of one day, so overdue work never lands as a wall."""


class PlanError(ValueError):
    """Raised when the plan inputs cannot make a plan (bad dates, no working day)."""


@dataclass(frozen=True)
class _Unit:
    """A checklist item as this plan uses it: counts, minutes and priority resolved."""

    item: ChecklistItem
    rounds: tuple[str, ...]
    sessions: int
    minutes: int
    priority: float


@dataclass
class _Spec:
    """One session waiting for a day."""

    id: str
    unit: _Unit
    index: int
    target: int
    moved: bool = False
    keep: bool = False
    """The session already has its target day: keep it there while the hard rules allow."""


@dataclass
class _Board:
    """Placement state: what each day holds."""

    capacity: list[int]
    week_limit: list[int]
    """Per 7-day block: the share of its capacity that may be planned (the rest is slack)."""
    last_index: int
    used: list[int] = field(default_factory=list)
    week_used: list[int] = field(default_factory=list)
    moved_used: list[int] = field(default_factory=list)
    item_days: dict[str, list[int]] = field(default_factory=dict)
    session_day: dict[tuple[str, int], int] = field(default_factory=dict)
    mock_days: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.used = [0] * len(self.capacity)
        self.week_used = [0] * len(self.week_limit)
        self.moved_used = [0] * len(self.capacity)

    def put(self, unit: _Unit, index: int, day: int, minutes: int, moved: bool = False) -> None:
        if day >= 0:
            self.used[day] += minutes
            self.week_used[day // 7] += minutes
            if moved:
                self.moved_used[day] += minutes
        self.item_days.setdefault(unit.item.id, []).append(day)
        self.session_day[(unit.item.id, index)] = day
        if unit.item.kind == "mock":
            self.mock_days.append(day)


def plan_days(settings: PlanSettings, template: Template) -> list[Day]:
    """The plan's days: back-planned from the onsite, with capacities and rest days."""
    if settings.days < 1:
        raise PlanError("days must be at least 1")
    if settings.onsite <= settings.start:
        raise PlanError("the onsite must be after the start date")
    if len(set(settings.rest_weekdays)) >= 7:
        raise PlanError("every weekday is a rest day: no day is left to prepare")
    if not 0 < settings.hours_per_day <= 16:
        raise PlanError("hours per day must be above 0 and at most 16")
    first = max(settings.start, settings.onsite - dt.timedelta(days=settings.days))
    capacity = round(settings.hours_per_day * 60)
    days: list[Day] = []
    current = first
    while current < settings.onsite:
        rest = current.weekday() in settings.rest_weekdays
        days.append(Day(date=current, rest=rest, capacity_minutes=0 if rest else capacity))
        current += dt.timedelta(days=1)
    working = [i for i, d in enumerate(days) if not d.rest]
    if not working:
        raise PlanError("every day before the onsite is a rest day: keep one day to prepare")
    # The last working day is the light review day, even when a rest day follows it.
    days[working[-1]] = replace(days[working[-1]], capacity_minutes=capacity // 2)
    return days


def _units(pack: Pack, template: Template, settings: PlanSettings) -> list[_Unit]:
    """The applicable checklist items with counts and priorities for this seniority."""
    skipped = set(settings.skip_rounds)
    units: list[_Unit] = []
    for item in pack.checklist:
        override = template.items.get(item.id)
        if settings.seniority not in item.seniority or (override and override.skip):
            continue
        rounds = tuple(r for r in item.rounds if r not in skipped)
        if not rounds:
            continue
        sessions = item.sessions
        if item.per == "story":
            sessions = template.stories
        elif item.per == "mock":
            sessions = template.mocks
        if override and override.sessions is not None:
            sessions = override.sessions
        if sessions <= 0:
            continue
        minutes = override.minutes if override and override.minutes else item.minutes
        base = override.priority if override and override.priority else item.priority
        emphasis = max(template.round_emphasis.get(r, 1.0) for r in rounds)
        units.append(_Unit(item, rounds, sessions, minutes, round(base * emphasis, 4)))
    return _inherit_priority(units)


def _inherit_priority(units: list[_Unit]) -> list[_Unit]:
    """Raise each item to the priority of the work that needs all of it first.

    Cutting the frameworks while keeping the practice built on them would break the order the
    plan promises (rule 3), so a dependency is worth at least what depends on it. Mocks need
    only a first session of their dependencies and pass nothing on.
    """
    priority = {u.item.id: u.priority for u in units}
    changed = True
    while changed:
        changed = False
        for u in units:
            if u.item.after != "all":
                continue
            for dep in u.item.depends_on:
                if dep in priority and priority[dep] < priority[u.item.id]:
                    priority[dep] = priority[u.item.id]
                    changed = True
    return [replace(u, priority=priority[u.item.id]) for u in units]


def _topological(units: Sequence[_Unit]) -> list[_Unit]:
    """Items in dependency order; among ready items, higher priority first, then file order."""
    by_id = {u.item.id: u for u in units}
    position = {u.item.id: i for i, u in enumerate(units)}
    needs: dict[str, set[str]] = {}
    for u in units:
        deps = set(u.item.depends_on)
        if u.item.pairs_with:
            deps.add(u.item.pairs_with)
        needs[u.item.id] = {d for d in deps if d in by_id and d != u.item.id}
    ordered: list[_Unit] = []
    done: set[str] = set()
    while len(ordered) < len(units):
        ready = [i for i in by_id if i not in done and needs[i] <= done]
        if not ready:  # a cycle: validation forbids it, but never loop forever
            ready = [i for i in by_id if i not in done]
        pick = min(ready, key=lambda i: (-by_id[i].priority, position[i]))
        ordered.append(by_id[pick])
        done.add(pick)
    return ordered


def _shorten_minutes(units: list[_Unit], longest: int) -> tuple[list[_Unit], list[Adjustment]]:
    """Cap session length at the longest day; sessions that cannot be useful are dropped."""
    out: list[_Unit] = []
    notes: list[Adjustment] = []
    for u in units:
        if u.minutes > longest:
            if longest < MIN_SESSION_MINUTES:
                notes.append(
                    Adjustment(
                        u.item.id,
                        "dropped",
                        f"Dropped '{u.item.title}': no day has the {MIN_SESSION_MINUTES} "
                        "minutes a useful session needs.",
                    )
                )
                continue
            notes.append(
                Adjustment(
                    u.item.id,
                    "shortened",
                    f"Shortened '{u.item.title}' sessions from {u.minutes} to {longest} minutes "
                    "to fit a day.",
                )
            )
            u = replace(u, minutes=longest)
        out.append(u)
    return out, notes


def _fit(units: list[_Unit], budget: int) -> list[_Unit]:
    """Cut sessions, then whole items, of the lowest-priority work until it fits the budget."""
    total = sum(u.minutes * u.sessions for u in units)
    by_priority = sorted(units, key=lambda u: (u.priority, -units.index(u)))
    sessions = {u.item.id: u.sessions for u in units}
    for u in by_priority:
        if total <= budget:
            break
        floor = max(1, min(u.item.min_sessions, u.sessions))
        while sessions[u.item.id] > floor and total > budget:
            sessions[u.item.id] -= 1
            total -= u.minutes
    for u in by_priority:
        if total <= budget:
            break
        total -= u.minutes * sessions[u.item.id]
        sessions[u.item.id] = 0
    result = [replace(u, sessions=sessions[u.item.id]) for u in units if sessions[u.item.id]]
    # A paired item (rehearse story N) cannot have more sessions than its partner (draft N).
    kept = {u.item.id: u for u in result}
    for i, u in enumerate(result):
        partner = kept.get(u.item.pairs_with or "")
        if u.item.pairs_with and (partner is None or u.sessions > partner.sessions):
            result[i] = replace(u, sessions=partner.sessions if partner else 0)
    return [u for u in result if u.sessions]


def _window(template: Template, kind: str, length: int) -> tuple[int, int]:
    start, end = template.kind_window.get(kind, (0.0, 1.0))
    lo = min(length - 1, math.floor(start * length))
    hi = max(lo, min(length - 1, math.ceil(end * length) - 1))
    return lo, hi


def _targets(unit: _Unit, template: Template, length: int) -> list[int]:
    """Where each session would ideally go: spread over its kind's window."""
    lo, hi = _window(template, unit.item.kind, length)
    n = unit.sessions
    if unit.item.kind == "mock":
        hi = min(hi, max(lo, length - 3))
        # closer together as the onsite nears: gaps shrink towards the end
        return [lo + round((hi - lo) * (1 - (1 - (i + 1) / n) ** 1.5)) for i in range(n)]
    if unit.item.kind == "review" and n == 1:
        return [hi]
    span = hi - lo + 1
    return [lo + (i * span) // n for i in range(n)]


def _earliest(spec: _Spec, board: _Board, floor: int) -> int:
    """First day the session may go, given dependencies, pairing and its own earlier sessions."""
    item = spec.unit.item
    earliest = floor
    for dep in item.depends_on:
        days = board.item_days.get(dep)
        if days:
            earliest = max(earliest, (min(days) if item.after == "first" else max(days)) + 1)
    if item.pairs_with:
        partner_day = board.session_day.get((item.pairs_with, spec.index))
        if partner_day is not None:
            earliest = max(earliest, partner_day + item.pair_gap_days)
    previous = [
        day
        for (item_id, index), day in board.session_day.items()
        if item_id == item.id and index < spec.index
    ]
    if previous:
        earliest = max(earliest, max(previous) + 1)
    return earliest


def _fits(spec: _Spec, day: int, board: _Board, use_slack: bool) -> bool:
    unit = spec.unit
    if board.used[day] + unit.minutes > board.capacity[day]:
        return False
    week = day // 7
    if (
        not use_slack
        and day != board.last_index
        and board.week_used[week] + unit.minutes > board.week_limit[week]
    ):
        return False
    if spec.moved and board.moved_used[day] + unit.minutes > max(
        unit.minutes, int(board.capacity[day] * REPLAN_MOVED_SHARE)
    ):
        return False
    if day in board.item_days.get(unit.item.id, []):
        return False
    if day == board.last_index and unit.item.kind != "review":
        return False
    return not (
        unit.item.kind == "mock" and any(abs(day - m) < MIN_MOCK_GAP_DAYS for m in board.mock_days)
    )


def _ready(spec: _Spec, board: _Board, waiting: set[str], pending_items: dict[str, int]) -> bool:
    """Whether everything the session must come after has been placed (or given up)."""
    item = spec.unit.item
    for dep in item.depends_on:
        if pending_items.get(dep, 0) and (item.after == "all" or dep not in board.item_days):
            return False
    if item.pairs_with and f"{item.pairs_with}#{spec.index}" in waiting:
        return False
    return f"{item.id}#{spec.index - 1}" not in waiting


def _place(
    specs: Iterable[_Spec], board: _Board, floor: int, cascade: bool = True
) -> list[tuple[_Spec, int | None]]:
    """Place sessions in order of their target day, each once what it depends on is placed.

    A session goes on the first fitting day from its target, else the nearest earlier one;
    when the slack-limited capacity has no room it may use the day's slack, never more than
    the day's capacity. A paired session whose partner found no day is not placed (no
    rehearsal of a story never drafted); with `cascade`, neither are the later sessions of an
    item whose earlier session found none, so an item's sessions stay numbered 1..n.
    """
    pending = list(specs)
    waiting = {f"{s.unit.item.id}#{s.index}" for s in pending}
    pending_items: dict[str, int] = {}
    for s in pending:
        pending_items[s.unit.item.id] = pending_items.get(s.unit.item.id, 0) + 1
    placed: list[tuple[_Spec, int | None]] = []
    failed: set[tuple[str, int]] = set()
    while pending:
        position = next(
            (i for i, s in enumerate(pending) if _ready(s, board, waiting, pending_items)), 0
        )
        spec = pending.pop(position)
        item = spec.unit.item
        chosen: int | None = None
        blocked = (item.pairs_with or "", spec.index) in failed or (
            cascade and any((item.id, i) in failed for i in range(1, spec.index))
        )
        if (
            not blocked
            and spec.keep
            and _earliest(spec, board, floor) <= spec.target
            and _fits(spec, spec.target, board, use_slack=True)
        ):
            chosen = spec.target
        elif not blocked:
            chosen = _choose(spec, board, floor, use_slack=False)
            if chosen is None:
                chosen = _choose(spec, board, floor, use_slack=True)
        if chosen is not None:
            board.put(spec.unit, spec.index, chosen, spec.unit.minutes, spec.moved)
        else:
            failed.add((item.id, spec.index))
        waiting.discard(f"{spec.unit.item.id}#{spec.index}")
        pending_items[spec.unit.item.id] -= 1
        placed.append((spec, chosen))
    return placed


def _choose(
    spec: _Spec, board: _Board, floor: int, use_slack: bool, before: int | None = None
) -> int | None:
    """The day for a session: its target or the first fitting day after, else before it.

    `before` bounds the day from above (a session added late must stay ahead of work that
    depends on it).
    """
    earliest = _earliest(spec, board, floor)
    start = max(spec.target, earliest)
    length = len(board.capacity) if before is None else max(0, before)
    for day in range(start, length):
        if _fits(spec, day, board, use_slack):
            return day
    for day in range(min(start, length) - 1, earliest - 1, -1):
        if _fits(spec, day, board, use_slack):
            return day
    return None


def _critical(specs: Sequence[_Spec]) -> set[str]:
    """Timed mocks and the sessions they need: placed first, as the plan's skeleton.

    Mocks are the largest sessions with the strictest spacing; placing them before the
    flexible work keeps a day free for each.
    """
    by_key = {(s.unit.item.id, s.index): s for s in specs}
    sessions: dict[str, list[int]] = {}
    for s in specs:
        sessions.setdefault(s.unit.item.id, []).append(s.index)
    todo = [s for s in specs if s.unit.item.kind == "mock"]
    critical: set[str] = set()
    while todo:
        spec = todo.pop()
        if spec.id in critical:
            continue
        critical.add(spec.id)
        item = spec.unit.item
        needed: list[tuple[str, int]] = [(item.id, spec.index - 1)]
        if item.pairs_with:
            needed.append((item.pairs_with, spec.index))
        for dep in item.depends_on:
            indices = sessions.get(dep, [])
            needed += [(dep, i) for i in (indices[:1] if item.after == "first" else indices)]
        todo += [by_key[k] for k in needed if k in by_key]
    return critical


def _task_title(unit: _Unit, index: int) -> str:
    if unit.sessions == 1:
        return unit.item.title
    return f"{unit.item.title} ({index}/{unit.sessions})"


def _board(days: Sequence[Day], slack: float) -> _Board:
    """An empty board: day capacities, and per 7-day block the plannable share (no slack).

    The last working day is the light review day; rest days after it carry nothing anyway.
    """
    last = max((i for i, d in enumerate(days) if not d.rest), default=len(days) - 1)
    weeks = (len(days) + 6) // 7
    limits = [0] * weeks
    for i, d in enumerate(days):
        if i != last:
            limits[i // 7] += d.capacity_minutes
    return _Board(
        capacity=[d.capacity_minutes for d in days],
        week_limit=[int(limit * (1 - slack)) for limit in limits],
        last_index=last,
    )


def generate(pack: Pack, template: Template, settings: PlanSettings) -> Plan:
    """Build the plan for these settings; the same inputs always give the same plan."""
    days = plan_days(settings, template)
    board = _board(days, template.slack)
    last = board.last_index
    ordered = _topological(_units(pack, template, settings))
    review_budget = board.capacity[last]
    work_budget = sum(board.week_limit)
    max_session = max(board.capacity[:last], default=0)
    reviews = [u for u in ordered if u.item.kind == "review"]
    others = [u for u in ordered if u.item.kind != "review"]
    adjustments: list[Adjustment] = []
    wanted: dict[str, _Unit] = {}
    fitted: list[_Unit] = []
    # Review items sit on the light last day, or earlier when the work leaves room.
    review_session = review_budget if review_budget >= MIN_SESSION_MINUTES else max_session
    for group, budget, longest in (
        (others, work_budget, max_session),
        (reviews, review_budget, review_session),
    ):
        shortened, notes = _shorten_minutes(group, longest)
        adjustments += notes
        wanted.update({u.item.id: u for u in shortened})
        fitted += _fit(shortened, budget)
    rank = {u.item.id: i for i, u in enumerate(ordered)}
    specs: list[_Spec] = []
    for unit in fitted:
        for index, target in enumerate(_targets(unit, template, len(days)), start=1):
            specs.append(_Spec(f"{unit.item.id}-{index}", unit, index, target))
    critical = _critical(specs)
    specs.sort(key=lambda s: (s.id not in critical, s.target, rank[s.unit.item.id], s.index))
    placed = [(spec, day) for spec, day in _place(specs, board, 0) if day is not None]
    placed += _second_chance(wanted, board, template, len(days))
    counts: dict[str, int] = {}
    for spec, _ in placed:
        counts[spec.unit.item.id] = counts.get(spec.unit.item.id, 0) + 1
    tasks = [_task(spec, days[day].date, counts, template, pack) for spec, day in placed]
    for unit in sorted(wanted.values(), key=lambda u: rank[u.item.id]):
        adjustments += _count_note(unit, counts.get(unit.item.id, 0), template)
    tasks.sort(key=lambda t: (t.day, _kind_rank(t.kind), t.id))
    return Plan(
        settings=settings, days=tuple(days), tasks=tuple(tasks), adjustments=tuple(adjustments)
    )


def _second_chance(
    wanted: Mapping[str, _Unit], board: _Board, template: Template, length: int
) -> list[tuple[_Spec, int]]:
    """Give sessions cut by the budget a place when the plan still has room, best first."""
    placed: list[tuple[_Spec, int]] = []
    for unit in sorted(wanted.values(), key=lambda u: -u.priority):
        have = len(board.item_days.get(unit.item.id, []))
        limit = unit.sessions
        if unit.item.pairs_with:
            limit = min(limit, len(board.item_days.get(unit.item.pairs_with, [])))
        targets = _targets(unit, template, length)
        for index in range(have + 1, limit + 1):
            spec = _Spec(f"{unit.item.id}-{index}", unit, index, targets[index - 1])
            before = _dependents_start(unit, index, wanted, board)
            day = _choose(spec, board, 0, use_slack=False, before=before)
            if day is None:
                break
            board.put(unit, index, day, unit.minutes)
            placed.append((spec, day))
    return placed


def _dependents_start(
    unit: _Unit, index: int, units: Mapping[str, _Unit], board: _Board
) -> int | None:
    """The first day of placed work that must come after session `index` of `unit`."""
    starts = [
        min(board.item_days[other.item.id])
        for other in units.values()
        if unit.item.id in other.item.depends_on
        and board.item_days.get(other.item.id)
        and (other.item.after == "all" or index == 1)
    ]
    return min(starts, default=None)


def _task(
    spec: _Spec, day: dt.date, counts: Mapping[str, int], template: Template, pack: Pack
) -> Task:
    unit = spec.unit
    total = counts[unit.item.id]
    title = unit.item.title if total == 1 else f"{unit.item.title} ({spec.index}/{total})"
    rounds = unit.rounds
    if unit.item.kind == "mock" and len(rounds) > 1:
        # The most important rounds get the mocks; the most important of them goes last,
        # closest to the onsite and after the most practice.
        chosen = [_mock_rounds(unit, template, pack)[i % len(rounds)] for i in range(total)]
        focus = chosen[total - spec.index]
        rounds = (focus,)
        title = f"{title}: {next((r.name for r in pack.rounds if r.id == focus), focus)}"
    return Task(
        id=spec.id,
        item=unit.item.id,
        title=title,
        kind=unit.item.kind,
        rounds=rounds,
        minutes=unit.minutes,
        day=day,
    )


def _count_note(unit: _Unit, placed: int, template: Template) -> list[Adjustment]:
    """Say plainly when an item lost sessions, and why."""
    if placed >= unit.sessions:
        return []
    if unit.item.kind == "mock":
        why = (
            "timed mocks need two days between them, come after some practice and never "
            "fall on the day before the onsite"
        )
    else:
        why = (
            "the days left cannot hold it next to work that matters more "
            f"at the {template.id} level"
        )
    if placed == 0:
        return [Adjustment(unit.item.id, "dropped", f"Dropped '{unit.item.title}': {why}.")]
    return [
        Adjustment(
            unit.item.id,
            "shortened",
            f"Shortened '{unit.item.title}' from {unit.sessions} to {placed} sessions: {why}.",
        )
    ]


def _mock_rounds(unit: _Unit, template: Template, pack: Pack) -> list[str]:
    """The order in which a multi-round mock item's sessions take their round.

    A pass/fail (veto) round comes first, then the rounds that weigh most for this seniority
    (the pack's round weight times the template's emphasis); ties keep loop order. Each mock
    is one round, as real loops are.
    """
    order = {r: i for i, r in enumerate(pack.round_ids)}
    veto = set(pack.veto_rounds) | {r.id for r in pack.rounds if r.veto}

    def weight(round_id: str) -> float:
        return pack.round_weights.get(round_id, 1.0) * template.round_emphasis.get(round_id, 1.0)

    return sorted(unit.rounds, key=lambda r: (r not in veto, -weight(r), order.get(r, 99)))


def _kind_rank(kind: str) -> int:
    order = ("review", "study", "research", "story", "practice", "drill", "mock")
    return order.index(kind) if kind in order else len(order)


@dataclass(frozen=True)
class ReplanResult:
    """A replanned plan with what moved and what no longer fits."""

    plan: Plan
    moved: tuple[tuple[str, dt.date, dt.date], ...]
    dropped: tuple[Task, ...]


def replan(
    plan: Plan,
    pack: Pack,
    template: Template,
    today: dt.date,
    extra: Sequence[Task] = (),
    move_overdue: bool = True,
) -> ReplanResult:
    """Move unfinished past tasks (and any `extra` tasks) into free capacity from today on.

    Done tasks stay where they are; future tasks stay on their day when the rules allow; the
    rules of generation (capacity, rest days, dependencies, mock spacing, light last day) hold.
    """
    days = list(plan.days)
    board = _board(days, template.slack)
    index_of = {d.date: i for i, d in enumerate(days)}
    floor = next((i for i, d in enumerate(days) if d.date >= today), len(days))
    units_by_item = {u.item.id: u for u in _units(pack, template, plan.settings)}
    kept: list[Task] = []
    pending: list[Task] = []
    for task in plan.tasks:
        if task.done or (not move_overdue and task.day < today):
            kept.append(task)
        else:
            pending.append(task)
    pending.extend(extra)
    units: dict[str, _Unit] = {}

    def unit_for(task: Task) -> _Unit:
        if task.item in units_by_item:
            base = units_by_item[task.item]
        else:
            base = _Unit(
                item=ChecklistItem(
                    id=task.item,
                    title=task.title,
                    description="",
                    rounds=task.rounds,
                    kind=task.kind,
                    minutes=task.minutes,
                    sessions=1,
                    priority=3,
                ),
                rounds=task.rounds,
                sessions=1,
                minutes=task.minutes,
                priority=3.0,
            )
        key = f"{task.item}:{task.minutes}"
        if key not in units:
            units[key] = replace(base, minutes=task.minutes)
        return units[key]

    def session_index(task: Task) -> int:
        tail = task.id.rsplit("-", 1)[-1]
        return int(tail) if tail.isdigit() else 0

    for task in kept:
        day = index_of.get(task.day, -1)
        board.put(unit_for(task), session_index(task), day, task.minutes if day >= 0 else 0)
    item_rank = {u.item.id: i for i, u in enumerate(_topological(list(units_by_item.values())))}
    pending.sort(key=lambda t: (item_rank.get(t.item, len(item_rank)), session_index(t), t.day))
    specs = []
    for task in pending:
        day = index_of.get(task.day, floor)
        overdue = day < floor
        specs.append(
            _Spec(
                task.id,
                unit_for(task),
                session_index(task),
                floor if overdue else day,
                moved=overdue or task in extra,
                keep=not overdue and task not in extra,
            )
        )
    # Work that is still on time keeps its day; moved work fills the free capacity around it.
    specs.sort(key=lambda s: (s.moved, s.target, item_rank.get(s.unit.item.id, 0), s.index))
    by_id = {t.id: t for t in pending}
    new_tasks = list(kept)
    moved: list[tuple[str, dt.date, dt.date]] = []
    dropped: list[Task] = []
    for spec, placed_day in _place(specs, board, floor, cascade=False):
        task = by_id[spec.id]
        if placed_day is None:
            dropped.append(task)
            continue
        new_day = days[placed_day].date
        if new_day != task.day and task not in extra:
            moved.append((task.id, task.day, new_day))
        new_tasks.append(replace(task, day=new_day))
    new_tasks.sort(key=lambda t: (t.day, _kind_rank(t.kind), t.id))
    adjustments = list(plan.adjustments)
    for task in dropped:
        adjustments.append(
            Adjustment(task.item, "unplaced", f"'{task.title}' no longer fits before the onsite.")
        )
    return ReplanResult(
        plan=replace(plan, tasks=tuple(new_tasks), adjustments=tuple(adjustments)),
        moved=tuple(moved),
        dropped=tuple(dropped),
    )


def minutes_by_day(tasks: Iterable[Task]) -> Mapping[dt.date, int]:
    """Total scheduled minutes per day."""
    totals: dict[dt.date, int] = {}
    for t in tasks:
        totals[t.day] = totals.get(t.day, 0) + t.minutes
    return totals
