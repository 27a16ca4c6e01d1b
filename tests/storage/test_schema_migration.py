"""Schema versions: the v1 fixture works, migrations run once with a backup, newer is refused."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from planner.cli import main
from planner.domain.stages import passed_rounds, rounds_ahead
from planner.service import Planner
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


SCREENS = {"recruiter", "hiring-manager"}


def _screen_tasks(tables: dict[str, Any]) -> dict[str, Any]:
    return {t["id"]: t for t in tables["tasks"].values() if set(t["rounds"]) <= SCREENS}


def test_v1_to_v2_keeps_screen_tasks_and_every_screen_ahead(
    v1_dir: Path, capsys: pytest.CaptureFixture[str], make_planner: Callable[..., Planner]
) -> None:
    """The real step 1 -> 2: a write stores the new settings keys explicitly (no screen
    dated, none passed, no away days or holidays); the screen tasks stay, the screens ahead."""
    original = json.loads(FIXTURE.read_bytes())
    screen_tasks = _screen_tasks(original)
    assert any(t["done"] for t in screen_tasks.values())
    assert any(not t["done"] for t in screen_tasks.values())
    assert main(["story", "rehearse", "s1"]) == 0
    migrated = json.loads((v1_dir / "planner.json").read_bytes())
    assert migrated["_meta"]["1"]["schema_version"] == migrations.SCHEMA_VERSION == 3
    settings = migrated["profile"]["1"]["settings"]
    assert settings["screens"] == {}
    assert settings["passed_screens"] == []
    assert (settings["away"], settings["holidays"], settings["holiday_country"]) == ([], [], "")
    assert _screen_tasks(migrated) == screen_tasks
    capsys.readouterr()
    assert main(["plan", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert (payload["screens"], payload["passed_screens"]) == ({}, [])
    planner = make_planner()
    plan = planner.session.plan()
    assert passed_rounds(planner.session.pack(), plan.settings, planner.today) == ()
    assert set(rounds_ahead(planner.session.pack(), plan.settings, planner.today)) >= SCREENS


def test_v1_step_is_pure_and_leaves_given_keys_alone() -> None:
    """The step adds only the missing keys and skips a damaged settings record."""
    tables: Tables = {
        "profile": {"1": {"settings": {"pack": "coursera-pm", "away": ["2026-12-01"]}}},
        "tasks": {},
    }
    out = migrations.MIGRATIONS[1](tables)
    assert out["profile"]["1"]["settings"]["away"] == ["2026-12-01"]
    assert out["profile"]["1"]["settings"]["passed_screens"] == []
    damaged: Tables = {"profile": {"1": {"settings": "broken"}}}
    assert migrations.MIGRATIONS[1](damaged) == {"profile": {"1": {"settings": "broken"}}}


def test_a_passed_screen_on_a_migrated_v1_plan_drops_its_unfinished_tasks(
    v1_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`planner screen hiring-manager --passed` on the v1 plan: its unfinished tasks go,
    its done ones stay where they were, the other screen stays ahead."""
    original = _screen_tasks(json.loads(FIXTURE.read_bytes()))
    hiring = {i: t for i, t in original.items() if t["rounds"] == ["hiring-manager"]}
    assert main(["screen", "hiring-manager", "--passed"]) == 0
    tasks = {
        t["id"]: t for t in json.loads((v1_dir / "planner.json").read_bytes())["tasks"].values()
    }
    for task_id, task in hiring.items():
        if task["done"]:
            assert (tasks[task_id]["day"], tasks[task_id]["done"]) == (task["day"], True)
    assert not [t for t in tasks.values() if t["rounds"] == ["hiring-manager"] and not t["done"]]
    capsys.readouterr()
    assert main(["plan", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert (payload["screens"], payload["passed_screens"]) == ({}, ["hiring-manager"])
