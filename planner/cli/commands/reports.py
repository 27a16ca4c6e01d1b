"""Readiness commands: `planner gaps` and the pre-onsite `planner check`."""

from __future__ import annotations

from typing import Any

from planner.cli.context import Context
from planner.cli.output import Output, bar, safe_cell
from planner.domain.advice import Forecast
from planner.domain.models import Round
from planner.domain.readiness import Gap, Readiness, RoundReadinessResult
from planner.errors import EXIT_OK

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


def _print_rounds(out: Output, readiness: Readiness) -> None:
    for p in readiness.passed:
        status = out.style(f"{'passed':<6}", STATUS_STYLE["passed"])
        out.line(f"{p.id:<15} {'':12} {'':>3} {status} screen behind you")
    for r in readiness.rounds:
        top = r.gaps[0].detail if r.gaps else "nothing missing"
        status = out.style(f"{r.status:<6}", STATUS_STYLE[r.status])
        out.line(f"{r.round.id:<15} {bar(r.score, 12)} {r.score:>3} {status} {safe_cell(top)[:70]}")


def _verdict_line(readiness: Readiness) -> str:
    line = readiness.verdict.upper()
    if readiness.vetoed_by:
        line += f" (vetoed by {readiness.vetoed_by_names()})"
    return line


def _explain_round(out: Output, r: RoundReadinessResult, forecast: int | None) -> None:
    total = sum(c.weight for c in r.components)
    out.line("")
    out.line(out.style(f"{r.round.name}: {r.score} {r.status}", "bold"))
    for c in r.components:
        out.line(
            f"  {c.name:<10} +{c.points(total):5.1f}  (weight {c.weight:g}, "
            f"{c.value:.0%})  {safe_cell(c.detail)}"
        )
    perf = r.performance
    if perf is not None and perf.sessions:
        out.line(
            "  sessions (latest first; each counts half the one after it, a partial one half):"
        )
        for s in perf.sessions[:6]:
            partial = f"  partial: {safe_cell(s.why_partial)}" if s.why_partial else ""
            out.line(
                f"    {s.mock.id:<8} {s.mock.date.isoformat()}  {s.mock.average:4.2f}  "
                f"weight {s.weight:.3g}{partial}"
            )
        if len(perf.sessions) > 6:
            out.line(f"    … {len(perf.sessions) - 6} older sessions with smaller weights")
    if r.cap is not None:
        out.line(f"  capped at {r.cap} (sum {r.uncapped}): {safe_cell(r.why)}")
    else:
        out.line(f"  {safe_cell(r.why)}")
    if forecast is not None:
        out.line(f"  forecast on the onsite day: {forecast}")


def gaps(ctx: Context) -> int:
    """Readiness per round, then gaps by impact per minute."""
    planner = ctx.planner
    readiness = planner.readiness.assess()
    plan = planner.session.state().plan
    onsite = plan.settings.onsite if plan else None
    days_left = (onsite - ctx.today).days if onsite else None
    outlook = planner.readiness.outlook(readiness) if ctx.args.explain else None
    forecast = outlook.forecast if outlook is not None else None
    changes = outlook.what_ifs if outlook is not None else ()
    if ctx.args.json:
        payload: dict[str, Any] = {
            "as_of": ctx.today.isoformat(),
            "onsite": onsite.isoformat() if onsite else None,
            "days_left": days_left,
            "overall": readiness.overall,
            "verdict": readiness.verdict,
            "vetoed_by": list(readiness.vetoed_by),
            "rounds": rounds_json(readiness),
            "next_actions": [gap_json(g) for g in readiness.gaps_by_impact()],
        }
        if forecast is not None:
            payload["forecast"] = forecast_json(forecast)
            payload["what_if"] = [
                {"round": w.round, "change": w.change, "before": w.before, "after": w.after}
                for w in changes
            ]
        ctx.out.json(payload)
        return EXIT_OK
    out = ctx.out
    head = f"Readiness {readiness.overall}/100 ({_verdict_line(readiness).lower()})"
    if days_left is not None:
        head += f", {days_left} days to the onsite"
    out.line(out.style(head, "bold"))
    _print_rounds(out, readiness)
    if ctx.args.explain:
        for r in readiness.rounds:
            _explain_round(
                out, r, forecast.scores.get(r.round.id) if forecast is not None else None
            )
        if forecast is not None:
            out.line("")
            out.line(
                f"Forecast: {forecast.overall}/100, {forecast.verdict.upper()}, if "
                f"{forecast.assumption}."
            )
            for w in changes[:6]:
                out.line(f"  what if {safe_cell(w.change)}: {w.round} {w.before} -> {w.after}")
    ordered = readiness.gaps_by_impact()
    if ordered:
        out.line("")
        out.line(
            out.style("Next actions, the ones that move the verdict most per minute first:", "bold")
        )
        for g in ordered[:12]:
            out.line(f"  {g.round}: {safe_cell(g.detail)}")
            out.line(f"      next: {safe_cell(g.action)} (~{g.minutes} min, +{g.gain:.3g})")
        if len(ordered) > 12:
            out.line(f"  … and {len(ordered) - 12} more (`planner gaps --json`)")
    return EXIT_OK


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


def check(ctx: Context) -> int:
    """Before the onsite: verdict, top gaps, forecast and the days that remain."""
    report = ctx.planner.readiness.check()
    r = report.readiness
    if ctx.args.json:
        ctx.out.json(
            {
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
                "what_if": [
                    {"round": w.round, "change": w.change, "before": w.before, "after": w.after}
                    for w in report.what_ifs
                ],
                "advice": list(report.advice),
            }
        )
        return EXIT_OK
    out = ctx.out
    out.line(
        out.style(
            f"{report.days_left} days to the onsite ({report.onsite:%a %d %b}). "
            f"Readiness {r.overall}/100. Verdict: {_verdict_line(r)}",
            "bold",
            VERDICT_STYLE[r.verdict],
        )
    )
    out.line("")
    _print_rounds(out, r)
    out.line("")
    for line in report.advice:
        out.line(safe_cell(line))
    if report.top_gaps:
        out.line("")
        out.line(out.style("Top gaps:", "bold"))
        for g in report.top_gaps:
            out.line(
                f"  - {g.round}: {safe_cell(g.detail)} -> {safe_cell(g.action)} (~{g.minutes} min)"
            )
    if report.what_ifs:
        out.line("")
        out.line(out.style("What would move the needle:", "bold"))
        for w in report.what_ifs[:4]:
            out.line(f"  - {safe_cell(w.change)}: {w.round} {w.before} -> {w.after}")
    if report.next_days:
        out.line("")
        out.line(out.style("The days that remain:", "bold"))
        for d in report.next_days:
            extra = "; ".join(f"{safe_cell(g.action)} ({g.minutes}m)" for g in d.actions)
            planned = f"{d.planned_minutes}m planned" if d.planned_minutes else "nothing planned"
            out.line(f"  {d.date:%a %d %b}: {planned}" + (f" + {extra}" if extra else ""))
    return EXIT_OK
