"""A heavy user: hundreds of mocks and stories still list, score and export."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from cli_support import init, ok

from planner.domain.models import Mock, Story
from planner.service import ContentLibrary
from planner.storage import RecordStore

TODAY = dt.date(2026, 11, 25)
MOCKS = 300
STORIES = 200


@pytest.fixture
def heavy(capsys: pytest.CaptureFixture[str], data_dir: Path, library: ContentLibrary) -> Path:
    """A plan plus 300 mocks over every round and 200 stories, written in one transaction."""
    init(capsys)
    pack = library.pack("coursera-pm")
    rounds = pack.round_ids
    comps = [c.id for c in pack.competencies]
    with RecordStore(data_dir).session() as records:
        for n in range(MOCKS):
            round_id = rounds[n % len(rounds)]
            dims = pack.rubric(round_id).dimensions
            records.put_mock(
                Mock(
                    id=records.next_id("m"),
                    date=TODAY - dt.timedelta(days=n % 60),
                    round=round_id,
                    minutes=45,
                    scores={d.id: 1 + (n + i) % 5 for i, d in enumerate(dims)},
                    notes=f"Mock number {n}",
                )
            )
        for n in range(STORIES):
            records.put_story(
                Story(
                    id=records.next_id("s"),
                    title=f"Story {n}",
                    result=f"Lifted completion {n % 9} points for learners.",
                    competencies=(comps[n % len(comps)],),
                    readiness=("draft", "outlined", "rehearsed", "ready")[n % 4],
                )
            )
    return data_dir


def test_hundreds_of_mocks_list_in_json_and_text(
    capsys: pytest.CaptureFixture[str], heavy: Path
) -> None:
    """All 300 mocks come back, oldest first, and the table prints a row for each."""
    mocks = ok(capsys, "mock", "list", "--json").json()
    assert len(mocks) == MOCKS
    assert [m["date"] for m in mocks] == sorted(m["date"] for m in mocks)
    assert len(ok(capsys, "mock", "list").out.splitlines()) == MOCKS + 1
    assert len(ok(capsys, "mock", "list", "--round", "mission", "--json").json()) == 42


def test_hundreds_of_stories_list_with_lint_and_coverage(
    capsys: pytest.CaptureFixture[str], heavy: Path
) -> None:
    """All 200 stories list with their lint; every competency is covered."""
    stories = ok(capsys, "story", "list", "--json").json()
    assert len(stories) == STORIES
    assert all("lint" in s for s in stories)
    assert all(c["stories"] for c in ok(capsys, "competencies", "--json").json())


def test_readiness_and_check_stay_quick_on_a_heavy_data_set(
    capsys: pytest.CaptureFixture[str], heavy: Path, tmp_path: Path
) -> None:
    """gaps, check and a full export each finish in well under a few seconds."""
    for command in (
        ("gaps", "--json"),
        ("check", "--json"),
        ("export", "--format", "json", "-o", str(tmp_path / "all.json")),
    ):
        started = time.perf_counter()
        ok(capsys, *command)
        assert time.perf_counter() - started < 5, command
    overall = ok(capsys, "gaps", "--json").json()["overall"]
    assert 0 <= overall <= 100
