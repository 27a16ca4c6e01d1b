"""Drills after a mock: the weak dimensions become short tasks, never on the eve of the onsite."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from planner.domain.drills import DRILL_MINUTES, MAX_DRILLS_PER_MOCK, drills_after
from planner.domain.models import SENIORITIES, Mock, Pack, Review

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


def test_each_drill_names_a_question_that_probes_its_dimension(pack: Pack) -> None:
    """The drill's question is on the task (and in its title) and probes the weak dimension."""
    drills = drills_after(pack, mock(pack, [1, 2, 5]), [], TODAY, ONSITE, seniority="mid")
    dims = [d.id for d in pack.rubric("execution").dimensions]
    for drill, dim in zip(drills, dims, strict=False):
        question = pack.question(drill.question)
        assert question.round == "execution"
        assert dim in question.dimensions
        assert drill.title.endswith(f"with question {drill.question}")


def test_a_drill_skips_a_question_practised_recently(pack: Pack) -> None:
    """A question reviewed two days ago gives way to another that probes the dimension."""
    first = drills_after(pack, mock(pack, [1, 5, 5]), [], TODAY, ONSITE, seniority="mid")[0]
    review = Review(first.question, TODAY - dt.timedelta(days=2), "good", TODAY)
    again = drills_after(
        pack, mock(pack, [1, 5, 5]), [], TODAY, ONSITE, seniority="mid", reviews=[review]
    )[0]
    assert again.question != first.question
    dim = pack.rubric("execution").dimensions[0].id
    assert dim in pack.question(again.question).dimensions


def test_a_drill_skips_the_question_asked_in_the_weak_mock(pack: Pack) -> None:
    """The mock's own question was just practised: the drill takes another one."""
    plain = drills_after(pack, mock(pack, [1, 5, 5]), [], TODAY, ONSITE, seniority="mid")[0]
    asked = replace(mock(pack, [1, 5, 5]), question=plain.question)
    drill = drills_after(pack, asked, [], TODAY, ONSITE, seniority="mid")[0]
    assert drill.question != plain.question


def test_a_drill_leaves_the_next_sessions_question_for_the_session(pack: Pack) -> None:
    """A question planned for the round's next timed session is not drilled beforehand."""
    plain = drills_after(pack, mock(pack, [1, 5, 5]), [], TODAY, ONSITE, seniority="mid")[0]
    drill = drills_after(
        pack, mock(pack, [1, 5, 5]), [], TODAY, ONSITE, seniority="mid", planned={plain.question}
    )[0]
    assert drill.question != plain.question


def test_drills_of_one_mock_take_different_questions(pack: Pack) -> None:
    """Two mocks under the bar running: the extra drill on the weakest dimension takes a new
    question."""
    drills = drills_after(
        pack, mock(pack, [1, 2, 5], "m2"), [mock(pack, [1, 1, 1])], TODAY, ONSITE, seniority="mid"
    )
    assert len({d.question for d in drills}) == len(drills) == 3


@pytest.mark.parametrize("seniority", [*SENIORITIES, None])
def test_a_drill_never_names_a_question_above_the_seniority(
    pack: Pack, seniority: str | None
) -> None:
    """Every round, every dimension scored 1: each drill's question is offered to them."""
    for rubric in pack.rubrics:
        dims = [d.id for d in rubric.dimensions]
        weak = Mock("m1", TODAY, rubric.round, 45, dict.fromkeys(dims, 1))
        for drill in drills_after(pack, weak, [], TODAY, ONSITE, seniority=seniority):
            assert pack.question(drill.question).fits(seniority), drill


def test_the_bar_is_the_seniority_s_bar(pack: Pack) -> None:
    """Coach finding 9: a senior's execution bar is 4, not the pack's default 3.5; the
    message names the senior bar, and two mocks at 3.75 running miss it twice."""
    first = mock(pack, [4, 4, 4, 3], "m1")
    second = mock(pack, [4, 4, 4, 3], "m2")
    senior = drills_after(pack, second, [first], TODAY, ONSITE, seniority="senior")
    assert "under the bar of 4" in senior[0].reason
    assert len(senior) == 2
    assert "two mocks running" in senior[-1].reason
    mid = drills_after(pack, second, [first], TODAY, ONSITE, seniority="mid")
    assert "under the bar of 3.5" in mid[0].reason
    assert len(mid) == 1


def test_an_early_candidate_is_drilled_only_under_the_early_bar(pack: Pack) -> None:
    """Early's system-design bar is 3: a 3 there is at the bar, not a drill."""
    dims = [d.id for d in pack.rubric("system-design").dimensions]
    logged = Mock("m1", TODAY, "system-design", 45, dict.fromkeys(dims, 3))
    assert drills_after(pack, logged, [], TODAY, ONSITE, seniority="early") == ()
    assert drills_after(pack, logged, [], TODAY, ONSITE, seniority="mid") != ()


def test_a_dimension_with_a_drill_still_open_gets_no_second_one(pack: Pack) -> None:
    """Coach review 5, finding 11: two weak execution mocks four days apart both drilled
    hypothesis before data with the same question. A dimension whose drill is still open is
    not drilled again, and the open drill's question is not given twice; a dimension whose
    drill is done is drilled again."""
    first = mock(pack, [1, 5, 5, 5], "m1")
    (drill,) = drills_after(pack, first, [], TODAY, ONSITE)
    second = replace(mock(pack, [1, 2, 5, 5], "m2"), date=TODAY + dt.timedelta(days=4))
    later = TODAY + dt.timedelta(days=4)
    again = drills_after(pack, second, [first], later, ONSITE, open_drills=[drill])
    dims = [d.name.lower() for d in pack.rubric("execution").dimensions]
    assert [t.title.split(" (")[0] for t in again] == [f"Drill {dims[1]}"]
    assert all(t.question != drill.question for t in again)
    done = replace(drill, done=True)
    redo = drills_after(pack, second, [first], later, ONSITE, open_drills=[done])
    assert redo[0].title.startswith(f"Drill {dims[0]}")
