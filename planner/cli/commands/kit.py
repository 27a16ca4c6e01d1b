"""`planner mock kit` (the partner's script for a timed mock) and `planner questions`
(the bank, filtered by round, type and what is due, for the plan's seniority)."""

from __future__ import annotations

from pathlib import Path

from planner.cli.context import Context
from planner.dates import human
from planner.errors import EXIT_OK, InputError
from planner.service.validate import choice, round_id


def mock_kit(ctx: Context) -> int:
    """Print or write the partner kit for one round."""
    target = _output_path(ctx, ctx.args.output)
    planner = ctx.planner
    pack = planner.pack()
    rid = round_id(pack, ctx.args.round)
    state = planner.state()
    seniority = state.plan.settings.seniority if state.plan else None
    from planner.domain.kit import partner_kit, render_markdown, render_text

    try:
        kit = partner_kit(
            pack, rid, seniority, state.mocks, state.reviews, ctx.today, ctx.args.question
        )
    except ValueError as exc:
        raise InputError(str(exc)) from None
    fmt = ctx.args.format or ("md" if target is not None and target.suffix == ".md" else "text")
    text = render_markdown(kit) if fmt == "md" else render_text(kit)
    if target is None:
        ctx.out.stream.write(text)
        return EXIT_OK
    from planner.storage.atomic import atomic_write

    try:
        atomic_write(target, text.encode("utf-8"))
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
    ctx.out.line(f"wrote {target}")
    return EXIT_OK


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


def questions(ctx: Context) -> int:
    """The question bank offered to the plan's seniority, with types and due dates."""
    planner = ctx.planner
    pack = planner.pack()
    qtype = ctx.args.type
    if qtype is not None:
        choice("question type", qtype, pack.question_type_ids)
    state = planner.state()
    seniority = state.plan.settings.seniority if state.plan else None
    order = {rid: n for n, rid in enumerate(pack.round_ids)}
    items = [
        s
        for s in planner.questions(ctx.args.round, ctx.args.due)
        if (qtype is None or s.question.type == qtype)
        and (seniority is None or s.question.fits(seniority))
    ]
    items.sort(key=lambda s: order.get(s.question.round, len(order)))
    if ctx.args.json:
        ctx.out.json(
            [
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
                for s in items
            ]
        )
        return EXIT_OK
    if not items:
        ctx.out.line(_nothing(ctx, qtype, seniority))
        return EXIT_OK
    rows = [
        [
            s.question.id,
            s.question.round,
            s.question.type,
            "new" if not s.reviews else human(s.due, ctx.today),
            s.question.prompt,
        ]
        for s in items
    ]
    ctx.out.table(["id", "round", "type", "due", "prompt"], rows, wrap_last=60)
    return EXIT_OK


def _nothing(ctx: Context, qtype: str | None, seniority: str | None) -> str:
    """Why the list is empty."""
    if qtype is not None and seniority is not None:
        offered_to = ctx.planner.pack().question_type(qtype).seniority
        if seniority not in offered_to:
            return (
                f"no {qtype} questions for a {seniority} candidate "
                f"(they are for {', '.join(offered_to)})"
            )
    return "nothing due today" if ctx.args.due else "no questions"
