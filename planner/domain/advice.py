"""Advice before the onsite: forecast, what-if changes and a schedule for the days left."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from planner.domain.models import Mock, Pack, Plan, ResearchState, Story, Task
from planner.domain.readiness import Evidence, Gap, Readiness, assess

DEFAULT_FIRST_MOCK_AVERAGE = 3.0
DEFAULT_CAPACITY = 90
MIN_FREE_MINUTES = 20
MOCK_GAP_DAYS = 2


@dataclass(frozen=True)
class Forecast:
    """Where each round will stand on the onsite day if the pace so far holds."""

    pace: float
    """Share of the planned minutes done so far (1.0 when nothing was due yet)."""
    scores: dict[str, int]
    overall: int
    assumption: str


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


def _recent_average(mocks: Sequence[Mock], round_id: str) -> float:
    own = sorted((m for m in mocks if m.round == round_id), key=lambda m: (m.date, m.id))
    if not own:
        return DEFAULT_FIRST_MOCK_AVERAGE
    recent = own[-2:]
    return sum(m.average for m in recent) / len(recent)


def _synthetic_mock(pack: Pack, round_id: str, average: float, day: dt.date, n: int) -> Mock:
    dims = pack.rubric(round_id).dimensions
    score = max(1, min(5, math.ceil(average)))
    scores = {d.id: score for d in dims} or {"overall": score}
    return Mock(id=f"what-if-{round_id}-{n}", date=day, round=round_id, minutes=45, scores=scores)


def forecast(
    pack: Pack,
    plan: Plan | None,
    evidence: Evidence,
    today: dt.date,
    onsite: dt.date,
    skip_rounds: Sequence[str] = (),
) -> Forecast:
    """Project the onsite-day readiness: planned work done at the pace so far, and the
    planned mocks scored like the recent ones. Stories, research and practice stay as they are.
    """
    pace = pace_so_far(plan, today)
    tasks = list(evidence.tasks)
    extra_mocks: list[Mock] = []
    if plan is not None:
        future = [t for t in tasks if not t.done and t.day >= today]
        take = round(len(future) * pace)
        chosen = {t.id for t in future[:take]}
        tasks = [replace(t, done=True) if t.id in chosen else t for t in tasks]
        for n, t in enumerate(x for x in future if x.id in chosen and x.kind == "mock"):
            for round_id in t.rounds:
                extra_mocks.append(
                    _synthetic_mock(
                        pack, round_id, _recent_average(evidence.mocks, round_id), t.day, n
                    )
                )
    projected = Evidence(
        tasks=tuple(tasks),
        mocks=evidence.mocks + tuple(extra_mocks),
        stories=evidence.stories,
        research=evidence.research,
        reviews=evidence.reviews,
    )
    result = assess(pack, projected, onsite, skip_rounds)
    return Forecast(
        pace=round(pace, 2),
        scores={r.round.id: r.score for r in result.rounds},
        overall=result.overall,
        assumption=(
            f"you keep doing {round(pace * 100)}% of the planned work and score the "
            "planned mocks like your recent ones"
        ),
    )


def what_ifs(
    pack: Pack,
    evidence: Evidence,
    current: Readiness,
    today: dt.date,
    skip_rounds: Sequence[str] = (),
) -> list[WhatIf]:
    """For each round below ready, the single change that would raise it most."""
    out: list[WhatIf] = []
    for result in current.rounds:
        if result.status == "ready":
            continue
        rid = result.round.id
        cfg = result.round.readiness
        options: list[tuple[str, Evidence]] = []
        if cfg.mocks_target:
            n = max(2, cfg.mocks_target)
            mocks = tuple(_synthetic_mock(pack, rid, cfg.bar, today, i) for i in range(n))
            options.append(
                (
                    f"{n} more {result.round.name} mocks at the bar",
                    replace(evidence, mocks=evidence.mocks + mocks),
                )
            )
        for gap in result.gaps:
            if gap.kind == "stories" and gap.target:
                story = Story(
                    id="what-if", title="what if", competencies=(gap.target,), readiness="ready"
                )
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
            options.append(
                (
                    f"finish {what}",
                    replace(evidence, research=done + evidence.research),
                )
            )
        best: WhatIf | None = None
        for label, changed in options:
            after = assess(pack, changed, today, skip_rounds).round(rid).score
            if after > result.score and (best is None or after > best.after):
                best = WhatIf(rid, label, result.score, after)
        if best:
            out.append(best)
    return sorted(out, key=lambda w: (-w.gain, w.round))


def schedule_gaps(
    gaps: Sequence[Gap],
    plan: Plan | None,
    today: dt.date,
    onsite: dt.date,
) -> list[DayAdvice]:
    """Put the gaps' next actions on the days left, in each day's free capacity.

    Highest impact per minute first; mocks at least two days apart (from each other and
    from the plan's own mocks) and never on the last working day; a day's planned work is
    never displaced, and work already ticked off today still fills today.
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
    mock_days = [index[t.day] for t in tasks if t.kind == "mock" and t.day in index]
    last = max((i for i, (_, _, cap) in enumerate(days) if cap > 0), default=len(days) - 1)
    for gap in sorted(gaps, key=lambda g: (-g.impact_per_minute, g.round, g.kind)):
        if gap.gain <= 0:
            continue
        is_mock = gap.kind == "mocks"
        for i in range(len(days)):
            if free[i] < max(gap.minutes, MIN_FREE_MINUTES):
                continue
            if is_mock and (i == last or any(abs(i - m) < MOCK_GAP_DAYS for m in mock_days)):
                continue
            actions[i].append(gap)
            free[i] -= gap.minutes
            if is_mock:
                mock_days.append(i)
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
