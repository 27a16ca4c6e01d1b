"""Readiness per round, the forecast of following the plan, and the pre-onsite check."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.service.session import Session

if TYPE_CHECKING:
    # The readiness engine loads on first use, so `planner today` starts fast.
    from planner.domain.advice import DayAdvice, Forecast, WhatIf
    from planner.domain.models import Pack, Plan, PlanSettings, Task
    from planner.domain.readiness import Gap, Readiness

TOP_GAPS = 5
GO_KEEP_DAYS = 7
"""Further out than this, a GO asks to keep the plan's remaining sessions (they keep the
evidence fresh for the onsite); nearer, to keep warm and start nothing new."""


@dataclass(frozen=True)
class Outlook:
    """Where following the plan leads, and what single changes would move it."""

    forecast: Forecast
    what_ifs: tuple[WhatIf, ...]


@dataclass(frozen=True)
class CheckReport:
    """The pre-onsite look: where things stand and what to do with the days left."""

    as_of: dt.date
    onsite: dt.date
    days_left: int
    readiness: Readiness
    top_gaps: tuple[Gap, ...]
    next_days: tuple[DayAdvice, ...]
    forecast: Forecast
    what_ifs: tuple[WhatIf, ...]
    advice: tuple[str, ...]


class ReadinessReports:
    """Readiness and the reports built on it, over one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def assess(self) -> Readiness:
        """Readiness per round as of today."""
        from planner.domain.readiness import assess

        state = self.session.state()
        settings = state.plan.settings if state.plan else None
        return assess(
            self.session.pack(), self.session.evidence(state), self.session.today, settings
        )

    def outlook(self, readiness: Readiness | None = None) -> Outlook | None:
        """The forecast and the what-ifs; None before a plan exists."""
        from planner.domain.advice import forecast, what_ifs

        plan = self.session.state().plan
        if plan is None:
            return None
        pack = self.session.pack()
        today = self.session.today
        evidence = self.session.evidence()
        readiness = readiness or self.assess()
        return Outlook(
            forecast(pack, plan, evidence, today, plan.settings.onsite, plan.settings),
            tuple(what_ifs(pack, evidence, readiness, today, plan.settings)),
        )

    def check(self) -> CheckReport:
        """Days left, readiness, verdict, top gaps, forecast and a schedule for the days left."""
        from planner.domain.advice import schedule_gaps

        plan = self.session.plan()
        today = self.session.today
        onsite = plan.settings.onsite
        readiness = self.assess()
        outlook = self.outlook(readiness)
        assert outlook is not None  # a plan exists
        gaps = readiness.gaps_by_impact()
        days_left = (onsite - today).days
        next_days = tuple(schedule_gaps(gaps, plan, today, onsite)) if days_left > 0 else ()
        return CheckReport(
            as_of=today,
            onsite=onsite,
            days_left=days_left,
            readiness=readiness,
            top_gaps=tuple(gaps[:TOP_GAPS]),
            next_days=next_days,
            forecast=outlook.forecast,
            what_ifs=outlook.what_ifs,
            advice=tuple(
                _advice(
                    readiness,
                    days_left,
                    gaps,
                    outlook.forecast,
                    _first_step(plan, today),
                    [
                        *skipped_veto_note(self.session.pack(), plan.settings.skip_rounds),
                        *screens_behind_note(self.session.pack(), plan.settings, today),
                    ],
                )
            ),
        )


def _first_step(plan: Plan, today: dt.date) -> Task | None:
    """The plan's first task of today not done yet (None when today holds none)."""
    return next((t for t in plan.tasks if t.day == today and not t.done), None)


def _risks(readiness: Readiness) -> list[str]:
    """Risks the verdict does not count: a partial session on a pass/fail round under the
    Strong No line is no veto by the contract, but a full one like it would be."""
    lines: list[str] = []
    for r in readiness.rounds:
        perf = r.performance
        if not r.round.veto or perf is None or not perf.sessions or perf.strong_no:
            continue
        latest = perf.sessions[0]
        if latest.full or not perf.is_strong_no(latest.mock):
            continue
        knock_out = perf.knock_out(latest.mock)
        why = (
            f"scores {knock_out[0]} {knock_out[1]}, a knock-out"
            if knock_out is not None and latest.mock.average >= perf.strong_no_below
            else f"is under the Strong No line of {perf.strong_no_below:g}"
        )
        lines.append(
            f"Risk: {r.round.name}: the latest session ({latest.mock.id}, "
            f"{latest.mock.average:.2f}) {why}. It is partial ({latest.why_partial}), so it "
            "vetoes nothing, but a full session like it would veto the loop: sit a full one "
            "soon."
        )
    return lines


def skipped_veto_note(pack: Pack, skipped: Sequence[str]) -> list[str]:
    """A warning when the candidate left a pass/fail round out of the plan (the verdict does
    not judge it, and one Strong No there would veto the loop)."""
    rounds = [pack.round(r) for r in skipped if r in pack.round_ids and pack.round(r).veto]
    if not rounds:
        return []
    names = " and ".join(r.name for r in rounds)
    one = len(rounds) == 1
    return [
        f"You skipped {names}: {'a pass/fail round' if one else 'pass/fail rounds'}, where one "
        f"Strong No vetoes the loop. The plan has no work for {'it' if one else 'them'} and "
        "the verdict does not judge "
        f"{'it' if one else 'them'}: make sure with your recruiter that your loop has no such "
        "interview (else run `planner init` again without --skip-round)."
    ]


def screens_behind_note(pack: Pack, settings: PlanSettings, today: dt.date) -> list[str]:
    """A dated screen whose day has passed is taken as passed: say so, and how to change it
    when it moved (screens are rescheduled often)."""
    lines = []
    for round_id, day in settings.screens:
        if day < today and round_id in pack.round_ids and round_id not in settings.skip_rounds:
            name = pack.round(round_id).name
            lines.append(
                f"{name} was on {day:%a %d %b}: taken as passed. If it moved, "
                f"`planner screen {round_id} --date D` puts it back in the plan."
            )
    return lines


def _advice(
    readiness: Readiness,
    days_left: int,
    gaps: list[Gap],
    projected: Forecast,
    first_step: Task | None = None,
    warnings: Sequence[str] = (),
) -> list[str]:
    """A few plain sentences, the way a hiring-committee member would put it (`warnings`
    right after the verdict's sentence)."""
    lines = _verdict_advice(readiness, days_left, gaps, projected, first_step)
    return [*lines[:1], *warnings, *lines[1:]]


def _verdict_advice(
    readiness: Readiness,
    days_left: int,
    gaps: list[Gap],
    projected: Forecast,
    first_step: Task | None,
) -> list[str]:
    lines: list[str] = []
    if days_left <= 0:
        lines.append(
            "The onsite is today or past: no more preparation fits. Sleep, eat, and "
            "read your story titles once."
        )
        return lines
    not_ready = [r for r in readiness.rounds if r.status != "ready"]
    if readiness.verdict == "no-go":
        lines.append(readiness.veto_note[0].upper() + readiness.veto_note[1:] + ".")
        lines.append(
            "Fix that round before anything else: drill its weakest dimension, then sit a "
            "full timed session of it again."
        )
    elif readiness.verdict == "go" and days_left > GO_KEEP_DAYS:
        lines.append(
            "GO: every round ahead is ready today. Keep it so until the onsite: do the "
            "plan's remaining timed sessions (readiness is judged for the onsite's day) and "
            "keep the stories warm; start no new material in the last week."
        )
    elif readiness.verdict == "go":
        lines.append(
            "GO: every round ahead is ready. Keep the stories warm with one rehearsal a day "
            "and do not start new material."
        )
    else:
        names = ", ".join(r.round.name for r in not_ready)
        lines.append(f"Not yet: {names} would not clear the bar today.")
        if readiness.veto_note:
            lines.append(readiness.veto_note[0].upper() + readiness.veto_note[1:] + ".")
    if readiness.verdict != "go" and days_left <= 3:
        lines.append(
            "With this little time, consider asking the recruiter to move the onsite; a "
            "rescheduled loop is common, a failed one waits months."
        )
    if days_left <= 2:
        lines.append(
            "Two days or less: no new frameworks or stories. Rehearse your ready stories "
            "aloud and reread the numbers worth knowing."
        )
    lines += _risks(readiness)
    if first_step is not None and readiness.verdict != "no-go":
        # The plan already ordered today's work (research and frameworks before practice).
        lines.append(
            f"Start with this: do '{first_step.title}', the first step of today's plan "
            f"(~{first_step.minutes} min)."
        )
    elif gaps:
        first = gaps[0]
        lines.append(f"Start with this: {first.action} (~{first.minutes} min).")
    if readiness.verdict != "go":
        lines.append(
            f"Following the plan leads to {projected.overall}/100 and "
            f"{projected.verdict.upper()} by the onsite, if {projected.assumption}."
        )
    return lines
