"""`planner brief`: the loop at a glance, or one round in depth, from the content pack."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from planner.cli.context import Context
from planner.cli.output import Output, safe_cell
from planner.cli.render import Result
from planner.domain.models import Fact, Pack, Round
from planner.service.validate import round_id


@dataclass(frozen=True)
class LoopBrief(Result):
    """The pack's overview: the loop, facts, advice by seniority, common questions."""

    pack: Pack

    def json(self) -> Any:
        pack = self.pack
        return {
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

    def text(self, out: Output) -> Iterator[str]:
        pack = self.pack
        yield out.style(f"{safe_cell(pack.company)} {safe_cell(pack.role)} loop", "bold")
        for text in (pack.summary, pack.timeline, pack.debrief):
            yield ""
            yield safe_cell(text)
        if pack.seniority_advice:
            yield ""
            yield out.style("Advice by seniority", "cyan")
            for seniority, advice in pack.seniority_advice.items():
                yield f"  {seniority}: {safe_cell(advice)}"
        yield ""
        yield out.style("Rounds", "cyan")
        for r in pack.rounds:
            yield f"  {r.id:<15} {safe_cell(r.name)}{' (pass/fail)' if r.veto else ''}"
        yield from _facts(out, pack.facts, pack.examples)
        yield ""
        yield out.style("Questions people ask", "cyan")
        for q in pack.faq:
            yield f"  Q: {safe_cell(q.question)}"
            yield f"     {safe_cell(q.answer)}"
        yield ""
        yield "One round in depth: `planner brief ROUND`."


@dataclass(frozen=True)
class RoundBrief(Result):
    """One round in depth: what it probes, what strong looks like, red flags, facts."""

    pack: Pack
    round: Round

    def json(self) -> Any:
        rnd = self.round
        return {
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
            "facts": [_fact(f) for f in self._facts()],
            "examples": [_fact(e) for e in self._examples()],
            "questions": [q.id for q in self._questions()],
        }

    def _facts(self) -> list[Fact]:
        return [f for f in self.pack.facts if self.round.id in f.rounds]

    def _examples(self) -> list[Fact]:
        return [e for e in self.pack.examples if self.round.id in e.rounds]

    def _questions(self) -> list[Any]:
        return [q for q in self.pack.questions if q.round == self.round.id]

    def text(self, out: Output) -> Iterator[str]:
        rnd = self.round
        veto = " (pass/fail)" if rnd.veto else ""
        length = (
            f"{rnd.minutes} min"
            if rnd.minutes_stated
            else f"practise in {rnd.minutes}-min blocks (the source gives no length)"
        )
        yield out.style(f"{safe_cell(rnd.name)}: {length}{veto}", "bold")
        for title, lines in (
            ("What it probes", rnd.probes),
            ("What strong looks like", rnd.strong),
            ("Red flags", rnd.red_flags),
        ):
            yield ""
            yield out.style(title, "cyan")
            for line in lines:
                yield f"  - {safe_cell(line)}"
        yield from _facts(out, self._facts(), self._examples())
        yield ""
        yield (
            f"Practice: {len(self._questions())} questions "
            f"(`planner questions --round {rnd.id}`); rubric: `planner rubric {rnd.id}`."
        )


def brief(ctx: Context) -> Result:
    """The pack's overview, or what one round probes, rewards and punishes."""
    pack = ctx.planner.session.pack()
    if ctx.args.round:
        return RoundBrief(pack, pack.round(round_id(pack, ctx.args.round)))
    return LoopBrief(pack)


EXAMPLES_HEADING = "From sample answers (examples, not company facts)"


def _facts(out: Output, facts: Sequence[Fact], examples: Sequence[Fact]) -> Iterator[str]:
    """Facts under one heading, figures from sample answers under a separate one."""
    if facts:
        yield ("")
        yield (out.style("Numbers worth knowing", "cyan"))
        for f in facts:
            yield (f"  - {safe_cell(f.label)}: {safe_cell(f.value)}")
    if examples:
        yield ("")
        yield (out.style(EXAMPLES_HEADING, "cyan"))
        for e in examples:
            source = f" ({safe_cell(e.source)})" if e.source else ""
            yield (f"  - {safe_cell(e.label)}: {safe_cell(e.value)}{source}")


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
