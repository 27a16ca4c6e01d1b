"""Readiness per round: an explainable 0-100 score from evidence, with gaps and next actions.

Weights, targets and bars come from the pack (rounds.toml); this module holds none.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from planner.domain.models import (
    Mock,
    Pack,
    Plan,
    ResearchState,
    Review,
    Round,
    Story,
    Task,
)
from planner.domain.practice import QuestionStatus, statuses
from planner.domain.stories import coverage

READY = 80
CLOSE = 60
STORY_CREDIT = {"ready": 1.0, "rehearsed": 0.75}
RESEARCH_CREDIT = {"done": 1.0, "doing": 0.5}
MOCK_ACTION_EXTRA_MINUTES = 15
QUESTION_MINUTES = 20
STORY_DRAFT_MINUTES = 45
STORY_REHEARSE_MINUTES = 30


def status_for(score: int) -> str:
    """`ready` (>= 80), `close` (60-79) or `gap` (< 60)."""
    if score >= READY:
        return "ready"
    if score >= CLOSE:
        return "close"
    return "gap"


@dataclass(frozen=True)
class Evidence:
    """Everything the model reads: plan progress, mocks, stories, research and practice."""

    tasks: tuple[Task, ...] = ()
    mocks: tuple[Mock, ...] = ()
    stories: tuple[Story, ...] = ()
    research: tuple[ResearchState, ...] = ()
    reviews: tuple[Review, ...] = ()


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
    """What the action is about (a competency, question, research item or rubric dimension)."""

    @property
    def impact_per_minute(self) -> float:
        """Points gained per minute of work."""
        return self.gain / max(1, self.minutes)


@dataclass(frozen=True)
class Component:
    """One part of a round's score: its value (0-1), weight and what it is made of."""

    name: str
    value: float
    weight: float
    detail: str

    def points(self, total_weight: float) -> float:
        """What the component adds to the 0-100 score."""
        return 100 * self.weight * self.value / total_weight if total_weight else 0.0


@dataclass(frozen=True)
class RoundReadinessResult:
    """A round's score, status, components (the explanation) and gaps."""

    round: Round
    score: int
    components: tuple[Component, ...]
    gaps: tuple[Gap, ...]

    @property
    def status(self) -> str:
        """`ready`, `close` or `gap`."""
        return status_for(self.score)


@dataclass(frozen=True)
class Readiness:
    """Readiness of every round plus the overall score and verdict."""

    as_of: dt.date
    rounds: tuple[RoundReadinessResult, ...]
    overall: int
    verdict: str
    veto_note: str = ""
    notes: tuple[str, ...] = field(default=())

    def round(self, round_id: str) -> RoundReadinessResult:
        """The result for one round."""
        for r in self.rounds:
            if r.round.id == round_id:
                return r
        raise KeyError(round_id)

    def gaps_by_impact(self) -> list[Gap]:
        """All gaps, most score gained per minute first."""
        gaps = [g for r in self.rounds for g in r.gaps]
        return sorted(gaps, key=lambda g: (-g.impact_per_minute, -g.gain, g.round, g.kind))


def _mock_value(mocks: Sequence[Mock], target: int, bar: float) -> tuple[float, list[float]]:
    """Mean of the best `target` mocks' credit (avg / bar, at most 1); missing mocks count 0.

    Taking the best mocks keeps the model monotonic: another mock never lowers the score.
    """
    mock_credits = heapq.nlargest(target, (min(1.0, m.average / bar) for m in mocks))
    return sum(mock_credits) / target, mock_credits


def _weak_dimensions(
    mocks: Sequence[Mock], bar: float, names: Mapping[str, str]
) -> list[tuple[str, str, float, int]]:
    """Rubric dimensions under the bar over the last three mocks: (id, name, avg, count)."""
    recent = sorted(mocks, key=lambda m: (m.date, m.id))[-3:]
    sums: dict[str, list[int]] = {}
    for m in recent:
        for dim, score in m.scores.items():
            sums.setdefault(dim, []).append(score)
    weak = [
        (dim, names.get(dim, dim), sum(v) / len(v), len(v))
        for dim, v in sums.items()
        if sum(v) / len(v) < bar
    ]
    return sorted(weak, key=lambda w: (w[2], w[0]))


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def assess_round(
    pack: Pack,
    round_: Round,
    evidence: Evidence,
    question_status: Sequence[QuestionStatus],
    today: dt.date,
) -> RoundReadinessResult:
    """Score one round from the evidence and list what holds it down."""
    cfg = round_.readiness
    weights = cfg.weights
    rid = round_.id
    components: list[Component] = []
    gaps: list[Gap] = []

    # Plan tasks for this round: share of planned minutes done.
    tasks = [t for t in evidence.tasks if rid in t.rounds]
    if tasks and weights.get("tasks", 0) > 0:
        total = sum(t.minutes for t in tasks)
        done = sum(t.minutes for t in tasks if t.done)
        overdue = [t for t in tasks if not t.done and t.day < today]
        value = done / total
        components.append(
            Component(
                "tasks",
                value,
                weights["tasks"],
                f"{sum(t.done for t in tasks)} of {len(tasks)} planned tasks done "
                f"({done} of {total} min)",
            )
        )
        if overdue:
            minutes = sum(t.minutes for t in overdue)
            gaps.append(
                Gap(
                    rid,
                    "tasks",
                    f"{len(overdue)} planned task{'s' if len(overdue) > 1 else ''} overdue",
                    f"do '{overdue[0].title}' (or run `planner replan`)",
                    overdue[0].minutes,
                    _gain(weights, "tasks", minutes / total),
                )
            )

    # Mocks: best mocks against the target and the bar.
    mocks = [m for m in evidence.mocks if m.round == rid]
    if cfg.mocks_target > 0 and weights.get("mocks", 0) > 0:
        value, mock_credits = _mock_value(mocks, cfg.mocks_target, cfg.bar)
        best = ", ".join(_fmt(a) for a in heapq.nlargest(3, (m.average for m in mocks)))
        components.append(
            Component(
                "mocks",
                value,
                weights["mocks"],
                f"{len(mocks)} of {cfg.mocks_target} mocks logged"
                + (f"; best averages {best} against a bar of {_fmt(cfg.bar)}" if mocks else ""),
            )
        )
        mock_minutes = round_.minutes + MOCK_ACTION_EXTRA_MINUTES
        if len(mocks) < cfg.mocks_target:
            gaps.append(
                Gap(
                    rid,
                    "mocks",
                    "no mock logged yet"
                    if not mocks
                    else f"{len(mocks)} of {cfg.mocks_target} mocks logged",
                    f"do a timed mock of this round ({round_.minutes} min) and score it",
                    mock_minutes,
                    _gain(weights, "mocks", 1 / cfg.mocks_target),
                )
            )
        dims = {d.id: d.name for d in pack.rubric(rid).dimensions}
        if mocks:
            ordered = sorted(mocks, key=lambda m: (m.date, m.id))
            recent = ordered[-2:]
            recent_avg = sum(m.average for m in recent) / len(recent)
            if recent_avg < cfg.bar:
                shortfall = sum(1 - c for c in mock_credits) / cfg.mocks_target
                weak = _weak_dimensions(mocks, cfg.bar, dims)
                which = "last mock" if len(recent) == 1 else f"last {len(recent)} mocks"
                detail = f"{which} averaged {_fmt(recent_avg)}/5 against a bar of {_fmt(cfg.bar)}"
                if weak:
                    w = weak[0]
                    detail = (
                        f"{which} scored {_fmt(w[2])}/5 on {w[1].lower()} (bar {_fmt(cfg.bar)})"
                    )
                drill = _drill_question(pack, rid, weak[0][0] if weak else "")
                action = (
                    f"drill {weak[0][1].lower()} with question {drill}"
                    if weak and drill
                    else f"practise question {drill} then mock again"
                    if drill
                    else "mock again with an experienced partner"
                )
                gaps.append(
                    Gap(
                        rid,
                        "mock-quality",
                        detail,
                        action,
                        QUESTION_MINUTES + 10,
                        _gain(weights, "mocks", max(shortfall, 0.05)),
                        target=weak[0][0] if weak else "",
                    )
                )
            if len(mocks) >= 2 and ordered[-1].average < ordered[-2].average - 0.01:
                gaps.append(
                    Gap(
                        rid,
                        "trend",
                        f"scores fell from {_fmt(ordered[-2].average)} to "
                        f"{_fmt(ordered[-1].average)} in the last mock",
                        "read the last mock's follow-ups and redo its question",
                        20,
                        0.0,
                    )
                )

    # Stories: competencies the round probes, covered by rehearsed or ready stories.
    comps = [c for c in pack.competencies if rid in c.rounds]
    if comps and weights.get("stories", 0) > 0:
        cov = coverage(comps, evidence.stories)
        story_level = {s.id: s.readiness for s in evidence.stories}
        credit_sum = 0.0
        for c in cov:
            best_credit = max(
                (STORY_CREDIT.get(story_level[s], 0.0) for s in c.stories), default=0.0
            )
            credit_sum += best_credit
            share = (1 - best_credit) / len(comps)
            if not c.stories and not c.drafts:
                gaps.append(
                    Gap(
                        rid,
                        "stories",
                        f"no story shows {c.competency.name.lower()}",
                        f"draft one: {c.competency.prompt or c.competency.name}",
                        STORY_DRAFT_MINUTES,
                        _gain(weights, "stories", share),
                        target=c.competency.id,
                    )
                )
            elif not c.stories:
                gaps.append(
                    Gap(
                        rid,
                        "stories",
                        f"the story for {c.competency.name.lower()} is not rehearsed yet",
                        f"rehearse story {c.drafts[0]} aloud and mark it rehearsed",
                        STORY_REHEARSE_MINUTES,
                        _gain(weights, "stories", share),
                        target=c.competency.id,
                    )
                )
        value = credit_sum / len(comps)
        covered = sum(1 for c in cov if c.stories)
        components.append(
            Component(
                "stories",
                value,
                weights["stories"],
                f"{covered} of {len(comps)} competencies covered by a rehearsed or ready story",
            )
        )

    # Research items for this round.
    items = [i for i in pack.research if rid in i.rounds]
    if items and weights.get("research", 0) > 0:
        state = {r.item: r.status for r in evidence.research}
        value = sum(RESEARCH_CREDIT.get(state.get(i.id, "todo"), 0.0) for i in items) / len(items)
        done = sum(1 for i in items if state.get(i.id) == "done")
        components.append(
            Component(
                "research",
                value,
                weights["research"],
                f"{done} of {len(items)} research items done",
            )
        )
        for i in items:
            st = state.get(i.id, "todo")
            if st != "done":
                gaps.append(
                    Gap(
                        rid,
                        "research",
                        f"research not done: {i.title}",
                        f"finish research item {i.id}",
                        i.minutes,
                        _gain(weights, "research", (1 - RESEARCH_CREDIT.get(st, 0.0)) / len(items)),
                        target=i.id,
                    )
                )

    # Questions practised, not overdue.
    qs = [s for s in question_status if s.question.round == rid]
    target = min(cfg.questions_target, len(qs))
    if target > 0 and weights.get("questions", 0) > 0:
        # A question counts fully while any of its reviews keeps it current (due today or
        # later), half once it is overdue: so another review never lowers the score.
        latest_due: dict[str, dt.date] = {}
        for review in evidence.reviews:
            if review.question not in latest_due or review.due > latest_due[review.question]:
                latest_due[review.question] = review.due
        credits_q = sorted(
            (
                1.0 if latest_due[s.question.id] >= today else 0.5
                for s in qs
                if s.question.id in latest_due
            ),
            reverse=True,
        )[:target]
        value = sum(credits_q) / target
        practised = sum(1 for s in qs if s.reviews)
        overdue_count = sum(1 for s in qs if s.is_overdue(today))
        components.append(
            Component(
                "questions",
                value,
                weights["questions"],
                f"{min(practised, target)} of {target} questions practised"
                + (f" ({overdue_count} overdue for review)" if overdue_count else ""),
            )
        )
        if value < 1:
            nxt = next((s for s in qs if s.reviews == 0), None) or next(
                (s for s in qs if s.is_overdue(today)), None
            )
            if nxt:
                gaps.append(
                    Gap(
                        rid,
                        "questions",
                        f"{target - int(sum(credits_q))} of {target} questions still to practise"
                        if sum(credits_q) < target
                        else "practised questions are overdue for review",
                        f"practise question {nxt.question.id}",
                        QUESTION_MINUTES,
                        _gain(weights, "questions", 1 / target),
                        target=nxt.question.id,
                    )
                )

    total_weight = sum(c.weight for c in components)
    score = round(sum(c.points(total_weight) for c in components)) if total_weight else 0
    scale = 100 / total_weight if total_weight else 0
    gaps = [
        Gap(g.round, g.kind, g.detail, g.action, g.minutes, round(g.gain * scale, 1), g.target)
        for g in gaps
    ]
    gaps.sort(key=lambda g: (-g.impact_per_minute, -g.gain, g.kind))
    return RoundReadinessResult(round_, max(0, min(100, score)), tuple(components), tuple(gaps))


def _gain(weights: Mapping[str, float], component: str, share: float) -> float:
    """Unscaled gain: the component weight times the share of the component gained."""
    return weights.get(component, 0.0) * max(0.0, min(1.0, share))


def _drill_question(pack: Pack, round_id: str, dimension: str) -> str:
    """A question of the round that drills the dimension (or any question of the round)."""
    fallback = ""
    for q in pack.questions:
        if q.round != round_id:
            continue
        if dimension and dimension in q.dimensions:
            return q.id
        fallback = fallback or q.id
    return fallback


def assess(
    pack: Pack,
    evidence: Evidence,
    today: dt.date,
    skip_rounds: Iterable[str] = (),
) -> Readiness:
    """Readiness of every round (skipped rounds left out), the overall score and the verdict."""
    skipped = set(skip_rounds)
    q_status = statuses(pack.questions, evidence.reviews, today)
    results = tuple(
        assess_round(pack, r, evidence, q_status, today) for r in pack.rounds if r.id not in skipped
    )
    weights = {r.round.id: pack.round_weights.get(r.round.id, 1.0) for r in results}
    total = sum(weights.values())
    overall = round(sum(r.score * weights[r.round.id] for r in results) / total) if total else 0
    verdict, note = verdict_for(pack, results, overall)
    return Readiness(as_of=today, rounds=results, overall=overall, verdict=verdict, veto_note=note)


def verdict_for(
    pack: Pack, results: Sequence[RoundReadinessResult], overall: int
) -> tuple[str, str]:
    """`go`, `go with risks` or `not yet`, with the veto round's note when it caps the verdict."""
    veto = [r for r in results if r.round.id in pack.veto_rounds or r.round.veto]
    weak_veto = [r for r in veto if r.status == "gap"]
    if weak_veto:
        names = ", ".join(r.round.name for r in weak_veto)
        return "not yet", (
            f"{names} is pass/fail: a weak showing there vetoes the loop "
            "whatever the other rounds say"
        )
    if (
        overall >= READY
        and all(r.status != "gap" for r in results)
        and all(r.status == "ready" for r in veto)
    ):
        return "go", ""
    if overall >= CLOSE:
        note = ""
        close_veto = [r for r in veto if r.status == "close"]
        if close_veto:
            note = f"{close_veto[0].round.name} is pass/fail and only close: make it ready first"
        return "go with risks", note
    return "not yet", ""


def plan_evidence(plan: Plan | None) -> tuple[Task, ...]:
    """The plan's tasks as evidence (none without a plan)."""
    return plan.tasks if plan else ()
