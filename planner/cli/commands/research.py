"""Research commands: `planner research list|set`."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from planner.cli.commands.mocks import need_action
from planner.cli.context import Context
from planner.cli.output import Output
from planner.cli.render import Result
from planner.cli.results import Lines
from planner.domain.models import ResearchItem, ResearchState
from planner.service.inputs import ResearchChange


def help_(ctx: Context) -> Result:
    """`planner research` with no action."""
    return need_action("research", "list,set")


@dataclass(frozen=True)
class Items(Result):
    """The pack's research items with their status."""

    items: Sequence[tuple[ResearchItem, ResearchState]]

    def json(self) -> Any:
        return [
            {
                "id": i.id,
                "title": i.title,
                "rounds": list(i.rounds),
                "status": s.status,
                "note": s.note,
                "sources": list(s.sources),
            }
            for i, s in self.items
        ]

    def text(self, out: Output) -> Iterator[str]:
        rows = [[s.status, i.id, ",".join(i.rounds), i.title] for i, s in self.items]
        yield from out.table(["status", "id", "rounds", "title"], rows, wrap_last=60)
        done = sum(1 for _, s in self.items if s.status == "done")
        yield f"{done} of {len(self.items)} done"


def list_(ctx: Context) -> Result:
    """Research items with their status."""
    return Items(ctx.planner.research.items())


def set_(ctx: Context) -> Result:
    """Set a research item's status."""
    a = ctx.args
    state = ctx.planner.research.set(a.item, ResearchChange(a.status, a.note, a.source))
    return Lines([f"{state.item}: {state.status}"])
