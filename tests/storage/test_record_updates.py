"""Record updates read the record inside the lock their write holds (issue 14, item 1).

`update_mock` / `update_story` apply a change to the record as it is inside the
transaction; a record that is gone raises RecordGone (exit 2) and nothing is written. The
two-process races are in tests/reliability/test_record_races.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from planner.domain.models import Mock, Story
from planner.errors import EXIT_USAGE, exit_code
from planner.storage import RecordStore
from planner.storage.errors import RecordGone, Refused

DAY = dt.date(2026, 11, 24)


@pytest.fixture
def store(data_dir: Path) -> RecordStore:
    """A store with mock m1 and story s1."""
    store = RecordStore(data_dir)
    with store.session() as records:
        records.add_mock(Mock(id="m1", date=DAY, round="execution", minutes=45, scores={}))
        records.put_story(Story(id="s1", title="First"))
    return store


def test_an_update_applies_to_the_record_read_in_the_transaction(store: RecordStore) -> None:
    """The change gets the stored record and its result is what is saved."""
    seen: list[Mock] = []

    def change(old: Mock) -> Mock:
        seen.append(old)
        return dataclasses.replace(old, notes="changed")

    with store.session() as records:
        new = records.update_mock("m1", change)
    assert [m.id for m in seen] == ["m1"]
    assert new.notes == "changed"
    with store.snapshot() as records:
        assert records.mock("m1") == new
        assert records.story("s2") is None


def _change_gone(store: RecordStore, kind: str, action: str) -> None:
    """Add a record, then update or delete the gone one, in one transaction."""
    with store.session() as records:
        if kind == "mock":
            records.add_mock(Mock(id="m9", date=DAY, round="execution", minutes=5, scores={}))
            if action == "update":
                records.update_mock("m1", lambda m: m)
            else:
                records.delete_mock("m1")
        else:
            records.put_story(Story(id="s9", title="Other"))
            if action == "update":
                records.update_story("s1", lambda s: s)
            else:
                records.delete_story("s1")


@pytest.mark.parametrize("kind", ["mock", "story"])
def test_a_record_that_is_gone_is_refused_and_nothing_written(
    store: RecordStore, data_dir: Path, kind: str
) -> None:
    """Update or delete of a deleted record: RecordGone (exit 2), the file unchanged."""
    with store.session() as records:
        if kind == "mock":
            assert records.delete_mock("m1").id == "m1"
        else:
            assert records.delete_story("s1").id == "s1"
    before = (data_dir / "planner.json").read_bytes()
    for action in ("update", "delete"):
        with pytest.raises(RecordGone) as caught:
            _change_gone(store, kind, action)
        assert "no longer exists" in str(caught.value)
        assert exit_code(caught.value) == EXIT_USAGE
    assert (data_dir / "planner.json").read_bytes() == before


def test_a_damaged_record_is_refused_not_rewritten(store: RecordStore, data_dir: Path) -> None:
    """A hand-damaged mock is not updated nor deleted: Refused (exit 2), kept as it is."""
    path = data_dir / "planner.json"
    data = json.loads(path.read_bytes())
    data["mocks"]["1"]["minutes"] = -5
    path.write_text(json.dumps(data), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(Refused, match="damaged"), store.session() as records:
        records.update_mock("m1", lambda m: m)
    with pytest.raises(Refused, match="damaged"), store.session() as records:
        records.delete_mock("m1")
    assert path.read_bytes() == before
