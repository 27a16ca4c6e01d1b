"""One damaged record: the rest loads, the bad one is reported and kept; unknown fields survive."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from planner.cli import main
from planner.storage import RecordStore

MOCK_ARGS = ["--round", "execution", "--score", "hypothesis-first=2"]


def _edit(data_dir: Path, change: Callable[[dict[str, Any]], None]) -> None:
    path = data_dir / "planner.json"
    data = json.loads(path.read_bytes())
    change(data)
    path.write_text(json.dumps(data))


def _docs(data_dir: Path, table: str) -> dict[str, dict[str, Any]]:
    """The raw records of a table, by id."""
    data = json.loads((data_dir / "planner.json").read_bytes())
    return {doc["id"]: doc for doc in data.get(table, {}).values()}


@pytest.fixture
def damaged(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, Any]]:
    """A plan and four mocks, hand-edited: m2 scored 11, m3 on 2024-13-45, unknown fields."""
    assert main(["init", "--seniority", "mid", "--onsite", "2026-12-20"]) == 0
    for _ in range(4):
        assert main(["mock", "add", "--round", "execution"]) == 0
    capsys.readouterr()

    def change(data: dict[str, Any]) -> None:
        mocks = {doc["id"]: doc for doc in data["mocks"].values()}
        mocks["m2"]["scores"] = {"hypothesis-first": 11}
        mocks["m3"]["date"] = "2024-13-45"
        mocks["m4"]["mood"] = "calm"
        tasks = list(data["tasks"].values())
        tasks[0]["colour"] = "blue"
        tasks[1]["minutes"] = -5

    _edit(data_dir, change)
    return {**_docs(data_dir, "mocks"), **_docs(data_dir, "tasks")}


def test_damaged_records_are_reported_and_the_rest_loads(
    data_dir: Path, damaged: dict[str, dict[str, Any]]
) -> None:
    """The state holds the good records; State.damaged names each bad one and why."""
    with RecordStore(data_dir).snapshot() as records:
        state = records.state()
    assert [m.id for m in state.mocks] == ["m1", "m4"]
    assert state.plan is not None
    assert len(state.damaged) == 3
    joined = " | ".join(state.damaged)
    assert "score hypothesis-first 11" in joined
    assert "'2024-13-45' is not a date" in joined
    assert "minutes -5" in joined


def test_next_save_keeps_damaged_records_and_unknown_fields(
    data_dir: Path, damaged: dict[str, dict[str, Any]]
) -> None:
    """Logging a mock (which rewrites the tasks) and a replan keep bad records and extra fields."""
    bad_task = next(d for d in damaged.values() if d.get("minutes") == -5)
    coloured = next(d for d in damaged.values() if d.get("colour") == "blue")
    assert main(["mock", "add", *MOCK_ARGS]) == 0
    assert main(["replan"]) == 0
    mocks = _docs(data_dir, "mocks")
    tasks = _docs(data_dir, "tasks")
    assert mocks["m2"] == damaged["m2"]
    assert mocks["m3"] == damaged["m3"]
    assert mocks["m4"]["mood"] == "calm"
    assert "m5" in mocks
    assert tasks[bad_task["id"]] == bad_task
    assert tasks[coloured["id"]]["colour"] == "blue"


def test_editing_a_record_keeps_its_unknown_fields(
    data_dir: Path, damaged: dict[str, dict[str, Any]]
) -> None:
    """`mock edit` rewrites the known fields and leaves the ones this version does not know."""
    assert main(["mock", "edit", "m4", "--notes", "calmer than last time"]) == 0
    m4 = _docs(data_dir, "mocks")["m4"]
    assert m4["notes"] == "calmer than last time"
    assert m4["mood"] == "calm"


def test_new_ids_never_collide_with_a_stale_counter(data_dir: Path) -> None:
    """A counter hand-edited below the highest id still hands out a fresh id."""
    for _ in range(3):
        assert main(["mock", "add", "--round", "execution"]) == 0

    def change(data: dict[str, Any]) -> None:
        data["_meta"]["1"]["counters"] = {"m": "garbage"}

    _edit(data_dir, change)
    assert main(["mock", "add", "--round", "execution"]) == 0
    assert sorted(_docs(data_dir, "mocks")) == ["m1", "m2", "m3", "m4"]
