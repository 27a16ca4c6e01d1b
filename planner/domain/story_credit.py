"""The stories part of a round's readiness: distinct evidence, not tags.

Each competency the round probes earns the credit of the story that covers it (ready 1,
rehearsed 3/4, a quarter less with a lint warning, nothing with a blocking finding). One
story covers at most the round's `story_max_competencies` of them (content data): a story
tagged with every competency is still one story. The component then counts in full only
once the bank holds the round's `min_stories` distinct stories that count (content data:
the loop's must-have three); with fewer, it earns that share of its credit. Each
competency still without a story that counts is a gap with its next step (`story_gaps`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from planner.domain.gaps import (
    NO_NEW_DRAFTS_DAYS,
    STORY_DRAFT_MINUTES,
    STORY_FIX_MINUTES,
    STORY_REHEARSE_MINUTES,
    Gap,
    with_value,
)
from planner.domain.models import Competency, Pack, Round, Story
from planner.domain.stories import StoryBank, assign, lint

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


def story_gaps(
    pack: Pack,
    round_: Round,
    comps: Sequence[Competency],
    credit: Sequence[float],
    bank: StoryBank,
    weight: float,
    days_left: int | None,
    holders: Mapping[str, str] | None = None,
    spent: frozenset[str] = frozenset(),
    cap: int = 0,
) -> list[Gap]:
    """Competencies of the round without a story that counts, each with its next step.

    `holders` says which story covers each competency; a story in `spent` already covers
    `cap` competencies of the round and cannot cover one more."""
    gaps: list[Gap] = []
    late = days_left is not None and days_left <= NO_NEW_DRAFTS_DAYS
    holders = holders or {}
    for comp, got in zip(comps, credit, strict=True):
        if got >= 1:
            continue
        gain = weight * (1 - got) / len(comps)
        holder = holders.get(comp.id)
        every = bank.claiming(comp.id)
        claiming = tuple(s for s in every if s.id not in spent or s.id == holder)
        used_up = [s for s in every if s.id in spent and s.id != holder and s.id in bank.usable]
        name = comp.name.lower()
        usable = {s.id for s in claiming if bank.covers(s.id, comp.id)}
        blocked = [s for s in claiming if s.id not in usable]
        drafts = [s for s in claiming if s.id in usable and s.readiness in ("draft", "outlined")]
        rehearsed = [
            s
            for s in claiming
            if s.id in usable and s.readiness == "rehearsed" and s.id not in bank.warnings
        ]
        warned = [s for s in claiming if s.id in bank.warnings and s.id in usable]
        if rehearsed:
            gap = Gap(
                round_.id,
                "stories",
                f"the story for {name} is rehearsed, not ready",
                f"tell story {rehearsed[0].id} once more against a two-minute timer and mark "
                "it ready",
                15,
                gain,
            )
        elif warned:
            story = warned[0]
            finding = bank.warnings[story.id]
            gap = Gap(
                round_.id,
                "stories",
                f"story {story.id} on {name} has a lint warning: {finding.message}",
                f"fix story {story.id}: {finding.fix}",
                STORY_FIX_MINUTES,
                gain,
            )
        elif drafts:
            gap = Gap(
                round_.id,
                "stories",
                f"the story for {name} is not rehearsed yet",
                f"rehearse story {drafts[0].id} aloud and mark it rehearsed",
                STORY_REHEARSE_MINUTES,
                gain,
            )
        elif blocked:
            story = blocked[0]
            finding = bank.blocked.get(story.id, {}).get(comp.id) or next(
                f for f in lint(story, pack.pitfalls) if f.blocking
            )
            gap = Gap(
                round_.id,
                "stories",
                f"story {story.id} on {name} does not count yet: {finding.message}",
                f"fix story {story.id}: {finding.fix}",
                STORY_FIX_MINUTES,
                gain,
            )
        elif used_up:
            story = used_up[0]
            full = (
                f"story {story.id} already covers {cap} other competencies of {round_.name} "
                f"(one story covers at most {cap}), so none covers {name}"
            )
            gap = Gap(
                round_.id,
                "stories",
                full + ("; too late for a new draft" if late else ""),
                f"prepare a one-minute answer on {name} from other work you know well"
                if late
                else f"draft a separate story on {name}: {comp.prompt or comp.name}",
                STORY_FIX_MINUTES if late else STORY_DRAFT_MINUTES,
                gain / 2 if late else gain,
            )
        elif late:
            donor = bank.first_usable
            gap = Gap(
                round_.id,
                "stories",
                f"no story shows {name}, and it is too late for a new draft",
                f"retell story {donor.id} from the {name} angle in one minute"
                if donor
                else f"prepare a one-minute answer on {name} from work you know well",
                STORY_FIX_MINUTES,
                gain / 2,
            )
        else:
            gap = Gap(
                round_.id,
                "stories",
                f"no story shows {name}",
                f"draft a story on {name}: {comp.prompt or comp.name}",
                STORY_DRAFT_MINUTES,
                gain,
            )
        gaps.append(with_value(gap, target=comp.id))
    return gaps


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
