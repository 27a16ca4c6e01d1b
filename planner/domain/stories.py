"""The STAR story lint (rules from the pack's pitfalls) and competency coverage."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from planner.domain.models import READINESS_LEVELS, Competency, LintRule, Story

STAR_FIELDS = ("situation", "task", "action", "result")
COVERING_LEVELS = ("rehearsed", "ready")


@dataclass(frozen=True)
class Finding:
    """One lint finding: which rule, which field, the problem and the fix."""

    rule: str
    field: str
    message: str
    fix: str
    blocking: bool = False
    """The story cannot count as covering a competency until this is fixed."""


def _field_text(story: Story, field: str) -> str:
    if field == "all":
        return "\n".join(getattr(story, f) for f in STAR_FIELDS)
    return str(getattr(story, field))


def lint(story: Story, rules: Sequence[LintRule]) -> list[Finding]:
    """Run every pitfall rule over the story; the findings come in rule order."""
    findings: list[Finding] = []
    for rule in rules:
        text = _field_text(story, rule.field)
        blank = not text.strip()
        hit = False
        if rule.check == "empty":
            hit = blank
        elif rule.check == "lacks":
            hit = not blank and not re.search(rule.pattern, text, re.IGNORECASE)
        elif rule.check == "contains":
            hit = bool(re.search(rule.pattern, text, re.IGNORECASE)) and not (
                rule.unless and re.search(rule.unless, text, re.IGNORECASE)
            )
        elif rule.check == "min_words":
            hit = not blank and len(text.split()) < rule.words
        elif rule.check == "max_words":
            hit = len(text.split()) > rule.words
        if hit:
            findings.append(Finding(rule.id, rule.field, rule.message, rule.fix, rule.blocking))
    return findings


def level_rank(level: str) -> int:
    """0 for draft up to 3 for ready."""
    return READINESS_LEVELS.index(level) if level in READINESS_LEVELS else 0


@dataclass(frozen=True)
class Coverage:
    """Which stories cover a competency, and whether any is rehearsed or better."""

    competency: Competency
    stories: tuple[str, ...]
    """Ids of stories at rehearsed or ready that claim this competency."""
    drafts: tuple[str, ...]
    """Ids of stories below rehearsed that claim it."""

    @property
    def covered(self) -> bool:
        """Whether a rehearsed-or-better story covers the competency."""
        return bool(self.stories)


def coverage(competencies: Iterable[Competency], stories: Iterable[Story]) -> list[Coverage]:
    """Coverage of each competency by the story bank."""
    stories = list(stories)
    out: list[Coverage] = []
    for comp in competencies:
        claiming = [s for s in stories if comp.id in s.competencies]
        out.append(
            Coverage(
                competency=comp,
                stories=tuple(s.id for s in claiming if s.readiness in COVERING_LEVELS),
                drafts=tuple(s.id for s in claiming if s.readiness not in COVERING_LEVELS),
            )
        )
    return out


@dataclass(frozen=True)
class StoryBank:
    """The story bank indexed for readiness: who claims each competency, which stories count
    at all (no blocking lint finding) and which of those still carry a warning."""

    claims: Mapping[str, tuple[Story, ...]]
    usable: frozenset[str]
    first_usable: Story | None
    warnings: Mapping[str, Finding] = field(default_factory=dict)
    """The first non-blocking finding of each usable story at rehearsed or ready."""
    order: Mapping[str, int] = field(default_factory=dict)
    """Each story's place in the bank (ties in `assign` go to the earlier story)."""
    counting: int = 0
    """Distinct stories that can count: usable, rehearsed or ready, claiming a competency."""
    blocked: Mapping[str, Mapping[str, Finding]] = field(default_factory=dict)
    """Per usable story, the competencies it cannot cover and the finding why (a rule's
    `blocks`: no learner in a story that claims serving learners)."""

    def claiming(self, competency: str) -> tuple[Story, ...]:
        """Stories that claim the competency, in bank order."""
        return self.claims.get(competency, ())

    def covers(self, story_id: str, competency: str) -> bool:
        """Whether a usable story can cover the competency it claims."""
        return story_id in self.usable and competency not in self.blocked.get(story_id, {})


def story_bank(stories: Iterable[Story], rules: Sequence[LintRule]) -> StoryBank:
    """Index the bank once: the blocking rules decide whether a story counts; the other
    rules run only on the stories that could cover a competency (rehearsed or ready)."""
    blocking = [r for r in rules if r.blocking]
    others = [r for r in rules if not r.blocking]
    narrow = {r.id: r.blocks for r in others if r.blocks}
    claims: dict[str, list[Story]] = {}
    usable: list[str] = []
    warnings: dict[str, Finding] = {}
    blocked: dict[str, dict[str, Finding]] = {}
    first: Story | None = None
    order: dict[str, int] = {}
    counting = 0
    for story in stories:
        order.setdefault(story.id, len(order))
        for comp in story.competencies:
            claims.setdefault(comp, []).append(story)
        if lint(story, blocking):
            continue
        usable.append(story.id)
        first = first or story
        if story.competencies and story.readiness in COVERING_LEVELS:
            counting += 1
            found = lint(story, others)
            if found:
                warnings[story.id] = found[0]
            for finding in found:
                for comp in narrow.get(finding.rule, ()):
                    if comp in story.competencies:
                        blocked.setdefault(story.id, {}).setdefault(comp, finding)
    return StoryBank(
        {c: tuple(v) for c, v in claims.items()},
        frozenset(usable),
        first,
        warnings,
        order,
        counting,
        blocked,
    )


def assign(
    competencies: Sequence[str],
    bank: StoryBank,
    credit: Callable[[Story], float],
    cap: int,
) -> dict[str, tuple[str, float]]:
    """Which story covers each competency, with its credit: one story covers at most `cap`
    of these competencies (0: no limit), and the assignment earns the most credit in all.

    A story's credit is the same on every competency it claims, so the best assignment is
    greedy: the stories by credit (best first, then bank order), each taking up to `cap`
    competencies through augmenting paths that keep every competency already covered
    covered (a matching over a transversal matroid). Adding a story or raising one's credit
    never lowers the total, so more preparation never lowers the score.
    """
    wanted = set(competencies)
    stories: dict[str, Story] = {}
    for comp in competencies:
        for story in bank.claiming(comp):
            if credit(story) > 0 and bank.covers(story.id, comp):
                stories.setdefault(story.id, story)
    limit = cap if cap > 0 else len(competencies)
    ranked = sorted(stories.values(), key=lambda s: (-credit(s), bank.order.get(s.id, 0), s.id))
    holder: dict[str, str] = {}
    """competency -> id of the story covering it."""

    def augment(story_id: str, seen: set[str]) -> bool:
        for comp in stories[story_id].competencies:
            if comp not in wanted or comp in seen or not bank.covers(story_id, comp):
                continue
            seen.add(comp)
            other = holder.get(comp)
            if other is None or augment(other, seen):
                holder[comp] = story_id
                return True
        return False

    for story in ranked:
        for _ in range(limit):
            if not augment(story.id, set()):
                break
    return {comp: (sid, credit(stories[sid])) for comp, sid in holder.items()}
