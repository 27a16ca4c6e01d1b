"""A task keeps the day it was ticked; files written before that field existed still read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from planner.service import Planner
from planner.service.inputs import PlanInput
from planner.storage import codec

TODAY = dt.date(2026, 11, 25)


def test_ticking_stores_the_day_and_undoing_clears_it(
    make_planner: Callable[..., Planner],
) -> None:
    """`set_done` records today's date on the task; un-ticking removes it."""
    planner = make_planner()
    planner.plans.create(
        planner.plans.settings(PlanInput(seniority="mid", onsite=TODAY + dt.timedelta(days=20)))
    )
    first = planner.session.plan().tasks[0]
    make_planner(TODAY + dt.timedelta(days=2)).tasks.set_done([first.id], True)
    assert make_planner().session.plan().task(first.id).done_on == TODAY + dt.timedelta(days=2)
    make_planner().tasks.set_done([first.id], False)
    assert make_planner().session.plan().task(first.id).done_on is None


def test_a_task_record_without_done_on_reads_as_none() -> None:
    """An old record (no `done_on`) decodes, with no day."""
    record = {
        "id": "t1",
        "item": "study",
        "title": "Study",
        "kind": "study",
        "rounds": ["execution"],
        "minutes": 30,
        "day": "2026-11-20",
        "done": True,
        "reason": "",
    }
    assert codec.task_from_record(record).done_on is None
    assert codec.task_to_record(codec.task_from_record(record))["done_on"] is None
