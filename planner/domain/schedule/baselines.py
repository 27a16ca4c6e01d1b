"""Rule 4's early baselines: one computation for the generator and the checks.

A round's first timed session (its baseline) falls within the first 40% of the plan so that
its weak dimensions can still be drilled. A practised baseline comes after the round's
practice (rule 3): when that practice falls late in the first 40%, the limit is the next
working day after its first session that may take the session (not the light review day,
not a screen's day, no peer mock on a holiday). No limit binds when no day within it can
hold a timed session at all.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from planner.domain.models import TIMED_KINDS, Pack, Plan, Task, Template
from planner.domain.schedule.calendar import baseline_limit, last_working_index
from planner.domain.schedule.timed import SHORT_RUNWAY_DAYS
from planner.domain.schedule.units import Unit, build_units, prep_item


def first_timed(plan: Plan) -> dict[str, Task]:
    """Each round's first timed session (by day)."""
    out: dict[str, Task] = {}
    for task in sorted((t for t in plan.tasks if t.kind in TIMED_KINDS), key=lambda t: t.day):
        out.setdefault(task.rounds[0], task)
    return out


def limit_for(plan: Plan, units: Sequence[Unit], first: Task) -> int:
    """The last day index the round's baseline `first` may take (see the module docstring)."""
    days = plan.days
    limit = baseline_limit(len(days))
    if len(days) < SHORT_RUNWAY_DAYS:
        return limit
    prep = prep_item(first.rounds[0], units)
    index = {d.date: i for i, d in enumerate(days)}
    practice = [index[t.day] for t in plan.tasks if t.item == prep and t.day in index]
    if not practice:
        return limit
    last = last_working_index(days)
    screens = {day for _, day in plan.settings.screens}
    holidays = set(plan.settings.holidays)
    after = [
        i
        for i, d in enumerate(days)
        if d.capacity_minutes
        and i != last
        and i > min(practice)
        and d.date not in screens
        and (first.kind != "mock" or d.date not in holidays)
    ]
    return max(limit, after[0]) if after else limit


def late_baselines(
    plan: Plan, pack: Pack, template: Template, rounds: Collection[str] | None = None
) -> list[tuple[str, int, int]]:
    """The onsite rounds among `rounds` (default: the veto rounds) whose baseline falls past
    its limit, as (round, day index, limit)."""
    if not plan.days:
        return []
    wanted = pack.veto_rounds if rounds is None else rounds
    units = build_units(pack, template, plan.settings, list(plan.days))
    index = {d.date: i for i, d in enumerate(plan.days)}
    last = last_working_index(plan.days)
    out = []
    for round_id, first in first_timed(plan).items():
        if round_id not in wanted or plan.settings.screen_date(round_id) is not None:
            continue
        limit = limit_for(plan, units, first)
        early = any(
            d.capacity_minutes >= first.minutes
            for i, d in enumerate(plan.days[: limit + 1])
            if i != last
        )
        if early and index[first.day] > limit:
            out.append((round_id, index[first.day], limit))
    return out
