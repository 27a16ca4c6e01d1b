"""Schema 2 -> 3 (the candidate's own research items) on a file the schema-2 planner wrote.

`tests/fixtures/schema-v2.json` is `planner demo` written by the planner before schema 3,
with a research note and a source added: every record it holds must survive the upgrade.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from planner.cli import main
from planner.storage import migrations

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "schema-v2.json"


@pytest.fixture
def v2_dir(data_dir: Path) -> Path:
    """A data folder holding the committed schema-2 file."""
    data_dir.mkdir(mode=0o700)
    shutil.copyfile(FIXTURE, data_dir / "planner.json")
    return data_dir


def _tables(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_bytes())
    return data


def test_the_fixture_is_a_full_schema_2_file() -> None:
    """Plan, mocks, stories, research with a note and a source, reviews; no own items."""
    data = _tables(FIXTURE)
    assert data["_meta"]["1"]["schema_version"] == 2
    for table in ("profile", "tasks", "mocks", "stories", "research", "reviews"):
        assert data[table], table
    assert "own_research" not in data
    assert any(r["sources"] for r in data["research"].values())


def test_the_step_adds_an_empty_table_and_keeps_a_hand_made_one() -> None:
    """Pure: the step adds `own_research` when missing and leaves one that is there."""
    assert migrations.MIGRATIONS[2]({"tasks": {}}) == {"tasks": {}, "own_research": {}}
    kept = {"own_research": {"1": {"id": "my-1"}}}
    assert migrations.MIGRATIONS[2](kept) == {"own_research": {"1": {"id": "my-1"}}}


def test_a_v2_file_reads_without_a_write_and_lists_no_own_items(
    v2_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A read command on the v2 file lists the pack's items as they were; bytes untouched."""
    assert main(["research", "list", "--json"]) == 0
    items = {i["id"]: i for i in json.loads(capsys.readouterr().out)}
    assert items["scale-figures"]["sources"] == ["https://investor.coursera.com"]
    assert not any(i.get("own") for i in items.values())
    assert (v2_dir / "planner.json").read_bytes() == FIXTURE.read_bytes()


def test_adding_an_own_item_upgrades_the_file_and_keeps_every_record(
    v2_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The first write migrates to schema 3 after a byte-identical pre-migration backup;
    every table of the v2 file comes through unchanged beside the new item."""
    before = _tables(FIXTURE)
    assert main(["research", "add", "--title", "Read the Q3 call", "--round", "execution"]) == 0
    assert capsys.readouterr().out.startswith("added research item my-1")
    after = _tables(v2_dir / "planner.json")
    assert after["_meta"]["1"]["schema_version"] == migrations.SCHEMA_VERSION == 3
    for table in ("profile", "tasks", "mocks", "stories", "research", "reviews"):
        assert after[table] == before[table], table
    [own] = after["own_research"].values()
    assert own == {
        "id": "my-1",
        "title": "Read the Q3 call",
        "rounds": ["execution"],
        "status": "todo",
        "note": "",
        "sources": [],
        "created": "2026-11-25",
    }
    backups = sorted((v2_dir / "backups").glob("*pre-migration-v2.json"))
    assert [b.read_bytes() for b in backups] == [FIXTURE.read_bytes()]


def test_an_older_planner_refuses_the_upgraded_file(
    v2_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A planner that knows schema 2 refuses the v3 file (exit 3) rather than losing the
    own items in a later export or restore."""
    assert main(["research", "add", "--title", "Mine", "--round", "execution"]) == 0
    written = (v2_dir / "planner.json").read_bytes()
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 2)
    capsys.readouterr()
    assert main(["research", "list"]) == 3
    assert "newer planner" in capsys.readouterr().err
    assert (v2_dir / "planner.json").read_bytes() == written
