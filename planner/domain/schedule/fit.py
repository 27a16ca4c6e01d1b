"""Compression (rule 7): which sessions the time holds, must-haves first, and what was cut.

Every session is worth its item's priority (weighted by its rounds' emphasis); a session
beyond an item's `min_sessions` is worth less the more of them there are, so a second
session of one item gives way to the first of another. Must-haves (checklist `must_have`) are
kept before anything else: one veto round's baseline (the one whose practice costs least), the
pack's own (why this company, three stories drafted and rehearsed: cheap, and they serve
three rounds), then a timed session for each other veto round.
Work that other kept work needs first is worth at least as much.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from planner.domain.models import Adjustment
from planner.domain.schedule.calendar import MIN_SESSION_MINUTES
from planner.domain.schedule.timed import TimedSession
from planner.domain.schedule.units import Unit

TIMED = "@timed"
"""The chunk key prefix of timed sessions."""


@dataclass
class _Chunk:
    key: tuple[str, int]
    minutes: int
    tier: int
    value: float
    rank: int


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
            chunks[(u.item.id, k)] = _Chunk(
                (u.item.id, k), u.minutes, 2 if k <= u.must else 0, session_value(u, k), rank
            )
    base = len(units)
    for j, s in enumerate(timed):
        chunks[(TIMED, j)] = _Chunk((TIMED, j), s.minutes, int(s.must), s.value, base + j)
    return chunks


def _links(
    units: Sequence[Unit], timed: Sequence[TimedSession]
) -> list[tuple[tuple[str, int], tuple[str, int]]]:
    """(needer, needed) pairs of sessions: what must be kept for a session to be kept."""
    by_id = {u.item.id: u for u in units}
    links: list[tuple[tuple[str, int], tuple[str, int]]] = []
    for u in units:
        for dep in u.item.depends_on:
            d = by_id.get(dep)
            if d is None or dep == u.item.id:
                continue
            floor = max(1, min(d.item.min_sessions, d.sessions))
            n = u.item.needed(d.sessions) if u.item.after != "all" else floor
            links += [((u.item.id, 1), (dep, i)) for i in range(1, n + 1)]
        if u.item.pairs_with in by_id:
            links += [((u.item.id, k), (u.item.pairs_with, k)) for k in range(1, u.sessions + 1)]
        links += [((u.item.id, k), (u.item.id, k - 1)) for k in range(2, u.total + 1)]
    for j, s in enumerate(timed):
        if s.prep in by_id:
            links.append(((TIMED, j), (s.prep, 1)))
    return links


def _inherit(
    links: Sequence[tuple[tuple[str, int], tuple[str, int]]],
    chunks: dict[tuple[str, int], _Chunk],
) -> None:
    """Raise what kept work needs first to the worth of that work."""
    for _ in range(len(chunks) + 1):
        changed = False
        for needer, needed in links:
            a, b = chunks.get(needer), chunks.get(needed)
            if a is None or b is None:
                continue
            if (a.tier, a.value) > (b.tier, b.value):
                b.tier, b.value = max(a.tier, b.tier), max(a.value, b.value)
                changed = True
        if not changed:
            break


def _raise_baseline(
    timed: Sequence[TimedSession],
    chunks: dict[tuple[str, int], _Chunk],
    links: Sequence[tuple[tuple[str, int], tuple[str, int]]],
) -> None:
    """Keep one veto round's baseline above everything: the one whose practice costs least
    beyond the other must-haves (rule 4 wants an early baseline on every runway)."""
    needed: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for needer, need in links:
        needed.setdefault(needer, []).append(need)

    def extra(key: tuple[str, int]) -> int:
        seen: set[tuple[str, int]] = set()
        todo = [key]
        while todo:
            k = todo.pop()
            if k not in seen and k in chunks:
                seen.add(k)
                todo += needed.get(k, [])
        return sum(chunks[k].minutes for k in seen if chunks[k].tier < 2)

    baselines = [(TIMED, j) for j, s in enumerate(timed) if s.must] or [
        (TIMED, j) for j, s in enumerate(timed) if s.occurrence == 1
    ]
    if baselines:
        best = min(baselines, key=lambda k: (extra(k), k[1]))
        chunks[best].tier = 3


def fit(
    units: Sequence[Unit], timed: Sequence[TimedSession], budget: int
) -> tuple[dict[str, int], list[int]]:
    """The sessions kept per item and the indices of the timed sessions kept.

    The least valuable sessions go first until the work fits the budget; an item keeps its
    sessions numbered from 1, and a rehearsal never outnumbers its drafts.
    """
    chunks = _chunks(units, timed)
    links = _links(units, timed)
    _raise_baseline(timed, chunks, links)
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

    for c in sorted(chunks.values(), key=lambda c: (c.tier, c.value, -c.key[1], -c.rank)):
        if total <= budget:
            break
        total -= drop(c.key)
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
