"""What the plan cut, said plainly with the reason (rule 7)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from planner.domain.models import Adjustment, Day, Pack, PlanSettings, Template
from planner.domain.schedule.timed import (
    TIMED_SCORING_MINUTES,
    TimedSession,
    peer_budget,
    timed_rounds,
)
from planner.domain.schedule.units import Unit


def count_note(
    unit: Unit, placed: int, template: Template, settings: PlanSettings, days: Sequence[Day]
) -> list[Adjustment]:
    """Say plainly when an item lost sessions, and why."""
    if placed >= unit.sessions:
        return []
    if unit.deadline is not None:
        screens = dict(settings.screens)
        when = max(screens[r] for r in unit.rounds)
        names = " and ".join(unit.rounds)
        why = (
            f"it must be done before the {names} screen on {when.isoformat()}, and the days "
            "before it cannot hold it"
        )
    else:
        why = (
            "the days left cannot hold it next to the must-haves and work that matters more "
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


def timed_notes(
    pack: Pack,
    template: Template,
    settings: PlanSettings,
    wanted: Sequence[TimedSession],
    counts: Mapping[str, int],
) -> list[Adjustment]:
    """Name the peer mocks and solo drills that found no day, and why."""
    notes: list[Adjustment] = []
    mock_item, peers = peer_budget(pack, template, settings)
    asked: dict[str, int] = {}
    for s in wanted:
        asked[s.item.id] = asked.get(s.item.id, 0) + 1
    if mock_item is not None and peers and timed_rounds(pack, template, settings):
        asked[mock_item.id] = max(asked.get(mock_item.id, 0), peers)
    for item_id, count in asked.items():
        have = counts.get(item_id, 0)
        if have >= count:
            continue
        item = pack.item(item_id)
        why = (
            "timed sessions take one a day after some practice of their round, never the day "
            f"before the onsite or the light review day, and need the {TIMED_SCORING_MINUTES} "
            "minutes of scoring next to the round's length"
        )
        if item.kind == "mock":
            why = "peer mocks need two days between them and no public holiday; " + why
        if have == 0:
            notes.append(Adjustment(item_id, "dropped", f"Dropped '{item.title}': {why}."))
        else:
            notes.append(
                Adjustment(
                    item_id,
                    "shortened",
                    f"Shortened '{item.title}' from {count} to {have} sessions: {why}.",
                )
            )
    return notes
