"""A task's linked question on disk: old files without the key still load (none)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from planner.cli import main
from planner.domain.models import Task
from planner.storage import RecordStore
from planner.storage.codec import task_from_record, task_to_record

TASK = Task(
    "timed-drill-1",
    "timed-drill",
    "Solo timed drill: Execution",
    "timed",
    ("execution",),
    60,
    dt.date(2026, 12, 7),
    question="ex-partner-cert-decline",
)


def test_a_task_round_trips_with_its_question() -> None:
    """Stored under `question`, read back the same."""
    record = task_to_record(TASK)
    assert record["question"] == "ex-partner-cert-decline"
    assert task_from_record(record) == TASK


@pytest.mark.parametrize("stored", ["missing", None, ""])
def test_a_task_stored_before_links_has_none(stored: str | None) -> None:
    """A record without the key (or with null or '') loads with no question."""
    record: dict[str, Any] = task_to_record(TASK)
    if stored == "missing":
        del record["question"]
    else:
        record["question"] = stored
    assert task_from_record(record).question == ""


@pytest.mark.parametrize("stored", [7, ["ex-partner-cert-decline"], "x" * 500])
def test_a_hand_broken_question_is_a_damaged_record(stored: object) -> None:
    """Not text, or far too long for an id: ValueError naming the field."""
    record: dict[str, Any] = task_to_record(TASK)
    record["question"] = stored
    with pytest.raises(ValueError, match="question"):
        task_from_record(record)


def test_an_old_data_file_loads_and_keeps_its_tasks_unlinked(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A plan saved before tasks named questions (no key on disk) loads; JSON says null."""
    assert main(["init", "--seniority", "mid", "--onsite", "2026-12-20"]) == 0
    path = data_dir / "planner.json"
    data = json.loads(path.read_bytes())
    for doc in data["tasks"].values():
        doc.pop("question", None)
    path.write_text(json.dumps(data))
    with RecordStore(data_dir).snapshot() as records:
        state = records.state()
    assert state.plan is not None
    assert state.damaged == ()
    assert all(t.question == "" for t in state.plan.tasks)
    capsys.readouterr()
    assert main(["plan", "--json"]) == 0
    tasks = [t for d in json.loads(capsys.readouterr().out)["days"] for t in d["tasks"]]
    assert tasks
    assert {t["question"] for t in tasks} == {None}
