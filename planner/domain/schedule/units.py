"""The checklist as one plan uses it: rounds ahead, counts, minutes, priorities, deadlines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from planner.domain.models import TIMED_KINDS, ChecklistItem, Day, Pack, PlanSettings, Template
from planner.domain.stages import rounds_ahead

LONG_RUNWAY_DAYS = 35
"""Plans longer than this repeat case and story practice (spaced) instead of leaving weeks empty."""
PREP_KINDS = ("practice", "story")
"""Kinds of work that count as practising a round before it is run under time."""


@dataclass(frozen=True)
class Unit:
    """A checklist item as this plan uses it: counts, minutes, priority and deadline resolved."""

    item: ChecklistItem
    rounds: tuple[str, ...]
    sessions: int
    """The sessions the template asks for (rule 1)."""
    minutes: int
    priority: float
    must: int = 0
    """The first `must` sessions are must-haves (rule 7)."""
    deadline: int | None = None
    """The last day index the work may take (the day before its screen), None: no limit."""
    repeats: int = 0
    """Extra spaced sessions on a long runway, after the `sessions` asked for."""
    base_priority: int = 3
    """The item's own priority (the template's override first), before round emphasis."""
    gated_by: tuple[tuple[str, int], ...] = ()
    """(item, n): that item needs the first n sessions of this one (`after = n`), and this
    one's later sessions wait for its first session (the story map before the last drafts)."""

    @property
    def total(self) -> int:
        """Every session this unit may get: the asked-for ones and the repeats."""
        return self.sessions + self.repeats


def plan_rounds(pack: Pack, settings: PlanSettings) -> tuple[str, ...]:
    """The rounds the plan prepares: neither passed screens nor skipped rounds."""
    return rounds_ahead(pack, settings, settings.start)


def screen_deadline(
    rounds: Sequence[str], settings: PlanSettings, first: dt.date, length: int
) -> int | None:
    """The last day index for work that serves only screens with a date: the day before.

    None when a round has no date (an onsite round, or a screen planned as ahead without one)
    or the screen comes after the plan's last day.
    """
    dates = dict(settings.screens)
    if not rounds or any(r not in dates for r in rounds):
        return None
    index = (max(dates[r] for r in rounds) - first).days - 1
    return None if index >= length - 1 else index


def build_units(
    pack: Pack, template: Template, settings: PlanSettings, days: Sequence[Day]
) -> list[Unit]:
    """The applicable checklist items (not the timed ones) with counts and priorities."""
    ahead = set(plan_rounds(pack, settings))
    first = days[0].date if days else settings.start
    units: list[Unit] = []
    for item in pack.checklist:
        if item.kind in TIMED_KINDS:
            continue
        unit = _unit(item, ahead, template, settings, first, len(days))
        if unit is not None:
            units.append(unit)
    return with_gates(units)


def with_gates(units: Sequence[Unit]) -> list[Unit]:
    """Each unit with the checkpoints its later sessions wait for (`Unit.gated_by`)."""
    gates: dict[str, list[tuple[str, int]]] = {}
    for u in units:
        if u.item.after.isdigit():
            for dep in u.item.depends_on:
                gates.setdefault(dep, []).append((u.item.id, int(u.item.after)))
    return [replace(u, gated_by=tuple(gates.get(u.item.id, ()))) for u in units]


def gate_needs(unit: Unit, index: int, present: Collection[str]) -> tuple[tuple[str, int], ...]:
    """The checkpoints session `index` of a unit waits for: their first session each."""
    return tuple((x, 1) for x, n in unit.gated_by if index > n and x in present)


def _unit(
    item: ChecklistItem,
    ahead: set[str],
    template: Template,
    settings: PlanSettings,
    first: dt.date,
    length: int,
) -> Unit | None:
    override = template.items.get(item.id)
    if settings.seniority not in item.seniority or (override and override.skip):
        return None
    rounds = tuple(r for r in item.rounds if r in ahead)
    if not rounds:
        return None
    sessions = item.sessions
    if item.per == "story":
        sessions = template.stories
    elif item.per == "mock":
        sessions = template.mocks
    if override and override.sessions is not None:
        sessions = override.sessions
    if sessions <= 0:
        return None
    repeats = 0
    if item.repeat_every and length > LONG_RUNWAY_DAYS:
        repeats = max(0, length // item.repeat_every - sessions)
    deadline = screen_deadline(rounds, settings, first, length)
    # Work only for screens ahead with a date: its first session is a must-have (the screen
    # comes first, and its preparation is the only way to be ready for it).
    must = min(max(item.must_have, 1 if deadline is not None else 0), sessions)
    return Unit(
        item=item,
        rounds=rounds,
        sessions=sessions,
        minutes=override.minutes if override and override.minutes else item.minutes,
        priority=round(item_priority(item, rounds, template), 4),
        base_priority=override.priority if override and override.priority else item.priority,
        must=must,
        deadline=deadline,
        repeats=repeats,
    )


def item_priority(item: ChecklistItem, rounds: Sequence[str], template: Template) -> float:
    """The item's priority (template override first) times its heaviest round's emphasis."""
    override = template.items.get(item.id)
    base = override.priority if override and override.priority else item.priority
    return base * max((template.round_emphasis.get(r, 1.0) for r in rounds), default=1.0)


def needs_of(item: ChecklistItem, known: Collection[str]) -> list[str]:
    """The items this one waits for (dependencies and its pair), among `known`."""
    deps = list(item.depends_on)
    if item.pairs_with:
        deps.append(item.pairs_with)
    return [d for d in deps if d in known and d != item.id]


def topological(units: Sequence[Unit]) -> list[Unit]:
    """Items in dependency order; among ready items, higher priority first, then file order."""
    by_id = {u.item.id: u for u in units}
    position = {u.item.id: i for i, u in enumerate(units)}
    needs = {u.item.id: set(needs_of(u.item, by_id.keys())) for u in units}
    ordered: list[Unit] = []
    done: set[str] = set()
    while len(ordered) < len(units):
        ready = [i for i in by_id if i not in done and needs[i] <= done]
        if not ready:  # a cycle: validation forbids it, but never loop forever
            ready = [i for i in by_id if i not in done]
        pick = min(ready, key=lambda i: (-by_id[i].priority, position[i]))
        ordered.append(by_id[pick])
        done.add(pick)
    return ordered


def prep_item(round_id: str, units: Sequence[Unit]) -> str | None:
    """The practice a timed session of this round comes after (rule 3: practice before a mock).

    The most focused practice or story item of the round (fewest rounds: "why this company"
    for the mission round, the metric dips for execution), then the highest priority.
    """
    candidates = [
        (i, u)
        for i, u in enumerate(units)
        if u.item.kind in PREP_KINDS and round_id in u.rounds and not u.item.pairs_with
    ]
    if not candidates:
        return None
    _, best = min(candidates, key=lambda c: (len(c[1].item.rounds), -c[1].priority, c[0]))
    return best.item.id


def material_for(round_id: str, units: Sequence[Unit]) -> tuple[str, ...]:
    """New material (`before_timed` items) that the round's timed sessions come after."""
    return tuple(u.item.id for u in units if u.item.before_timed and round_id in u.rounds)
