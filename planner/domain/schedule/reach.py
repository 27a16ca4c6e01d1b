"""Rule 8 support: which rounds ahead the plan cannot get to ready, and why."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner.domain.models import TIMED_KINDS, Pack, Plan, Template
from planner.domain.schedule.calendar import last_working_index, minutes_by_day
from planner.domain.schedule.timed import SHORT_RUNWAY_DAYS, TIMED_SCORING_MINUTES, timed_rounds
from planner.domain.schedule.units import build_units, prep_item, screen_deadline


@dataclass(frozen=True)
class Unreachable:
    """A round ahead that the plan cannot get to ready, with the reason in plain words."""

    round: str
    reason: str


def unreachable_rounds(plan: Plan, pack: Pack, template: Template) -> tuple[Unreachable, ...]:
    """The rounds ahead whose readiness counts performance but that no timed task practises.

    Following the plan cannot show such a round at the bar, so `init` names it with the
    reason: no day before its screen, no day long enough, or the time went to must-haves.
    """
    settings = plan.settings
    practised = {r for t in plan.tasks if t.kind in TIMED_KINDS for r in t.rounds}
    out: list[Unreachable] = []
    for round_id in timed_rounds(pack, template, settings):
        if round_id not in practised:
            out.append(Unreachable(round_id, _reason(plan, pack, template, round_id)))
    out.extend(_short_of_preparation(plan, pack, {u.round for u in out}))
    order = {r: i for i, r in enumerate(pack.round_ids)}
    return tuple(sorted(out, key=lambda u: order[u.round]))


def _short_of_preparation(plan: Plan, pack: Pack, named: set[str]) -> list[Unreachable]:
    """Rounds that get their timed sessions but that the plan's preparation leaves short.

    Rule 8 asks that following the plan gives GO except for the rounds named here, so the
    readiness model itself judges the plan followed to the letter (every task done, every
    timed session at the bar) on the eve of the onsite: e.g. a runway too short for new
    story drafts leaves a round's competencies without a story.
    """
    if not plan.days:
        return []
    # Imported here: the readiness model sits above the plan rules in the domain.
    from planner.domain.advice import follow_plan
    from planner.domain.readiness import Evidence, assess
    from planner.domain.stages import rounds_ahead

    settings = plan.settings
    evidence = follow_plan(
        pack,
        plan,
        Evidence(tasks=plan.tasks),
        plan.start,
        lambda r: pack.round(r).readiness.bar_for(settings.seniority),
    )
    eve = max(plan.start, settings.onsite - dt.timedelta(days=1))
    result = assess(pack, evidence, eve, settings)
    ahead = set(rounds_ahead(pack, settings, plan.start))
    out: list[Unreachable] = []
    for report in result.rounds:
        round_id = report.round.id
        if round_id in named or round_id not in ahead or report.status == "ready":
            continue
        perf = report.performance
        if perf is not None and perf.at_bar and not perf.strong_no and perf.sessions_short:
            timed = sum(1 for t in plan.tasks if t.kind in TIMED_KINDS and round_id in t.rounds)
            out.append(
                Unreachable(
                    round_id,
                    f"the plan has room for {timed} timed {report.round.name} session"
                    f"{'s' * (timed != 1)} only, and a pass/fail round is ready after "
                    f"{perf.min_full} full sessions (a baseline and a retest): more hours a "
                    "day or a later onsite make room for the retest",
                )
            )
            continue
        missing = "; ".join(dict.fromkeys(g.detail for g in report.gaps[:2]))
        out.append(
            Unreachable(
                round_id,
                "following the plan leaves its preparation short"
                + (f" ({missing})" if missing else f": {report.why}"),
            )
        )
    return out


def _reason(plan: Plan, pack: Pack, template: Template, round_id: str) -> str:
    settings = plan.settings
    round_ = pack.round(round_id)
    days = plan.days
    if not days:
        return "the plan has no day before the onsite"
    first = days[0].date
    deadline = screen_deadline([round_id], settings, first, len(days))
    last = last_working_index(days)
    end = last if deadline is None else min(last, deadline + 1)
    working = [i for i in range(max(0, end)) if days[i].capacity_minutes > 0]
    date = settings.screen_date(round_id)
    before = "the onsite" if deadline is None or date is None else f"the screen on {date}"
    if deadline is not None and date is not None:
        if date - first <= dt.timedelta(days=1):
            when = "today" if date <= first else "tomorrow"
            return f"the {round_.name} is {when}: no room to practise it and then run it under time"
        if not working:
            return f"the {round_.name} is on {date}: no working day before it for a timed session"
    if not working:
        return (
            "no working day before the onsite can hold a timed session (the last one is the "
            "light review day)"
        )
    longest = max(days[i].capacity_minutes for i in working)
    if longest < round_.minutes:
        return (
            f"no day has the {round_.minutes} minutes a timed {round_.name} session needs "
            f"at {settings.hours_per_day:g} h a day" + _what_fits(pack, template, plan)
        )
    why = _no_room(plan, pack, template, round_id, working, before)
    if round_id in pack.veto_rounds:
        return f"a timed case of each veto round is a must-have, but {why}"
    return why


def _what_fits(pack: Pack, template: Template, plan: Plan) -> str:
    """What would let the timed practice fit: the minutes a session takes and on how many
    days (a baseline per round, a retest per veto round), and the `--hours` that gives them."""
    rounds = timed_rounds(pack, template, plan.settings)
    need = max(pack.round(r).minutes for r in rounds) + TIMED_SCORING_MINUTES
    days = len(rounds) + sum(1 for r in rounds if r in pack.veto_rounds)
    return (
        f" (give {need} minutes on {days} days for a baseline of each round and a retest of "
        f"each veto round: `--hours {need / 60:g}` does it)"
    )


def _no_room(
    plan: Plan, pack: Pack, template: Template, round_id: str, working: list[int], before: str
) -> str:
    """What keeps a timed session of the round off every day (the binding reason)."""
    days = plan.days
    round_ = pack.round(round_id)
    longest = max(days[i].capacity_minutes for i in working)
    need = min(longest, round_.minutes + TIMED_SCORING_MINUTES)
    used = minutes_by_day(plan.tasks)
    timed = {t.day for t in plan.tasks if t.kind in TIMED_KINDS}
    roomy = [i for i in working if days[i].capacity_minutes - used.get(days[i].date, 0) >= need]
    if not roomy:
        return (
            f"no day before {before} has the {need} minutes a timed {round_.name} session "
            "takes free: the must-haves and the work that matters more fill them"
        )
    open_days = [i for i in roomy if days[i].date not in timed]
    if not open_days:
        return (
            f"each day before {before} with {need} minutes free already holds a timed session "
            "of a round that weighs more (one a day)"
        )
    units = build_units(pack, template, plan.settings, days)
    prep = prep_item(round_id, units) if len(days) >= SHORT_RUNWAY_DAYS else None
    prep_days = [t.day for t in plan.tasks if t.item == prep]
    if prep and not prep_days:
        return (
            f"its practice ('{pack.item(prep).title}') found no day, and a timed session "
            "comes after some practice of its round"
        )
    if prep and all(days[i].date <= min(prep_days) for i in open_days):
        return (
            f"the days with room come before its practice ('{pack.item(prep).title}', "
            f"{min(prep_days):%a %d %b}), and a timed session comes after it"
        )
    return (
        f"the days with room ({', '.join(f'{days[i].date:%a %d %b}' for i in open_days[:3])}) "
        "come after the final review, which waits for every timed session"
    )
