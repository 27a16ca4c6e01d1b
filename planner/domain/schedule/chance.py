"""Second chances: sessions cut by the time budget get a day when the plan still has room."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from planner.domain.models import ChecklistItem, Template
from planner.domain.schedule.calendar import RETEST_GAP_DAYS, Board
from planner.domain.schedule.placement import Spec, choose, earliest, fits
from planner.domain.schedule.specs import need_count, timed_needs, unit_spec, unit_targets
from planner.domain.schedule.timed import TimedSession
from planner.domain.schedule.units import LONG_RUNWAY_DAYS, Unit

MIN_REPEAT_GAP_DAYS = 3
"""A spaced repeat prefers items not practised in this many days."""


def second_chance(
    units: Mapping[str, Unit],
    kept: Mapping[str, int],
    board: Board,
    template: Template,
    length: int,
    timed: Sequence[tuple[Spec, int]] = (),
    first: Collection[str] = (),
) -> list[tuple[Spec, int]]:
    """Give sessions cut by the budget a place when the plan still has room, best first:
    must-haves, then the items in `first` (the practice a round not yet run under time
    needs), then by priority.

    A week's slack is kept only while it drops no work: these sessions may use it.
    """
    placed: list[tuple[Spec, int]] = []
    full = dict(kept)

    def line(u: Unit) -> tuple[bool, bool, float]:
        have = len(board.item_days.get(u.item.id, []))
        return (have >= u.must, u.item.id not in first, -u.priority)

    line_up = sorted(units.values(), key=line)
    for unit in line_up:
        have = len(board.item_days.get(unit.item.id, []))
        if not _checkpoint_ready(unit, units, board):
            continue
        limit = unit.total
        if unit.item.pairs_with:
            partner = len(board.item_days.get(unit.item.pairs_with, []))
            limit = min(limit, partner if partner < unit.sessions else limit)
        all_targets = unit_targets(unit, limit, template, length) if limit else []
        for index in range(have + 1, limit + 1):
            full[unit.item.id] = max(full.get(unit.item.id, 0), index)
            spec = unit_spec(unit, index, all_targets[index - 1], full)
            # A session of an item whose sessions are all alike may slip in between two.
            spec.ordered = not interchangeable(unit, units)
            before = dependents_start(unit, index, units, board, timed)
            day = choose(spec, board, 0, use_slack=True, before=before)
            if day is None and index > 1:
                previous = unit_spec(unit, index - 1, 0, full)
                day = _with_previous_earlier(spec, previous, board, before)
            if day is None:
                break
            board.put(spec.item, spec.kind, index, day, spec.minutes)
            placed.append((spec, day))
    return placed


def _with_previous_earlier(
    spec: Spec, previous: Spec, board: Board, before: int | None
) -> int | None:
    """A day for `spec` once the item's previous session moves to an earlier day, when its
    late day is what holds `spec` out; the board is left as it was when that fails."""
    old = board.session_day.get(previous.key)
    if old is None or old < 0:
        return None
    board.remove(previous.item, previous.kind, previous.index, old, previous.minutes)
    earlier = choose(previous, board, 0, use_slack=True, before=old)
    if earlier is not None:
        board.put(previous.item, previous.kind, previous.index, earlier, previous.minutes)
        day = choose(spec, board, 0, use_slack=True, before=before)
        if day is not None:
            return day
        board.remove(previous.item, previous.kind, previous.index, earlier, previous.minutes)
    board.put(previous.item, previous.kind, previous.index, old, previous.minutes)
    return None


def timed_second_chance(
    cut: Sequence[tuple[TimedSession, int]],
    placed: Sequence[tuple[Spec, int]],
    board: Board,
    units: Mapping[str, Unit],
    veto: Collection[str] = (),
    solo: ChecklistItem | None = None,
) -> list[tuple[Spec, int]]:
    """Give timed sessions cut by the budget (each with its target day) a day when the plan
    still has room: first the baselines of rounds not yet run under time, then each veto
    round's retest, then the rest, most valuable first. A peer mock that finds no day runs
    as a solo drill (no partner to fit in); a week's slack may go to them all."""
    first: dict[str, tuple[str, int]] = {}
    count: dict[str, int] = {}
    counters: dict[str, int] = {}
    for s, _ in sorted(placed, key=lambda p: p[1]):
        first.setdefault(s.round, s.key)
        count[s.round] = count.get(s.round, 0) + 1
        counters[s.item] = max(counters.get(s.item, 0), s.index)
    material = list(units.values())
    # Work that needs every timed session (the final review) stays after them.
    timed_items = {s.item for s, _ in placed} | {c.item.id for c, _ in cut}
    before = min(
        (
            min(board.item_days[u.item.id])
            for u in material
            if timed_items & set(u.item.depends_on) and board.item_days.get(u.item.id)
        ),
        default=None,
    )

    def line(session: TimedSession) -> tuple[int, float] | None:
        have = count.get(session.round, 0)
        if have >= session.occurrence:
            return None
        return (0 if have == 0 else 1 if session.round in veto and have == 1 else 2, -session.value)

    out: list[tuple[Spec, int]] = []
    remaining = list(cut)
    while remaining:
        ranked = [(line(c[0]), n) for n, c in enumerate(remaining) if line(c[0]) is not None]
        if not ranked:
            break
        session, target = remaining.pop(min(ranked)[1])
        if session.prep and not board.item_days.get(session.prep):
            continue
        counts = {item: len(days) for item, days in board.item_days.items()}
        for item in [session.item] + ([solo] if solo and session.kind == "mock" else []):
            index = counters.get(item.id, 0) + 1
            spec = Spec(
                id=f"{item.id}-{index}",
                item=item.id,
                kind=item.kind,
                index=index,
                target=target,
                minutes=session.minutes,
                needs=timed_needs(session, material, counts),
                after=(first[session.round],) if session.round in first else (),
                deadline=session.deadline,
                round=session.round,
                cascade=False,
                ordered=False,
            )
            day = choose(spec, board, 0, use_slack=True, before=before)
            if day is not None:
                board.put(item.id, spec.kind, index, day, spec.minutes, round_id=spec.round)
                counters[item.id] = index
                first.setdefault(session.round, spec.key)
                count[session.round] = count.get(session.round, 0) + 1
                out.append((spec, day))
                break
    return out


def dependents_start(
    unit: Unit,
    index: int,
    units: Mapping[str, Unit],
    board: Board,
    timed: Sequence[tuple[Spec, int]] = (),
) -> int | None:
    """The first day of placed work that must come after session `index` of `unit`."""
    starts = [
        min(board.item_days[other.item.id])
        for other in units.values()
        if unit.item.id in other.item.depends_on
        and board.item_days.get(other.item.id)
        and index <= need_count(other.item.after)
    ]
    if index == 1:  # a checkpoint comes before the later sessions it shapes
        starts += [
            board.session_day[(other.item.id, n + 1)]
            for other in units.values()
            for x, n in other.gated_by
            if x == unit.item.id and (other.item.id, n + 1) in board.session_day
        ]
    if unit.item.before_timed:  # new material before its rounds' timed sessions
        starts += [day for spec, day in timed if spec.round in unit.rounds and not spec.must]
    return min(starts, default=None)


def _checkpoint_ready(unit: Unit, units: Mapping[str, Unit], board: Board) -> bool:
    """A checkpoint (`after = N`, the story map) needs its N sessions placed, not fewer."""
    if not unit.item.after.isdigit():
        return True
    n = int(unit.item.after)
    return all(
        len(board.item_days.get(dep, [])) >= min(n, units[dep].sessions)
        for dep in unit.item.depends_on
        if dep in units
    )


def interchangeable(unit: Unit, units: Mapping[str, Unit]) -> bool:
    """Whether the item's sessions are alike (numbered by day): not paired with another
    item's sessions one by one, and not shaped by a checkpoint."""
    paired = unit.item.pairs_with or any(u.item.pairs_with == unit.item.id for u in units.values())
    return not paired and not unit.gated_by


def fill_empty_days(
    units: Mapping[str, Unit],
    board: Board,
    length: int,
    timed: Sequence[tuple[Spec, int]] = (),
) -> list[tuple[Spec, int]]:
    """Give each working day left empty before the light review day one more spaced session
    of repeatable practice (a case, a dashboard dip, a narrative drill: checklist
    `repeat_every`) rather than leave it empty while earlier days are full: the item that
    matters most for the seniority among those not practised in the last few days (spaced
    repetition, within `length // repeat_every` extra sessions)."""
    placed: list[tuple[Spec, int]] = []
    if length > LONG_RUNWAY_DAYS:  # a long plan spreads its own repeats, a day in a few
        return placed
    started = min((d for days in board.item_days.values() for d in days if d >= 0), default=0)
    empty = [
        d
        for d, c in enumerate(board.capacity)
        if c > 0 and d != board.last_index and d > started and board.used[d] == 0
    ]
    for day in empty:
        best: tuple[tuple[int, float, int], Spec] | None = None
        for unit in units.values():
            have = board.item_days.get(unit.item.id, [])
            every = unit.item.repeat_every
            if not every or len(have) < unit.sessions or not interchangeable(unit, units):
                continue
            if len(have) >= unit.sessions + max(0, length // every) or not have:
                continue
            counts = {item: len(days) for item, days in board.item_days.items()}
            spec = unit_spec(unit, len(have) + 1, day, {**counts, unit.item.id: len(have) + 1})
            spec.ordered = False
            before = dependents_start(unit, len(have) + 1, units, board, timed)
            if earliest(spec, board, 0) > day or (before is not None and before <= day):
                continue
            if not fits(spec, day, board, use_slack=True):
                continue
            distance = min(abs(day - d) for d in have)
            key = (min(distance, MIN_REPEAT_GAP_DAYS), unit.priority, distance)
            if best is None or key > best[0]:
                best = (key, spec)
        if best is not None:
            spec = best[1]
            board.put(spec.item, spec.kind, spec.index, day, spec.minutes)
            placed.append((spec, day))
    return placed


def early_baseline(timed: Sequence[tuple[Spec, int]], board: Board, limit: int) -> None:
    """When the planned baseline could not come within the first 40% (its practice took
    longer), bring another round's first timed session there, if its practice allows: the
    plan's first session under time is its baseline (rule 4)."""
    ordered = sorted(timed, key=lambda p: p[1])
    if not ordered or ordered[0][1] <= limit:
        return
    firsts: dict[str, tuple[Spec, int]] = {}
    seconds: dict[str, int] = {}
    for spec, day in ordered:
        if spec.round in firsts:
            seconds.setdefault(spec.round, day)
        firsts.setdefault(spec.round, (spec, day))
    for spec, day in firsts.values():
        if spec.deadline is not None:
            continue
        board.remove(spec.item, spec.kind, spec.index, day, spec.minutes, spec.round)
        # (Its retest stays a day to drill after it.)
        before = min(limit + 1, seconds.get(spec.round, 10**6) - RETEST_GAP_DAYS + 1)
        moved = choose(spec, board, 0, use_slack=True, before=before)
        board.put(
            spec.item,
            spec.kind,
            spec.index,
            day if moved is None else moved,
            spec.minutes,
            round_id=spec.round,
        )
        if moved is not None:
            return
