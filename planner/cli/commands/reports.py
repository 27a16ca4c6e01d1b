"""Readiness commands: `planner gaps` and the pre-onsite `planner check`."""

from __future__ import annotations

from typing import Any

from planner.cli.context import Context
from planner.cli.output import Output, bar, safe_cell
from planner.domain.readiness import Gap, Readiness, RoundReadinessResult
from planner.errors import EXIT_OK

STATUS_STYLE = {"ready": "green", "close": "yellow", "gap": "red"}


def gap_json(g: Gap) -> dict[str, Any]:
    """A gap as in the public JSON contract."""
    return {
        "kind": g.kind,
        "detail": g.detail,
        "action": g.action,
        "round": g.round,
        "minutes": g.minutes,
        "gain": g.gain,
        "target": g.target,
    }


def round_json(r: RoundReadinessResult) -> dict[str, Any]:
    """A round's readiness as in the public JSON contract, with its explanation."""
    total = sum(c.weight for c in r.components)
    return {
        "id": r.round.id,
        "name": r.round.name,
        "score": r.score,
        "status": r.status,
        "gaps": [gap_json(g) for g in r.gaps],
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


def _print_rounds(out: Output, readiness: Readiness) -> None:
    for r in readiness.rounds:
        top = r.gaps[0].detail if r.gaps else "nothing missing"
        status = out.style(f"{r.status:<5}", STATUS_STYLE[r.status])
        out.line(f"{r.round.id:<15} {bar(r.score, 12)} {r.score:>3} {status} {safe_cell(top)[:70]}")


def gaps(ctx: Context) -> int:
    """Readiness per round, then gaps by impact per minute."""
    planner = ctx.planner
    readiness = planner.readiness()
    plan = planner.state().plan
    onsite = plan.settings.onsite if plan else None
    days_left = (onsite - ctx.today).days if onsite else None
    forecast = None
    if ctx.args.explain and plan is not None:
        from planner.domain.advice import forecast as make_forecast
        from planner.domain.advice import what_ifs

        forecast = make_forecast(
            planner.pack(),
            plan,
            planner.evidence(),
            ctx.today,
            plan.settings.onsite,
            plan.settings.skip_rounds,
        )
        changes = what_ifs(
            planner.pack(), planner.evidence(), readiness, ctx.today, plan.settings.skip_rounds
        )
    if ctx.args.json:
        payload: dict[str, Any] = {
            "as_of": ctx.today.isoformat(),
            "onsite": onsite.isoformat() if onsite else None,
            "days_left": days_left,
            "overall": readiness.overall,
            "verdict": readiness.verdict,
            "rounds": [round_json(r) for r in readiness.rounds],
        }
        if forecast is not None:
            payload["forecast"] = {
                "pace": forecast.pace,
                "scores": forecast.scores,
                "overall": forecast.overall,
                "assumption": forecast.assumption,
            }
            payload["what_if"] = [
                {"round": w.round, "change": w.change, "before": w.before, "after": w.after}
                for w in changes
            ]
        ctx.out.json(payload)
        return EXIT_OK
    out = ctx.out
    head = f"Readiness {readiness.overall}/100 ({readiness.verdict})"
    if days_left is not None:
        head += f", {days_left} days to the onsite"
    out.line(out.style(head, "bold"))
    _print_rounds(out, readiness)
    if ctx.args.explain:
        for r in readiness.rounds:
            total = sum(c.weight for c in r.components)
            out.line("")
            out.line(out.style(f"{r.round.name}: {r.score}", "bold"))
            for c in r.components:
                out.line(
                    f"  {c.name:<10} +{c.points(total):5.1f}  (weight {c.weight:g}, "
                    f"{c.value:.0%})  {safe_cell(c.detail)}"
                )
            if forecast is not None:
                out.line(f"  forecast on the onsite day: {forecast.scores.get(r.round.id, 0)}")
        if forecast is not None:
            out.line("")
            out.line(f"Forecast assumes {forecast.assumption}.")
            for w in changes[:6]:
                out.line(f"  what if {safe_cell(w.change)}: {w.round} {w.before} -> {w.after}")
    ordered = readiness.gaps_by_impact()
    if ordered:
        out.line("")
        out.line(out.style("Gaps, most gained per minute first:", "bold"))
        for g in ordered[:12]:
            out.line(f"  {g.round}: {safe_cell(g.detail)}")
            out.line(f"      next: {safe_cell(g.action)} (~{g.minutes} min, +{g.gain:g})")
        if len(ordered) > 12:
            out.line(f"  … and {len(ordered) - 12} more (`planner gaps --json`)")
    return EXIT_OK


def check(ctx: Context) -> int:
    """Before the onsite: verdict, top gaps, forecast and the days that remain."""
    from planner.service.reports import check as make_check

    report = make_check(ctx.planner)
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
                "rounds": [
                    {"id": x.round.id, "score": x.score, "status": x.status} for x in r.rounds
                ],
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
                "forecast": {
                    "pace": report.forecast.pace,
                    "scores": report.forecast.scores,
                    "overall": report.forecast.overall,
                    "assumption": report.forecast.assumption,
                },
                "what_if": [
                    {"round": w.round, "change": w.change, "before": w.before, "after": w.after}
                    for w in report.what_ifs
                ],
                "advice": list(report.advice),
            }
        )
        return EXIT_OK
    out = ctx.out
    style = {"go": "green", "go with risks": "yellow", "not yet": "red"}[r.verdict]
    out.line(
        out.style(
            f"{report.days_left} days to the onsite ({report.onsite:%a %d %b}). "
            f"Readiness {r.overall}/100. Verdict: {r.verdict.upper()}",
            "bold",
            style,
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
