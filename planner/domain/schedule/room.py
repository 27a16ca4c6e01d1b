"""Room for timed practice (rule 4): a round's session under time outranks the later sessions
of study, research and story work.

After the usual placement and the second chances, three repairs, each a timed session that
takes a day once lower-value work on it moves to another day (or, when no day takes that work,
is dropped and named like any cut): every round ahead run under time at least once, every
round's baseline within the first 40% of the plan (a veto round's at the round's own length,
scored right after, when that is what fits), and each veto round's retest after its
baseline (the retest the budget cut, else a solo drill made for it; at the round's own
length when the scoring minutes do not fit). Movable work: a session that is not a
must-have, not a screen's first session of its own work, not needed by a timed session, not
a draft whose rehearsal is placed, and the last session of its item (so sessions stay
numbered 1..n) - a first session only when no other work needs it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import replace

from planner.domain.models import ChecklistItem
from planner.domain.schedule.calendar import Board
from planner.domain.schedule.chance import dependents_start, interchangeable
from planner.domain.schedule.fit import session_value
from planner.domain.schedule.placement import Spec, choose, earliest, fits
from planner.domain.schedule.specs import timed_needs, unit_spec
from planner.domain.schedule.timed import TimedSession
from planner.domain.schedule.units import Unit


class Room:
    """Moves lower-value work off a day so that a timed session fits there."""

    def __init__(self, board: Board, units: Mapping[str, Unit], timed: Sequence[Spec]) -> None:
        self.board = board
        self.units = units
        self.timed = list(timed)

    def protected(self, extra: Spec | None = None) -> set[tuple[str, int]]:
        """Sessions a timed session needs first (its practice, its new material)."""
        out: set[tuple[str, int]] = set()
        for spec in [*self.timed, *([extra] if extra else [])]:
            for dep, n in spec.needs:
                count = len(self.board.item_days.get(dep, []))
                out.update((dep, i) for i in range(1, min(n, count) + 1))
            for dep in spec.strict:
                out.add((dep, 1))
        return out

    def movable(
        self, day: int, keep: Collection[tuple[str, int]], move_kept: bool = False
    ) -> list[tuple[bool, float, Spec]]:
        """The sessions on `day` that may move, as (must stay in the plan, value, spec):
        work that may be dropped first, cheapest first, then work that may only move to
        another day (a must-have, a draft whose rehearsal is placed, an earlier session;
        with `move_kept`, what a timed session needs, to a day still before it)."""
        board = self.board
        out: list[tuple[bool, float, Spec]] = []
        for (item, index), d in board.session_day.items():
            unit = self.units.get(item)
            if d != day or unit is None or unit.item.kind == "review":
                continue
            if (item, index) in keep and not move_kept:
                continue
            if unit.deadline is not None and index == 1:
                continue
            count = len(board.item_days.get(item, []))
            droppable = not (
                (item, index) in keep
                or index != count
                or index <= unit.must
                or self._paired(unit, index)
                or (index == 1 and self._needed(item))
            )
            counts = {i: len(days) for i, days in board.item_days.items()}
            spec = unit_spec(unit, index, day, counts)
            spec.ordered = not interchangeable(unit, self.units)
            out.append((not droppable, session_value(unit, index), spec))
        out.sort(key=lambda p: (p[0], p[1], -p[2].minutes, p[2].id))
        return out

    def _paired(self, unit: Unit, index: int) -> bool:
        """A draft whose rehearsal is placed stays (no rehearsal of a story never drafted)."""
        return any(
            u.item.pairs_with == unit.item.id and (u.item.id, index) in self.board.session_day
            for u in self.units.values()
        )

    def _needed(self, item: str) -> bool:
        return any(
            item in u.item.depends_on and self.board.item_days.get(u.item.id)
            for u in self.units.values()
        )

    def place(
        self, spec: Spec, days: Iterable[int], may_drop: bool = True, move_kept: bool = False
    ) -> tuple[int | None, list[Spec]]:
        """Put `spec` on the first of `days` it fits once other work moves; returns the day
        and the sessions that found no other day (dropped; none unless `may_drop`)."""
        board = self.board
        keep = self.protected(spec)
        for day in days:
            if day == board.last_index or board.capacity[day] < spec.minutes:
                continue
            if day in board.timed_days or day in board.screen_days:
                continue
            if fits(spec, day, board, use_slack=True):
                self._put(spec, day)
                return day, []
            moved: list[tuple[bool, Spec]] = []
            for stays, _, other in self.movable(day, keep, move_kept):
                if board.free(day) >= spec.minutes:
                    break
                board.remove(
                    other.item, other.kind, other.index, day, other.minutes, round_id=other.round
                )
                moved.append((stays or not may_drop, other))
            if board.free(day) >= spec.minutes and fits(spec, day, board, use_slack=True):
                self._put(spec, day)
                result = self._replace(moved, day)
                if result is not None:
                    return day, result
                self.board.remove(
                    spec.item, spec.kind, spec.index, day, spec.minutes, round_id=spec.round
                )
                self.timed.remove(spec)
            for _, other in moved:
                board.put(
                    other.item, other.kind, other.index, day, other.minutes, round_id=other.round
                )
        return None, []

    def _put(self, spec: Spec, day: int) -> None:
        self.board.put(spec.item, spec.kind, spec.index, day, spec.minutes, round_id=spec.round)
        self.timed.append(spec)

    def _replace(self, moved: Sequence[tuple[bool, Spec]], day: int) -> list[Spec] | None:
        """Give moved sessions another day; those that may be dropped and find none are
        dropped (returned). None, the board as it was, when work that must stay finds none."""
        board = self.board
        dropped: list[Spec] = []
        again: list[tuple[Spec, int]] = []
        timed = [(s, board.session_day.get(s.key, 0)) for s in self.timed]
        origin = {k: d for k, d in board.session_day.items() if k[0] in self.units}
        for stays, spec in sorted(moved, key=lambda p: p[1].index):
            unit = self.units[spec.item]
            bounds = [dependents_start(unit, spec.index, self.units, board, timed)]
            bounds.append(board.session_day.get((spec.item, spec.index + 1)))
            bounds += [  # a timed session's practice and material stay before it
                d
                for t, d in timed
                if any(dep == spec.item and spec.index <= n for dep, n in t.needs)
                or (spec.index == 1 and spec.item in t.strict)
            ]
            before = min((b for b in bounds if b is not None), default=None)
            new = choose(spec, board, 0, use_slack=True, before=before)
            if new is not None and new != day and not self._mates_follow(spec, new, again):
                new = None
            if new is None or new == day:
                if stays:
                    for other, d in reversed(again):
                        board.remove(
                            other.item,
                            other.kind,
                            other.index,
                            d,
                            other.minutes,
                            round_id=other.round,
                        )
                        if other.key in origin:
                            board.put(
                                other.item,
                                other.kind,
                                other.index,
                                origin[other.key],
                                other.minutes,
                            )
                    return None
                dropped.append(spec)
                continue
            again.append((spec, new))
        return dropped

    def _mates_follow(self, spec: Spec, new: int, again: list[tuple[Spec, int]]) -> bool:
        """Put `spec` on day `new`; its rehearsal, when now under its gap after it, moves
        later too (recorded in `again`). False, the board as it was, when it cannot."""
        board = self.board
        board.put(spec.item, spec.kind, spec.index, new, spec.minutes, round_id=spec.round)
        for u in self.units.values():
            mate_day = board.session_day.get((u.item.id, spec.index))
            if u.item.pairs_with != spec.item or mate_day is None:
                continue
            if mate_day - new >= u.item.pair_gap_days:
                continue
            counts = {i: len(days) for i, days in board.item_days.items()}
            mate = unit_spec(u, spec.index, mate_day, counts)
            mate.ordered = False
            board.remove(
                mate.item, mate.kind, mate.index, mate_day, mate.minutes, round_id=mate.round
            )
            later = choose(mate, board, 0, use_slack=True)
            if later is None or later < new + u.item.pair_gap_days:
                board.put(
                    mate.item, mate.kind, mate.index, mate_day, mate.minutes, round_id=mate.round
                )
                board.remove(
                    spec.item, spec.kind, spec.index, new, spec.minutes, round_id=spec.round
                )
                return False
            board.put(mate.item, mate.kind, mate.index, later, mate.minutes, round_id=mate.round)
            again.append((mate, later))
        return True


Placed = list[tuple[Spec, int]]


def room_for_timed(
    placed: Placed,
    cut: Sequence[tuple[TimedSession, int]],
    board: Board,
    units: Mapping[str, Unit],
    veto: Collection[str],
    solo: ChecklistItem | None,
    limit: int,
    order: Sequence[str],
    round_minutes: Mapping[str, int] | None = None,
) -> Placed:
    """The three repairs of the module docstring (`order`: the rounds in the order they get
    timed practice); returns the placed sessions, the board's days, without the ones dropped
    to make room."""
    round_minutes = round_minutes or {}
    timed = [s for s, _ in placed if s.round]
    room = Room(board, units, timed)
    material = list(units.values())
    added: Placed = []
    last = len(board.capacity) - 1

    def firsts() -> dict[str, Spec]:
        out: dict[str, Spec] = {}
        for spec in sorted(room.timed, key=lambda s: board.session_day[s.key]):
            out.setdefault(spec.round, spec)
        return out

    def new_spec(
        session: TimedSession, item: ChecklistItem, after: tuple[tuple[str, int], ...]
    ) -> Spec:
        index = max((s.index for s in room.timed if s.item == item.id), default=0) + 1
        counts = {i: len(d) for i, d in board.item_days.items()}
        return Spec(
            id=f"{item.id}-{index}",
            item=item.id,
            kind=item.kind,
            index=index,
            target=0,
            minutes=session.minutes,
            needs=timed_needs(session, material, counts, first=session.occurrence == 1),
            after=after,
            deadline=session.deadline,
            round=session.round,
            cascade=False,
            ordered=False,
        )

    def attempt(session: TimedSession, after: tuple[tuple[str, int], ...], lo: int) -> None:
        if session.prep and not board.item_days.get(session.prep):
            return
        for item in [solo, session.item] if solo is not None else [session.item]:
            if item is None:
                continue
            spec = new_spec(session, item, after)
            start = max(lo, earliest(spec, board, 0))
            end = last if spec.deadline is None else min(last, spec.deadline)
            early = [d for d in range(start, end + 1) if d <= limit]
            day, _ = room.place(spec, early + [d for d in range(start, end + 1) if d > limit])
            if day is not None:
                added.append((spec, day))
                return

    # 1. Every round ahead under time at least once; a screen's, when two days before it
    # hold none, on the day before it.
    for session, _ in cut:
        if session.occurrence == 1 and session.round not in firsts():
            attempt(session, (), 0)
        if session.occurrence == 1 and session.round not in firsts() and session.deadline:
            attempt(replace(session, deadline=session.deadline + 1), (), 0)

    # 2. Every onsite round's baseline within the first 40%, after the veto rounds' baselines
    # (they come first): while a round's is late, the baselines before it move as early as
    # they can, to leave it days.
    def ranked() -> list[tuple[str, Spec]]:
        out = [(r, s) for r, s in firsts().items() if s.deadline is None]
        return sorted(out, key=lambda p: order.index(p[0]))

    for n, (round_id, spec) in enumerate(ranked()):
        day = board.session_day[spec.key]
        late = [s for _, s in ranked()[n:] if board.session_day[s.key] > limit]
        if not late:
            break
        before = [board.session_day[s.key] for r, s in ranked()[:n] if r in veto or day > limit]
        board.remove(spec.item, spec.kind, spec.index, day, spec.minutes, round_id=spec.round)
        room.timed.remove(spec)
        lo = max([earliest(spec, board, 0), *(d + 1 for d in before)])
        window = range(lo, min(day, limit + 1))
        new, _ = room.place(spec, window, may_drop=False)
        # A veto round's baseline past its limit (the first 40%, or the first working day
        # after its practice when that comes late): what other sessions need may move to make
        # room, and it may run at the round's own length.
        if new is None and round_id in veto and day > limit:
            new, _ = room.place(spec, window, may_drop=False, move_kept=True)
        cap = max(limit, _after_practice(spec, board))
        own_late = round_id in veto and day > cap
        window = range(max(lo, limit + 1), min(day, cap + 1))
        if new is None and own_late:
            new, _ = room.place(spec, window, may_drop=False, move_kept=True)
        window = range(lo, min(day, cap + 1))
        full = spec.minutes
        if new is None and own_late and round_minutes.get(round_id, full) < full:
            # A veto round's baseline at the round's own length (scored right after) rather
            # than past the first 40%.
            spec.minutes = round_minutes[round_id]
            new, _ = room.place(spec, window, may_drop=False, move_kept=True)
            if new is None:
                spec.minutes = full
        if new is None:
            board.put(spec.item, spec.kind, spec.index, day, spec.minutes, round_id=spec.round)
            room.timed.append(spec)
    # 3. Each veto round's retest after its baseline: the session the budget cut, else one
    # made for it; at the round's own length (scored right after) when the scoring minutes
    # find no room.
    for round_id in [r for r in order if r in veto]:
        own = [s for s in room.timed if s.round == round_id]
        if len(own) != 1:
            continue
        first = own[0]
        asked = [c for c, _ in cut if c.round == round_id]
        retests = [c for c in asked if c.occurrence == 2]
        item = solo or (asked[0].item if asked else None)
        if retests:
            session = retests[0]
        elif item is not None:
            session = TimedSession(
                round_id, item, 2, first.minutes, 0.0, False, first.deadline, None, veto=True
            )
        else:
            continue
        short = round_minutes.get(round_id, session.minutes)
        for minutes in dict.fromkeys((session.minutes, min(short, session.minutes))):
            attempt(
                replace(session, minutes=minutes), (first.key,), board.session_day[first.key] + 1
            )
            if any(s.round == round_id for s, _ in added):
                break
    out = [(s, board.session_day[s.key]) for s, _ in placed + added if s.key in board.session_day]
    return out


def _after_practice(spec: Spec, board: Board) -> int:
    """The first working day after the first session of the practice a timed session follows
    (-1 when it follows none): its baseline may come that late (rule 3 before rule 4)."""
    preps = [dep for dep, n in spec.needs if n == 1] + list(spec.strict)
    firsts = [min(board.item_days[p]) for p in preps if board.item_days.get(p)]
    if not firsts:
        return -1
    return next(
        (
            d
            for d in range(min(firsts) + 1, board.last_index)
            if board.capacity[d] and d not in board.screen_days
        ),
        -1,
    )


LAST_DAYS_NO_DRAFT = 3
"""A story drafted in the plan's last days must be rehearsed after it, else it is not drafted."""


def unsaid_drafts(board: Board, units: Mapping[str, Unit], length: int) -> None:
    """Take off the board each draft beyond the must-haves that falls in the plan's last three
    days with no rehearsal after it (a story written and never said out loud is the first
    thing to cut); the notes then name the draft as cut."""
    for unit in units.values():
        partner = next((u for u in units.values() if u.item.pairs_with == unit.item.id), None)
        if partner is None:
            continue
        while True:
            count = len(board.item_days.get(unit.item.id, []))
            day = board.session_day.get((unit.item.id, count))
            if count <= unit.must or day is None or day < length - LAST_DAYS_NO_DRAFT:
                break
            if (partner.item.id, count) in board.session_day:
                break
            board.remove(unit.item.id, unit.item.kind, count, day, unit.minutes)
