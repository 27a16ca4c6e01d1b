"""The records behave as frozen dataclasses do, though their equality, hash and repr are
written once (`planner.domain.models._Record`) rather than generated per class."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from planner.domain import models
from planner.domain.models import Day, Mock, Plan, PlanSettings, Review, State, Story, Task

DAY = dt.date(2026, 11, 25)
RECORDS = (
    "Task",
    "Day",
    "PlanSettings",
    "Adjustment",
    "Plan",
    "Mock",
    "ResearchState",
    "Story",
    "Review",
    "State",
)


def task(**changes: object) -> Task:
    base = Task("t1", "item", "Title", "study", ("product-sense",), 30, DAY)
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_equality_and_hash_follow_every_field() -> None:
    assert task() == task()
    assert hash(task()) == hash(task())
    assert task() != task(done=True)
    assert task() != task(done_on=DAY)
    assert {task(), task(), task(minutes=45)} == {task(), task(minutes=45)}


def test_a_record_equals_only_a_record_of_its_own_class() -> None:
    review = Review("q1", DAY, "good", DAY)
    assert review != ("q1", DAY, "good", DAY)
    assert Day(DAY, False, 60) != Review("q1", DAY, "good", DAY)
    assert (review == object()) is False


def test_repr_names_each_field_as_a_dataclass_does() -> None:
    assert repr(Day(DAY, rest=False, capacity_minutes=60)) == (
        "Day(date=datetime.date(2026, 11, 25), rest=False, capacity_minutes=60)"
    )
    assert repr(Story("s1", "Launch")).startswith("Story(id='s1', title='Launch', situation=''")


def test_records_are_frozen_and_replace_works() -> None:
    done = dataclasses.replace(task(), done=True)
    assert done.done
    assert done.id == "t1"
    with pytest.raises(dataclasses.FrozenInstanceError):
        done.done = False  # type: ignore[misc]


def test_mock_average_is_kept_out_of_equality() -> None:
    mock = Mock("m1", DAY, "execution", 45, {"a": 3, "b": 4})
    assert mock.average == 3.5
    assert mock == Mock("m1", DAY, "execution", 45, {"a": 3, "b": 4})


def test_nested_records_compare_by_value() -> None:
    settings = PlanSettings("coursera-pm", "mid", DAY, DAY + dt.timedelta(days=1), 1, 1.5)
    one = State(Plan(settings, (Day(DAY, False, 90),), (task(),)))
    two = State(Plan(settings, (Day(DAY, False, 90),), (task(),)))
    assert one == two
    assert hash(one.plan) == hash(two.plan)


@pytest.mark.parametrize("name", RECORDS)
def test_every_record_is_a_record(name: str) -> None:
    cls: type[models._Record] = getattr(models, name)
    assert issubclass(cls, models._Record)
    assert cls.__match_args__ == tuple(f.name for f in dataclasses.fields(getattr(models, name)))


def test_the_content_types_are_reexported() -> None:
    from planner.domain import content

    assert models.Pack is content.Pack
    with pytest.raises(AttributeError):
        models.NoSuchType  # type: ignore[attr-defined]  # noqa: B018
