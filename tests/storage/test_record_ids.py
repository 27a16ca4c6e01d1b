"""Ids are never reused, not even across an export and an import; repeated ids are refused.

A reused mock id brings a deleted mock's history back to life and makes its derived drill
ids (`drill-mN-K`) collide with the drills already in the plan; a repeated task id in an
import makes a later write overwrite one task with the other.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from planner.cli import main

DIMENSIONS = ("hypothesis-first", "metric-decomposition", "decisive-on-partial-data")


def weak(n: int) -> list[str]:
    """The n-th mock (from 1), under the bar on a dimension of its own: each one adds drills
    `drill-mN-K` to the plan (a dimension whose drill is still open gets no second one)."""
    return ["--round", "execution", "--score", f"{(*DIMENSIONS, 'long-term-value')[n - 1]}=2"]


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _json(argv: list[str], capsys: pytest.CaptureFixture[str]) -> Any:
    code, out, err = _run(argv, capsys)
    assert code == 0, err
    return json.loads(out)


def _task_ids(capsys: pytest.CaptureFixture[str], *prefix: str) -> list[str]:
    plan = _json([*prefix, "plan", "--json"], capsys)
    return [t["id"] for d in plan["days"] for t in d["tasks"]]


def _files(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "planner.lock"
    }


@pytest.fixture
def exported(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A plan, three weak mocks (each adds drills) and two stories; the newest mock and
    story are deleted, then everything is exported."""
    onsite = ["--onsite", "2027-01-20", "--start", "2026-11-25", "--days", "56"]
    assert main(["init", "--seniority", "mid", *onsite]) == 0
    for n in (1, 2, 3):
        assert main(["mock", "add", *weak(n)]) == 0
    assert main(["story", "add", "--title", "Kept"]) == 0
    assert main(["story", "add", "--title", "Deleted"]) == 0
    assert main(["mock", "delete", "m3"]) == 0
    assert main(["story", "delete", "s2"]) == 0
    assert any(t.startswith("drill-m3-") for t in _task_ids(capsys))
    target = tmp_path / "export.json"
    assert main(["export", "--format", "json", "-o", str(target)]) == 0
    return target


def test_a_deleted_id_is_not_reused(exported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """In the same folder, the next mock and story after a delete get fresh ids."""
    code, _, err = _run(["mock", "add", *weak(4)], capsys)
    assert code == 0, err
    assert [m["id"] for m in _json(["mock", "list", "--json"], capsys)] == ["m1", "m2", "m4"]
    assert _run(["story", "add", "--title", "New"], capsys)[0] == 0
    assert [s["id"] for s in _json(["story", "list", "--json"], capsys)] == ["s1", "s3"]


@pytest.mark.parametrize("how", ["new-folder", "replace"])
def test_ids_are_not_reused_after_export_and_import(
    exported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    """Delete + export + import: new records never take a deleted id, and the new mock's
    drills do not collide with the drills of the deleted one."""
    prefix = ["--data-dir", str(tmp_path / "other")] if how == "new-folder" else []
    code, out, err = _run([*prefix, "import", str(exported), "--replace"], capsys)
    assert code == 0, err
    assert out.startswith("imported 1 profile, ")
    assert "_meta" not in out  # the counters travel with the export but are not records
    drills_before = [t for t in _task_ids(capsys, *prefix) if t.startswith("drill-")]
    assert _run([*prefix, "mock", "add", *weak(4)], capsys)[0] == 0
    assert _run([*prefix, "story", "add", "--title", "New"], capsys)[0] == 0
    mocks = [m["id"] for m in _json([*prefix, "mock", "list", "--json"], capsys)]
    stories = [s["id"] for s in _json([*prefix, "story", "list", "--json"], capsys)]
    assert mocks == ["m1", "m2", "m4"]
    assert stories == ["s1", "s3"]
    ids = _task_ids(capsys, *prefix)
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    drills_after = [t for t in ids if t.startswith("drill-")]
    assert set(drills_before) <= set(drills_after)
    assert any(t.startswith("drill-m4-") for t in drills_after)


def test_an_export_without_counters_still_avoids_drill_collisions(
    exported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An export that carries no id counters (an older one): the drill ids already in the
    plan still keep the deleted mock's id from coming back."""
    doc = json.loads(exported.read_text(encoding="utf-8"))
    doc["data"].pop("_meta", None)
    exported.write_text(json.dumps(doc), encoding="utf-8")
    prefix = ["--data-dir", str(tmp_path / "other")]
    assert _run([*prefix, "import", str(exported)], capsys)[0] == 0
    assert _run([*prefix, "mock", "add", *weak(4)], capsys)[0] == 0
    mocks = [m["id"] for m in _json([*prefix, "mock", "list", "--json"], capsys)]
    assert mocks == ["m1", "m2", "m4"]
    ids = _task_ids(capsys, *prefix)
    assert [i for i, n in Counter(ids).items() if n > 1] == []


def _repeat(table: str, key: str) -> Any:
    def change(data: dict[str, list[dict[str, Any]]]) -> None:
        records = data[table]
        assert len(records) >= 2
        records[1][key] = records[0][key]

    return change


@pytest.mark.parametrize(
    ("table", "key"),
    [("tasks", "id"), ("mocks", "id"), ("stories", "id")],
)
def test_an_import_with_a_repeated_id_is_refused(
    exported: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    table: str,
    key: str,
) -> None:
    """A repeated task, mock or story id: exit 2, one line naming it, nothing written."""
    assert main(["story", "add", "--title", "Another"]) == 0
    doc = json.loads(exported.read_text(encoding="utf-8"))
    if len(doc["data"][table]) < 2:
        doc["data"][table].append(dict(doc["data"][table][0], title="Twin"))
    _repeat(table, key)(doc["data"])
    repeated = doc["data"][table][0][key]
    exported.write_text(json.dumps(doc), encoding="utf-8")
    other = tmp_path / "other"
    for prefix, flags in (([], ["--replace"]), (["--data-dir", str(other)], [])):
        folder = other if prefix else exported.parent / "data"
        before = _files(folder)
        code, _, err = _run([*prefix, "import", str(exported), *flags], capsys)
        assert code == 2, err
        assert err.count("\n") == 1, err
        assert repeated in err
        assert _files(folder) == before
