"""Plan generation: pure, deterministic, every rule of DESIGN "Plan generation"."""

from __future__ import annotations

from dataclasses import replace

from planner.domain.models import Pack, Plan, PlanSettings, Template
from planner.domain.schedule.calendar import (
    MIN_SESSION_MINUTES,
    baseline_limit,
    build_board,
    plan_days,
)
from planner.domain.schedule.chance import second_chance, timed_second_chance
from planner.domain.schedule.fit import fit, shorten_minutes
from planner.domain.schedule.notes import count_note, timed_notes
from planner.domain.schedule.placement import Spec, place, propagate, skeleton_rank
from planner.domain.schedule.specs import (
    build_tasks,
    kind_rank,
    timed_specs,
    unit_spec,
    unit_targets,
)
from planner.domain.schedule.timed import wanted_sessions
from planner.domain.schedule.units import build_units, topological

__all__ = ["generate", "kind_rank"]


def generate(pack: Pack, template: Template, settings: PlanSettings) -> Plan:
    """Build the plan for these settings; the same inputs always give the same plan."""
    days = plan_days(settings, template)
    board = build_board(days, template.slack, settings.holidays)
    last = board.last_index
    units = topological(build_units(pack, template, settings, days))
    longest = max(board.capacity[:last], default=0)
    review_budget = board.capacity[last]
    review_session = review_budget if review_budget >= MIN_SESSION_MINUTES else longest
    others, notes = shorten_minutes([u for u in units if u.item.kind != "review"], longest)
    reviews, review_notes = shorten_minutes(
        [u for u in units if u.item.kind == "review"], review_session
    )
    adjustments = notes + review_notes
    wanted = [
        s if s.minutes <= longest else replace(s, minutes=longest)
        for s in wanted_sessions(pack, template, settings, days, board, others)
        if pack.round(s.round).minutes <= longest
    ]
    kept, kept_timed = fit(others, wanted, board.work_budget)
    review_kept, _ = fit(reviews, [], review_budget)
    kept.update(review_kept)
    for j in kept_timed:  # the final review waits for every timed session
        kept[wanted[j].item.id] = kept.get(wanted[j].item.id, 0) + 1
    by_id = {u.item.id: u for u in [*others, *reviews]}
    rank = {u.item.id: i for i, u in enumerate(units)}
    specs: list[Spec] = []
    for unit in [*others, *reviews]:
        count = kept[unit.item.id]
        for index, target in enumerate(unit_targets(unit, count, template, len(days)), start=1):
            specs.append(unit_spec(unit, index, target, kept))
    chosen_timed = [wanted[j] for j in kept_timed]
    specs += timed_specs(chosen_timed, days, board, kept)
    propagate(specs, board.capacity)
    skeleton = skeleton_rank(specs)
    for spec in specs:
        if spec.round and skeleton.get(spec.id) == 0:
            spec.soft_deadline = baseline_limit(len(days))
    # At equal targets, timed sessions first: they take one day each, spaced.
    specs.sort(
        key=lambda s: (
            skeleton.get(s.id, 2),
            s.target,
            not s.round,
            rank.get(s.item, len(rank)),
            s.index,
        )
    )
    placed = [(spec, day) for spec, day in place(specs, board, 0) if day is not None]
    cut = [wanted[j] for j in range(len(wanted)) if j not in set(kept_timed)]
    placed += timed_second_chance(cut, [s for s, _ in placed if s.round], board, by_id)
    placed += second_chance(by_id, kept, board, template, len(days))
    tasks = build_tasks(placed, days, by_id, pack)
    counts: dict[str, int] = {}
    for task in tasks:
        counts[task.item] = counts.get(task.item, 0) + 1
    for unit in sorted(by_id.values(), key=lambda u: rank[u.item.id]):
        adjustments += count_note(unit, counts.get(unit.item.id, 0), template, settings, days)
    adjustments += timed_notes(pack, template, settings, wanted, counts)
    tasks.sort(key=lambda t: (t.day, kind_rank(t.kind), t.id))
    return Plan(
        settings=settings, days=tuple(days), tasks=tuple(tasks), adjustments=tuple(adjustments)
    )
