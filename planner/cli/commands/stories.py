"""Story commands: `planner story add|list|show|set|rehearse|lint|delete`, `competencies`."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from planner.cli.commands.mocks import need_action
from planner.cli.context import Context
from planner.cli.output import Output, safe, safe_cell
from planner.cli.render import Result
from planner.cli.results import Lines
from planner.dates import LOGGED
from planner.domain.models import Story
from planner.domain.stories import Coverage, Finding
from planner.service.inputs import StoryChange, StoryInput


def help_(ctx: Context) -> Result:
    """`planner story` with no action."""
    return need_action("story", "add,list,show,set,rehearse,lint,delete")


def findings_json(findings: Sequence[Finding]) -> list[dict[str, str]]:
    """Lint findings as in the public JSON contract."""
    return [
        {"rule": f.rule, "field": f.field, "message": f.message, "fix": f.fix} for f in findings
    ]


def story_json(s: Story, findings: Sequence[Finding]) -> dict[str, Any]:
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
        "lint": findings_json(findings),
    }


Linted = Sequence[tuple[Story, Sequence[Finding]]]
"""Stories, each with its lint findings."""


def _linted(ctx: Context, stories: Sequence[Story]) -> Linted:
    lint: Callable[[Story], Sequence[Finding]] = ctx.planner.stories.lint
    return [(s, lint(s)) for s in stories]


@dataclass(frozen=True)
class Added(Result):
    """A new story and how many lint findings it has."""

    story: Story
    findings: Sequence[Finding]

    def json(self) -> Any:
        return story_json(self.story, self.findings)

    def text(self, out: Output) -> Iterator[str]:
        yield f"added story {self.story.id}: {safe_cell(self.story.title)}"
        count = len(self.findings)
        if count:
            yield f"{count} lint finding{'s' * (count > 1)}: `planner story lint {self.story.id}`"


def add(ctx: Context) -> Result:
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
    return Added(story, ctx.planner.stories.lint(story))


@dataclass(frozen=True)
class Bank(Result):
    """The story bank."""

    stories: Linted

    def json(self) -> Any:
        return [story_json(s, findings) for s, findings in self.stories]

    def text(self, out: Output) -> Iterator[str]:
        if not self.stories:
            yield "no stories yet: `planner story add --title T --competency C ...`"
            return
        rows = [
            [s.id, s.readiness, str(len(findings)), ",".join(s.competencies), s.title]
            for s, findings in self.stories
        ]
        yield from out.table(
            ["id", "readiness", "lint", "competencies", "title"], rows, wrap_last=50
        )


def list_(ctx: Context) -> Result:
    """The story bank."""
    return Bank(_linted(ctx, ctx.planner.stories.bank()))


@dataclass(frozen=True)
class Shown(Result):
    """One story in full."""

    story: Story
    findings: Sequence[Finding]

    def json(self) -> Any:
        return story_json(self.story, self.findings)

    def text(self, out: Output) -> Iterator[str]:
        story = self.story
        yield out.style(f"{story.id}: {safe_cell(story.title)}", "bold")
        yield (
            f"readiness: {story.readiness}; competencies: {', '.join(story.competencies) or 'none'}"
        )
        if story.rehearsals:
            yield "rehearsed: " + ", ".join(f"{d:%a %d %b}" for d in story.rehearsals)
        for name in ("situation", "task", "action", "result"):
            text = getattr(story, name)
            yield ""
            yield out.style(name.capitalize(), "cyan")
            yield safe(text) if text else out.style("(empty)", "dim")
        if self.findings:
            yield ""
            yield out.style("Lint", "yellow")
            for f in self.findings:
                yield f"- {f.field}: {safe_cell(f.message)} Fix: {safe_cell(f.fix)}"


def show(ctx: Context) -> Result:
    """One story in full."""
    story = ctx.planner.stories.get(ctx.args.story_id)
    return Shown(story, ctx.planner.stories.lint(story))


def set_(ctx: Context) -> Result:
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
    return Lines([f"updated story {story.id}: {story.readiness}"])


def rehearse(ctx: Context) -> Result:
    """Record a rehearsal."""
    day = ctx.date(ctx.args.date, "--date", LOGGED)
    story = ctx.planner.stories.rehearse(ctx.args.story_id, day)
    count = len(story.rehearsals)
    plural = "s" * (count != 1)
    return Lines([f"rehearsed {story.id} ({count} rehearsal{plural}); readiness {story.readiness}"])


@dataclass(frozen=True)
class LintReport(Result):
    """Lint findings of one story or of all."""

    stories: Linted

    def json(self) -> Any:
        return [{"id": s.id, "lint": findings_json(findings)} for s, findings in self.stories]

    def text(self, out: Output) -> Iterator[str]:
        for s, findings in self.stories:
            count = len(findings)
            status = "clean" if not count else f"{count} finding{'s' * (count > 1)}"
            yield out.style(f"{s.id} {safe_cell(s.title)}: {status}", "bold")
            for f in findings:
                yield f"  - [{f.rule}] {f.field}: {safe_cell(f.message)}"
                yield f"    fix: {safe_cell(f.fix)}"
        if not self.stories:
            yield "no stories yet"


def lint(ctx: Context) -> Result:
    """Lint one story or all."""
    story_id = ctx.args.story_id
    stories = [ctx.planner.stories.get(story_id)] if story_id else ctx.planner.stories.bank()
    return LintReport(_linted(ctx, stories))


def delete(ctx: Context) -> Result:
    """Delete a story."""
    story = ctx.planner.stories.delete(ctx.args.story_id)
    return Lines([f"deleted story {story.id}: {safe_cell(story.title)}"])


@dataclass(frozen=True)
class Competencies(Result):
    """Competencies, their rounds, and which stories cover them."""

    coverage: Sequence[Coverage]

    def json(self) -> Any:
        return [
            {
                "id": c.competency.id,
                "name": c.competency.name,
                "rounds": list(c.competency.rounds),
                "stories": list(c.stories),
                "drafts": list(c.drafts),
            }
            for c in self.coverage
        ]

    def text(self, out: Output) -> Iterator[str]:
        rows = [
            [
                c.competency.id,
                "yes" if c.covered else "NO",
                ",".join(c.stories) or "-",
                ",".join(c.competency.rounds),
            ]
            for c in self.coverage
        ]
        yield from out.table(["competency", "covered", "stories", "rounds"], rows)
        missing = [c for c in self.coverage if not c.covered]
        if missing:
            yield (
                f"{len(missing)} competenc{'ies' if len(missing) > 1 else 'y'} without a "
                "rehearsed or ready story"
            )


def competencies(ctx: Context) -> Result:
    """Competencies, their rounds, and which stories cover them."""
    return Competencies(ctx.planner.stories.coverage())
