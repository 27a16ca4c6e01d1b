"""Placing sessions on days: capacity, rest and away days, order, timed-session spacing."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from planner.domain.models import TIMED_KINDS
from planner.domain.schedule.calendar import (
    MIN_MOCK_GAP_DAYS,
    REPLAN_MOVED_SHARE,
    RETEST_GAP_DAYS,
    Board,
)

ALL = 10**6
"""A need count meaning every session of the dependency."""


@dataclass
class Spec:
    """One session waiting for a day."""

    id: str
    item: str
    kind: str
    index: int
    target: int
    minutes: int
    needs: tuple[tuple[str, int], ...] = ()
    """(item, n): the first n sessions of that item come on earlier days (ALL: every one)."""
    pair: tuple[str, int, int] | None = None
    """(item, index, gap): that session comes at least `gap` days earlier."""
    after: tuple[tuple[str, int], ...] = ()
    """Sessions (item, index) that come earlier (a retest after its baseline): at least
    `RETEST_GAP_DAYS` earlier for a timed session, else a day."""
    deadline: int | None = None
    """The last day index allowed (the day before a screen)."""
    strict: tuple[str, ...] = ()
    """Needed items whose failure blocks this session (a timed session without its practice)."""
    moved: bool = False
    keep: bool = False
    """The session already has its target day: keep it there while the hard rules allow."""
    round: str = ""
    cascade: bool = True
    """Not placed when an earlier session of the same item found no day."""
    urgent: bool = False
    """May use a week's slack before moving away from its target (the baseline's chain)."""
    ordered: bool = True
    """Comes after the item's previous session (generation numbers timed sessions by day at
    the end instead; a replan keeps their numbers, so their order)."""
    must: bool = False
    """A must-have session (rule 7): part of the skeleton placed first."""
    soft_deadline: int | None = None
    """Prefer any day up to this one over a day after it (the baseline's first 40%)."""
    preds: list[tuple[tuple[str, int], int]] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, int]:
        """The session as (item, index)."""
        return (self.item, self.index)


def after_gap(spec: Spec) -> int:
    """Days between a session and those it comes `after`: a retest leaves a day to drill."""
    return RETEST_GAP_DAYS if spec.kind in TIMED_KINDS else 1


def predecessors(spec: Spec, counts: dict[str, int]) -> list[tuple[tuple[str, int], int]]:
    """The sessions that must come before this one, with the minimum gap in days."""
    out: list[tuple[tuple[str, int], int]] = []
    for dep, n in spec.needs:
        out += [((dep, i), 1) for i in range(1, min(n, counts.get(dep, 0)) + 1)]
    if spec.pair:
        out.append(((spec.pair[0], spec.pair[1]), spec.pair[2]))
    out += [(key, after_gap(spec)) for key in spec.after]
    if spec.index > 1 and spec.ordered:
        out.append(((spec.item, spec.index - 1), 1))
    return out


def propagate(specs: Sequence[Spec], capacity: Sequence[int] = ()) -> None:
    """Pull the targets and deadlines (hard and soft) of prerequisites ahead of the work that
    needs them.

    With `capacity`, a target pulled ahead lands on a working day (rest days skipped).
    """
    previous_working: list[int] = []
    last = 0
    for day, minutes in enumerate(capacity):
        last = day if minutes > 0 else last
        previous_working.append(last)

    def snap(day: int) -> int:
        return previous_working[day] if 0 <= day < len(previous_working) else max(0, day)

    counts: dict[str, int] = {}
    for s in specs:
        counts[s.item] = max(counts.get(s.item, 0), s.index)
    by_key = {s.key: s for s in specs}
    for s in specs:
        s.preds = [(k, gap) for k, gap in predecessors(s, counts) if k in by_key]
    for _ in range(len(specs)):
        changed = False
        for s in specs:
            for key, gap in s.preds:
                p = by_key[key]
                target = min(p.target, snap(max(0, s.target - gap)))
                if target != p.target and not p.keep:
                    p.target, changed = target, True
                # (A deadline no day can meet pulls nothing: that work cannot be placed anyway.)
                hard = s.deadline
                if hard is not None and hard - gap >= 0 and (p.deadline or 10**6) > hard - gap:
                    p.deadline, changed = hard - gap, True
                soft = s.soft_deadline
                if soft is not None and (p.soft_deadline is None or p.soft_deadline > soft - gap):
                    p.soft_deadline, changed = soft - gap, True
        if not changed:
            break


def closure(specs: Sequence[Spec], roots: Iterable[Spec]) -> set[str]:
    """The ids of `roots` and of every session they need first."""
    by_key = {s.key: s for s in specs}
    todo = list(roots)
    out: set[str] = set()
    while todo:
        spec = todo.pop()
        if spec.id in out:
            continue
        out.add(spec.id)
        todo += [by_key[k] for k, _ in spec.preds if k in by_key]
    return out


def skeleton_rank(specs: Sequence[Spec], baseline: Spec | None = None) -> dict[str, int]:
    """Which sessions go first: 0 the onsite baseline, a screen's timed sessions and its
    preparation (its own work, the first session of work that also serves it) and what they
    need (urgent: they may use a week's slack to stay early); 1 the other timed sessions,
    must-haves and what they need; 2 the rest (absent)."""
    timed = sorted((s for s in specs if s.kind in TIMED_KINDS), key=lambda s: s.target)
    firsts = [s for s in specs if s.deadline is not None or s.must]
    rank = dict.fromkeys(closure(specs, firsts), 1)
    rank.update(dict.fromkeys(closure(specs, timed), 1))
    onsite = [baseline] if baseline else [s for s in timed if s.deadline is None][:1]
    screens = [s for s in timed if s.deadline is not None]
    screens += [
        s for s in specs if not s.round and (s.deadline is not None or s.soft_deadline is not None)
    ]
    rank.update(dict.fromkeys(closure(specs, screens + onsite), 0))
    for s in specs:
        s.urgent = rank.get(s.id) == 0
    return rank


def earliest(spec: Spec, board: Board, floor: int) -> int:
    """First day the session may go, given what must come before it."""
    first = floor
    for dep, n in spec.needs:
        days = board.item_days.get(dep)
        if days and n > 0:
            first = max(first, days[min(n, len(days)) - 1] + 1)
    if spec.pair:
        partner = board.session_day.get((spec.pair[0], spec.pair[1]))
        if partner is not None:
            first = max(first, partner + spec.pair[2])
    for key in spec.after:
        day = board.session_day.get(key)
        if day is not None:
            first = max(first, day + after_gap(spec))
    # Timed sessions of one item are ordered by round (`after`), and numbered by day at the end.
    for index in range(spec.index - 1 if spec.ordered else 0, 0, -1):
        day = board.session_day.get((spec.item, index))
        if day is not None:
            first = max(first, day + 1)
            break
    return first


def fits(spec: Spec, day: int, board: Board, use_slack: bool) -> bool:
    """Whether the session may go on this day."""
    if spec.deadline is not None and day > spec.deadline:
        return False
    if board.used[day] + spec.minutes > board.capacity[day]:
        return False
    week = day // 7
    if (
        not use_slack
        and day != board.last_index
        and board.week_used[week] + spec.minutes > board.week_limit[week]
    ):
        return False
    if spec.moved and board.moved_used[day] + spec.minutes > max(
        spec.minutes, int(board.capacity[day] * REPLAN_MOVED_SHARE)
    ):
        return False
    if day in board.item_days.get(spec.item, ()):
        return False
    if day == board.last_index and spec.kind != "review":
        return False
    if spec.kind in TIMED_KINDS and (day in board.timed_days or day in board.screen_days):
        return False
    if spec.round and any(
        abs(day - d) < RETEST_GAP_DAYS for d in board.round_days.get(spec.round, ())
    ):
        return False
    return not (
        spec.kind == "mock"
        and (
            day in board.holidays or any(abs(day - m) < MIN_MOCK_GAP_DAYS for m in board.mock_days)
        )
    )


def choose(
    spec: Spec, board: Board, floor: int, use_slack: bool, before: int | None = None
) -> int | None:
    """The day for a session: its target or the first fitting day after, else before it.

    `before` bounds the day from above (a session added late must stay ahead of work that
    depends on it).
    """
    first = earliest(spec, board, floor)
    last = len(board.capacity) - 1
    if spec.deadline is not None:
        last = min(last, spec.deadline)
    if before is not None:
        last = min(last, before - 1)
    start = max(spec.target, first)
    soft = last if spec.soft_deadline is None else min(last, max(start, spec.soft_deadline))
    for day in range(start, soft + 1):
        if fits(spec, day, board, use_slack):
            return day
    for day in range(min(start, last + 1) - 1, first - 1, -1):
        if fits(spec, day, board, use_slack):
            return day
    for day in range(soft + 1, last + 1):
        if fits(spec, day, board, use_slack):
            return day
    return None


class _Waiting:
    """Sessions not yet placed (or given up), by item."""

    def __init__(self, specs: Iterable[Spec]) -> None:
        self.by_item: dict[str, set[int]] = {}
        for s in specs:
            self.by_item.setdefault(s.item, set()).add(s.index)

    def has(self, item: str, index: int) -> bool:
        return index in self.by_item.get(item, ())

    def any_upto(self, item: str, n: int) -> bool:
        pending = self.by_item.get(item)
        return bool(pending) and min(pending or (0,)) <= n

    def done(self, spec: Spec) -> None:
        self.by_item[spec.item].discard(spec.index)


def _ready(spec: Spec, waiting: _Waiting) -> bool:
    """Whether everything the session must come after has been placed (or given up)."""
    if any(waiting.any_upto(dep, n) for dep, n in spec.needs):
        return False
    if spec.pair and waiting.has(spec.pair[0], spec.pair[1]):
        return False
    if any(waiting.has(*key) for key in spec.after):
        return False
    return not spec.ordered or not waiting.has(spec.item, spec.index - 1)


def place(
    specs: Iterable[Spec],
    board: Board,
    floor: int,
    failed_before: Iterable[tuple[str, int]] = (),
) -> list[tuple[Spec, int | None]]:
    """Place sessions in list order, each once what it must follow is placed.

    A session goes on the first fitting day from its target, else the nearest earlier one;
    when the slack-limited capacity has no room it may use the day's slack, never more than
    the day's capacity. A paired session whose partner found no day is not placed (no
    rehearsal of a story never drafted), nor one whose strict prerequisite found none; with
    `cascade`, neither are the later sessions of an item whose earlier session found none,
    so an item's sessions stay numbered 1..n; nor a checkpoint (`after = N`) whose first
    sessions to follow found none. `failed_before`: sessions an earlier pass gave up on.
    """
    pending = list(specs)
    waiting = _Waiting(pending)
    placed: list[tuple[Spec, int | None]] = []
    failed: set[tuple[str, int]] = set(failed_before)
    failed_items: set[str] = {item for item, index in failed if index == 1}
    while pending:
        position = next((i for i, s in enumerate(pending) if _ready(s, waiting)), 0)
        spec = pending.pop(position)
        chosen: int | None = None
        blocked = (
            (spec.pair is not None and (spec.pair[0], spec.pair[1]) in failed)
            or (spec.cascade and any((spec.item, i) in failed for i in range(1, spec.index)))
            or any(dep in failed_items for dep in spec.strict)
            or any(dep in failed_items for dep, n in spec.needs if 1 < n < ALL)
        )
        if (
            not blocked
            and spec.keep
            and earliest(spec, board, floor) <= spec.target
            and fits(spec, spec.target, board, use_slack=True)
        ):
            chosen = spec.target
        elif not blocked:
            chosen = choose(spec, board, floor, use_slack=spec.urgent)
            if chosen is None:
                chosen = choose(spec, board, floor, use_slack=True)
        if chosen is not None:
            board.put(
                spec.item, spec.kind, spec.index, chosen, spec.minutes, spec.moved, spec.round
            )
        else:
            failed.add(spec.key)
            if spec.index == 1 or spec.item not in board.item_days:
                failed_items.add(spec.item)
        waiting.done(spec)
        placed.append((spec, chosen))
    return placed
