"""Readiness commands: `planner gaps` and the pre-onsite `planner check`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from planner.cli.context import Context
from planner.cli.output import Output, bar, safe_cell
from planner.cli.render import Result
from planner.domain.advice import Forecast, WhatIf
from planner.domain.models import Round, is_own_research
from planner.domain.readiness import Gap, Readiness, RoundReadinessResult

if TYPE_CHECKING:
    from planner.service.readiness import CheckReport, Outlook

STATUS_STYLE = {"ready": "green", "close": "yellow", "gap": "red", "passed": "dim"}
VERDICT_STYLE = {"go": "green", "not yet": "yellow", "no-go": "red"}


def gap_json(g: Gap) -> dict[str, Any]:
    """A gap as in the public JSON contract."""
    return {
        "kind": g.kind,
        "detail": g.detail,
        "action": g.action,
        "round": g.round,
        "rounds": list(g.rounds),
        "minutes": g.minutes,
        "gain": round(g.gain, 1),
        "value": round(g.value, 3),
        "target": g.target,
    }


def performance_json(r: RoundReadinessResult) -> dict[str, Any] | None:
    """The round's performance estimate with each session's weight (None: not scored)."""
    perf = r.performance
    if perf is None:
        return None
    return {
        "estimate": None if perf.estimate is None else round(perf.estimate, 2),
        "bar": perf.bar,
        "strong_no_below": perf.strong_no_below,
        "at_bar": perf.at_bar,
        "strong_no": perf.strong_no,
        "full_sessions": perf.full_sessions,
        "min_full_sessions": perf.min_full,
        "sessions_short": perf.sessions_short,
        "fresh_from": perf.fresh_from.isoformat() if perf.fresh_from else None,
        "stale_sessions": [m.id for m in perf.stale],
        "max_age_days": perf.max_age_days or None,
        "sessions": [
            {
                "id": s.mock.id,
                "date": s.mock.date.isoformat(),
                "average": s.mock.average,
                "minutes": s.mock.minutes,
                "full": s.full,
                "weight": round(s.weight, 4),
                "partial_because": s.why_partial or None,
            }
            for s in perf.sessions
        ],
    }


def round_json(r: RoundReadinessResult) -> dict[str, Any]:
    """A round's readiness as in the public JSON contract, with its explanation."""
    total = sum(c.weight for c in r.components)
    return {
        "id": r.round.id,
        "name": r.round.name,
        "score": r.score,
        "status": r.status,
        "why": r.why,
        "cap": r.cap,
        "veto": r.round.veto,
        "gaps": [gap_json(g) for g in r.gaps],
        "performance": performance_json(r),
        "components": [
            {
                "name": c.name,
                "value": round(c.value, 3),
                "weight": c.weight,
                "points": round(c.points(total), 1),
                "detail": c.detail,
            }
            for c in r.components
        ],
    }


def passed_json(round_: Round) -> dict[str, Any]:
    """A screen behind the candidate: listed, never scored."""
    return {
        "id": round_.id,
        "name": round_.name,
        "score": None,
        "status": "passed",
        "why": "this screen is behind you: not in the overall score or the verdict",
        "gaps": [],
    }


def rounds_json(readiness: Readiness) -> list[dict[str, Any]]:
    """Every round in loop order: the passed screens, then the rounds ahead."""
    return [passed_json(r) for r in readiness.passed] + [round_json(r) for r in readiness.rounds]


def _round_lines(out: Output, readiness: Readiness) -> Iterator[str]:
    for p in readiness.passed:
        status = out.style(f"{'passed':<6}", STATUS_STYLE["passed"])
        yield (f"{p.id:<15} {'':12} {'':>3} {status} screen behind you")
    for r in readiness.rounds:
        top = r.gaps[0].detail if r.gaps else "nothing missing"
        status = out.style(f"{r.status:<6}", STATUS_STYLE[r.status])
        yield (f"{r.round.id:<15} {bar(r.score, 12)} {r.score:>3} {status} {safe_cell(top)[:70]}")


def _verdict_line(readiness: Readiness) -> str:
    line = readiness.verdict.upper()
    if readiness.vetoed_by:
        line += f" (vetoed by {readiness.vetoed_by_names()})"
    return line


def _explain_round(out: Output, r: RoundReadinessResult, forecast: int | None) -> Iterator[str]:
    total = sum(c.weight for c in r.components)
    yield ("")
    yield (out.style(f"{r.round.name}: {r.score} {r.status}", "bold"))
    for c in r.components:
        yield (
            f"  {c.name:<10} +{c.points(total):5.1f}  (weight {c.weight:g}, "
            f"{c.value:.0%})  {safe_cell(c.detail)}"
        )
    perf = r.performance
    if perf is not None and perf.sessions:
        yield ("  sessions (latest first; each counts half the one after it, a partial one half):")
        for s in perf.sessions[:6]:
            partial = f"  partial: {safe_cell(s.why_partial)}" if s.why_partial else ""
            yield (
                f"    {s.mock.id:<8} {s.mock.date.isoformat()}  {s.mock.average:4.2f}  "
                f"weight {s.weight:.3g}{partial}"
            )
        if len(perf.sessions) > 6:
            yield (f"    … {len(perf.sessions) - 6} older sessions with smaller weights")
    if r.cap is not None:
        yield (f"  capped at {r.cap} (sum {r.uncapped}): {safe_cell(r.why)}")
    else:
        yield (f"  {safe_cell(r.why)}")
    if forecast is not None:
        yield (f"  forecast on the onsite day: {forecast}")


def forecast_json(forecast: Forecast) -> dict[str, Any]:
    """The forecast of following the plan, with what it assumes."""
    return {
        "pace": forecast.pace,
        "scores": forecast.scores,
        "statuses": forecast.statuses,
        "overall": forecast.overall,
        "verdict": forecast.verdict,
        "assumption": forecast.assumption,
    }


@dataclass(frozen=True)
class Gaps(Result):
    """Readiness per round, then the gaps by impact per minute (with --explain, every number)."""

    readiness: Readiness
    today: dt.date
    onsite: dt.date | None
    explain: bool
    outlook: Outlook | None

    def json(self) -> Any:
        readiness = self.readiness
        payload: dict[str, Any] = {
            "as_of": self.today.isoformat(),
            "onsite": self.onsite.isoformat() if self.onsite else None,
            "days_left": self.days_left,
            "overall": readiness.overall,
            "verdict": readiness.verdict,
            "vetoed_by": list(readiness.vetoed_by),
            "rounds": rounds_json(readiness),
            "next_actions": [gap_json(g) for g in readiness.gaps_by_impact()],
        }
        if self.outlook is not None:
            payload["forecast"] = forecast_json(self.outlook.forecast)
            payload["what_if"] = [what_if_json(w) for w in self.outlook.what_ifs]
        return payload

    @property
    def days_left(self) -> int | None:
        """Days to the onsite (None before a plan exists)."""
        return (self.onsite - self.today).days if self.onsite else None

    def text(self, out: Output) -> Iterator[str]:
        readiness = self.readiness
        head = f"Readiness {readiness.overall}/100 ({_verdict_line(readiness).lower()})"
        if self.days_left is not None:
            head += f", {self.days_left} days to the onsite"
        yield out.style(head, "bold")
        yield from _round_lines(out, readiness)
        forecast = self.outlook.forecast if self.outlook is not None else None
        if self.explain:
            for r in readiness.rounds:
                score = forecast.scores.get(r.round.id) if forecast is not None else None
                yield from _explain_round(out, r, score)
            if self.outlook is not None and forecast is not None:
                yield ""
                yield (
                    f"Forecast: {forecast.overall}/100, {forecast.verdict.upper()}, if "
                    f"{forecast.assumption}."
                )
                for w in self.outlook.what_ifs[:6]:
                    yield f"  what if {safe_cell(w.change)}: {w.round} {w.before} -> {w.after}"
        ordered = readiness.gaps_by_impact()
        if ordered:
            yield ""
            yield out.style(
                "Next actions, the ones that move the verdict most per minute first:", "bold"
            )
            for g in ordered[:12]:
                yield f"  {g.round}: {safe_cell(g.detail)}"
                points = "not scored" if is_own_research(g.target) else f"+{g.gain:.3g}"
                yield f"      next: {safe_cell(g.action)} (~{g.minutes} min, {points})"
            if len(ordered) > 12:
                yield f"  … and {len(ordered) - 12} more (`planner gaps --json`)"


def gaps(ctx: Context) -> Result:
    """Readiness per round, then gaps by impact per minute."""
    planner = ctx.planner
    readiness = planner.readiness.assess()
    plan = planner.session.state().plan
    onsite = plan.settings.onsite if plan else None
    outlook = planner.readiness.outlook(readiness) if ctx.args.explain else None
    return Gaps(readiness, ctx.today, onsite, ctx.args.explain, outlook)


def what_if_json(w: WhatIf) -> dict[str, Any]:
    """One what-if: a single change and the round's score before and after."""
    return {"round": w.round, "change": w.change, "before": w.before, "after": w.after}


@dataclass(frozen=True)
class Checked(Result):
    """The pre-onsite check: verdict, top gaps, forecast and the days that remain."""

    report: CheckReport

    def json(self) -> Any:
        report = self.report
        r = report.readiness
        return {
            "as_of": report.as_of.isoformat(),
            "onsite": report.onsite.isoformat(),
            "days_left": report.days_left,
            "overall": r.overall,
            "verdict": r.verdict,
            "veto": r.veto_note or None,
            "vetoed_by": list(r.vetoed_by),
            "rounds": rounds_json(r),
            "top_gaps": [gap_json(g) for g in report.top_gaps],
            "next_days": [
                {
                    "date": d.date.isoformat(),
                    "planned_minutes": d.planned_minutes,
                    "free_minutes": d.free_minutes,
                    "actions": [gap_json(g) for g in d.actions],
                }
                for d in report.next_days
            ],
            "forecast": forecast_json(report.forecast),
            "what_if": [what_if_json(w) for w in report.what_ifs],
            "advice": list(report.advice),
        }

    def text(self, out: Output) -> Iterator[str]:
        report = self.report
        r = report.readiness
        yield out.style(
            f"{report.days_left} days to the onsite ({report.onsite:%a %d %b}). "
            f"Readiness {r.overall}/100. Verdict: {_verdict_line(r)}",
            "bold",
            VERDICT_STYLE[r.verdict],
        )
        yield ""
        yield from _round_lines(out, r)
        yield ""
        for line in report.advice:
            yield safe_cell(line)
        if report.top_gaps:
            yield ""
            yield out.style("Top gaps:", "bold")
            for g in report.top_gaps:
                yield (
                    f"  - {g.round}: {safe_cell(g.detail)} -> {safe_cell(g.action)} "
                    f"(~{g.minutes} min)"
                )
        if report.what_ifs:
            yield ""
            yield out.style("What would move the needle:", "bold")
            for w in report.what_ifs[:4]:
                yield f"  - {safe_cell(w.change)}: {w.round} {w.before} -> {w.after}"
        if report.next_days:
            yield ""
            yield out.style("The days that remain:", "bold")
            for d in report.next_days:
                planned = (
                    f"{d.planned_minutes}m planned" if d.planned_minutes else "nothing planned"
                )
                yield f"  {d.date:%a %d %b}: {planned}"
                for g in d.actions:  # one a line, as in the app's check
                    yield f"      + {safe_cell(g.action)} ({g.minutes}m)"


def check(ctx: Context) -> Result:
    """Before the onsite: verdict, top gaps, forecast and the days that remain."""
    return Checked(ctx.planner.readiness.check())
