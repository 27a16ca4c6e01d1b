"""Two processes change the same record at the same moment: neither change is lost.

Each round releases two real processes on one record at once: `mock edit` against
`mock delete` (a deleted mock must stay deleted: an edit that read it before the delete must
not write it back), and a story edit against a rehearsal (both changes must survive). The
service reads the record inside the lock that its write holds, so whatever the interleaving,
the result equals one order of the two commands.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from reliability_harness import LineReader, child_env, script

from planner.domain.models import Mock, Story
from planner.storage import RecordStore

TODAY = dt.date(2026, 11, 25)
ROUNDS = 120
LONG_ROUNDS = 600


def _prefill(data_dir: Path, count: int) -> None:
    """Mocks m1..mN and stories s1..sN, in one save."""
    with RecordStore(data_dir).session() as records:
        for n in range(1, count + 1):
            records.add_mock(
                Mock(
                    id=records.next_id("m"),
                    date=TODAY - dt.timedelta(days=1),
                    round="execution",
                    minutes=45,
                    scores={},
                    notes=f"original {n}",
                )
            )
            records.put_story(Story(id=records.next_id("s"), title=f"original {n}"))


class _Child:
    def __init__(self, data_dir: Path, role: str) -> None:
        self.role = role
        self.proc = subprocess.Popen(
            [sys.executable, script("race_child.py"), str(data_dir), role],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=child_env(),
        )
        self.reader = LineReader(self.proc)
        self.reader.wait_for("ready")

    def send(self, n: int) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"{n}\n")
        self.proc.stdin.flush()

    def result(self, n: int) -> str:
        line = self.reader.wait_for(f"done {n} ")
        return line[len(f"done {n} ") :]

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=60)
        assert self.proc.stderr is not None
        err = self.proc.stderr.read()
        self.proc.stderr.close()
        assert self.proc.returncode == 0, err


def _race(data_dir: Path, roles: tuple[str, str], rounds: int) -> dict[int, tuple[str, str]]:
    """Run `rounds` rounds: both children get record N at once; returns their results."""
    _prefill(data_dir, rounds)
    first, second = (_Child(data_dir, role) for role in roles)
    results: dict[int, tuple[str, str]] = {}
    try:
        for n in range(1, rounds + 1):
            # Alternate who is told first, so neither side always starts ahead.
            order = (first, second) if n % 2 else (second, first)
            for child in order:
                child.send(n)
            results[n] = (first.result(n), second.result(n))
    finally:
        for child in (first, second):
            child.close()
    return results


def _check_edit_against_delete(data_dir: Path, rounds: int) -> None:
    results = _race(data_dir, ("edit-mock", "delete-mock"), rounds)
    with RecordStore(data_dir).snapshot() as records:
        state = records.state()
    alive = {m.id for m in state.mocks}
    deleted_ok = [n for n, (_, deleted) in results.items() if deleted == "ok"]
    resurrected = [n for n in deleted_ok if f"m{n}" in alive]
    edits = Counter(edit.split(":")[0] for edit, _ in results.values())
    print(
        f"\nmock edit vs delete, {rounds} rounds: edits {dict(edits)}, "
        f"{len(resurrected)} deleted mocks came back"
    )
    assert [d for _, d in results.values() if d != "ok"] == []
    assert resurrected == []
    assert alive == set()
    # An edit that lost the race is refused plainly (exit 2 in the CLI), never a crash.
    assert set(edits) <= {"ok", "InputError", "RecordGone"}, edits
    assert state.damaged == ()


def _check_edit_against_rehearse(data_dir: Path, rounds: int) -> None:
    results = _race(data_dir, ("edit-story", "rehearse-story"), rounds)
    assert [r for r in results.values() if r != ("ok", "ok")] == []
    with RecordStore(data_dir).snapshot() as records:
        stories = {s.id: s for s in records.stories()}
    lost_edits = [n for n in results if stories[f"s{n}"].title != f"edited {n}"]
    lost_rehearsals = [n for n in results if TODAY not in stories[f"s{n}"].rehearsals]
    print(
        f"\nstory edit vs rehearse, {rounds} rounds: {len(lost_edits)} edits and "
        f"{len(lost_rehearsals)} rehearsals lost"
    )
    assert lost_edits == []
    assert lost_rehearsals == []
    assert {stories[f"s{n}"].readiness for n in results} == {"rehearsed"}


def test_mock_edit_racing_delete_never_brings_the_mock_back(data_dir: Path) -> None:
    """120 rounds of `mock edit mN` against `mock delete mN`: every deleted mock stays gone."""
    _check_edit_against_delete(data_dir, ROUNDS)


def test_story_edit_racing_a_rehearsal_loses_neither(data_dir: Path) -> None:
    """120 rounds of a title edit against a rehearsal of the same story: both survive."""
    _check_edit_against_rehearse(data_dir, ROUNDS)


@pytest.mark.slow
def test_mock_edit_racing_delete_long(data_dir: Path) -> None:
    """600 rounds of the same race."""
    _check_edit_against_delete(data_dir, LONG_ROUNDS)


@pytest.mark.slow
def test_story_edit_racing_a_rehearsal_long(data_dir: Path) -> None:
    """600 rounds of the same race."""
    _check_edit_against_rehearse(data_dir, LONG_ROUNDS)
