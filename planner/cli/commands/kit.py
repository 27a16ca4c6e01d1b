"""`planner mock kit` (the partner's script for a timed mock) and `planner questions`
(the bank, filtered by round, type and what is due, for the plan's seniority)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.cli.context import Context
from planner.cli.output import Output
from planner.cli.render import Result
from planner.cli.results import Bytes, Lines
from planner.dates import human
from planner.domain.text import with_article
from planner.errors import InputError
from planner.service.validate import choice

if TYPE_CHECKING:
    from planner.domain.practice import QuestionStatus


def mock_kit(ctx: Context) -> Result:
    """Print or write the partner kit for one round."""
    target = _output_path(ctx, ctx.args.output)
    kit = ctx.planner.practice.kit(ctx.args.round, ctx.args.question)
    from planner.domain.kit_render import render_markdown, render_text

    fmt = ctx.args.format or ("md" if target is not None and target.suffix == ".md" else "text")
    text = render_markdown(kit) if fmt == "md" else render_text(kit)
    if target is None:
        return Bytes(text.encode("utf-8"))
    path = ctx.planner.data.write_file(target, text.encode("utf-8"))
    return Lines([f"wrote {path}"])


def _output_path(ctx: Context, value: str | None) -> Path | None:
    """Where `-o` writes (None: stdout); refused inside the data folder or a missing folder."""
    if value is None or value == "-":
        return None
    path = Path(value).expanduser()
    resolved = path.resolve()
    data = ctx.data_dir.expanduser().resolve()
    if resolved == data or data in resolved.parents:
        raise InputError(f"{path} is inside the data folder {data}: write the kit elsewhere")
    if path.is_dir():
        raise InputError(f"{path} is a folder: give a file name")
    if not path.parent.is_dir():
        raise InputError(f"folder {path.parent} does not exist")
    return path


@dataclass(frozen=True)
class Questions(Result):
    """The question bank offered to the plan's seniority (or what is due), with types and
    due dates."""

    statuses: Sequence[QuestionStatus]
    empty: str
    today: dt.date

    def json(self) -> Any:
        return [
            {
                "id": s.question.id,
                "round": s.question.round,
                "type": s.question.type,
                "seniority": list(s.question.seniority),
                "prompt": s.question.prompt,
                "due": s.due.isoformat(),
                "reviews": s.reviews,
                "last_rating": s.last_rating or None,
            }
            for s in self.statuses
        ]

    def text(self, out: Output) -> Iterator[str]:
        if not self.statuses:
            yield self.empty
            return
        rows = [
            [
                s.question.id,
                s.question.round,
                s.question.type,
                "new" if not s.reviews else human(s.due, self.today),
                s.question.prompt,
            ]
            for s in self.statuses
        ]
        yield from out.table(["id", "round", "type", "due", "prompt"], rows, wrap_last=60)


def questions(ctx: Context) -> Result:
    """The question bank offered to the plan's seniority, with types and due dates."""
    planner = ctx.planner
    pack = planner.session.pack()
    qtype = ctx.args.type
    if qtype is not None:
        choice("question type", qtype, pack.question_type_ids)
    state = planner.session.state()
    seniority = state.plan.settings.seniority if state.plan else None
    order = {rid: n for n, rid in enumerate(pack.round_ids)}
    items = [
        s
        for s in planner.practice.questions(ctx.args.round, ctx.args.due)
        if (qtype is None or s.question.type == qtype)
        and (seniority is None or s.question.fits(seniority))
    ]
    items.sort(key=lambda s: order.get(s.question.round, len(order)))
    return Questions(items, _nothing(ctx, qtype, seniority), ctx.today)


def _nothing(ctx: Context, qtype: str | None, seniority: str | None) -> str:
    """Why the list is empty."""
    if qtype is not None and seniority is not None:
        offered_to = ctx.planner.session.pack().question_type(qtype).seniority
        if seniority not in offered_to:
            return (
                f"no {qtype} questions for {with_article(seniority)} candidate "
                f"(they are for {', '.join(offered_to)})"
            )
    return "nothing due today" if ctx.args.due else "no questions"
