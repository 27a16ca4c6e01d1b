"""Gaps: what holds a round down, each with one next action that is feasible in the days left.

Gains are in the round's component weights here; `readiness.assess_round` scales them to
score points and `readiness._rank` gives each its value (how far it moves the verdict per
minute). Every action names what to do and for which round, so it reads well on its own in
a list of next actions or on a day of the days that remain. This module holds the gaps of
plan tasks, research and questions; the stories' are in `story_credit.py`, the timed
sessions' in `session_gaps.py`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from planner.domain.models import OwnResearch, ResearchItem, Review, Round, Task
from planner.domain.practice import QuestionStatus

SCORING_MINUTES = 15
"""Minutes to add to a timed session for scoring it on the rubric and noting follow-ups."""
DRILL_MINUTES = 30
QUESTION_MINUTES = 20
STORY_DRAFT_MINUTES = 45
STORY_REHEARSE_MINUTES = 30
STORY_FIX_MINUTES = 20
NO_NEW_DRAFTS_DAYS = 3
"""No new story drafts this close to the onsite (a draft needs rehearsing before it counts)."""
MAX_OVERDUE_GAPS = 3


@dataclass(frozen=True)
class Gap:
    """Something that holds a round's score down, with the one next action that closes it."""

    round: str
    kind: str
    detail: str
    action: str
    minutes: int
    gain: float
    """Score points the round gains when the action is done."""
    target: str = ""
    """What the action is about (a competency, question, research item, task or round)."""
    value: float = 0.0
    """How far the action moves the verdict per minute (the ranking key)."""
    gate: bool = False
    """The action is what a round's `ready` waits for (a timed session at the bar)."""
    also: tuple[str, ...] = ()
    """Other rounds the same action helps."""

    @property
    def impact_per_minute(self) -> float:
        """The ranking key: how far the action moves the verdict per minute."""
        return self.value

    @property
    def rounds(self) -> tuple[str, ...]:
        """Every round the action helps, its own first."""
        return (self.round, *self.also)


def with_value(gap: Gap, **changes: Any) -> Gap:
    """The gap with some fields changed."""
    return replace(gap, **changes)


URGENT_SCREEN_BOOST = 3.0
"""A screen within a week comes first: failing it ends the loop before the onsite."""
VETO_FIX_BOOST = 10.0
"""Nothing else can change a NO-GO: the fix of a Strong No on a pass/fail round comes first."""


def rank(
    gaps: Sequence[Gap],
    *,
    weight: float,
    veto: bool,
    urgent: bool,
    ready: bool,
    distance: int,
    unlocks: bool,
) -> tuple[Gap, ...]:
    """Give each of a round's gaps its value, how far it moves the verdict per minute, best
    first.

    Points a round gains past `ready` move no verdict, so a gap counts up to the round's
    `distance` to ready (a round already ready keeps a tenth, to keep an order); the gate, a
    timed session at the bar, counts in full, and for the whole distance when it is all that
    holds the round (`unlocks`). Times the round's `weight` in the loop, doubled on a
    pass/fail round, tripled for a screen due within a week.
    """
    factor = (2.0 if veto else 1.0) * (URGENT_SCREEN_BOOST if urgent else 1.0)
    ranked: list[Gap] = []
    for g in gaps:
        if ready:
            useful = 0.1 * g.gain
        elif g.gate:
            useful = max(g.gain, distance if unlocks else 0)
        else:
            useful = min(g.gain, distance)
        boost = VETO_FIX_BOOST if g.kind == "strong-no" and veto else 1.0
        ranked.append(replace(g, value=weight * factor * boost * useful / max(1, g.minutes)))
    ranked.sort(key=lambda g: (-g.value, -g.gain, g.kind, g.target))
    return tuple(ranked)


def merge_actions(gaps: Sequence[Gap]) -> list[Gap]:
    """One entry per thing to do, best first: the same action found by several rounds (a
    shared research item, a story that covers two competencies) is one, its value summed."""
    merged: dict[str, Gap] = {}
    for g in gaps:
        key = g.action
        seen = merged.get(key)
        if seen is None:
            merged[key] = g
            continue
        best, other = (g, seen) if g.value > seen.value else (seen, g)
        merged[key] = replace(
            best,
            value=seen.value + g.value,
            also=tuple(dict.fromkeys((*best.also, other.round, *other.also))),
        )
    return sorted(merged.values(), key=lambda g: (-g.value, -g.gain, g.round, g.kind, g.target))


def task_gaps(
    round_: Round,
    tasks: Sequence[Task],
    today: dt.date,
    weight_per_minute: float,
    days_left: int | None = None,
    new_material: Collection[str] = (),
) -> list[Gap]:
    """Planned tasks of the round not done: the overdue ones, the oldest first; with none
    overdue, the next one planned (the round waits for it, and says so).

    In the last three days no study task nor any task of `new_material` (checklist items
    that start new work, such as drafting a story) is proposed, even overdue: the round says
    they are left and what to do instead.
    """
    undone = [t for t in tasks if not t.done]
    late = days_left is not None and days_left <= NO_NEW_DRAFTS_DAYS
    skipped = [t for t in undone if late and (t.kind == "study" or t.item in new_material)]
    undone = [t for t in undone if t not in skipped]
    overdue = sorted((t for t in undone if t.day < today), key=lambda t: (t.day, t.id))
    gaps = [
        Gap(
            round_.id,
            "tasks",
            f"'{t.title}' was planned for {t.day.isoformat()} and is not done",
            f"do '{t.title}' (or run `planner replan` to move it)",
            t.minutes,
            weight_per_minute * t.minutes,
            target=t.id,
        )
        for t in overdue[:MAX_OVERDUE_GAPS]
    ]
    ahead = sorted((t for t in undone if t.day >= today), key=lambda t: (t.day, t.id))
    if not overdue and ahead:
        nxt = ahead[0]
        count = f"{len(ahead)} planned task{'s' * (len(ahead) > 1)} not done yet"
        gaps.append(
            Gap(
                round_.id,
                "tasks",
                f"{count}; the next is '{nxt.title}' on {nxt.day.isoformat()}",
                f"do '{nxt.title}' on its day ({nxt.day.isoformat()})",
                nxt.minutes,
                weight_per_minute * nxt.minutes,
                target=nxt.id,
            )
        )
    if skipped and not gaps:
        left = f"{len(skipped)} study or drafting task{'s' * (len(skipped) > 1)}"
        gaps.append(
            Gap(
                round_.id,
                "tasks",
                f"{left} not done (first: '{skipped[0].title}'), and it is too late for new "
                "material",
                f"leave new material be: reread your {round_.name} notes and its rubric anchors",
                15,
                0.0,
                target=skipped[0].id,
            )
        )
    return gaps


def research_gaps(
    round_: Round,
    items: Sequence[ResearchItem],
    state: Mapping[str, str],
    credit: Mapping[str, float],
    weight: float,
) -> list[Gap]:
    """Research items of the round not done yet."""
    gaps: list[Gap] = []
    for item in items:
        status = state.get(item.id, "todo")
        if status == "done":
            continue
        gaps.append(
            Gap(
                round_.id,
                "research",
                f"research not done: {item.title}",
                f"finish research item {item.id} ({item.title})",
                item.minutes,
                weight * (1 - credit.get(status, 0.0)) / len(items),
                target=item.id,
            )
        )
    return gaps


def own_research_gaps(round_: Round, own: Sequence[OwnResearch]) -> list[Gap]:
    """The candidate's own research items of the round not done yet.

    Worth no points (the pack's checklist sets the research score), so each ranks after
    every action that moves a score, and finishing extras never stands in for the checklist.
    """
    return [
        Gap(
            round_.id,
            "research",
            f"your research not done: {item.title}",
            f"finish your research item {item.id} ({item.title})",
            item.item.minutes,
            0.0,
            target=item.id,
        )
        for item in own
        if item.status != "done"
    ]


def question_gaps(
    round_: Round,
    qs: Sequence[QuestionStatus],
    latest: Mapping[str, Review],
    today: dt.date,
    weight: float,
) -> list[Gap]:
    """The next question of the round to practise: new first, then weak, then overdue."""

    def order(s: QuestionStatus) -> tuple[int, str]:
        review = latest.get(s.question.id)
        if review is None:
            return (0, s.question.id)
        if review.rating in ("again", "hard"):
            return (1, s.question.id)
        if review.due < today:
            return (2, s.question.id)
        return (3, s.question.id)

    candidates = [s for s in qs if order(s)[0] < 3]
    if not candidates:
        return []
    nxt = min(candidates, key=order)
    review = latest.get(nxt.question.id)
    why = (
        "never practised"
        if review is None
        else f"last rated {review.rating}"
        if review.rating in ("again", "hard")
        else "overdue for review"
    )
    return [
        Gap(
            round_.id,
            "questions",
            f"question {nxt.question.id} {why}",
            f"practise question {nxt.question.id} ({round_.name}) aloud and rate it",
            QUESTION_MINUTES,
            weight,
            target=nxt.question.id,
        )
    ]
