"""Schema versions: the v1 fixture works, migrations run once with a backup, newer is refused."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from planner.cli import main
from planner.storage import CorruptDatabase, RecordStore, migrations

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "schema-v1.json"
READ_COMMANDS = (
    ["plan"],
    ["plan", "--json"],
    ["today"],
    ["today", "--json"],
    ["mock", "list"],
    ["mock", "list", "--json"],
    ["research", "list", "--json"],
    ["story", "list"],
    ["story", "show", "s1", "--json"],
    ["story", "lint"],
    ["rubric", "--json"],
    ["competencies", "--json"],
    ["questions", "--due"],
    ["gaps", "--json"],
    ["check"],
    ["check", "--json"],
    ["export", "--format", "md"],
    ["export", "--format", "ics"],
    ["export", "--format", "json"],
    ["restore", "--list"],
)
Tables = dict[str, dict[str, Any]]


@pytest.fixture
def v1_dir(data_dir: Path) -> Path:
    """A data folder holding the committed schema-1 fixture."""
    data_dir.mkdir(mode=0o700)
    shutil.copyfile(FIXTURE, data_dir / "planner.json")
    return data_dir


@pytest.fixture
def fake_v2(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """This planner knows schema 2; the step 1 -> 2 adds a field to each mock; calls counted."""
    calls: list[int] = []

    def step(tables: Tables) -> Tables:
        calls.append(1)
        for doc in tables.get("mocks", {}).values():
            doc["channel"] = "video"
        return tables

    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(migrations, "MIGRATIONS", {1: step})
    return calls


def _schema(data_dir: Path) -> int:
    version: int = json.loads((data_dir / "planner.json").read_bytes())["_meta"]["1"][
        "schema_version"
    ]
    return version


def test_v1_fixture_holds_every_kind_of_record() -> None:
    """The fixture is a realistic v1 file: plan, mocks, stories, research and reviews."""
    data = json.loads(FIXTURE.read_bytes())
    assert data["_meta"]["1"]["schema_version"] == 1
    for table in ("profile", "tasks", "mocks", "stories", "research", "reviews"):
        assert data[table], table


@pytest.mark.parametrize("argv", READ_COMMANDS, ids=" ".join)
def test_read_command_works_on_v1_fixture(
    argv: list[str], v1_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every read command exits 0 on the v1 file and leaves it byte for byte."""
    code = main(argv)
    out = capsys.readouterr()
    assert code == 0, out.err
    assert out.out
    assert (v1_dir / "planner.json").read_bytes() == FIXTURE.read_bytes()


def test_migration_runs_once_and_keeps_a_byte_identical_backup(
    v1_dir: Path, fake_v2: list[int]
) -> None:
    """The first write migrates (once), after a pre-migration backup equal to the v1 bytes."""
    with RecordStore(v1_dir).snapshot() as records:
        assert records.db.table("mocks").all()[0]["channel"] == "video"
    assert (v1_dir / "planner.json").read_bytes() == FIXTURE.read_bytes()
    store = RecordStore(v1_dir)
    with store.session():
        pass
    assert _schema(v1_dir) == 2
    backups = sorted((v1_dir / "backups").glob("*pre-migration-v1.json"))
    assert [b.read_bytes() for b in backups] == [FIXTURE.read_bytes()]
    assert backups[0].stat().st_mode & 0o777 == 0o600
    migrated = (v1_dir / "planner.json").read_bytes()
    with RecordStore(v1_dir).session() as records:
        assert all(m["channel"] == "video" for m in records.db.table("mocks").all())
    assert (v1_dir / "planner.json").read_bytes() == migrated
    assert len(fake_v2) == 2  # the read above and the write; the v2 file needs no step


def test_second_run_after_migration_changes_nothing(v1_dir: Path, fake_v2: list[int]) -> None:
    """Through the CLI: a write migrates; further reads and no-op runs leave the file alone."""
    assert main(["story", "rehearse", "s1"]) == 0
    migrated = (v1_dir / "planner.json").read_bytes()
    calls = len(fake_v2)
    for argv in (["today"], ["mock", "list", "--json"], ["story", "list"]):
        assert main(argv) == 0
    assert (v1_dir / "planner.json").read_bytes() == migrated
    assert len(fake_v2) == calls
    assert len(list((v1_dir / "backups").glob("*pre-migration*"))) == 1
    assert b'"channel":"video"' in migrated


def test_read_command_on_old_schema_does_not_write(
    v1_dir: Path, fake_v2: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    """A read command migrates in memory only: the v1 file stays as it was."""
    assert main(["mock", "list", "--json"]) == 0
    assert '"channel"' not in capsys.readouterr().out  # the JSON shape lists known fields
    assert (v1_dir / "planner.json").read_bytes() == FIXTURE.read_bytes()
    assert not (v1_dir / "backups").exists()


def test_newer_schema_is_refused_without_writing(
    v1_dir: Path, fake_v2: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    """A file from a newer planner raises CorruptDatabase in a transaction; nothing is written."""
    data = json.loads(FIXTURE.read_bytes())
    data["_meta"]["1"]["schema_version"] = 3
    raw = json.dumps(data).encode()
    (v1_dir / "planner.json").write_bytes(raw)
    with pytest.raises(CorruptDatabase, match="newer planner"), RecordStore(v1_dir).session():
        pass
    assert main(["story", "add", "--title", "New"]) == 3
    assert "upgrade the planner" in capsys.readouterr().err
    assert (v1_dir / "planner.json").read_bytes() == raw
    assert not (v1_dir / "backups").exists()


def test_migration_step_that_fails_is_reported_without_writing(
    v1_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A step that raises on this file means exit 3 naming the schema; the v1 file stays."""

    def broken(tables: Tables) -> Tables:
        raise KeyError("profile")

    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(migrations, "MIGRATIONS", {1: broken})
    assert main(["story", "add", "--title", "New"]) == 3
    err = capsys.readouterr().err
    assert "could not be upgraded from schema 1" in err
    assert "Traceback" not in err
    assert (v1_dir / "planner.json").read_bytes() == FIXTURE.read_bytes()
