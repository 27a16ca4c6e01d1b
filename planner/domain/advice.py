"""Advice before the onsite: the forecast of following the plan, what-ifs, and the days left.

The forecast and the what-ifs use the readiness model itself, so what they promise is what
`check` will say once it happens.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from planner.domain.models import (
    TIMED_KINDS,
    Mock,
    Pack,
    Plan,
    PlanSettings,
    ResearchState,
    Review,
    Story,
    Task,
    is_own_research,
)
from planner.domain.readiness import Evidence, Gap, Readiness, assess
from planner.domain.stages import rounds_ahead

DEFAULT_FIRST_SESSION = 3.0
"""What the forecast assumes of a round's first timed session (a typical first mock)."""
DEFAULT_CAPACITY = 90
MIN_FREE_MINUTES = 20
MOCK_GAP_DAYS = 2
SESSION_KINDS = ("mocks", "mock-quality", "strong-no")
NO_NEW_DRAFTS_DAYS = 3


@dataclass(frozen=True)
class Forecast:
    """Where each round will stand on the onsite day if the candidate follows the plan."""

    pace: float
    """Share of the planned minutes done so far (1.0 when nothing was due yet)."""
    scores: dict[str, int]
    overall: int
    assumption: str
    verdict: str = "not yet"
    statuses: dict[str, str] | None = None


@dataclass(frozen=True)
class WhatIf:
    """One change and what it would buy."""

    round: str
    change: str
    before: int
    after: int

    @property
    def gain(self) -> int:
        """Points gained."""
        return self.after - self.before


@dataclass(frozen=True)
class DayAdvice:
    """What to do on one of the remaining days."""

    date: dt.date
    planned_minutes: int
    free_minutes: int
    actions: tuple[Gap, ...]


def pace_so_far(plan: Plan | None, today: dt.date) -> float:
    """Minutes done of the minutes planned before today (1.0 when none were due)."""
    if plan is None:
        return 1.0
    due = [t for t in plan.tasks if t.day < today]
    total = sum(t.minutes for t in due)
    if not total:
        return 1.0
    done = sum(t.minutes for t in plan.tasks if t.done and t.day < today)
    return min(1.0, done / total)


def session_mock(pack: Pack, round_id: str, average: float, day: dt.date, name: str) -> Mock:
    """A full-credit session of the round whose whole-number scores average at least
    `average` (as close as whole scores allow)."""
    dims = [d.id for d in pack.rubric(round_id).dimensions] or ["overall"]
    total = min(5 * len(dims), max(len(dims), math.ceil(average * len(dims) - 1e-9)))
    base, extra = divmod(total, len(dims))
    scores = {d: base + (1 if i < extra else 0) for i, d in enumerate(dims)}
    return Mock(
        id=name, date=day, round=round_id, minutes=pack.round(round_id).minutes, scores=scores
    )


def follow_plan(
    pack: Pack,
    plan: Plan,
    evidence: Evidence,
    today: dt.date,
    session_average: Callable[[str], float],
    catch_up: int | None = None,
) -> Evidence:
    """The evidence of a candidate who follows the plan to the letter from `today`.

    Every task from today on done, and the overdue ones too, or with `catch_up` (the free
    minutes of the days left) only the overdue ones that fit in it, the oldest first; the
    preparation the tasks ask for complete (research done, a ready story that passes lint
    on every competency, each round's questions practised and rated good); every planned
    timed session not logged yet scored at `session_average(round)` with the whole rubric
    and the round's full length.
    """
    settings = plan.settings
    ahead = set(rounds_ahead(pack, settings, today))
    sessions = tuple(
        session_mock(pack, t.rounds[0], session_average(t.rounds[0]), t.day, t.id)
        for t in plan.tasks
        if t.kind in TIMED_KINDS
        and not t.done
        and t.day >= today
        and t.rounds
        and t.rounds[0] in ahead
    )
    # Too close to the onsite for new drafts (unless the plan itself still holds story work):
    # only the competencies a story already claims.
    story_work = any(t.kind == "story" and not t.done and t.day >= today for t in plan.tasks)
    late = (settings.onsite - today).days <= NO_NEW_DRAFTS_DAYS and not story_work
    claimed = {c for s in evidence.stories for c in s.competencies}
    comps = [
        c for c in pack.competencies if set(c.rounds) & ahead and (not late or c.id in claimed)
    ]
    stories = tuple(follow_plan_story(c.id) for c in comps)
    due = settings.onsite + dt.timedelta(days=7)
    reviews = tuple(Review(q.id, today, "good", due) for q in pack.questions if q.round in ahead)
    made_up = _made_up(evidence.tasks, today, catch_up)
    return Evidence(
        tasks=tuple(
            replace(t, done=True) if t.day >= today or t.id in made_up else t
            for t in evidence.tasks
        ),
        mocks=evidence.mocks + sessions,
        stories=evidence.stories + stories,
        research=tuple(ResearchState(i.id, "done") for i in pack.research),
        reviews=evidence.reviews + reviews,
    )


def _made_up(tasks: Sequence[Task], today: dt.date, catch_up: int | None) -> set[str]:
    """The overdue tasks done in the free time left: all without a limit, else the oldest
    first while they fit."""
    overdue = sorted((t for t in tasks if t.day < today), key=lambda t: (t.day, t.id))
    if catch_up is None:
        return {t.id for t in overdue}
    done: set[str] = set()
    left = catch_up
    for task in overdue:
        if task.done or task.minutes <= left:
            done.add(task.id)
            left -= 0 if task.done else task.minutes
    return done


def free_minutes(plan: Plan, today: dt.date) -> int:
    """Minutes left free from today to the eve of the onsite, after the planned work."""
    used: dict[dt.date, int] = {}
    for t in plan.tasks:
        if t.day >= today and not t.done:
            used[t.day] = used.get(t.day, 0) + t.minutes
    return sum(
        max(0, d.capacity_minutes - used.get(d.date, 0))
        for d in plan.days
        if today <= d.date < plan.settings.onsite
    )


def forecast(
    pack: Pack,
    plan: Plan | None,
    evidence: Evidence,
    today: dt.date,
    onsite: dt.date,
    settings: PlanSettings | None = None,
) -> Forecast:
    """The onsite-day readiness for a candidate who follows the plan from today, with each
    planned timed session scored like their current estimate for its round."""
    settings = settings or (plan.settings if plan else None)
    current = assess(pack, evidence, today, settings)
    estimates = {
        r.round.id: r.performance.estimate
        for r in current.rounds
        if r.performance is not None and r.performance.estimate is not None
    }

    def like_now(round_id: str) -> float:
        return estimates.get(round_id, DEFAULT_FIRST_SESSION)

    free = free_minutes(plan, today) if plan else 0
    overdue = sum(t.minutes for t in evidence.tasks if not t.done and t.day < today)
    projected = (
        follow_plan(pack, plan, evidence, today, like_now, catch_up=free) if plan else evidence
    )
    result = assess(pack, projected, max(today, onsite - dt.timedelta(days=1)), settings)
    return Forecast(
        pace=round(pace_so_far(plan, today), 2),
        scores={r.round.id: r.score for r in result.rounds},
        overall=result.overall,
        assumption=(
            "from today on you do every planned task and the preparation it asks for "
            "(research, a ready story per competency while there is time to draft one, the "
            "questions), and score each timed session still planned like your current "
            f"estimate for its round ({DEFAULT_FIRST_SESSION:g}, a typical first session, "
            "where you have none yet); missed sessions are not made up"
            + (
                f"; of the {overdue} overdue minutes only what fits in the {free} free "
                "minutes left is made up"
                if overdue > free
                else ""
            )
        ),
        verdict=result.verdict,
        statuses={r.round.id: r.status for r in result.rounds},
    )


def what_ifs(
    pack: Pack,
    evidence: Evidence,
    current: Readiness,
    today: dt.date,
    settings: PlanSettings | None = None,
) -> list[WhatIf]:
    """For each round below ready, the single change that would raise it most."""
    out: list[WhatIf] = []
    days_left = current.days_left
    for result in current.rounds:
        if result.status == "ready":
            continue
        rid = result.round.id
        options: list[tuple[str, Evidence]] = []
        if result.performance is not None and (days_left is None or days_left > 1):
            bar = result.performance.bar
            count = 2 if days_left is None or days_left > NO_NEW_DRAFTS_DAYS else 1
            mocks = tuple(
                session_mock(pack, rid, bar, today, f"what-if-{rid}-{i}") for i in range(count)
            )
            what = "two full" if count == 2 else "one full"
            options.append(
                (
                    f"{what} {result.round.name} session{'s' * (count > 1)} at the bar ({bar:g})",
                    replace(evidence, mocks=evidence.mocks + mocks),
                )
            )
        for gap in result.gaps:
            late = days_left is not None and days_left <= NO_NEW_DRAFTS_DAYS
            if gap.kind == "stories" and gap.target and not late:
                story = replace(follow_plan_story(gap.target), id=f"what-if-{gap.target}")
                name = next((c.name for c in pack.competencies if c.id == gap.target), gap.target)
                options.append(
                    (
                        f"a ready story on {name.lower()}",
                        replace(evidence, stories=(*evidence.stories, story)),
                    )
                )
                break
        research = [i for i in pack.research if rid in i.rounds]
        if research:
            done = tuple(ResearchState(item=i.id, status="done") for i in research)
            what = (
                "its research item" if len(research) == 1 else f"its {len(research)} research items"
            )
            options.append((f"finish {what}", replace(evidence, research=done + evidence.research)))
        best: WhatIf | None = None
        for label, changed in options:
            after = assess(pack, changed, today, settings).round(rid).score
            if after > result.score and (best is None or after > best.after):
                best = WhatIf(rid, label, result.score, after)
        if best:
            out.append(best)
    return sorted(out, key=lambda w: (-w.gain, w.round))


def follow_plan_story(competency: str) -> Story:
    """A complete, ready story on one competency (what drafting and rehearsing produce)."""
    return Story(
        id=f"plan-story-{competency}",
        title=competency,
        situation="Course completion on our learner app fell for two quarters in a row.",
        task="I owned the plan to bring weekly active learners back to the 8% growth goal.",
        action="I ran interviews with learners, I framed the trade-off for engineering and "
        "content partners, and I set a guardrail on refunds before we shipped.",
        result="Weekly active learners rose 9% in six weeks, so more learners finished a course.",
        competencies=(competency,),
        readiness="ready",
    )


def _already_planned(gap: Gap, tasks: Sequence[Task], today: dt.date) -> bool:
    """Whether the plan already holds this work on a day from today on."""
    ahead = [t for t in tasks if not t.done and t.day >= today]
    if gap.kind in SESSION_KINDS:
        kinds = TIMED_KINDS if gap.kind == "mocks" else (*TIMED_KINDS, "drill")
        return any(t.kind in kinds and gap.round in t.rounds for t in ahead)
    if gap.kind == "stories" and gap.action.startswith("draft"):
        return any(t.item == "draft-stories" for t in ahead)
    if gap.kind == "questions" and gap.target:
        return any(t.question == gap.target for t in ahead)
    if gap.kind == "tasks" and gap.target:
        return any(t.id == gap.target for t in ahead)
    return False


def schedule_gaps(
    gaps: Sequence[Gap],
    plan: Plan | None,
    today: dt.date,
    onsite: dt.date,
) -> list[DayAdvice]:
    """Put the next actions on the days left, in each day's free capacity.

    The actions come merged (one per thing to do) and ranked by how far they move the
    verdict per minute (the candidate's own research items, which move none, last); work the
    plan already holds on a later day is not proposed again;
    timed sessions never fall on the day before the onsite or next to another timed
    session; no story is drafted in the last three days; a day's planned work is never
    displaced, and work already ticked off today still fills today.
    """
    days: list[tuple[dt.date, int, int]] = []
    current = today
    by_day = {d.date: d for d in plan.days} if plan else {}
    tasks = plan.tasks if plan else ()
    while current < onsite:
        day = by_day.get(current)
        capacity = day.capacity_minutes if day else (0 if plan and by_day else DEFAULT_CAPACITY)
        if day is None and plan is not None and plan.days and current > plan.days[-1].date:
            capacity = 0
        planned = sum(
            t.minutes for t in tasks if t.day == current and (not t.done or current == today)
        )
        days.append((current, planned, capacity))
        current += dt.timedelta(days=1)
    free = [max(0, cap - planned) for _, planned, cap in days]
    actions: list[list[Gap]] = [[] for _ in days]
    index = {d: i for i, (d, _, _) in enumerate(days)}
    session_days = [index[t.day] for t in tasks if t.kind in TIMED_KINDS and t.day in index]
    eve = len(days) - 1
    for gap in gaps:
        # Work that moves no score is left out, but for the candidate's own research items:
        # they come last in the ranking, so they only take the time the rest leaves free.
        if (gap.gain <= 0 and not is_own_research(gap.target)) or _already_planned(
            gap, tasks, today
        ):
            continue
        is_session = gap.kind in SESSION_KINDS
        is_draft = gap.kind == "stories" and gap.action.startswith("draft")
        for i, (date, _, _) in enumerate(days):
            if free[i] < max(gap.minutes, MIN_FREE_MINUTES):
                continue
            if is_session and (i == eve or any(abs(i - m) < MOCK_GAP_DAYS for m in session_days)):
                continue
            if is_draft and (onsite - date).days <= NO_NEW_DRAFTS_DAYS:
                continue
            actions[i].append(gap)
            free[i] -= gap.minutes
            if is_session:
                session_days.append(i)
            break
    return [
        DayAdvice(
            date=d,
            planned_minutes=planned,
            free_minutes=max(0, cap - planned),
            actions=tuple(actions[i]),
        )
        for i, (d, planned, cap) in enumerate(days)
    ]


def undone_before(tasks: Sequence[Task], day: dt.date) -> list[Task]:
    """Tasks planned before `day` and not done."""
    return [t for t in tasks if not t.done and t.day < day]
