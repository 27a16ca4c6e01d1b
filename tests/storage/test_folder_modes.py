"""Folders and links: a new data folder is 0700; an existing one keeps its mode.

`--data-dir .` once made the working folder 0700 and a read-only folder writable. Only a
folder the planner creates gets 0700; an existing folder's mode is the user's (the planner
warns when it is readable by others). A symlinked data or lock file is written through,
never replaced by a regular file, and its target's mode is left as it is.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.cli import main


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(params=[0o022, 0o077, 0o277], ids=["umask-022", "umask-077", "umask-277"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    mask: int = request.param
    old = os.umask(mask)
    try:
        yield mask
    finally:
        os.umask(old)


def test_a_new_data_folder_is_created_0700_under_any_umask(
    umask: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The folder the planner creates (and its backups folder) is exactly 0700."""
    target = tmp_path / "new" / "data"
    assert _run(["--data-dir", str(target), "story", "add", "--title", "A"], capsys)[0] == 0
    assert _run(["--data-dir", str(target), "story", "add", "--title", "B"], capsys)[0] == 0
    assert _mode(target) == 0o700
    assert _mode(target / "backups") == 0o700


@pytest.mark.parametrize("mode", [0o755, 0o750, 0o711, 0o700, 0o2775])
def test_an_existing_folder_keeps_its_mode(
    mode: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--data-dir` an existing folder: its mode is left as it is; the files in it are 0600;
    a folder others can read draws a one-line warning, a private one none."""
    folder = tmp_path / "work"
    folder.mkdir()
    folder.chmod(mode)
    code, _, err = _run(["--data-dir", str(folder), "story", "add", "--title", "A"], capsys)
    assert code == 0, err
    assert _mode(folder) == mode
    assert _mode(folder / "planner.json") == 0o600
    readable = bool(mode & 0o044)
    if readable:
        assert err.count("\n") == 1, err
        assert err.startswith("planner: warning:")
        assert f"{folder} can be read by other users" in err
        assert f"chmod 700 {folder}" in err
    else:
        assert err == ""


def test_the_working_folder_is_not_tightened(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--data-dir .` (the issue's case) leaves the working folder 0755."""
    work = tmp_path / "project"
    work.mkdir()
    work.chmod(0o755)
    monkeypatch.chdir(work)
    assert _run(["--data-dir", ".", "story", "add", "--title", "A"], capsys)[0] == 0
    assert _mode(work) == 0o755


def test_a_read_only_folder_is_not_made_writable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 0500 folder stays 0500 whatever the command does (as root the write may still
    succeed; as a user it fails cleanly)."""
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        code, _, err = _run(["--data-dir", str(folder), "story", "add", "--title", "A"], capsys)
        assert code in (0, 1, 2), err
        assert "Traceback" not in err
        assert "unexpected" not in err
        assert _mode(folder) == 0o500
    finally:
        folder.chmod(0o700)


@pytest.fixture
def linked(data_dir: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A data folder whose planner.json and planner.lock are links to 0644 files elsewhere."""
    assert main(["story", "add", "--title", "First"]) == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    data_target = elsewhere / "planner.json"
    data_target.write_bytes((data_dir / "planner.json").read_bytes())
    lock_target = elsewhere / "planner.lock"
    lock_target.touch()
    for target in (data_target, lock_target):
        target.chmod(0o644)
        (data_dir / target.name).unlink()
        (data_dir / target.name).symlink_to(target)
    return data_target, lock_target


def test_symlinked_data_and_lock_files_are_written_through(
    linked: tuple[Path, Path], data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A save writes through the links: they stay links, the targets hold the new data and
    keep their 0644 mode."""
    data_target, lock_target = linked
    assert main(["story", "add", "--title", "Second"]) == 0
    assert main(["story", "rehearse", "s1"]) == 0
    for name, target in (("planner.json", data_target), ("planner.lock", lock_target)):
        link = data_dir / name
        assert link.is_symlink(), name
        assert link.resolve() == target
        assert _mode(target) == 0o644, name
    titles = [s["title"] for s in json.loads(data_target.read_bytes())["stories"].values()]
    assert titles == ["First", "Second"]
    assert list(data_target.parent.glob(".*tmp-*")) == []
    code, out, err = _run(["story", "list", "--json"], capsys)
    assert code == 0, err
    assert [s["title"] for s in json.loads(out)] == ["First", "Second"]
