"""Backups: only the planner's own names count, and a damaged backup is never the advice.

A stray file in `backups/` (a copy the user made by hand) must not break rotation nor be
what `restore latest` restores. A damaged newest backup makes `restore latest` fall back to
the newest readable one, saying so; the exit-3 message names only a readable backup, and a
permission problem is answered with "check the permissions", not with a restore.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from planner.cli import main
from planner.storage import RecordStore

BROKEN = b'{"_meta": {"1": {"schema_version"'


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _titles(capsys: pytest.CaptureFixture[str]) -> list[str]:
    code, out, err = _run(["story", "list", "--json"], capsys)
    assert code == 0, err
    return [s["title"] for s in json.loads(out)]


def _own(data_dir: Path) -> list[Path]:
    """The planner's own backups on disk, newest first (by sequence number)."""
    return sorted(
        (p for p in (data_dir / "backups").iterdir() if p.name[8:16].isdigit()),
        key=lambda p: int(p.name.split("-")[1]),
        reverse=True,
    )


@pytest.fixture
def stray(data_dir: Path) -> Path:
    """Two saves, then a hand-made copy `planner-manual.json` (of the first commit) in
    backups/."""
    assert main(["story", "add", "--title", "First"]) == 0
    first = (data_dir / "planner.json").read_bytes()
    assert main(["story", "add", "--title", "Second"]) == 0
    manual = data_dir / "backups" / "planner-manual.json"
    manual.write_bytes(first)
    return manual


def test_a_stray_file_does_not_break_rotation(stray: Path, data_dir: Path) -> None:
    """Eight more saves keep the five newest own backups, the newest being the previous
    commit; the stray file is neither counted, nor deleted, nor changed."""
    stray_bytes = stray.read_bytes()
    for n in range(8):
        previous = (data_dir / "planner.json").read_bytes()
        assert main(["story", "add", "--title", f"More {n}"]) == 0
        own = _own(data_dir)
        assert own[0].read_bytes() == previous
    assert len(own) == 5
    assert [int(p.name.split("-")[1]) for p in own] == [9, 8, 7, 6, 5]
    assert stray.read_bytes() == stray_bytes
    assert stray not in RecordStore(data_dir).backups()


def test_restore_latest_never_restores_a_stray_file(
    stray: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With the data file broken, `restore latest` brings back the newest own backup, and
    `restore --list` lists only own backups."""
    assert main(["story", "add", "--title", "Third"]) == 0
    (data_dir / "planner.json").write_bytes(BROKEN)
    code, out, err = _run(["restore", "--list"], capsys)
    assert code == 0, err
    assert "planner-manual.json" not in out
    code, out, err = _run(["restore", "latest", "--yes"], capsys)
    assert code == 0, err
    assert _titles(capsys) == ["First", "Second"]


@pytest.fixture
def damaged_newest(data_dir: Path) -> list[Path]:
    """Four saves (three backups); the data file is then broken and the newest backup too."""
    for title in ("First", "Second", "Third", "Fourth"):
        assert main(["story", "add", "--title", title]) == 0
    (data_dir / "planner.json").write_bytes(BROKEN)
    own = _own(data_dir)
    own[0].write_bytes(b"[]")
    return own


def test_the_exit_3_message_names_the_newest_readable_backup(
    damaged_newest: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """The advice skips the damaged newest backup and names the next one."""
    code, _, err = _run(["today"], capsys)
    assert code == 3, err
    assert err.count("\n") == 1, err
    assert str(damaged_newest[0]) not in err
    assert str(damaged_newest[1]) in err


def test_restore_latest_falls_back_to_the_newest_readable_backup(
    damaged_newest: list[Path], data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`restore latest` says the newest backup is damaged and restores the one before it."""
    code, out, err = _run(["restore", "latest", "--yes"], capsys)
    assert code == 0, err
    assert damaged_newest[0].name in out
    assert "damaged" in out
    assert f"restored {damaged_newest[1].name}" in out
    assert (data_dir / "planner.json").read_bytes() == damaged_newest[1].read_bytes()
    assert _titles(capsys) == ["First", "Second"]


def test_restoring_a_damaged_backup_by_name_is_refused_plainly(
    damaged_newest: list[Path], data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Naming the damaged backup: exit 2, one line naming the readable one; nothing written."""
    code, _, err = _run(["restore", damaged_newest[0].name, "--yes"], capsys)
    assert code == 2, err
    assert err.count("\n") == 1, err
    assert damaged_newest[1].name in err
    assert (data_dir / "planner.json").read_bytes() == BROKEN
    assert list(data_dir.glob("planner.json.corrupt-*")) == []


def test_when_every_backup_is_damaged_restore_and_advice_say_so(
    damaged_newest: list[Path], data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No readable backup: the exit-3 message recommends none, `restore latest` exits 2."""
    for backup in damaged_newest:
        backup.write_bytes(b"null")
    code, _, err = _run(["today"], capsys)
    assert code == 3, err
    assert "restore the latest backup" not in err
    assert "damaged" in err
    code, _, err = _run(["restore", "latest", "--yes"], capsys)
    assert code == 2, err
    assert err.count("\n") == 1, err
    assert (data_dir / "planner.json").read_bytes() == BROKEN


def test_a_permission_problem_is_not_answered_with_a_restore(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unreadable data file (permission denied): exit 3, "check the permissions of FILE",
    and no advice to restore a backup."""
    assert main(["story", "add", "--title", "First"]) == 0
    assert main(["story", "add", "--title", "Second"]) == 0
    target = data_dir / "planner.json"
    if os.geteuid() == 0:
        real = Path.read_bytes

        def denied(self: Path) -> bytes:
            if self == target:
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", denied)
    else:
        target.chmod(0)
    code, _, err = _run(["today"], capsys)
    assert code == 3, err
    assert f"check the permissions of {target}" in err
    assert "restore" not in err
