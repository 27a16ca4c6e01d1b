"""Private files whatever the umask: folders 0700, data, backups, lock and copies 0600."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.cli import main

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "schema-v1.json"


@pytest.fixture(params=[0o022, 0o000], ids=["umask-022", "umask-000"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """Run the test under this umask, restoring the old one afterwards."""
    mask: int = request.param
    old = os.umask(mask)
    try:
        yield mask
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def _modes(data_dir: Path) -> dict[str, int]:
    return {str(p.relative_to(data_dir)): _mode(p) for p in sorted(data_dir.rglob("*"))}


def _expected(data_dir: Path) -> dict[str, int]:
    return {
        str(p.relative_to(data_dir)): 0o700 if p.is_dir() else 0o600
        for p in sorted(data_dir.rglob("*"))
    }


def test_every_file_is_private_under_any_umask(
    umask: int, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Data, lock, backups, restored and kept copies, and exports are 0600; folders 0700."""
    assert main(["init", "--seniority", "mid", "--onsite", "2026-12-20"]) == 0
    for _ in range(3):
        assert main(["mock", "add", "--round", "execution"]) == 0
    (data_dir / "planner.json").write_bytes(b"{broken")
    assert main(["restore", "latest", "--yes"]) == 0
    assert main(["story", "add", "--title", "After the restore"]) == 0
    exports = []
    for fmt in ("json", "md", "ics"):
        target = tmp_path / f"export.{fmt}"
        assert main(["export", "--format", fmt, "-o", str(target)]) == 0
        exports.append(_mode(target))
    names = {p.name for p in data_dir.iterdir()}
    assert {"planner.json", "planner.lock", "backups"} <= names
    assert any(n.startswith("planner.json.corrupt-") for n in names)
    assert len(list((data_dir / "backups").iterdir())) >= 3
    assert _modes(data_dir) == _expected(data_dir)
    assert _mode(data_dir) == 0o700
    assert exports == [0o600, 0o600, 0o600]
    print(f"\numask {umask:03o}: {len(_modes(data_dir))} paths checked, all private")


def test_loose_existing_files_are_tightened_on_first_write(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 0644 data file and a 0644 lock become 0600; so does the backup. The existing 0755
    folder keeps its mode (it is the user's), and the CLI warns that others can read it."""
    data_dir.mkdir(mode=0o755)
    data_dir.chmod(0o755)
    shutil.copyfile(FIXTURE, data_dir / "planner.json")
    (data_dir / "planner.json").chmod(0o644)
    (data_dir / "planner.lock").touch()
    (data_dir / "planner.lock").chmod(0o644)
    capsys.readouterr()
    assert main(["story", "rehearse", "s1"]) == 0
    assert "can be read by other users" in capsys.readouterr().err
    assert _mode(data_dir) == 0o755
    expected = _expected(data_dir)
    assert _modes(data_dir) == expected
    assert expected["planner.json"] == expected["planner.lock"] == 0o600
    assert expected["backups"] == 0o700
    # The v1 fixture is migrated on this first write: its pre-migration copy is kept too.
    backups = sorted(p.name for p in (data_dir / "backups").iterdir())
    assert len([b for b in backups if "pre-migration" not in b]) == 1
    assert len(backups) == 2


def test_export_to_a_folder_that_refuses_files_is_one_line_exit_2(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`export -o` into a folder where no file can be created: exit 2, one line, no temp path."""
    assert main(["story", "add", "--title", "Kept"]) == 0
    capsys.readouterr()
    assert main(["export", "--format", "json", "-o", "/proc/planner-export.json"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("planner: error: cannot write /proc/planner-export.json")
    assert err.count("\n") == 1
    assert ".tmp-" not in err
