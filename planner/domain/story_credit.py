"""The stories part of a round's readiness: distinct evidence, not tags.

Each competency the round probes earns the credit of the story that covers it (ready 1,
rehearsed 3/4, a quarter less with a lint warning, nothing with a blocking finding). One
story covers at most the round's `story_max_competencies` of them (content data): a story
tagged with every competency is still one story. The component then counts in full only
once the bank holds the round's `min_stories` distinct stories that count (content data:
the loop's must-have three); with fewer, it earns that share of its credit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from planner.domain.gaps import (
    NO_NEW_DRAFTS_DAYS,
    STORY_DRAFT_MINUTES,
    STORY_FIX_MINUTES,
    STORY_REHEARSE_MINUTES,
    Gap,
    story_gaps,
)
from planner.domain.models import Competency, Pack, Round, Story
from planner.domain.stories import StoryBank, assign

STORY_CREDIT = {"ready": 1.0, "rehearsed": 0.75}
WARNED_STORY_SHARE = 0.75
"""A story with a lint warning (not blocking) earns this share of its level's credit."""


@dataclass(frozen=True)
class StoryPart:
    """The round's stories component: its value (0-1), how it was reached, its gaps."""

    value: float
    detail: str
    gaps: tuple[Gap, ...]


def story_part(
    pack: Pack,
    round_: Round,
    comps: Sequence[Competency],
    bank: StoryBank,
    weight: float,
    days_left: int | None,
) -> StoryPart:
    """Score the round's competencies on the story bank and list what it still lacks."""
    cfg = round_.readiness
    cap = cfg.story_max_competencies

    def credit(story: Story) -> float:
        if story.id not in bank.usable:
            return 0.0
        share = WARNED_STORY_SHARE if story.id in bank.warnings else 1.0
        return STORY_CREDIT.get(story.readiness, 0.0) * share

    cover = assign([c.id for c in comps], bank, credit, cap)
    earned = [cover[c.id][1] if c.id in cover else 0.0 for c in comps]
    coverage = sum(earned) / len(comps)
    need = cfg.min_stories
    have = bank.counting
    share = min(1.0, have / need) if need else 1.0
    covered = sum(1 for c in earned if c > 0)
    limit = f"; one story covers at most {cap} of them" if cap else ""
    detail = (
        f"{covered} of {len(comps)} competencies covered by a rehearsed or ready story with "
        f"no blocking lint finding (a warning costs a quarter{limit})"
    )
    if share < 1:
        detail += (
            f"; {have} of the {need} distinct stories the loop needs, so {have}/{need} of "
            "that counts"
        )
    load: dict[str, int] = {}
    for story_id, _ in cover.values():
        load[story_id] = load.get(story_id, 0) + 1
    spent = frozenset(s for s, n in load.items() if cap and n >= cap)
    holders = {comp: story_id for comp, (story_id, _) in cover.items()}
    gaps = story_gaps(
        pack, round_, comps, earned, bank, weight * share, days_left, holders, spent, cap
    )
    if share < 1:
        gaps.append(
            _bank_gap(round_, comps, earned, bank, weight * coverage, have, need, days_left)
        )
    return StoryPart(coverage * share, detail, tuple(gaps))


def _bank_gap(
    round_: Round,
    comps: Sequence[Competency],
    earned: Sequence[float],
    bank: StoryBank,
    gain: float,
    have: int,
    need: int,
    days_left: int | None,
) -> Gap:
    """Too few distinct stories: the next story to write (or rehearse) and on what."""
    stories = "story" if have == 1 else "stories"
    detail = (
        f"only {have} {stories} for the {len(comps)} competencies of {round_.name} "
        f"(rehearsed or ready, lint-clean): the loop needs {need} distinct stories"
    )
    per_story = gain / need
    """Each story more adds 1/need of the coverage."""
    # A draft already in the bank is the quickest way to one more story.
    for comp in comps:
        for story in bank.claiming(comp.id):
            if story.id in bank.usable and story.readiness in ("draft", "outlined"):
                return Gap(
                    round_.id,
                    "stories",
                    detail,
                    f"rehearse story {story.id} aloud and mark it rehearsed",
                    STORY_REHEARSE_MINUTES,
                    per_story,
                    target=comp.id,
                )
    target = next((c for c, got in zip(comps, earned, strict=True) if got <= 0), comps[0])
    name = target.name.lower()
    if days_left is not None and days_left <= NO_NEW_DRAFTS_DAYS:
        return Gap(
            round_.id,
            "stories",
            detail + "; too late for a new draft",
            f"prepare a one-minute answer on {name} from other work you know well",
            STORY_FIX_MINUTES,
            per_story / 2,
            target=target.id,
        )
    return Gap(
        round_.id,
        "stories",
        detail,
        f"draft a story on {name}: {target.prompt or target.name}",
        STORY_DRAFT_MINUTES,
        per_story,
        target=target.id,
    )
