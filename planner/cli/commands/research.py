"""Research commands: `planner research list|set|add|edit|remove`."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from planner.cli.commands.mocks import need_action
from planner.cli.context import Context
from planner.cli.output import Output, safe_cell
from planner.cli.render import Result
from planner.cli.results import Lines
from planner.domain.models import OwnResearch, ResearchItem, ResearchState, is_own_research
from planner.errors import InputError
from planner.service.inputs import OwnResearchChange, OwnResearchInput, ResearchChange


def help_(ctx: Context) -> Result:
    """`planner research` with no action."""
    return need_action("research", "list,set,add,edit,remove")


def item_json(item: ResearchItem, state: ResearchState) -> dict[str, Any]:
    """A research item as in the public JSON contract (`own`: the candidate added it)."""
    return {
        "id": item.id,
        "title": item.title,
        "rounds": list(item.rounds),
        "status": state.status,
        "note": state.note,
        "sources": list(state.sources),
        "own": is_own_research(item.id),
    }


def own_json(item: OwnResearch) -> dict[str, Any]:
    """An own research item: the list's keys and the day it was added."""
    return {**item_json(item.item, item.state), "created": item.created.isoformat()}


@dataclass(frozen=True)
class Items(Result):
    """The pack's research items, then the candidate's own, with their status."""

    items: Sequence[tuple[ResearchItem, ResearchState]]

    def json(self) -> Any:
        return [item_json(i, s) for i, s in self.items]

    def text(self, out: Output) -> Iterator[str]:
        rows = [[s.status, i.id, ",".join(i.rounds), i.title] for i, s in self.items]
        yield from out.table(["status", "id", "rounds", "title"], rows, wrap_last=60)
        pack = [s for i, s in self.items if not is_own_research(i.id)]
        own = [s for i, s in self.items if is_own_research(i.id)]
        done = sum(1 for s in pack if s.status == "done")
        line = f"{done} of {len(pack)} done"
        if own:
            line += f"; yours: {sum(1 for s in own if s.status == 'done')} of {len(own)} done"
        else:
            line += "; add your own: `planner research add --title T --round R`"
        yield line


@dataclass(frozen=True)
class Own(Result):
    """An own research item just added, edited or removed."""

    verb: str
    item: OwnResearch

    def json(self) -> Any:
        return own_json(self.item)

    def text(self, out: Output) -> Iterator[str]:
        rounds = ", ".join(self.item.rounds)
        yield f"{self.verb} research item {self.item.id}: {safe_cell(self.item.title)} ({rounds})"


def list_(ctx: Context) -> Result:
    """Research items with their status."""
    return Items(ctx.planner.research.items())


def set_(ctx: Context) -> Result:
    """Set a research item's status."""
    a = ctx.args
    state = ctx.planner.research.set(a.item, ResearchChange(a.status, a.note, a.source))
    return Lines([f"{state.item}: {state.status}"])


def add(ctx: Context) -> Result:
    """Add a research item of your own."""
    a = ctx.args
    entry = OwnResearchInput(a.title, a.round or (), a.note or "", a.source or ())
    return Own("added", ctx.planner.research.add(entry))


def edit(ctx: Context) -> Result:
    """Change an own item's title or rounds."""
    a = ctx.args
    if a.title is None and not a.round:
        raise InputError("say what to change: --title T and/or --round R (repeatable)")
    change = OwnResearchChange(title=a.title, rounds=a.round or None)
    return Own("edited", ctx.planner.research.edit(a.item, change))


def remove(ctx: Context) -> Result:
    """Remove an own research item."""
    return Own("removed", ctx.planner.research.remove(ctx.args.item))
