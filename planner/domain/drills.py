"""Drills after a mock: its weakest rubric dimensions become short practice tasks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence

from planner.domain.choice import drill_question
from planner.domain.models import Mock, Pack, Review, Task

MAX_DRILLS_PER_MOCK = 3
DRILL_MINUTES = 30


def drills_after(
    pack: Pack,
    mock: Mock,
    earlier: Sequence[Mock],
    today: dt.date,
    onsite: dt.date,
    ahead: Collection[str] | None = None,
    seniority: str | None = None,
    reviews: Iterable[Review] = (),
    planned: Collection[str] = (),
    open_drills: Iterable[Task] = (),
) -> tuple[Task, ...]:
    """Drill tasks for the mock's dimensions under the round's bar, dated today.

    The weakest dimension comes first; a round that missed its bar in two mocks running gets
    one drill more. None from the day before the onsite on. The tasks still have to be
    placed in the plan's free time (`schedule.replan` with `extra`). None either for a round
    not in `ahead` (the rounds still ahead, when given): a screen behind the candidate needs
    no more drills.

    Each drill names its question (`choice.drill_question`): one of the round for this
    seniority that probes the drill's dimension and was not practised recently (reviewed,
    or asked in this or an earlier mock), nor is `planned` for the round's next timed
    sessions, nor taken by another drill of the same mock.

    A dimension one of `open_drills` (drill tasks not done yet) already drills gets no second
    drill, and their questions are not given again: no action twice.
    """
    if today >= onsite - dt.timedelta(days=1):
        return ()
    if ahead is not None and mock.round not in ahead:
        return ()
    rnd = pack.round(mock.round)
    bar = rnd.readiness.bar_for(seniority)
    dims = {d.id: d.name for d in pack.rubric(mock.round).dimensions}
    pending = [t for t in open_drills if not t.done and mock.round in t.rounds]
    drilled = {d for d, name in dims.items() if any(_drills(t, name, rnd.name) for t in pending)}
    weak = sorted((s, d) for d, s in mock.scores.items() if s < bar and d not in drilled)
    failing_again = bool(earlier) and earlier[-1].average < bar and mock.average < bar
    count = min(MAX_DRILLS_PER_MOCK, len(weak) + (1 if failing_again and weak else 0))
    reviews = tuple(reviews)
    taken: list[str] = [t.question for t in pending if t.question]
    drills: list[Task] = []
    for n in range(count):
        score, dim = weak[n % len(weak)]
        question = drill_question(
            pack,
            mock.round,
            dim,
            seniority,
            reviews,
            today,
            [*earlier, mock],
            avoid={*planned, *taken},
        )
        name = dims.get(dim, dim)
        title = _title(name, rnd.name)
        if question is not None:
            title += f" with question {question.id}"
            taken.append(question.id)
        reason = (
            f"scored {score}/5 on {name.lower()} in mock {mock.id} "
            f"({mock.date.isoformat()}), under the bar of {bar:g}"
        )
        if n >= len(weak):
            reason = f"{rnd.name} missed its bar in two mocks running: one more drill"
        drills.append(
            Task(
                id=f"drill-{mock.id}-{n + 1}",
                item=f"drill-{mock.round}",
                title=title,
                kind="drill",
                rounds=(mock.round,),
                minutes=DRILL_MINUTES,
                day=today,
                reason=reason,
                question=question.id if question is not None else "",
            )
        )
    return tuple(drills)


def _title(dimension: str, round_name: str) -> str:
    """The start of a drill's title: what it drills, for which round."""
    return f"Drill {dimension.lower()} ({round_name})"


def _drills(task: Task, dimension: str, round_name: str) -> bool:
    """Whether a drill task drills this dimension of this round."""
    return task.kind == "drill" and task.title.startswith(_title(dimension, round_name))
