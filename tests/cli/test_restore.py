"""`planner restore`: list backups, restore one, keep the damaged file, refuse without consent."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from planner.cli import main


class _Terminal(io.StringIO):
    """A stdin that claims to be a terminal and answers with `text`."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def saved(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> list[Path]:
    """Four saves (so three backups), then the data file is broken; returns the backups."""
    for title in ("First", "Second", "Third", "Fourth"):
        assert main(["story", "add", "--title", title]) == 0
    (data_dir / "planner.json").write_bytes(b'{"_meta": {"1": {"schema_version"')
    capsys.readouterr()
    return sorted((data_dir / "backups").iterdir(), reverse=True)


def _titles(capsys: pytest.CaptureFixture[str]) -> list[str]:
    capsys.readouterr()
    assert main(["story", "list", "--json"]) == 0
    import json

    return [s["title"] for s in json.loads(capsys.readouterr().out)]


def test_list_shows_backups_newest_first(
    saved: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """`restore --list` prints one line per backup, the newest first."""
    assert main(["restore", "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == [b.name for b in saved]
    assert len(lines) == 3


def test_restore_latest_with_yes_brings_back_the_previous_commit(
    saved: list[Path], data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`restore latest --yes` makes the newest backup the data file and the CLI works again."""
    broken = (data_dir / "planner.json").read_bytes()
    assert main(["restore", "latest", "--yes"]) == 0
    out = capsys.readouterr().out
    assert f"restored {saved[0].name}" in out
    assert (data_dir / "planner.json").read_bytes() == saved[0].read_bytes()
    kept = list(data_dir.glob("planner.json.corrupt-*"))
    assert len(kept) == 1
    assert kept[0].name in out
    assert kept[0].read_bytes() == broken
    assert kept[0].stat().st_mode & 0o777 == 0o600
    assert _titles(capsys) == ["First", "Second", "Third"]
    assert main(["story", "add", "--title", "Fifth"]) == 0
    assert _titles(capsys) == ["First", "Second", "Third", "Fifth"]


def test_restore_by_name_picks_that_backup(
    saved: list[Path], data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`restore NAME --yes` restores the named (older) backup."""
    oldest = saved[-1]
    assert main(["restore", oldest.name, "--yes"]) == 0
    assert (data_dir / "planner.json").read_bytes() == oldest.read_bytes()
    assert _titles(capsys) == ["First"]


def test_restore_twice_keeps_both_damaged_copies(
    saved: list[Path], data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two restores in the same second keep two distinct `.corrupt-*` copies."""
    assert main(["restore", "latest", "--yes"]) == 0
    assert main(["restore", saved[-1].name, "--yes"]) == 0
    assert len(list(data_dir.glob("planner.json.corrupt-*"))) == 2


def test_restore_without_yes_off_a_terminal_refuses(
    saved: list[Path],
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without --yes and with no terminal to ask, restore exits 2 and changes nothing."""
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    broken = (data_dir / "planner.json").read_bytes()
    assert main(["restore", "latest"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("planner: error:")
    assert "--yes" in err
    assert (data_dir / "planner.json").read_bytes() == broken
    assert list(data_dir.glob("planner.json.corrupt-*")) == []


def test_restore_on_a_terminal_asks_first(
    saved: list[Path],
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On a terminal, `n` leaves the file alone and `y` restores."""
    broken = (data_dir / "planner.json").read_bytes()
    monkeypatch.setattr("sys.stdin", _Terminal("n\n"))
    assert main(["restore", "latest"]) == 0
    assert (data_dir / "planner.json").read_bytes() == broken
    monkeypatch.setattr("sys.stdin", _Terminal("y\n"))
    assert main(["restore", "latest"]) == 0
    assert (data_dir / "planner.json").read_bytes() == saved[0].read_bytes()


def test_restore_of_an_unknown_backup_is_a_usage_error(
    saved: list[Path], data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown name exits 2 and lists the newest backups."""
    assert main(["restore", "planner-99999999.json", "--yes"]) == 2
    assert saved[0].name in capsys.readouterr().err


def test_restore_refuses_a_broken_backup(
    saved: list[Path], data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A named backup that does not parse is refused (exit 2, naming the newest readable
    one) and the data file is left alone."""
    saved[0].write_bytes(b"[]")
    broken = (data_dir / "planner.json").read_bytes()
    assert main(["restore", saved[0].name, "--yes"]) == 2
    err = capsys.readouterr().err
    assert "is not usable" in err
    assert saved[1].name in err
    assert (data_dir / "planner.json").read_bytes() == broken


def test_restore_with_no_backups_says_so(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With no backups, --list says there are none and `restore latest` exits 2."""
    assert main(["restore", "--list"]) == 0
    assert "no backups" in capsys.readouterr().out
    assert main(["restore", "latest", "--yes"]) == 2
