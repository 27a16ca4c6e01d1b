"""Practice commands: `planner rubric`, `planner questions`, `planner practice`."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from planner.cli.context import Context
from planner.cli.output import Output, safe_cell
from planner.cli.render import Result
from planner.cli.results import Lines
from planner.dates import human
from planner.domain.models import Pack
from planner.service.validate import round_id

if TYPE_CHECKING:
    pass


@dataclass(frozen=True)
class Rubrics(Result):
    """What each round is scored on, with the 1/3/5 anchors."""

    pack: Pack
    rounds: Sequence[str]

    def json(self) -> Any:
        return [
            {
                "round": r,
                "dimensions": [
                    {
                        "id": d.id,
                        "name": d.name,
                        "anchors": {str(k): v for k, v in sorted(d.anchors.items())},
                    }
                    for d in self.pack.rubric(r).dimensions
                ],
            }
            for r in self.rounds
        ]

    def text(self, out: Output) -> Iterator[str]:
        for r in self.rounds:
            yield out.style(self.pack.round(r).name, "bold", "cyan")
            for d in self.pack.rubric(r).dimensions:
                yield f"  {d.id}: {safe_cell(d.name)}"
                for score, text in sorted(d.anchors.items()):
                    yield f"    {score}  {safe_cell(text)}"
            yield ""


def rubric(ctx: Context) -> Result:
    """What each round (or one) is scored on."""
    pack = ctx.planner.session.pack()
    rounds = (round_id(pack, ctx.args.round),) if ctx.args.round else pack.round_ids
    return Rubrics(pack, rounds)


def practice(ctx: Context) -> Result:
    """Record practising a question."""
    review = ctx.planner.practice.record(ctx.args.question_id, ctx.args.rating)
    return Lines(
        [f"{review.question}: {review.rating}; next due {human(review.due, ctx.today)}"],
        {
            "id": review.question,
            "rating": review.rating,
            "reviewed": review.reviewed.isoformat(),
            "due": review.due.isoformat(),
        },
    )
