"""Must-haves first when time is short (rule 7): placed in their order, as early as they go.

The usual placement spreads work over its windows. When that leaves a must-have without a
day, the must-haves (and what they need first) are placed before anything else instead: each
chain by its latest possible start (work with a long tail of sessions after it, such as a
draft whose rehearsal comes two days later, goes first), each session on the earliest day
that holds it. The rest of the work then fills around them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from planner.domain.schedule.calendar import Board
from planner.domain.schedule.placement import ALL, Spec, earliest, fits

Placed = list[tuple[Spec, int | None]]


def closure_ids(specs: Sequence[Spec], roots: Sequence[Spec]) -> set[str]:
    """The ids of `roots` and of every session they need first (specs carry `preds`)."""
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


def place_must_first(
    specs: Sequence[Spec],
    board: Board,
    rank: Mapping[str, tuple[float, ...]],
    longest_first: bool = False,
) -> tuple[Placed, list[Spec]]:
    """Place the must-haves (`rank` names them, smaller first) and what they need first.

    Sessions with the same latest start go in their must-have order, or with
    `longest_first` the longest first (they pack tighter). Returns what was placed (or not)
    and the specs left for the usual placement.
    """
    chosen = closure_ids(specs, [s for s in specs if s.id in rank])
    group = [s for s in specs if s.id in chosen]
    last = _last_day(board)
    succ: dict[tuple[str, int], list[tuple[Spec, int]]] = {}
    for other in group:
        for key, gap in other.preds:
            succ.setdefault(key, []).append((other, gap))
    latest: dict[str, int] = {}

    def latest_start(spec: Spec, seen: frozenset[str] = frozenset()) -> int:
        """The last day this session may take so that the work after it still fits: its
        deadline (the baseline's share of the plan too), less the days its followers need."""
        if spec.id in latest:
            return latest[spec.id]
        end = last if spec.deadline is None else min(last, spec.deadline)
        if spec.soft_deadline is not None:  # the baseline, early in the plan (rule 4)
            end = min(end, spec.soft_deadline)
        for other, gap in succ.get(spec.key, []):
            if other.id not in seen:
                end = min(end, latest_start(other, seen | {spec.id}) - gap)
        latest[spec.id] = end
        return end

    worst = (float("inf"),)

    def line(s: Spec) -> tuple[object, ...]:
        size = -s.minutes if longest_first else 0
        return (latest_start(s), size, rank.get(s.id, worst), s.index)

    order = sorted(group, key=line)
    failed: set[tuple[str, int]] = set()
    placed: Placed = []
    for spec in order:
        day = None
        if not _blocked(spec, failed):
            first = earliest(spec, board, 0)
            day = next(
                (d for d in range(first, len(board.capacity)) if fits(spec, d, board, True)),
                None,
            )
        if day is None:
            failed.add(spec.key)
        else:
            board.put(spec.item, spec.kind, spec.index, day, spec.minutes, spec.moved, spec.round)
        placed.append((spec, day))
    return placed, [s for s in specs if s.id not in chosen]


def must_score(placed: Placed, rank: Mapping[str, tuple[float, ...]]) -> list[int]:
    """Which must-haves found a day, in their order (compare two placements with it); the
    baseline scores more within its early share of the plan (rule 4)."""
    score: dict[str, int] = {}
    for spec, day in placed:
        if day is not None:
            early = spec.round and spec.soft_deadline is not None and day <= spec.soft_deadline
            score[spec.id] = 2 if early else 1
    return [score.get(i, 0) for i in sorted(rank, key=lambda i: rank[i])]


def _blocked(spec: Spec, failed: set[tuple[str, int]]) -> bool:
    """As in the usual placement: no rehearsal of a story never drafted, no session after an
    earlier one of its item that found no day, no timed session without its practice, no
    checkpoint without the sessions it follows."""
    items = {item for item, index in failed if index == 1}
    return (
        (spec.pair is not None and (spec.pair[0], spec.pair[1]) in failed)
        or any((spec.item, i) in failed for i in range(1, spec.index))
        or any(dep in items for dep in spec.strict)
        or any(dep in items for dep, n in spec.needs if 1 < n < ALL)
    )


def _last_day(board: Board) -> int:
    """The last day before the light review day that can hold work."""
    days = [d for d, c in enumerate(board.capacity) if c > 0 and d != board.last_index]
    return days[-1] if days else 0


def pick_baseline(
    timed: Sequence[Spec], specs: Sequence[Spec], capacity: Sequence[int], limit: int
) -> Spec | None:
    """The onsite baseline: the first timed session (veto rounds and the heaviest first) whose
    practice can come before it within the first 40% (by `limit`), counting days only (rest
    and away days skipped); else the first one."""
    onsite = [s for s in timed if s.deadline is None]
    if not onsite:
        return None
    by_key = {s.key: s for s in specs}
    working = [d for d, c in enumerate(capacity) if c > 0]
    soonest: dict[str, int] = {}

    def soonest_day(spec: Spec, seen: frozenset[str] = frozenset()) -> int:
        """The first working day the session could take, its chain of work before it."""
        if spec.id not in soonest:
            day = 0
            for key, gap in spec.preds:
                pred = by_key.get(key)
                if pred is not None and pred.id not in seen:
                    day = max(day, soonest_day(pred, seen | {spec.id}) + gap)
            soonest[spec.id] = next((d for d in working if d >= day), day)
        return soonest[spec.id]

    first = min(onsite, key=lambda s: s.target)
    if soonest_day(first) <= limit:
        return first
    return next((s for s in onsite if soonest_day(s) <= limit and not s.after), first)
