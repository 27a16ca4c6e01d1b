"""Tracker commands: mocks, research, stories, rubric, competencies, questions, practice."""

from __future__ import annotations

from typing import Any

from planner.cli.context import Context
from planner.cli.output import safe, safe_cell
from planner.dates import human
from planner.domain.models import Mock, Story
from planner.errors import EXIT_OK, InputError
from planner.service.inputs import (
    DEFAULT_MOCK_MINUTES,
    MockChange,
    MockInput,
    ResearchChange,
    StoryChange,
    StoryInput,
)
from planner.service.validate import parse_score_pairs


def _need_action(name: str, actions: str) -> int:
    raise InputError(f"say what to do: `planner {name} {{{actions}}}`")


def mock_help(ctx: Context) -> int:
    """`planner mock` with no action."""
    return _need_action("mock", "add,list,edit,delete")


def research_help(ctx: Context) -> int:
    """`planner research` with no action."""
    return _need_action("research", "list,set")


def story_help(ctx: Context) -> int:
    """`planner story` with no action."""
    return _need_action("story", "add,list,show,set,rehearse,lint,delete")


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


def mock_add(ctx: Context) -> int:
    """Log a mock."""
    a = ctx.args
    logged = ctx.planner.mocks.add(
        MockInput(
            a.round,
            date=ctx.date(a.date, "--date"),
            minutes=a.minutes if a.minutes is not None else DEFAULT_MOCK_MINUTES,
            scores=parse_score_pairs(a.score),
            partner=a.partner or "",
            question=a.question or "",
            notes=a.notes or "",
            follow_ups=a.follow_ups or "",
        )
    )
    if a.json:
        payload = mock_json(logged.mock)
        payload["ticked"] = logged.ticked
        payload["drills"] = [
            {"id": t.id, "date": t.day.isoformat(), "title": t.title, "reason": t.reason}
            for t in logged.drills
        ]
        ctx.out.json(payload)
        return EXIT_OK
    m = logged.mock
    avg = f", average {m.average:g}" if m.scores else ""
    ctx.out.line(f"logged mock {m.id}: {m.round} on {m.date:%a %d %b}, {m.minutes} min{avg}")
    if not m.scores:
        dims = ", ".join(d.id for d in ctx.planner.session.pack().rubric(m.round).dimensions)
        ctx.out.line(
            f"no scores given: add them with `planner mock edit {m.id} --score DIM=N` ({dims})"
        )
    if logged.ticked:
        ctx.out.line(f"ticked planned task {logged.ticked}")
    for t in logged.drills:
        ctx.out.line(
            f"added drill {t.id} on {t.day:%a %d %b}: {safe_cell(t.title)} ({safe_cell(t.reason)})"
        )
    return EXIT_OK


def mock_list(ctx: Context) -> int:
    """List mocks."""
    mocks = ctx.planner.mocks.logged(ctx.args.round)
    if ctx.args.json:
        ctx.out.json([mock_json(m) for m in mocks])
        return EXIT_OK
    if not mocks:
        ctx.out.line("no mocks logged yet: `planner mock add --round R --score DIM=N ...`")
        return EXIT_OK
    pack = ctx.planner.session.pack()
    rows = []
    for m in mocks:
        names = {d.id: d.name for d in pack.rubric(m.round).dimensions}
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
    ctx.out.table(["id", "date", "round", "min", "avg", "weakest", "partner"], rows)
    return EXIT_OK


def mock_edit(ctx: Context) -> int:
    """Change a mock."""
    a = ctx.args
    mock = ctx.planner.mocks.edit(
        a.mock_id,
        MockChange(
            round=a.round,
            date=ctx.date(a.date, "--date"),
            minutes=a.minutes,
            scores=parse_score_pairs(a.score),
            partner=a.partner,
            question=a.question,
            notes=a.notes,
            follow_ups=a.follow_ups,
        ),
    )
    if a.json:
        ctx.out.json(mock_json(mock))
    else:
        ctx.out.line(f"updated mock {mock.id}: average {mock.average:g}")
    return EXIT_OK


def mock_delete(ctx: Context) -> int:
    """Delete a mock."""
    mock = ctx.planner.mocks.delete(ctx.args.mock_id)
    ctx.out.line(f"deleted mock {mock.id} ({mock.round}, {mock.date:%a %d %b})")
    return EXIT_OK


def research_list(ctx: Context) -> int:
    """Research items with their status."""
    items = ctx.planner.research.items()
    if ctx.args.json:
        ctx.out.json(
            [
                {
                    "id": i.id,
                    "title": i.title,
                    "rounds": list(i.rounds),
                    "status": s.status,
                    "note": s.note,
                    "sources": list(s.sources),
                }
                for i, s in items
            ]
        )
        return EXIT_OK
    rows = [[s.status, i.id, ",".join(i.rounds), i.title] for i, s in items]
    ctx.out.table(["status", "id", "rounds", "title"], rows, wrap_last=60)
    done = sum(1 for _, s in items if s.status == "done")
    ctx.out.line(f"{done} of {len(items)} done")
    return EXIT_OK


def research_set(ctx: Context) -> int:
    """Set a research item's status."""
    a = ctx.args
    state = ctx.planner.research.set(a.item, ResearchChange(a.status, a.note, a.source))
    ctx.out.line(f"{state.item}: {state.status}")
    return EXIT_OK


def story_json(ctx: Context, s: Story) -> dict[str, Any]:
    """A story as in the public JSON contract."""
    return {
        "id": s.id,
        "title": s.title,
        "competencies": list(s.competencies),
        "readiness": s.readiness,
        "situation": s.situation,
        "task": s.task,
        "action": s.action,
        "result": s.result,
        "rehearsals": [d.isoformat() for d in s.rehearsals],
        "lint": [
            {"rule": f.rule, "field": f.field, "message": f.message, "fix": f.fix}
            for f in ctx.planner.stories.lint(s)
        ],
    }


def story_add(ctx: Context) -> int:
    """Add a story."""
    a = ctx.args
    story = ctx.planner.stories.add(
        StoryInput(
            a.title,
            situation=a.situation or "",
            task=a.task or "",
            action=a.action or "",
            result=a.result or "",
            competencies=a.competency or (),
        )
    )
    if a.json:
        ctx.out.json(story_json(ctx, story))
        return EXIT_OK
    ctx.out.line(f"added story {story.id}: {safe_cell(story.title)}")
    findings = ctx.planner.stories.lint(story)
    if findings:
        ctx.out.line(
            f"{len(findings)} lint finding{'s' * (len(findings) > 1)}: "
            f"`planner story lint {story.id}`"
        )
    return EXIT_OK


def story_list(ctx: Context) -> int:
    """The story bank."""
    stories = ctx.planner.stories.bank()
    if ctx.args.json:
        ctx.out.json([story_json(ctx, s) for s in stories])
        return EXIT_OK
    if not stories:
        ctx.out.line("no stories yet: `planner story add --title T --competency C ...`")
        return EXIT_OK
    rows = [
        [
            s.id,
            s.readiness,
            str(len(ctx.planner.stories.lint(s))),
            ",".join(s.competencies),
            s.title,
        ]
        for s in stories
    ]
    ctx.out.table(["id", "readiness", "lint", "competencies", "title"], rows, wrap_last=50)
    return EXIT_OK


def story_show(ctx: Context) -> int:
    """One story in full."""
    story = ctx.planner.stories.get(ctx.args.story_id)
    if ctx.args.json:
        ctx.out.json(story_json(ctx, story))
        return EXIT_OK
    out = ctx.out
    out.line(out.style(f"{story.id}: {safe_cell(story.title)}", "bold"))
    out.line(
        f"readiness: {story.readiness}; competencies: {', '.join(story.competencies) or 'none'}"
    )
    if story.rehearsals:
        out.line("rehearsed: " + ", ".join(f"{d:%a %d %b}" for d in story.rehearsals))
    for name in ("situation", "task", "action", "result"):
        text = getattr(story, name)
        out.line("")
        out.line(out.style(name.capitalize(), "cyan"))
        out.line(safe(text) if text else out.style("(empty)", "dim"))
    findings = ctx.planner.stories.lint(story)
    if findings:
        out.line("")
        out.line(out.style("Lint", "yellow"))
        for f in findings:
            out.line(f"- {f.field}: {safe_cell(f.message)} Fix: {safe_cell(f.fix)}")
    return EXIT_OK


def story_set(ctx: Context) -> int:
    """Change a story."""
    a = ctx.args
    story = ctx.planner.stories.update(
        a.story_id,
        StoryChange(
            title=a.title,
            situation=a.situation,
            task=a.task,
            action=a.action,
            result=a.result,
            competencies=a.competency,
            readiness=a.readiness,
        ),
    )
    ctx.out.line(f"updated story {story.id}: {story.readiness}")
    return EXIT_OK


def story_rehearse(ctx: Context) -> int:
    """Record a rehearsal."""
    story = ctx.planner.stories.rehearse(ctx.args.story_id, ctx.date(ctx.args.date, "--date"))
    ctx.out.line(
        f"rehearsed {story.id} ({len(story.rehearsals)} rehearsal"
        f"{'s' * (len(story.rehearsals) != 1)}); readiness {story.readiness}"
    )
    return EXIT_OK


def story_lint(ctx: Context) -> int:
    """Lint one story or all."""
    stories = (
        [ctx.planner.stories.get(ctx.args.story_id)]
        if ctx.args.story_id
        else list(ctx.planner.stories.bank())
    )
    results = [(s, ctx.planner.stories.lint(s)) for s in stories]
    if ctx.args.json:
        ctx.out.json(
            [
                {
                    "id": s.id,
                    "lint": [
                        {"rule": f.rule, "field": f.field, "message": f.message, "fix": f.fix}
                        for f in findings
                    ],
                }
                for s, findings in results
            ]
        )
        return EXIT_OK
    for s, findings in results:
        status = "clean" if not findings else f"{len(findings)} finding{'s' * (len(findings) > 1)}"
        ctx.out.line(ctx.out.style(f"{s.id} {safe_cell(s.title)}: {status}", "bold"))
        for f in findings:
            ctx.out.line(f"  - [{f.rule}] {f.field}: {safe_cell(f.message)}")
            ctx.out.line(f"    fix: {safe_cell(f.fix)}")
    if not results:
        ctx.out.line("no stories yet")
    return EXIT_OK


def story_delete(ctx: Context) -> int:
    """Delete a story."""
    story = ctx.planner.stories.delete(ctx.args.story_id)
    ctx.out.line(f"deleted story {story.id}: {safe_cell(story.title)}")
    return EXIT_OK


def rubric(ctx: Context) -> int:
    """What each round is scored on, with the 1/3/5 anchors."""
    pack = ctx.planner.session.pack()
    rounds = pack.round_ids
    if ctx.args.round:
        from planner.service.validate import round_id

        rounds = (round_id(pack, ctx.args.round),)
    payload = [
        {
            "round": r,
            "dimensions": [
                {
                    "id": d.id,
                    "name": d.name,
                    "anchors": {str(k): v for k, v in sorted(d.anchors.items())},
                }
                for d in pack.rubric(r).dimensions
            ],
        }
        for r in rounds
    ]
    if ctx.args.json:
        ctx.out.json(payload)
        return EXIT_OK
    out = ctx.out
    for r in rounds:
        out.line(out.style(pack.round(r).name, "bold", "cyan"))
        for d in pack.rubric(r).dimensions:
            out.line(f"  {d.id}: {safe_cell(d.name)}")
            for score, text in sorted(d.anchors.items()):
                out.line(f"    {score}  {safe_cell(text)}")
        out.line("")
    return EXIT_OK


def competencies(ctx: Context) -> int:
    """Competencies, their rounds, and which stories cover them."""
    cov = ctx.planner.stories.coverage()
    if ctx.args.json:
        ctx.out.json(
            [
                {
                    "id": c.competency.id,
                    "name": c.competency.name,
                    "rounds": list(c.competency.rounds),
                    "stories": list(c.stories),
                    "drafts": list(c.drafts),
                }
                for c in cov
            ]
        )
        return EXIT_OK
    rows = [
        [
            c.competency.id,
            "yes" if c.covered else "NO",
            ",".join(c.stories) or "-",
            ",".join(c.competency.rounds),
        ]
        for c in cov
    ]
    ctx.out.table(["competency", "covered", "stories", "rounds"], rows)
    missing = [c for c in cov if not c.covered]
    if missing:
        ctx.out.line(
            f"{len(missing)} competenc{'ies' if len(missing) > 1 else 'y'} without a "
            "rehearsed or ready story"
        )
    return EXIT_OK


def questions(ctx: Context) -> int:
    """The question bank with due dates."""
    items = ctx.planner.practice.questions(ctx.args.round, ctx.args.due)
    if ctx.args.json:
        ctx.out.json(
            [
                {
                    "id": s.question.id,
                    "round": s.question.round,
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
        ctx.out.line("nothing due today" if ctx.args.due else "no questions")
        return EXIT_OK
    rows = [
        [
            s.question.id,
            s.question.round,
            "new" if not s.reviews else human(s.due, ctx.today),
            s.question.prompt,
        ]
        for s in items
    ]
    ctx.out.table(["id", "round", "due", "prompt"], rows, wrap_last=60)
    return EXIT_OK


def practice(ctx: Context) -> int:
    """Record practising a question."""
    review = ctx.planner.practice.record(ctx.args.question_id, ctx.args.rating)
    if ctx.args.json:
        ctx.out.json(
            {
                "id": review.question,
                "rating": review.rating,
                "reviewed": review.reviewed.isoformat(),
                "due": review.due.isoformat(),
            }
        )
        return EXIT_OK
    ctx.out.line(f"{review.question}: {review.rating}; next due {human(review.due, ctx.today)}")
    return EXIT_OK
