"""A plan's future rebuilt (a screen's date changed) on top of the work already in it.

The fresh plan for the days ahead knows nothing of the timed sessions the candidate has
run: left alone it plans every round's baseline again and spends the whole peer budget.
`fresh_future` counts them: a round already run under time N times gives up the first N
fresh sessions (a veto round keeps one, now its retest), the peer mocks run count toward
the template's budget (a fresh peer mock beyond it runs as a solo drill), and the timed
sessions kept are numbered on after the old ones, labelled by their place in the round.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from planner.domain.models import TIMED_KINDS, Pack, PlanSettings, Task, Template
from planner.domain.schedule.timed import peer_budget, solo_item


def _index(task: Task) -> int:
    tail = task.id.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def _label(occurrence: int) -> str:
    return "baseline" if occurrence == 1 else "retest" if occurrence == 2 else f"run {occurrence}"


def fresh_future(
    kept: Sequence[Task],
    fresh: Sequence[Task],
    pack: Pack,
    template: Template,
    settings: PlanSettings,
) -> list[Task]:
    """The tasks of `fresh` to add to the `kept` ones (done, or on days already behind)."""
    taken = {t.id for t in kept}
    ran: dict[str, int] = {}
    for t in kept:
        if t.kind in TIMED_KINDS and t.rounds:
            ran[t.rounds[0]] = ran.get(t.rounds[0], 0) + 1
    _, budget = peer_budget(pack, template, settings)
    peers = sum(1 for t in kept if t.kind == "mock")
    solo = solo_item(pack, template, settings)
    out = [t for t in fresh if t.kind not in TIMED_KINDS and t.id not in taken]
    timed = sorted((t for t in fresh if t.kind in TIMED_KINDS), key=lambda t: (t.day, t.id))
    per_round: dict[str, list[Task]] = {}
    for t in timed:
        per_round.setdefault(t.rounds[0], []).append(t)
    chosen: list[Task] = []
    for round_id, sessions in per_round.items():
        skip = ran.get(round_id, 0)
        if skip and round_id in pack.veto_rounds:
            skip = min(skip, len(sessions) - 1)  # a veto round keeps its retest
        chosen += sessions[skip:]
    numbers: dict[str, int] = {}
    seen = dict(ran)
    for t in sorted(chosen, key=lambda t: (t.day, t.id)):
        item = pack.item(t.item)
        if t.kind == "mock":
            if peers >= budget and solo is not None:
                item = solo
            else:
                peers += 1
        round_id = t.rounds[0]
        seen[round_id] = seen.get(round_id, 0) + 1
        if item.id not in numbers:
            numbers[item.id] = max((_index(k) for k in kept if k.item == item.id), default=0)
        numbers[item.id] += 1
        out.append(
            replace(
                t,
                id=f"{item.id}-{numbers[item.id]}",
                item=item.id,
                kind=item.kind,
                title=f"{item.title}: {pack.round(round_id).name} ({_label(seen[round_id])})",
            )
        )
    return out
