"""Mock commands: `planner mock add|list|edit|delete`."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from planner.cli.context import Context
from planner.cli.output import Output, safe_cell
from planner.cli.render import Result
from planner.cli.results import Lines
from planner.dates import LOGGED
from planner.domain.models import Mock, Pack
from planner.errors import InputError
from planner.service.inputs import DEFAULT_MOCK_MINUTES, MockChange, MockInput
from planner.service.mocks import MockLogged
from planner.service.validate import parse_score_pairs


def need_action(name: str, actions: str) -> Result:
    """A command group called without its action."""
    raise InputError(f"say what to do: `planner {name} {{{actions}}}`")


def help_(ctx: Context) -> Result:
    """`planner mock` with no action."""
    return need_action("mock", "add,list,edit,delete")


def mock_json(m: Mock) -> dict[str, Any]:
    """A mock as in the public JSON contract."""
    return {
        "id": m.id,
        "date": m.date.isoformat(),
        "round": m.round,
        "minutes": m.minutes,
        "scores": dict(m.scores),
        "average": m.average,
        "partner": m.partner,
        "question": m.question,
        "notes": m.notes,
        "follow_ups": m.follow_ups,
    }


@dataclass(frozen=True)
class Logged(Result):
    """A logged mock, the planned session it ticked and the drills it added."""

    logged: MockLogged
    pack: Pack

    def json(self) -> Any:
        payload = mock_json(self.logged.mock)
        payload["ticked"] = self.logged.ticked
        kept = self.logged.left_planned
        payload["left_planned"] = kept.id if kept is not None else None
        payload["drills"] = [
            {"id": t.id, "date": t.day.isoformat(), "title": t.title, "reason": t.reason}
            for t in self.logged.drills
        ]
        return payload

    def text(self, out: Output) -> Iterator[str]:
        m = self.logged.mock
        avg = f", average {m.average:g}" if m.scores else ""
        yield f"logged mock {m.id}: {m.round} on {m.date:%a %d %b}, {m.minutes} min{avg}"
        if not m.scores:
            dims = ", ".join(d.id for d in self.pack.rubric(m.round).dimensions)
            yield (
                f"no scores given: add them with `planner mock edit {m.id} --score DIM=N` ({dims})"
            )
        task = self.logged.ticked_task
        if task is not None:
            yield (
                f"ticked planned task {task.id}: {safe_cell(task.title)} "
                f"(planned {task.day:%a %d %b})"
            )
        elif self.logged.ticked:
            yield f"ticked planned task {self.logged.ticked}"
        kept = self.logged.left_planned
        if kept is not None:
            yield (
                f"no planned session ticked: the next one, {kept.id} ({safe_cell(kept.title)}, "
                f"{kept.day:%a %d %b}), stays planned (a session ticks one planned at most "
                "2 days after it; a retest checks the drills in between)"
            )
        for t in self.logged.drills:
            yield (
                f"added drill {t.id} on {t.day:%a %d %b}: {safe_cell(t.title)} "
                f"({safe_cell(t.reason)})"
            )


def add(ctx: Context) -> Result:
    """Log a mock."""
    a = ctx.args
    logged = ctx.planner.mocks.add(
        MockInput(
            a.round,
            date=ctx.date(a.date, "--date", LOGGED),
            minutes=a.minutes if a.minutes is not None else DEFAULT_MOCK_MINUTES,
            scores=parse_score_pairs(a.score),
            partner=a.partner or "",
            question=a.question or "",
            notes=a.notes or "",
            follow_ups=a.follow_ups or "",
        )
    )
    return Logged(logged, ctx.planner.session.pack())


@dataclass(frozen=True)
class MockList(Result):
    """Logged mocks with their average and weakest dimension."""

    mocks: Sequence[Mock]
    pack: Pack

    def json(self) -> Any:
        return [mock_json(m) for m in self.mocks]

    def text(self, out: Output) -> Iterator[str]:
        if not self.mocks:
            yield "no mocks logged yet: `planner mock add --round R --score DIM=N ...`"
            return
        rows = []
        for m in self.mocks:
            names = {d.id: d.name for d in self.pack.rubric(m.round).dimensions}
            weakest = min(m.scores.items(), key=lambda kv: (kv[1], kv[0])) if m.scores else None
            rows.append(
                [
                    m.id,
                    f"{m.date:%a %d %b}",
                    m.round,
                    f"{m.minutes}",
                    f"{m.average:.2f}" if m.scores else "-",
                    f"{names.get(weakest[0], weakest[0])} {weakest[1]}" if weakest else "-",
                    m.partner,
                ]
            )
        yield from out.table(["id", "date", "round", "min", "avg", "weakest", "partner"], rows)


def list_(ctx: Context) -> Result:
    """List mocks."""
    return MockList(ctx.planner.mocks.logged(ctx.args.round), ctx.planner.session.pack())


def edit(ctx: Context) -> Result:
    """Change a mock."""
    a = ctx.args
    mock = ctx.planner.mocks.edit(
        a.mock_id,
        MockChange(
            round=a.round,
            date=ctx.date(a.date, "--date", LOGGED),
            minutes=a.minutes,
            scores=parse_score_pairs(a.score),
            partner=a.partner,
            question=a.question,
            notes=a.notes,
            follow_ups=a.follow_ups,
        ),
    )
    return Lines([f"updated mock {mock.id}: average {mock.average:g}"], mock_json(mock))


def delete(ctx: Context) -> Result:
    """Delete a mock."""
    mock = ctx.planner.mocks.delete(ctx.args.mock_id)
    return Lines([f"deleted mock {mock.id} ({mock.round}, {mock.date:%a %d %b})"])
