"""Which round a new session serves: the plan's next timed session, never a passed screen."""

from __future__ import annotations

import datetime as dt

from plan_basics import real_pack

from planner.domain.models import Task
from planner.domain.stages import next_session_round

TODAY = dt.date(2026, 12, 2)


def task(kind: str, rounds: tuple[str, ...], day: int, done: bool = False) -> Task:
    """A plan task `day` days from today."""
    return Task(
        f"{kind}-{day}", "x", "x", kind, rounds, 45, TODAY + dt.timedelta(days=day), done=done
    )


AHEAD = ("hiring-manager", "product-sense", "execution", "mission")


def test_the_next_timed_session_still_to_do_names_the_round() -> None:
    tasks = [
        task("study", ("mission",), 0),
        task("timed", ("product-sense",), 1, done=True),
        task("mock", ("execution",), 3),
        task("timed", ("mission",), 5),
    ]
    assert next_session_round(real_pack(), tasks, AHEAD, TODAY) == "execution"


def test_sessions_ahead_come_before_overdue_ones() -> None:
    tasks = [task("timed", ("mission",), -2), task("timed", ("execution",), 4)]
    assert next_session_round(real_pack(), tasks, AHEAD, TODAY) == "execution"
    assert next_session_round(real_pack(), tasks[:1], AHEAD, TODAY) == "mission"


def test_a_passed_screen_is_never_the_default() -> None:
    """With no plan, the first round ahead in loop order, not the recruiter screen."""
    tasks = [task("timed", ("recruiter",), 1)]
    assert next_session_round(real_pack(), tasks, AHEAD, TODAY) == "hiring-manager"
    assert next_session_round(real_pack(), (), AHEAD, TODAY) == "hiring-manager"
    assert next_session_round(real_pack(), (), (), TODAY) == real_pack().round_ids[0]
