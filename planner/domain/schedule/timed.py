"""Timed practice (rule 4): which rounds are run under time, how often, with a peer or solo.

Every round ahead whose readiness counts performance gets a baseline; veto rounds and the
rounds that weigh most for the seniority come first, and each veto round is retested after its
baseline. The template's `mocks` is the peer budget: the last session of the heaviest rounds
is a peer mock (a dress rehearsal where a partner hears the filler); solo timed drills fill the
rest. A long runway adds sessions so that no more than about ten days pass between two.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from planner.domain.models import ChecklistItem, Day, Pack, PlanSettings, Template
from planner.domain.schedule.calendar import Board, baseline_limit
from planner.domain.schedule.units import Unit, plan_rounds, prep_item, screen_deadline

TIMED_SCORING_MINUTES = 15
"""Minutes after a timed session to score it on the round's rubric and note the follow-up."""
MAX_TIMED_GAP_DAYS = 10
"""On a long runway, a timed session at least this often."""
SHORT_RUNWAY_DAYS = 7
"""Runways shorter than this may run a round under time before practising it (rule 3)."""
SPACING_SHAPE = 1.5
"""Above 1, the gaps between timed sessions shrink toward the onsite."""
ROOM_PER_TIMED = 3
"""Working days per timed session a plan needs before the peer mocks get sessions of their own
after the baselines (else the latest baselines run with a peer)."""
TIMED_EVERY_WORKING_DAYS = 5
"""A long runway runs a timed session at least this often (60 days: 10 or more)."""
LONG_RUNWAY_DAYS = 30
"""Past this many days a veto round's last timed session is the plan's last (else the other
rounds' extra sessions came after it and it was a month old at the onsite)."""
RETEST_ALL_AT = 1.5
"""From this multiple of the template's hours a day, every round gets a retest."""
DENSER_AT = 2.0
"""From this multiple of the template's hours, a timed session every few working days:"""
DENSER_EVERY_WORKING_DAYS = 3


@dataclass(frozen=True)
class TimedSession:
    """One session under time: a round, peer or solo, its value when time is short."""

    round: str
    item: ChecklistItem
    occurrence: int
    """1: the round's baseline, 2: its first retest, and so on."""
    minutes: int
    value: float
    must: bool
    deadline: int | None
    prep: str | None
    """The practice item whose first session comes before it."""
    veto: bool = False
    """A veto round's session (its retest is due after the baseline, rule 4)."""

    @property
    def kind(self) -> str:
        """`mock` (with a peer) or `timed` (solo)."""
        return self.item.kind


def round_weight(pack: Pack, template: Template, round_id: str) -> float:
    """How much a round weighs for this seniority: pack weight times template emphasis."""
    return pack.round_weights.get(round_id, 1.0) * template.round_emphasis.get(round_id, 1.0)


def timed_rounds(pack: Pack, template: Template, settings: PlanSettings) -> list[str]:
    """The rounds ahead that need timed practice, in the order they get it.

    Screens ahead with a date come first (they happen first), then veto rounds, then the
    heaviest rounds for the seniority; ties keep loop order.
    """
    items = _timed_items(pack, template, settings)
    served = {r for item in items for r in item.rounds}
    veto = set(pack.veto_rounds)
    dates = dict(settings.screens)
    order = {r: i for i, r in enumerate(pack.round_ids)}
    rounds = [
        r
        for r in plan_rounds(pack, settings)
        if r in served and pack.round(r).readiness.counts_performance
    ]
    return sorted(
        rounds,
        key=lambda r: (
            r not in dates,
            dates.get(r, settings.onsite),
            r not in veto,
            -round_weight(pack, template, r),
            order[r],
        ),
    )


def _timed_items(pack: Pack, template: Template, settings: PlanSettings) -> list[ChecklistItem]:
    out = []
    for item in pack.checklist:
        override = template.items.get(item.id)
        if item.kind not in ("mock", "timed") or (override and override.skip):
            continue
        if settings.seniority in item.seniority:
            out.append(item)
    return out


def solo_item(pack: Pack, template: Template, settings: PlanSettings) -> ChecklistItem | None:
    """The solo timed drill item, when the pack has one and the template keeps it."""
    return next((i for i in _timed_items(pack, template, settings) if i.kind == "timed"), None)


def peer_budget(
    pack: Pack, template: Template, settings: PlanSettings
) -> tuple[ChecklistItem | None, int]:
    """The peer-mock item and how many peer mocks the template asks for."""
    item = next((i for i in _timed_items(pack, template, settings) if i.kind == "mock"), None)
    if item is None:
        return None, 0
    override = template.items.get(item.id)
    count = template.mocks if item.per == "mock" else item.sessions
    if override and override.sessions is not None:
        count = override.sessions
    return item, count


def positions(count: int, first: int, last: int, shape: float = SPACING_SHAPE) -> list[int]:
    """Target days for `count` sessions from `first` to `last`, closer together at the end
    (evenly with `shape` 1)."""
    if count <= 0:
        return []
    if count == 1 or last <= first:
        return [first] * count
    span = last - first
    return [first + round(span * (1 - (1 - i / (count - 1)) ** shape)) for i in range(count)]


def timed_window(days: Sequence[Day], board: Board) -> tuple[int, int] | None:
    """The first target (the baseline) and the last day a timed session may take."""
    eligible = [i for i, d in enumerate(days) if board.capacity[i] > 0 and i != board.last_index]
    if not eligible:
        return None
    length = len(days)
    start = min(
        baseline_limit(length),
        max(1 if length >= SHORT_RUNWAY_DAYS else 0, round(0.2 * length)),
        MAX_TIMED_GAP_DAYS - 1,
    )
    return min(start, eligible[-1]), eligible[-1]


def wanted_sessions(
    pack: Pack,
    template: Template,
    settings: PlanSettings,
    days: Sequence[Day],
    board: Board,
    units: Sequence[Unit],
) -> list[TimedSession]:
    """Every timed session the plan would like, in date order (before time is counted)."""
    rounds = timed_rounds(pack, template, settings)
    window = timed_window(days, board)
    if not rounds or window is None:
        return []
    items = _timed_items(pack, template, settings)
    mock_item, peers = peer_budget(pack, template, settings)
    solo_item = next((i for i in items if i.kind == "timed"), None)
    veto = set(pack.veto_rounds)
    sequence = list(rounds) + [r for r in rounds if r in veto]
    if solo_item is None:
        sequence = sequence[: max(peers, len(rounds))]
    total = max(len(sequence), peers if mock_item else 0)
    eligible = sum(1 for c in board.capacity[: window[1] + 1] if c > 0)
    room = eligible >= ROOM_PER_TIMED * (len(rounds) + peers)
    if solo_item is not None and mock_item is not None and room:  # peer mocks after baselines
        total = max(total, len(rounds) + peers)
    onsite = sum(
        1 for r in rounds if screen_deadline([r], settings, days[0].date, len(days)) is None
    )

    def spread(n: int) -> list[int]:
        return split_positions(n, min(onsite, n), len(days), *window)

    while total < eligible and _max_gap(spread(total)) > MAX_TIMED_GAP_DAYS:
        total += 1
    total = max(total, eligible // TIMED_EVERY_WORKING_DAYS)
    # Solo drills fill the rest (rule 4): more hours than the template's buy every round a
    # retest, and at twice its hours a timed session every few working days.
    more = settings.hours_per_day / max(0.25, template.hours_per_day)
    if more >= RETEST_ALL_AT:
        total = max(total, 2 * len(rounds))
    if more >= DENSER_AT:
        total = max(total, eligible // DENSER_EVERY_WORKING_DAYS)
    total = min(total, max(eligible, len(rounds)))
    cycle = _cycle(rounds, veto)
    while len(sequence) < total:
        sequence.append(cycle[(len(sequence) - len(rounds)) % len(cycle)])
    if len(days) > LONG_RUNWAY_DAYS:
        sequence = _veto_last(sequence, len(rounds), veto)
    peer_slots = _peer_slots(sequence, rounds, peers if mock_item else 0)
    if solo_item is None:
        peer_slots = set(range(len(sequence)))
    first = days[0].date
    must_count = max((i.must_have for i in items), default=0)
    seen: dict[str, int] = {}
    out: list[TimedSession] = []
    for slot, round_id in enumerate(sequence):
        seen[round_id] = seen.get(round_id, 0) + 1
        occurrence = seen[round_id]
        item = mock_item if slot in peer_slots else solo_item
        assert item is not None
        base = item.priority * round_weight(pack, template, round_id)
        out.append(
            TimedSession(
                round=round_id,
                item=item,
                occurrence=occurrence,
                minutes=pack.round(round_id).minutes + TIMED_SCORING_MINUTES,
                # A veto round's retest is worth its baseline (rule 4), later runs less.
                value=round(base / max(1, occurrence - (round_id in veto)), 4),
                must=round_id in veto and occurrence <= must_count,
                deadline=_timed_deadline(screen_deadline([round_id], settings, first, len(days))),
                prep=prep_item(round_id, units) if len(days) >= SHORT_RUNWAY_DAYS else None,
                veto=round_id in veto,
            )
        )
    return out


def _timed_deadline(deadline: int | None) -> int | None:
    """A screen's timed sessions end two days before it, so the day before is left to fix
    what the mock found (a screen tomorrow keeps today)."""
    return deadline if deadline is None or deadline < 1 else deadline - 1


def _cycle(rounds: Sequence[str], veto: set[str]) -> list[str]:
    """The order of extra sessions on a long runway: veto rounds twice, then the rest."""
    vetoed = [r for r in rounds if r in veto]
    return vetoed + [r for r in rounds if r not in veto] + vetoed


def _veto_last(sequence: list[str], baselines: int, veto: set[str]) -> list[str]:
    """The sessions after the baselines with the veto rounds' last ones moved to the end:
    a pass/fail round is practised under time close to the onsite, not a month before it
    with only the other rounds after (the order of the others is kept)."""
    later = sequence[baselines:]
    last = {r: max(i for i, x in enumerate(later) if x == r) for r in veto if r in later}
    if not last or min(last.values()) >= len(later) - len(last):
        return sequence
    moved = [r for i, r in enumerate(later) if last.get(r) == i]
    kept = [r for i, r in enumerate(later) if last.get(r) != i]
    return sequence[:baselines] + kept + moved


def _peer_slots(sequence: Sequence[str], rounds: Sequence[str], peers: int) -> set[int]:
    """The sessions run with a peer: spread evenly over the sessions after the baselines
    (the second half of the plan), the last one among them; when those are too few, the
    last one of each of the heaviest rounds, then the latest others."""
    later = list(range(len(rounds), len(sequence)))
    if peers and len(later) >= peers:
        if peers == 1:
            return {later[-1]}
        step = (len(later) - 1) / (peers - 1)
        return {later[round(i * step)] for i in range(peers)}
    slots: list[int] = []
    for round_id in rounds:
        if len(slots) >= peers:
            break
        slots.append(max(i for i, r in enumerate(sequence) if r == round_id))
    for i in range(len(sequence) - 1, -1, -1):
        if len(slots) >= peers:
            break
        if i not in slots:
            slots.append(i)
    return set(slots)


def _max_gap(days: Sequence[int]) -> int:
    return max((b - a for a, b in itertools.pairwise(days)), default=0)


def targets(sessions: Sequence[TimedSession], days: Sequence[Day], board: Board) -> list[int]:
    """Target days for the sessions kept: a baseline early, gaps shrinking toward the onsite.

    A screen's sessions aim early, at the day before it at the latest, and take no place in
    the onsite's sequence.
    """
    window = timed_window(days, board)
    if window is None:
        return [0] * len(sessions)
    working = [i for i, c in enumerate(board.capacity) if c > 0 and i != board.last_index]

    def snap(day: int) -> int:
        """The working day at or before `day` (else the first one after it)."""
        before = [i for i in working if i <= day]
        return before[-1] if before else min((i for i in working if i > day), default=day)

    onsite = [s for s in sessions if s.deadline is None]
    free = iter(onsite_positions(onsite, len(days), *window))
    return [
        snap(next(free)) if s.deadline is None else max(0, baseline_limit(s.deadline + 2))
        for s in sessions
    ]


def onsite_positions(
    sessions: Sequence[TimedSession], length: int, first: int, last: int
) -> list[int]:
    """Target days of the onsite's sessions (in date order): every round's baseline within
    the first 40% (rule 4), the later sessions (retests, peer mocks) spread over the rest."""
    baselines = sum(1 for s in sessions if s.occurrence == 1)
    return split_positions(len(sessions), baselines, length, first, last)


def split_positions(count: int, baselines: int, length: int, first: int, last: int) -> list[int]:
    """`count` target days from `first` to `last`, closer together at the end, but the first
    `baselines` within the first 40% of a plan of `length` days and the others spread evenly
    after them."""
    spread = positions(count, first, last)
    limit = max(first, min(baseline_limit(length), last))
    if not baselines or spread[baselines - 1] <= limit:
        return spread
    early = positions(baselines, first, limit)
    start = min(last, limit + 1)
    rest = count - baselines
    if rest <= 2:  # a lone retest or two: mid-way through the rest and at its end
        start += (last - start) // (rest + 1)
    later = positions(rest, start, last, 1.0)  # peer mocks spread evenly
    return early + later
