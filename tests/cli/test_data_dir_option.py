"""An empty data folder option is refused, never read as "use the default folder" (issue 14,
item 11): a script with an unset variable must not read or change another plan."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import run


@pytest.fixture
def default_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The platform's default data folder points into the test's folder (and so does the
    working folder, where a blank relative name would land)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "share"))
    return tmp_path / "home"


@pytest.mark.parametrize("value", ["", " ", "\t"])
@pytest.mark.parametrize(
    "command", [["today"], ["init", "--seniority", "mid", "--onsite", "2026-12-25"], []]
)
def test_an_empty_data_dir_is_refused(
    capsys: pytest.CaptureFixture[str], default_home: Path, value: str, command: list[str]
) -> None:
    result = run(capsys, "--data-dir", value, *command)
    assert result.code == 2, result
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("planner: error: --data-dir is empty"), lines
    assert not default_home.exists(), "the default folder was used"


@pytest.mark.parametrize(
    "command", [["today"], ["mock", "list"], []], ids=["today", "mock", "bare"]
)
def test_an_empty_planner_home_is_refused(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    default_home: Path,
    command: list[str],
) -> None:
    monkeypatch.setenv("PLANNER_HOME", "")
    result = run(capsys, *command)
    assert result.code == 2, result
    lines = result.err.splitlines()
    assert len(lines) == 1, lines
    assert "$PLANNER_HOME is empty" in lines[0], lines
    assert not default_home.exists(), "the default folder was used"


def test_an_unset_planner_home_still_means_the_default_folder(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, default_home: Path
) -> None:
    monkeypatch.delenv("PLANNER_HOME")
    result = run(capsys, "init", "--seniority", "mid", "--onsite", "2026-12-25")
    assert result.code == 0, result.err
    assert (default_home / "share" / "loop-planner" / "planner.json").is_file()


def test_data_dir_wins_over_an_empty_planner_home(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PLANNER_HOME", "")
    result = run(capsys, "--data-dir", str(tmp_path / "mine"), "today")
    assert result.code == 2  # the folder given was used: it has no plan yet
    assert "no plan yet" in result.err
