"""`planner screen`: give a screen its date or mark it passed; the plan's future is rebuilt."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from planner.cli.context import Context
from planner.cli.output import Output, safe_cell
from planner.cli.render import Result
from planner.dates import AHEAD, parse_date

if TYPE_CHECKING:
    from planner.domain.schedule import Unreachable
    from planner.service.plans import ScreenChange


@dataclass(frozen=True)
class ScreenChanged(Result):
    """A screen's new date (or passed), and how the plan's future changed."""

    change: ScreenChange
    today: dt.date
    unreachable: tuple[Unreachable, ...] = ()
    """Rounds following the rebuilt plan cannot get to ready (as `init` names them)."""
    names: Mapping[str, str] = field(default_factory=dict)
    """Round names by id."""

    def json(self) -> Any:
        change = self.change
        return {
            "round": change.round,
            "status": "passed" if change.date is None else "ahead",
            "date": change.date.isoformat() if change.date else None,
            "changed": change.changed,
            "added": list(change.added),
            "removed": list(change.removed),
            "unreachable": [{"round": u.round, "reason": u.reason} for u in self.unreachable],
        }

    def text(self, out: Output) -> Iterator[str]:
        change = self.change
        what = (
            f"{change.round} screen passed"
            if change.date is None
            else f"{change.round} screen on {change.date:%a %d %b %Y}"
        )
        if not change.changed:
            yield f"{safe_cell(what)}: already so, nothing changed."
        else:
            yield (
                f"{safe_cell(what)}: plan rebuilt from "
                f"{max(self.today, change.plan.start):%a %d %b}, "
                f"{len(change.added)} task{'s' * (len(change.added) != 1)} added, "
                f"{len(change.removed)} removed; done work kept."
            )
        for u in self.unreachable:
            name = safe_cell(self.names.get(u.round, u.round))
            yield f"Cannot get {name} to ready in time: {safe_cell(u.reason)}."


def screen(ctx: Context) -> Result:
    """Give a screen its date or mark it passed; the plan's future is rebuilt."""
    a = ctx.args
    day = None if a.passed else parse_date(a.date, "--date", ctx.today, AHEAD)
    change = ctx.planner.plans.set_screen(a.round, day)
    unreachable = ctx.planner.plans.unreachable(change.plan)
    names = {r.id: r.name for r in ctx.planner.session.pack().rounds}
    return ScreenChanged(change, ctx.today, unreachable, names)
