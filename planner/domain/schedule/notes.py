"""What the plan cut, said plainly with the reason that binds (rule 7)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from planner.domain.models import TIMED_KINDS, Adjustment, Day, Pack, PlanSettings, Task, Template
from planner.domain.schedule.calendar import Board
from planner.domain.schedule.chance import dependents_start, interchangeable
from planner.domain.schedule.placement import Spec
from planner.domain.schedule.reasons import no_day, timed_no_day
from planner.domain.schedule.specs import unit_spec
from planner.domain.schedule.timed import TimedSession, peer_budget, timed_rounds
from planner.domain.schedule.units import Unit


@dataclass(frozen=True)
class Context:
    """What the notes look at: the finished board and the plan's days."""

    board: Board
    days: Sequence[Day]
    titles: Mapping[str, str]
    must_minutes: int
    """Minutes the must-haves ask for, with the work they need first."""


def _note(
    item_id: str, title: str, asked: int, have: int, why: str, below: str = ""
) -> list[Adjustment]:
    """A dropped or shortened line; `below` says plainly how far under the must-have it is."""
    if have >= asked:
        return []
    below = f" ({below})" if below else ""
    if have == 0:
        return [Adjustment(item_id, "dropped", f"Dropped '{title}'{below}: {why}.")]
    return [
        Adjustment(
            item_id,
            "shortened",
            f"Shortened '{title}' from {asked} to {have} sessions{below}: {why}.",
        )
    ]


def below_must(unit: Unit, placed: int) -> str:
    """E.g. 'below must-have: 1 of 3 stories' (empty when the must-have is met)."""
    if placed >= unit.must:
        return ""
    noun = "stories" if unit.item.per == "story" else "sessions"
    return f"below must-have: {placed} of {unit.must} {noun}"


def count_note(
    unit: Unit,
    placed: int,
    units: Mapping[str, Unit],
    timed: Sequence[tuple[Spec, int]],
    ctx: Context,
) -> list[Adjustment]:
    """Say plainly when an item lost sessions, and why: the next session's binding reason."""
    if placed >= unit.sessions:
        return []
    board = ctx.board
    index = placed + 1
    partner = unit.item.pairs_with
    have = {item: len(days) for item, days in board.item_days.items()}
    if partner and have.get(partner, 0) < index:
        why = (
            f"each session follows its own session of '{ctx.titles.get(partner, partner)}' "
            f"({unit.item.pair_gap_days} days before), and {have.get(partner, 0)} of those "
            "found a day"
        )
    else:
        spec = unit_spec(unit, index, 0, {**have, unit.item.id: index})
        spec.ordered = not interchangeable(unit, units)
        before = dependents_start(unit, index, units, board, timed)
        what = ""
        if before is not None:
            later = [
                u.item.title for u in units.values() if before in board.item_days.get(u.item.id, ())
            ]
            if later:
                what = f"'{later[0]}' ({ctx.days[before].date:%a %d %b}), which needs it first"
        why = no_day(spec, board, ctx.days, ctx.titles, before, what)
    if index <= unit.must:
        first = "its first session" if unit.must == 1 else f"its first {unit.must} sessions"
        why = f"it is a must-have ({first}), but {why}" + _over(ctx)
    return _note(
        unit.item.id, unit.item.title, unit.sessions, placed, why, below_must(unit, placed)
    )


def _over(ctx: Context) -> str:
    """When the must-haves alone overflow the days, say by how much."""
    full = ctx.board.full_budget
    if ctx.must_minutes <= full:
        return ""
    return (
        f"; the must-haves and the work they need first ask for {ctx.must_minutes} minutes, "
        f"the days before the light review day hold {full}"
    )


def timed_notes(
    pack: Pack,
    template: Template,
    settings: PlanSettings,
    wanted: Sequence[TimedSession],
    tasks: Sequence[Task],
    ctx: Context,
) -> list[Adjustment]:
    """Name the peer mocks and solo drills that found no day, and each veto round left without
    a retest, with the reason that binds."""
    notes: list[Adjustment] = []
    board = ctx.board
    mock_item, peers = peer_budget(pack, template, settings)
    asked: dict[str, int] = {}
    minutes: dict[str, int] = {}
    for s in wanted:
        asked[s.item.id] = asked.get(s.item.id, 0) + 1
        minutes[s.item.id] = max(minutes.get(s.item.id, 0), s.minutes)
    if mock_item is not None and peers and timed_rounds(pack, template, settings):
        asked[mock_item.id] = max(asked.get(mock_item.id, 0), peers)
    timed = [t for t in tasks if t.kind in TIMED_KINDS]
    counts: dict[str, int] = {}
    for t in timed:
        counts[t.item] = counts.get(t.item, 0) + 1
    longest = max((s.minutes for s in wanted), default=60)
    for item_id, count in asked.items():
        item = pack.item(item_id)
        have = counts.get(item_id, 0)
        why = timed_no_day(board, ctx.days, item.kind, minutes.get(item_id, longest))
        extra = sum(counts.get(i, 0) - n for i, n in asked.items() if i != item_id)
        if item.kind == "mock" and extra > 0 and have < count:
            why = (
                f"{min(extra, count - have)} run as solo drills instead (no partner to fit): {why}"
            )
        notes += _note(item_id, item.title, count, have, why)
    longest_day = max((d.capacity_minutes for d in ctx.days), default=0)
    for round_id in pack.veto_rounds:
        own = sorted((t for t in timed if t.rounds == (round_id,)), key=lambda t: t.day)
        length = pack.round(round_id).minutes
        short = [(n, t) for n, t in enumerate(own) if t.minutes <= length < longest_day]
        notes += [
            Adjustment(
                t.item,
                "shortened",
                f"Ran the {'retest' if n else 'baseline'} of {pack.round(round_id).name} on "
                f"{t.day:%a %d %b} at the "
                f"round's own length ({t.minutes} minutes: score it right after): with the "
                "minutes to score it as well it found no day in time.",
            )
            for n, t in short
        ]
        if len(own) != 1:
            continue
        baseline = own[0]
        after = next(i for i, d in enumerate(ctx.days) if d.date == baseline.day)
        # A retest may run at the round's own length (scored right after): the note names
        # the least it needs.
        why = timed_no_day(board, ctx.days, "timed", min(baseline.minutes, length), after)
        name = pack.round(round_id).name
        notes.append(
            Adjustment(
                baseline.item,
                "shortened",
                f"No retest of {name} after its baseline on {baseline.day:%a %d %b}: {why}.",
            )
        )
    return notes
