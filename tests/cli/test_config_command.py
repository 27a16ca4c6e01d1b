"""`planner config`: the settings file shown and set, checked as on reading, written whole."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest
from cli_support import ok, run


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    """The settings file of the test (PLANNER_CONFIG points at it; it does not exist yet)."""
    return Path(os.environ["PLANNER_CONFIG"])


def test_config_with_no_file_says_every_default_applies(
    capsys: pytest.CaptureFixture[str], settings_file: Path
) -> None:
    """Before anything is set, the command names the file and says nothing is set."""
    out = ok(capsys, "config").out
    assert str(settings_file) in out
    assert "nothing set" in out


def test_setting_theme_keymap_and_rest_days_writes_the_file(
    capsys: pytest.CaptureFixture[str], settings_file: Path
) -> None:
    """Each key set is written; the file reads back as TOML with all of them."""
    ok(capsys, "config", "theme", "nord")
    ok(capsys, "config", "keymap.app.help", "F2")
    ok(capsys, "config", "rest_days", "sat,sun")
    data = tomllib.loads(settings_file.read_text("utf-8"))
    assert data == {"theme": "nord", "rest_days": ["sat", "sun"], "keymap": {"app.help": "f2"}}
    assert ok(capsys, "config", "theme").out.strip() == "nord"
    shown = ok(capsys, "config", "--json").json()
    assert shown["settings"]["keymap.app.help"] == "f2"
    assert not [p for p in settings_file.parent.iterdir() if ".tmp-" in p.name]


def test_default_unsets_a_key(capsys: pytest.CaptureFixture[str], settings_file: Path) -> None:
    """`default` removes a key so the built-in default applies again."""
    ok(capsys, "config", "theme", "nord")
    ok(capsys, "config", "theme", "default")
    assert "theme" not in tomllib.loads(settings_file.read_text("utf-8"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["bogus", "x"], "unknown setting 'bogus'"),
        (["keymap.app.help", "f2!"], "needs keys"),
        (["keymap.Help", "f2"], "not a binding id"),
        (["rest_days", "funday"], "unknown weekday"),
        (["theme", "Not A Theme"], "theme must be"),
        (["theme", "nosuch"], "no theme 'nosuch'"),
    ],
)
def test_a_bad_setting_is_refused_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], settings_file: Path, args: list[str], message: str
) -> None:
    """Exit 2 with one line naming the problem; the file is not created."""
    result = run(capsys, "config", *args)
    assert result.code == 2
    assert message in result.err
    assert not settings_file.exists()
