"""Drills after a mock: the weak dimensions become short tasks, never on the eve of the onsite."""

from __future__ import annotations

import datetime as dt

from planner.domain.drills import DRILL_MINUTES, MAX_DRILLS_PER_MOCK, drills_after
from planner.domain.models import Mock, Pack

TODAY = dt.date(2026, 11, 25)
ONSITE = TODAY + dt.timedelta(days=20)


def mock(pack: Pack, scores: list[int], mock_id: str = "m1") -> Mock:
    dims = [d.id for d in pack.rubric("execution").dimensions]
    return Mock(
        id=mock_id,
        date=TODAY,
        round="execution",
        minutes=45,
        scores=dict(zip(dims, scores, strict=False)),
    )


def test_each_dimension_under_the_bar_gets_a_drill_weakest_first(pack: Pack) -> None:
    """Scores under the bar give one drill each, the lowest first, dated today."""
    logged = mock(pack, [1, 2, 5])
    drills = drills_after(pack, logged, [], TODAY, ONSITE)
    assert [t.id for t in drills] == ["drill-m1-1", "drill-m1-2"]
    assert all(t.day == TODAY and t.minutes == DRILL_MINUTES for t in drills)
    assert "scored 1/5" in drills[0].reason
    assert all(t.kind == "drill" and t.rounds == ("execution",) for t in drills)


def test_missing_the_bar_twice_running_adds_one_drill(pack: Pack) -> None:
    """A second mock under the bar in a row brings one drill more, capped per mock."""
    first = mock(pack, [1, 1, 1], "m1")
    second = mock(pack, [1, 2, 5], "m2")
    drills = drills_after(pack, second, [first], TODAY, ONSITE)
    assert len(drills) == MAX_DRILLS_PER_MOCK == 3
    assert "two mocks running" in drills[-1].reason


def test_no_drills_from_the_day_before_the_onsite(pack: Pack) -> None:
    """There is no time left to drill on the eve of the onsite."""
    eve = ONSITE - dt.timedelta(days=1)
    assert drills_after(pack, mock(pack, [1, 1, 1]), [], eve, ONSITE) == ()


def test_a_mock_at_the_bar_needs_no_drill(pack: Pack) -> None:
    """Every dimension at or above the bar: nothing to drill."""
    assert drills_after(pack, mock(pack, [5, 5, 5]), [], TODAY, ONSITE) == ()
