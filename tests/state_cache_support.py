"""What the state cache's attack tests share: a data file that counts as large, its own
cache folder, and the records decoded with no cache involved."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner import cache
from planner.cli import main
from planner.domain.models import State
from planner.storage import RecordStore, state_cache

JOIN = 60.0
"""Seconds a test waits for a thread or process that should end at once (a hang fails)."""


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every data file counts as large (its records are cached)."""
    monkeypatch.setattr(state_cache, "MIN_BYTES", 1)


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's own cache folder (not yet created: the planner makes it 0700)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_CACHE, str(folder))
    return folder


def fill(capsys: pytest.CaptureFixture[str], mocks: int = 2) -> None:
    """A plan and `mocks` mocks in the data folder PLANNER_HOME names."""
    assert main(["init", "--seniority", "mid", "--onsite", "2026-12-20"]) == 0
    for score in range(mocks):
        score_arg = f"hypothesis-first={1 + score % 5}"
        assert main(["mock", "add", "--round", "execution", "--score", score_arg]) == 0
    capsys.readouterr()


@pytest.fixture
def data_file(data_dir: Path, capsys: pytest.CaptureFixture[str], cache_folder: Path) -> Path:
    """A plan and two mocks; the data file's path."""
    fill(capsys)
    return data_dir / "planner.json"


def decoded(data_dir: Path) -> State:
    """The records decoded straight from the file (no cache involved)."""
    with RecordStore(data_dir).snapshot() as records:
        return records.state()


def cached(data_dir: Path) -> State:
    """The records as a new process reads them once an earlier one kept them."""
    RecordStore(data_dir).state()
    found = RecordStore(data_dir).cached_state()
    assert found is not None
    return found


def entry(cache_folder: Path, data_file: Path) -> Path:
    """Where the entry of `data_file`'s records goes."""
    return cache_folder / state_cache.entry_name(data_file)
