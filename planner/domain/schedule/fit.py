"""Compression (rule 7): which sessions the time holds, must-haves first, and what was cut.

Every session is worth its item's priority (weighted by its rounds' emphasis); a session
beyond an item's `min_sessions` is worth less the more of them there are, so a second
session of one item gives way to the first of another. Work that other kept work needs first
is worth at least as much.

Must-haves (checklist `must_have`: why this company, three stories drafted and rehearsed, a
timed case for each veto round) are kept before anything else, with the work they need first
(on a runway under a week, rule 3's order is relaxed and they need nothing first). They may
take a week's slack; other work only what the slack leaves. When even the must-haves do not
fit, one of each comes before a second of any: a screen's own work (the screen comes first),
the heaviest veto round's case, then why this company, the first story drafted, the other
veto rounds' cases, its rehearsal, then the second and third stories.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from planner.domain.models import Adjustment
from planner.domain.schedule.calendar import MIN_SESSION_MINUTES
from planner.domain.schedule.timed import TimedSession
from planner.domain.schedule.units import Unit

TIMED = "@timed"
"""The chunk key prefix of timed sessions."""


Rank = tuple[int, int, float, int]
"""A must-have's place in line (smaller: kept first): level, group, -value, file order."""


@dataclass
class _Chunk:
    key: tuple[str, int]
    minutes: int
    value: float
    rank: int
    must: Rank | None = None
    tier: int = 0
    """1: a round's first timed session (its baseline) or a veto round's retest (rule 4), or
    work they need first: kept before any other work that is not a must-have, and like
    must-haves they may use the weeks' slack."""


def shorten_minutes(units: list[Unit], longest: int) -> tuple[list[Unit], list[Adjustment]]:
    """Cap session length at the longest day; sessions that cannot be useful are dropped."""
    out: list[Unit] = []
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


def session_value(unit: Unit, k: int) -> float:
    """What session k of a unit is worth: full up to its floor, less after; repeats least."""
    floor = max(1, min(unit.item.min_sessions, unit.sessions))
    if k <= floor:
        return unit.priority
    value = unit.priority * floor / k
    return value / 2 if k > unit.sessions else value


def _chunks(units: Sequence[Unit], timed: Sequence[TimedSession]) -> dict[tuple[str, int], _Chunk]:
    chunks: dict[tuple[str, int], _Chunk] = {}
    for rank, u in enumerate(units):
        for k in range(1, u.total + 1):
            value = session_value(u, k)
            # A rehearsal waits for the other veto rounds' cases: a rough story beats none,
            # and a veto round never run under time can sink the loop.
            group = 3 if u.item.pairs_with else 1
            must = (k, group, -value, rank) if k <= u.must else None
            if must is not None and u.deadline is not None:
                # A screen's own work first: the screen comes before anything in line, the
                # onsite's baseline too.
                must = (0, 1, -value, rank)
            chunks[(u.item.id, k)] = _Chunk((u.item.id, k), u.minutes, value, rank, must)
    base = len(units)
    heaviest = max((s.value for s in timed if s.must), default=None)
    for j, s in enumerate(timed):
        must = None
        if s.must:  # the heaviest veto round's case first, the others after a first story
            must = (s.occurrence, 0 if s.value == heaviest else 2, -s.value, base + j)
        tier = 1 if s.occurrence == 1 or (s.occurrence == 2 and s.veto) else 0
        chunks[(TIMED, j)] = _Chunk((TIMED, j), s.minutes, s.value, base + j, must, tier)
    return chunks


def _links(
    units: Sequence[Unit], timed: Sequence[TimedSession], relax: bool = False
) -> list[tuple[tuple[str, int], tuple[str, int]]]:
    """(needer, needed) pairs of sessions: what must be kept for a session to be kept.

    With `relax` (a runway under a week), must-have sessions need no other item first.
    """
    by_id = {u.item.id: u for u in units}
    links: list[tuple[tuple[str, int], tuple[str, int]]] = []
    for u in units:
        for dep in u.item.depends_on:
            d = by_id.get(dep)
            if d is None or dep == u.item.id or (relax and u.must):
                continue
            floor = max(1, min(d.item.min_sessions, d.sessions))
            n = u.item.needed(d.sessions) if u.item.after != "all" else floor
            links += [((u.item.id, 1), (dep, i)) for i in range(1, n + 1)]
        if u.item.pairs_with in by_id:
            links += [((u.item.id, k), (u.item.pairs_with, k)) for k in range(1, u.sessions + 1)]
        links += [((u.item.id, k), (u.item.id, k - 1)) for k in range(2, u.total + 1)]
    for j, s in enumerate(timed):
        if s.prep in by_id and not (relax and s.must):
            links.append(((TIMED, j), (s.prep, 1)))
    return links


def _inherit(
    links: Sequence[tuple[tuple[str, int], tuple[str, int]]],
    chunks: dict[tuple[str, int], _Chunk],
) -> None:
    """Raise what kept work needs first to the worth (and the must-have rank) of that work."""
    for _ in range(len(chunks) + 1):
        changed = False
        for needer, needed in links:
            a, b = chunks.get(needer), chunks.get(needed)
            if a is None or b is None:
                continue
            if a.value > b.value:
                b.value, changed = a.value, True
            if a.tier > b.tier:
                b.tier, changed = a.tier, True
            if a.must is not None and (b.must is None or a.must < b.must):
                b.must, changed = a.must, True
        if not changed:
            break


def must_ranks(
    units: Sequence[Unit], timed: Sequence[TimedSession], relax: bool = False
) -> dict[tuple[str, int], Rank]:
    """The must-have sessions, and the work they need first, with their place in line."""
    chunks = _chunks(units, timed)
    _inherit(_links(units, timed, relax), chunks)
    return {key: c.must for key, c in chunks.items() if c.must is not None}


def fit(
    units: Sequence[Unit],
    timed: Sequence[TimedSession],
    budget: int,
    capacity: int | None = None,
    relax: bool = False,
) -> tuple[dict[str, int], list[int]]:
    """The sessions kept per item and the indices of the timed sessions kept.

    Other work goes first, least valuable first, until the work fits the `budget` (the
    capacity less the weeks' slack); must-haves go only when they alone overflow the whole
    `capacity`, the last in line first. An item keeps its sessions numbered from 1, and a
    rehearsal never outnumbers its drafts.
    """
    chunks = _chunks(units, timed)
    links = _links(units, timed, relax)
    _inherit(links, chunks)
    needers: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for needer, needed in links:
        needers.setdefault(needed, []).append(needer)
    total = sum(c.minutes for c in chunks.values())
    cut: set[tuple[str, int]] = set()

    def drop(key: tuple[str, int]) -> int:
        """Cut a session and every session that needs it; the minutes freed."""
        if key in cut or key not in chunks:
            return 0
        cut.add(key)
        return chunks[key].minutes + sum(drop(k) for k in needers.get(key, ()))

    others = [c for c in chunks.values() if c.must is None]
    for c in sorted(others, key=lambda c: (c.value, -c.key[1], -c.rank)):
        if total <= budget:
            break
        total -= drop(c.key)
    musts = [c for c in chunks.values() if c.must is not None]
    limit = budget if capacity is None else max(budget, capacity)
    for c in sorted(musts, key=lambda c: c.must or (), reverse=True):
        if total <= limit:
            break
        total -= drop(c.key)
    total = _restore_timed(timed, chunks, links, cut, total, limit)
    _keep_a_baseline(timed, chunks, links, cut, limit - total)
    kept: dict[str, int] = {}
    for u in units:
        n = 0
        while n < u.total and (u.item.id, n + 1) not in cut:
            n += 1
        kept[u.item.id] = n
    for u in units:
        partner = u.item.pairs_with
        if partner and kept.get(partner, 0) < u.sessions:
            kept[u.item.id] = min(kept[u.item.id], kept.get(partner, 0))
    return kept, [j for j in range(len(timed)) if (TIMED, j) not in cut]


def _restore_timed(
    timed: Sequence[TimedSession],
    chunks: dict[tuple[str, int], _Chunk],
    links: Sequence[tuple[tuple[str, int], tuple[str, int]]],
    cut: set[tuple[str, int]],
    total: int,
    limit: int,
) -> int:
    """Rule 4 before the rest: bring back each round's baseline, then each veto round's
    retest (`tier` 1), cut by the budget, with the work it needs first, in place of kept work
    that no timed session or must-have needs (least valuable first), within the whole
    capacity (a week's slack, as must-haves may use it). Returns the new total."""
    needs: dict[tuple[str, int], list[tuple[str, int]]] = {}
    needers: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for needer, needed in links:
        needs.setdefault(needer, []).append(needed)
        needers.setdefault(needed, []).append(needer)

    def closure(keys: Iterable[tuple[str, int]]) -> set[tuple[str, int]]:
        todo, out = list(keys), set()
        while todo:
            k = todo.pop()
            if k not in out:
                out.add(k)
                todo += needs.get(k, [])
        return out

    def dependents(key: tuple[str, int]) -> set[tuple[str, int]]:
        todo, out = [key], set()
        while todo:
            k = todo.pop()
            if k not in out and k not in cut:
                out.add(k)
                todo += needers.get(k, [])
        return out

    order = sorted(
        (j for j, s in enumerate(timed) if chunks[(TIMED, j)].tier and (TIMED, j) in cut),
        key=lambda j: (timed[j].occurrence, -timed[j].value, j),
    )
    for j in order:
        chain = {k for k in closure([(TIMED, j)]) if k in cut}
        if any(k[0] == TIMED and k != (TIMED, j) for k in chain):
            continue
        need = sum(chunks[k].minutes for k in chain)
        kept_timed = [(TIMED, i) for i in range(len(timed)) if (TIMED, i) not in cut]
        keep = closure([*kept_timed, *chain]) | closure(
            k for k, c in chunks.items() if c.must is not None and k not in cut
        )
        freed: set[tuple[str, int]] = set()
        room = limit - total
        spare = sorted(
            (c for c in chunks.values() if c.key not in cut and c.key not in keep),
            key=lambda c: (c.value, -c.key[1], -c.rank),
        )
        for c in spare:
            if room >= need:
                break
            if c.key in freed:
                continue
            gone = dependents(c.key) - freed
            if gone & keep:
                continue
            freed |= gone
            room += sum(chunks[k].minutes for k in gone)
        if room >= need:
            cut.difference_update(chain)
            cut.update(freed)
            total = limit - room + need
    return total


def _keep_a_baseline(
    timed: Sequence[TimedSession],
    chunks: dict[tuple[str, int], _Chunk],
    links: Sequence[tuple[tuple[str, int], tuple[str, int]]],
    cut: set[tuple[str, int]],
    room: int,
) -> None:
    """When the budget cut every timed session, bring one round's baseline back (rule 4: the
    plan runs something under time early): the one whose session and cut prerequisites take
    the fewest minutes, most valuable first at equal cost, if that fits the `room` the
    must-haves left of the whole capacity (a week's slack, as must-haves may use it)."""
    if not timed or any((TIMED, j) not in cut for j in range(len(timed))):
        return
    needs: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for needer, needed in links:
        needs.setdefault(needer, []).append(needed)

    def chain(key: tuple[str, int]) -> set[tuple[str, int]]:
        todo, out = [key], set()
        while todo:
            k = todo.pop()
            if k in out or k not in cut:
                continue
            out.add(k)
            todo += needs.get(k, [])
        return out

    options = []
    for j, session in enumerate(timed):
        if session.occurrence != 1 or session.deadline is not None:
            continue
        keys = chain((TIMED, j))
        minutes = sum(chunks[k].minutes for k in keys)
        if minutes <= room:
            options.append((minutes, -session.value, j, keys))
    if options:
        cut.difference_update(min(options)[3])
