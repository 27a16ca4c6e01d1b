"""Readiness per round: an explainable 0-100 score, a status, the gaps and the verdict.

Two kinds of evidence: preparation (plan tasks, research, stories that pass lint, questions
rated good or easy) and performance (timed sessions scored on the round's rubric, see
`performance.py`). The components add up to the score; then two gates apply, each with its
reason: a round whose performance counts is `ready` only with its estimate at the bar and
one full-credit session (else at most `close`), and it is a `gap` while the estimate or its
latest full-credit session is below the Strong No line. Weights, targets and bars come from
the pack (rounds.toml); this module holds none. What it returns (each round's result, the
overall `Readiness` and the verdict) is declared in `verdict.py`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from planner.domain.gaps import (
    Gap,
    own_research_gaps,
    question_gaps,
    rank,
    research_gaps,
    task_gaps,
    with_value,
)
from planner.domain.models import (
    TIMED_KINDS,
    Mock,
    OwnResearch,
    Pack,
    PlanSettings,
    ResearchState,
    Review,
    Round,
    Story,
    Task,
)
from planner.domain.performance import Performance, fmt, performance
from planner.domain.performance_gate import describe, gate
from planner.domain.practice import QuestionStatus, statuses
from planner.domain.session_gaps import performance_gaps
from planner.domain.stages import passed_rounds, rounds_ahead
from planner.domain.stories import StoryBank, story_bank
from planner.domain.story_credit import story_part
from planner.domain.verdict import (
    CLOSE,
    READY,
    Component,
    Readiness,
    RoundReadinessResult,
    status_for,
    verdict_for,
)

__all__ = [
    "CLOSE",
    "READY",
    "Component",
    "Evidence",
    "Gap",
    "Readiness",
    "RoundReadinessResult",
    "assess",
    "status_for",
]

RESEARCH_CREDIT = {"done": 1.0, "doing": 0.5}
QUESTION_CREDIT = {"good": 1.0, "easy": 1.0}
"""Credit by a question's latest rating (`hard` and `again` earn nothing)."""
URGENT_SCREEN_DAYS = 7


@dataclass(frozen=True)
class Evidence:
    """Everything the model reads: plan progress, sessions, stories, research and practice."""

    tasks: tuple[Task, ...] = ()
    mocks: tuple[Mock, ...] = ()
    stories: tuple[Story, ...] = ()
    research: tuple[ResearchState, ...] = ()
    reviews: tuple[Review, ...] = ()
    own_research: tuple[OwnResearch, ...] = ()
    """Items the candidate added: listed and proposed, never scored (see `own_research_gaps`)."""


def latest_reviews(reviews: Sequence[Review]) -> dict[str, Review]:
    """Each question's latest review (the rating that counts)."""
    latest: dict[str, Review] = {}
    for review in reviews:
        seen = latest.get(review.question)
        if seen is None or (review.reviewed, review.due) >= (seen.reviewed, seen.due):
            latest[review.question] = review
    return latest


def assess_round(
    pack: Pack,
    round_: Round,
    evidence: Evidence,
    question_status: Sequence[QuestionStatus],
    today: dt.date,
    seniority: str | None = None,
    days_left: int | None = None,
    bank: StoryBank | None = None,
    mocks: Sequence[Mock] | None = None,
    deadline: dt.date | None = None,
    reviews: Mapping[str, Review] | None = None,
) -> RoundReadinessResult:
    """Score one round from the evidence, apply its gates and list what holds it down."""
    cfg = round_.readiness
    weights = cfg.weights
    rid = round_.id
    components: list[Component] = []
    gaps: list[Gap] = []

    # A screen ahead is judged on the work planned before it; later tasks serve other rounds.
    tasks = [
        _with_research(pack, t, evidence.research)
        for t in evidence.tasks
        if rid in t.rounds and t.kind not in TIMED_KINDS and (deadline is None or t.day < deadline)
    ]
    if tasks and weights.get("tasks", 0) > 0:
        total = sum(t.minutes for t in tasks)
        done = sum(t.minutes for t in tasks if t.done)
        components.append(
            Component(
                "tasks",
                done / total if total else 1.0,
                weights["tasks"],
                f"{sum(t.done for t in tasks)} of {len(tasks)} planned tasks done "
                f"({done} of {total} min)",
            )
        )
        gaps += task_gaps(
            round_,
            tasks,
            today,
            weights["tasks"] / max(1, total),
            days_left,
            new_material(pack),
        )

    perf: Performance | None = None
    if cfg.counts_performance and weights.get("mocks", 0) > 0:
        onsite = today + dt.timedelta(days=days_left) if days_left is not None else None
        perf = performance(
            round_,
            pack.rubric(rid),
            evidence.mocks if mocks is None else mocks,
            seniority,
            today,
            deadline or onsite,
        )
        components.append(Component("mocks", perf.value, weights["mocks"], describe(perf)))
        gaps += performance_gaps(pack, round_, perf, weights["mocks"], days_left)

    comps = [c for c in pack.competencies if rid in c.rounds]
    if comps and weights.get("stories", 0) > 0:
        bank = bank or story_bank(evidence.stories, pack.pitfalls)
        part = story_part(pack, round_, comps, bank, weights["stories"], days_left)
        components.append(Component("stories", part.value, weights["stories"], part.detail))
        gaps += part.gaps

    # The pack's checklist alone sets the research points (what every candidate is expected
    # to know); the candidate's own items are listed beside it and proposed, never scored.
    items = [i for i in pack.research if rid in i.rounds]
    own = [o for o in evidence.own_research if rid in o.rounds]
    if items and weights.get("research", 0) > 0:
        state = {r.item: r.status for r in evidence.research}
        value = sum(RESEARCH_CREDIT.get(state.get(i.id, "todo"), 0.0) for i in items) / len(items)
        done = sum(1 for i in items if state.get(i.id) == "done")
        detail = f"{done} of {len(items)} done"
        if own:
            finished = sum(1 for o in own if o.status == "done")
            detail += f"; yours: {finished} of {len(own)} done (listed, not scored)"
        components.append(Component("research", value, weights["research"], detail))
        gaps += research_gaps(round_, items, state, RESEARCH_CREDIT, weights["research"])
    gaps += own_research_gaps(round_, own)

    # Only the questions offered to this seniority: an early candidate is never sent to
    # practise a senior-only prompt (strategy/vision, people management).
    qs = [
        s
        for s in question_status
        if s.question.round == rid and (seniority is None or s.question.fits(seniority))
    ]
    target = min(cfg.questions_target, len(qs))
    if target > 0 and weights.get("questions", 0) > 0:
        latest = latest_reviews(evidence.reviews) if reviews is None else reviews
        earned = sorted(
            (
                QUESTION_CREDIT.get(latest[s.question.id].rating, 0.0)
                for s in qs
                if s.question.id in latest
            ),
            reverse=True,
        )[:target]
        value = sum(earned) / target
        good = sum(1 for e in earned if e > 0)
        overdue = sum(
            1
            for s in qs
            if s.question.id in latest
            and latest[s.question.id].rating in QUESTION_CREDIT
            and latest[s.question.id].due < today
        )
        components.append(
            Component(
                "questions",
                value,
                weights["questions"],
                f"{good} of {target} questions last rated good or easy"
                + (f" ({overdue} due again for spaced review)" if overdue else ""),
            )
        )
        if value < 1:
            gaps += question_gaps(round_, qs, latest, today, weights["questions"] / target)

    total_weight = sum(c.weight for c in components)
    raw = round(sum(c.points(total_weight) for c in components)) if total_weight else 0
    raw = max(0, min(100, raw))
    cap, why = gate(perf, READY, CLOSE)
    score = min(raw, cap) if cap is not None else raw
    scale = 100 / total_weight if total_weight else 0.0
    scaled = [with_value(g, gain=g.gain * scale) for g in gaps]
    return RoundReadinessResult(
        round_,
        score,
        tuple(components),
        tuple(scaled),
        perf,
        cap if cap is not None and cap < raw else None,
        why or _why_plain(status_for(score), perf),
    )


def _with_research(pack: Pack, task: Task, research: Sequence[ResearchState]) -> Task:
    """A research task whose tracker item (`research` in checklist.toml) is done counts as
    done: the candidate did the research it asks for, so it is never proposed again."""
    if task.done or task.kind != "research":
        return task
    try:
        item = pack.item(task.item).research
    except KeyError:
        return task
    if item and any(r.item == item and r.status == "done" for r in research):
        return replace(task, done=True)
    return task


def new_material(pack: Pack) -> frozenset[str]:
    """Checklist items that start new work (drafting a story: one per story, not the
    rehearsal paired with it), never proposed in the last three days."""
    return frozenset(
        i.id for i in pack.checklist if i.kind == "story" and i.per == "story" and not i.pairs_with
    )


def _why_plain(status: str, perf: Performance | None) -> str:
    if status == "ready":
        if perf is None:
            return "ready: the preparation is done (this round scores no timed session)"
        assert perf.estimate is not None
        return f"ready: preparation done and the estimate {fmt(perf.estimate)} is at the bar"
    return f"{status}: the preparation is not done yet (see the gaps)"


def assess(
    pack: Pack,
    evidence: Evidence,
    today: dt.date,
    settings: PlanSettings | None = None,
    *,
    seniority: str | None = None,
) -> Readiness:
    """Readiness of every round ahead, the overall score and the verdict.

    `settings` says which rounds are ahead (passed screens and skipped rounds are left out)
    and the seniority whose bars apply; without a plan every round is ahead at the pack's
    default bars.
    """
    seniority = seniority or (settings.seniority if settings else None)
    ahead = rounds_ahead(pack, settings, today)
    passed = passed_rounds(pack, settings, today)
    days_left = (settings.onsite - today).days if settings else None
    q_status = statuses(pack.questions, evidence.reviews, today)
    bank = story_bank(evidence.stories, pack.pitfalls)
    by_round: dict[str, list[Mock]] = {}
    for mock in evidence.mocks:
        by_round.setdefault(mock.round, []).append(mock)
    deadlines = {r.id: settings.screen_date(r.id) if settings else None for r in pack.rounds}
    latest = latest_reviews(evidence.reviews)
    results = [
        assess_round(
            pack,
            r,
            evidence,
            q_status,
            today,
            seniority,
            days_left,
            bank,
            by_round.get(r.id, []),
            deadlines[r.id],
            latest,
        )
        for r in pack.rounds
        if r.id in ahead
    ]
    weights = {r.round.id: pack.round_weights.get(r.round.id, 1.0) for r in results}
    total = sum(weights.values())
    overall = round(sum(r.score * weights[r.round.id] for r in results) / total) if total else 0
    ranked = tuple(_rank(pack, r, today, deadlines[r.round.id]) for r in results)
    verdict, note, vetoed = verdict_for(pack, ranked)
    return Readiness(
        as_of=today,
        rounds=ranked,
        overall=overall,
        verdict=verdict,
        veto_note=note,
        vetoed_by=vetoed,
        passed=tuple(pack.round(r) for r in passed),
        days_left=days_left,
    )


def _rank(
    pack: Pack, result: RoundReadinessResult, today: dt.date, deadline: dt.date | None
) -> RoundReadinessResult:
    """The round with its gaps valued and ordered (see `gaps.rank`)."""
    urgent = deadline is not None and (deadline - today).days <= URGENT_SCREEN_DAYS
    ranked = rank(
        result.gaps,
        weight=pack.round_weights.get(result.round.id, 1.0),
        veto=result.round.veto,
        urgent=urgent,
        ready=result.status == "ready",
        distance=max(0, READY - result.score),
        unlocks=result.uncapped >= READY,
    )
    return replace(result, gaps=ranked)
