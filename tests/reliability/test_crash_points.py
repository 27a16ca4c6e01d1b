"""Crash-point sweep: the writer dies at every named point; the invariant holds at each."""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from reliability_harness import (
    ROOT,
    ChildRun,
    Tally,
    check_planner_dir,
    child_env,
    copy_dir,
    disk_digest,
    fake_migration_v2,
    prefill,
    run_child,
    script,
    temp_files,
)

from planner.storage import atomic, migrations
from planner.storage.fileformat import parse

CRASHED = 137
BEFORE_REPLACE = "ok-last-ack"
AFTER_REPLACE = "ok-in-flight"


@dataclass(frozen=True)
class Case:
    """Where to crash and what the data file must hold afterwards."""

    target: str
    mode: str = "save"
    expect: str = BEFORE_REPLACE
    temp_left: bool = False

    @property
    def point(self) -> str:
        """The crash point's name without the occurrence count."""
        return self.target.partition(":")[0]


SAVE_CASES = (
    Case("after-temp-create", temp_left=True),
    Case("after-temp-create:3", temp_left=True),
    Case("after-half-write", temp_left=True),
    Case("after-half-write:4", temp_left=True),
    Case("after-fsync:2", temp_left=True),
    Case("after-backup-link:2", temp_left=True),
    Case("mid-backup-rotation", temp_left=True),
    Case("before-replace:3", temp_left=True),
    Case("after-replace", expect=AFTER_REPLACE),
    Case("after-replace:3", expect=AFTER_REPLACE),
    Case("before-dir-fsync:2", expect=AFTER_REPLACE),
    Case("after-commit:2", expect=AFTER_REPLACE),
)
MIGRATION_CASES = (
    Case("mid-migration-2", mode="migrate"),
    Case("after-temp-create", mode="migrate", temp_left=True),
    Case("after-pre-migration-backup", mode="migrate"),
    Case("after-replace:2", mode="migrate", expect=AFTER_REPLACE),
)
RESTORE_CASES = (
    Case("after-restore-keep", mode="restore"),
    Case("after-replace:2", mode="restore", expect=AFTER_REPLACE),
)
SAVES = 8
"""Saves per child: enough for the backups to rotate (five are kept)."""


def _template(tmp_path: Path) -> Path:
    folder = tmp_path / "template"
    prefill(folder, mocks=10, stories=4, story_words=40)
    return folder


def _run(case: Case, folder: Path) -> ChildRun:
    env = child_env(PLANNER_CRASH_AT=case.target)
    return run_child([script("crash_child.py"), str(folder), case.mode, str(SAVES)], env)


def _check_save_case(case: Case, folder: Path, initial: str) -> list[str]:
    """Crash a saving child at the case's point; return the problems found."""
    run = _run(case, folder)
    if run.returncode != CRASHED:
        return [f"{case.target}: never reached (exit {run.returncode}) {run.stderr[-300:]}"]
    had_temp = bool(temp_files(folder))
    tally = Tally()
    check_planner_dir(folder, run, initial, tally, died=CRASHED)
    problems = [f"{case.target}: {p}" for p in tally.problems]
    if tally.outcomes[case.expect] != 1:
        problems.append(f"{case.target}: expected {case.expect}, got {dict(tally.outcomes)}")
    if had_temp != case.temp_left:
        problems.append(f"{case.target}: temp file left {had_temp}, expected {case.temp_left}")
    for backup in (folder / "backups").glob("*.json"):
        parse(backup.read_bytes())
    return problems


def test_every_crash_point_is_registered() -> None:
    """Every crash_point("...") in the storage code is in the registry, and vice versa."""
    source = "".join(p.read_text() for p in (ROOT / "planner" / "storage").glob("*.py"))
    named = set(re.findall(r'crash_point\("([a-z0-9-]+)"\)', source))
    assert named == set(atomic.CRASH_POINTS)
    assert "crash_point(MIGRATION_CRASH_POINT.format(" in source


def test_saves_crashed_at_each_point_leave_old_or_new_state(tmp_path: Path) -> None:
    """A save killed at any point leaves the last acked state (before the rename) or the new."""
    template = _template(tmp_path)
    initial = disk_digest(template)

    def one(n: int, case: Case) -> list[str]:
        folder = tmp_path / f"case-{n}"
        copy_dir(template, folder)
        return _check_save_case(case, folder, initial)

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(one, range(len(SAVE_CASES)), SAVE_CASES))
    problems = [problem for found in results for problem in found]
    print(f"\ncrash sweep: {len(SAVE_CASES)} save crash cases, problems {problems}")
    assert problems == []


def test_migration_crashed_at_each_point_leaves_v1_or_v2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A migration killed before its rename leaves the v1 file byte for byte; after it, v2.

    The step is a stand-in (1 -> 2 adds a field to each mock) over a prefilled file marked
    schema 1, so the sweep does not depend on what the real steps do.
    """
    template = _template(tmp_path)
    data = parse((template / "planner.json").read_bytes())
    data["_meta"]["1"]["schema_version"] = 1
    (template / "planner.json").write_bytes(json.dumps(data).encode("utf-8"))
    original = (template / "planner.json").read_bytes()
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(migrations, "MIGRATIONS", {1: fake_migration_v2})
    problems: list[str] = []
    for n, case in enumerate(MIGRATION_CASES):
        folder = tmp_path / f"migrate-{n}"
        copy_dir(template, folder)
        run = _run(case, folder)
        if run.returncode != CRASHED:
            problems.append(f"{case.target}: not reached (exit {run.returncode}) {run.stderr}")
            continue
        current = (folder / "planner.json").read_bytes()
        backups = sorted((folder / "backups").glob("*pre-migration-v1.json"))
        if case.expect == BEFORE_REPLACE:
            if current != original:
                problems.append(f"{case.target}: the v1 file changed")
        elif parse(current)["_meta"]["1"]["schema_version"] != 2 or not backups:
            problems.append(f"{case.target}: not v2 with a pre-migration backup")
        if case.target == "after-pre-migration-backup" and [b.read_bytes() for b in backups] != [
            original
        ]:
            problems.append(f"{case.target}: pre-migration backup is not the v1 bytes")
        if bool(temp_files(folder)) != case.temp_left:
            problems.append(f"{case.target}: temp files {temp_files(folder)}")
    print(f"\ncrash sweep: {len(MIGRATION_CASES)} migration crash cases, problems {problems}")
    assert problems == []


def test_restore_crashed_at_each_point_leaves_old_or_restored_file(tmp_path: Path) -> None:
    """A restore killed midway leaves the current file or the restored backup, never half."""
    template = _template(tmp_path)
    run_child([script("crash_child.py"), str(template), "save", "1"], child_env())
    original = (template / "planner.json").read_bytes()
    problems: list[str] = []
    for n, case in enumerate(RESTORE_CASES):
        folder = tmp_path / f"restore-{n}"
        copy_dir(template, folder)
        backup = sorted((folder / "backups").glob("*.json"))[-1].read_bytes()
        run = _run(case, folder)
        current = (folder / "planner.json").read_bytes()
        wanted = original if case.expect == BEFORE_REPLACE else backup
        if run.returncode != CRASHED or current != wanted:
            problems.append(f"{case.target}: exit {run.returncode}, file is not as expected")
        kept = list(folder.glob("planner.json.corrupt-*"))
        if [k.read_bytes() for k in kept] != [original]:
            problems.append(f"{case.target}: the kept copy is not the previous file")
    print(f"\ncrash sweep: {len(RESTORE_CASES)} restore crash cases, problems {problems}")
    assert problems == []


def test_crash_sweep_reaches_every_registered_point() -> None:
    """The cases above name every registered crash point plus the migration step's."""
    cases = SAVE_CASES + MIGRATION_CASES + RESTORE_CASES
    assert {c.point for c in cases} == {*atomic.CRASH_POINTS, "mid-migration-2"}
