"""A future rebuilt on top of the timed sessions already run (`planner screen`)."""

from __future__ import annotations

import datetime as dt

from plan_rules import real_pack, real_templates

from planner.domain.models import PlanSettings, Task
from planner.domain.schedule import fresh_future

DAY = dt.date(2026, 12, 1)


def _timed(task_id: str, kind: str, round_id: str, day: int, done: bool = False) -> Task:
    item = "timed-mock" if kind == "mock" else "timed-drill"
    return Task(
        task_id,
        item,
        f"{task_id} (baseline)",
        kind,
        (round_id,),
        60,
        DAY + dt.timedelta(days=day),
        done,
    )


def test_peer_mocks_run_count_toward_the_budget_and_baselines_are_not_run_again() -> None:
    """Three peer mocks run (mid's budget) and execution's baseline done: the fresh plan's
    peer mock runs solo, execution's fresh baseline goes while its retest stays (a veto
    round keeps one), and the new ids follow the old ones."""
    pack = real_pack()
    template = real_templates()["mid"]
    settings = PlanSettings("coursera-pm", "mid", DAY, DAY + dt.timedelta(days=30), 30, 1.5)
    kept = [
        _timed("timed-mock-1", "mock", "product-sense", 0, done=True),
        _timed("timed-mock-2", "mock", "leadership", 2, done=True),
        _timed("timed-mock-3", "mock", "system-design", 4, done=True),
        _timed("timed-drill-1", "timed", "execution", 5, done=True),
    ]
    fresh = [
        _timed("timed-drill-1", "timed", "execution", 10),
        _timed("timed-drill-2", "timed", "execution", 13),
        _timed("timed-mock-1", "mock", "mission", 15),
    ]
    out = fresh_future(kept, fresh, pack, template, settings)
    assert [(t.id, t.kind, t.rounds[0], t.title.rsplit("(", 1)[1]) for t in out] == [
        ("timed-drill-2", "timed", "execution", "retest)"),
        ("timed-drill-3", "timed", "mission", "baseline)"),
    ]
