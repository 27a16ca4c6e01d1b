"""`planner brief`: the loop at a glance, or one round in depth, from the content pack."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from planner.cli.context import Context
from planner.cli.output import Output, safe_cell
from planner.domain.models import Fact
from planner.errors import EXIT_OK
from planner.service.validate import round_id


def brief(ctx: Context) -> int:
    """Print the pack's overview, or what one round probes, rewards and punishes."""
    pack = ctx.planner.session.pack()
    if ctx.args.round:
        rnd = pack.round(round_id(pack, ctx.args.round))
        facts = [f for f in pack.facts if rnd.id in f.rounds]
        examples = [e for e in pack.examples if rnd.id in e.rounds]
        questions = [q for q in pack.questions if q.round == rnd.id]
        if ctx.args.json:
            ctx.out.json(
                {
                    "id": rnd.id,
                    "name": rnd.name,
                    "minutes": rnd.minutes,
                    "minutes_stated": rnd.minutes_stated,
                    "probes": list(rnd.probes),
                    "strong": list(rnd.strong),
                    "red_flags": list(rnd.red_flags),
                    "veto": rnd.veto,
                    "bar": rnd.readiness.bar,
                    "mocks_target": rnd.readiness.mocks_target,
                    "facts": [_fact(f) for f in facts],
                    "examples": [_fact(e) for e in examples],
                    "questions": [q.id for q in questions],
                }
            )
            return EXIT_OK
        out = ctx.out
        veto = " (pass/fail)" if rnd.veto else ""
        length = (
            f"{rnd.minutes} min"
            if rnd.minutes_stated
            else f"practise in {rnd.minutes}-min blocks (the source gives no length)"
        )
        out.line(out.style(f"{safe_cell(rnd.name)}: {length}{veto}", "bold"))
        for title, lines in (
            ("What it probes", rnd.probes),
            ("What strong looks like", rnd.strong),
            ("Red flags", rnd.red_flags),
        ):
            out.line("")
            out.line(out.style(title, "cyan"))
            for line in lines:
                out.line(f"  - {safe_cell(line)}")
        _facts(out, facts, examples)
        out.line("")
        out.line(
            f"Practice: {len(questions)} questions (`planner questions --round {rnd.id}`); "
            f"rubric: `planner rubric {rnd.id}`."
        )
        return EXIT_OK
    if ctx.args.json:
        ctx.out.json(
            {
                "pack": pack.id,
                "company": pack.company,
                "role": pack.role,
                "summary": pack.summary,
                "timeline": pack.timeline,
                "debrief": pack.debrief,
                "rounds": [
                    {"id": r.id, "name": r.name, "minutes": r.minutes, "veto": r.veto}
                    for r in pack.rounds
                ],
                "facts": [_fact(f) for f in pack.facts],
                "examples": [_fact(e) for e in pack.examples],
                "seniority_advice": dict(pack.seniority_advice),
                "faq": [{"question": q.question, "answer": q.answer} for q in pack.faq],
            }
        )
        return EXIT_OK
    out = ctx.out
    out.line(out.style(f"{safe_cell(pack.company)} {safe_cell(pack.role)} loop", "bold"))
    for text in (pack.summary, pack.timeline, pack.debrief):
        out.line("")
        out.line(safe_cell(text))
    if pack.seniority_advice:
        out.line("")
        out.line(out.style("Advice by seniority", "cyan"))
        for seniority, advice in pack.seniority_advice.items():
            out.line(f"  {seniority}: {safe_cell(advice)}")
    out.line("")
    out.line(out.style("Rounds", "cyan"))
    for r in pack.rounds:
        out.line(f"  {r.id:<15} {safe_cell(r.name)}{' (pass/fail)' if r.veto else ''}")
    _facts(out, pack.facts, pack.examples)
    out.line("")
    out.line(out.style("Questions people ask", "cyan"))
    for q in pack.faq:
        out.line(f"  Q: {safe_cell(q.question)}")
        out.line(f"     {safe_cell(q.answer)}")
    out.line("")
    out.line("One round in depth: `planner brief ROUND`.")
    return EXIT_OK


EXAMPLES_HEADING = "From sample answers (examples, not company facts)"


def _facts(out: Output, facts: Sequence[Fact], examples: Sequence[Fact]) -> None:
    """Facts under one heading, figures from sample answers under a separate one."""
    if facts:
        out.line("")
        out.line(out.style("Numbers worth knowing", "cyan"))
        for f in facts:
            out.line(f"  - {safe_cell(f.label)}: {safe_cell(f.value)}")
    if examples:
        out.line("")
        out.line(out.style(EXAMPLES_HEADING, "cyan"))
        for e in examples:
            source = f" ({safe_cell(e.source)})" if e.source else ""
            out.line(f"  - {safe_cell(e.label)}: {safe_cell(e.value)}{source}")


def _fact(fact: Fact) -> dict[str, Any]:
    """A fact or an example as JSON; `example` tells them apart."""
    item: dict[str, Any] = {
        "label": fact.label,
        "value": fact.value,
        "detail": fact.detail,
        "example": fact.example,
    }
    if fact.example:
        item["source"] = fact.source
    return item
