"""Shared pieces of the fault-injection harnesses: data, digests, child processes, checks."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import queue
import random
import shutil
import signal
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planner.domain.models import Mock, ResearchState, Review, Story
from planner.storage import CorruptDatabase, Records, RecordStore
from planner.storage.fileformat import serialize

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DB_NAME = "planner.json"
LONG_STORY_ID = "s-long"
ROUNDS = ("product-sense", "execution", "behavioral")
WORDS = (
    "learners",
    "retention",
    "cohort",
    "pricing",
    "enterprise",
    "mobile",
    "funnel",
    "metric",
    "experiment",
    "launch",
    "stakeholder",
    "roadmap",
)


def words(rng: random.Random, count: int) -> str:
    """Filler text of `count` words (with some non-ASCII, as real notes have)."""
    out = [rng.choice(WORDS) for _ in range(count)]
    if count > 3:
        out[1] = "naïve-日本"
    return " ".join(out)


def make_mock(rng: random.Random, mock_id: str) -> Mock:
    """A plausible mock record."""
    return Mock(
        id=mock_id,
        date=dt.date(2026, 11, 1) + dt.timedelta(days=rng.randrange(24)),
        round=rng.choice(ROUNDS),
        minutes=rng.choice((30, 45, 60)),
        scores={"clarity": rng.randint(1, 5), "structure": rng.randint(1, 5)},
        partner=words(rng, 2),
        notes=words(rng, rng.randrange(5, 80)),
        follow_ups=words(rng, rng.randrange(0, 20)),
    )


def make_story(rng: random.Random, story_id: str, size: int = 60) -> Story:
    """A plausible STAR story of about `size` words per field."""
    return Story(
        id=story_id,
        title=words(rng, 6),
        situation=words(rng, size),
        task=words(rng, size // 2 + 1),
        action=words(rng, size * 2),
        result=words(rng, size),
        competencies=("influence-without-authority",),
        readiness=rng.choice(("draft", "outlined", "rehearsed", "ready")),
        rehearsals=(dt.date(2026, 11, 20),),
    )


def prefill(data_dir: Path, *, mocks: int, stories: int, story_words: int, seed: int = 7) -> int:
    """Fill a data folder in one save (plus a long STAR story); return the file size."""
    rng = random.Random(seed)
    store = RecordStore(data_dir)
    with store.session() as records:
        for _ in range(mocks):
            records.put_mock(make_mock(rng, records.next_id("m")))
        for _ in range(stories):
            records.put_story(make_story(rng, records.next_id("s"), story_words))
        records.put_story(make_story(rng, LONG_STORY_ID, 1500))
        records.put_research(ResearchState(item="business-model", status="doing", note="x"))
        records.add_review(
            Review(
                question="ps-1",
                reviewed=dt.date(2026, 11, 20),
                rating="good",
                due=dt.date(2026, 11, 27),
            )
        )
    return (data_dir / DB_NAME).stat().st_size


def records_digest(records: Records) -> str:
    """A short digest of the exact bytes a transaction is about to write."""
    return hashlib.sha256(serialize(records.db.storage.read() or {})).hexdigest()[:16]


def raw_digest(tables: Any) -> str:
    """A short digest of parsed JSON tables (the stock TinyDB control)."""
    payload = json.dumps(tables, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def disk_digest(data_dir: Path) -> str:
    """The digest of the committed file after checking that it loads (else CorruptDatabase)."""
    with RecordStore(data_dir).snapshot() as records:
        records.state()
    return hashlib.sha256((data_dir / DB_NAME).read_bytes()).hexdigest()[:16]


def temp_files(data_dir: Path) -> list[Path]:
    """Temp files of the atomic writer anywhere in the data folder."""
    return sorted(p for p in data_dir.rglob(".*.tmp-*"))


def child_env(**extra: str) -> dict[str, str]:
    """The environment for a child process (the test's PLANNER_* settings plus `extra`)."""
    env = dict(os.environ)
    env.pop("PLANNER_CRASH_AT", None)
    env["PYTHONPATH"] = os.pathsep.join([str(HERE), str(ROOT)])
    env.update(extra)
    return env


def script(name: str) -> str:
    """The path of a child script in this folder."""
    return str(HERE / name)


@dataclass
class ChildRun:
    """What a killed child said before it died."""

    lines: list[str]
    returncode: int
    stderr: str
    acks: int = 0
    allowed: set[str] = field(default_factory=set)


class LineReader:
    """Reads a child's stdout lines on a thread so the child never blocks on a full pipe."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        self._thread = threading.Thread(target=self._pump, args=(proc,), daemon=True)
        self._thread.start()

    def _pump(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.endswith("\n"):
                self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def wait_for(self, prefix: str, timeout: float = 60.0) -> str:
        """The first line starting with `prefix`; fails when the child ends first."""
        while True:
            line = self.lines.get(timeout=timeout)
            if line is None:
                raise AssertionError(f"child ended before printing {prefix!r}")
            self.seen.append(line)
            if line.startswith(prefix):
                return line

    def rest(self) -> list[str]:
        """Every line after the ones already consumed (call once the child is dead)."""
        self._thread.join(timeout=30)
        while True:
            try:
                line = self.lines.get_nowait()
            except queue.Empty:
                break
            if line is not None:
                self.seen.append(line)
        return self.seen


def kill_after(args: Sequence[str], delay: float, env: dict[str, str]) -> ChildRun:
    """Start a child, wait for its `ready` line, SIGKILL it `delay` seconds later."""
    proc = subprocess.Popen(
        [sys.executable, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    reader = LineReader(proc)
    try:
        reader.wait_for("ready")
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    stderr = proc.stderr.read() if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    lines = reader.rest()
    if proc.stdout:
        proc.stdout.close()
    return ChildRun(lines=lines, returncode=proc.returncode, stderr=stderr)


def run_child(args: Sequence[str], env: dict[str, str], timeout: float = 120.0) -> ChildRun:
    """Run a child to its end and collect its lines."""
    done = subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env=env, timeout=timeout
    )
    lines = [line for line in done.stdout.splitlines() if line]
    return ChildRun(lines=lines, returncode=done.returncode, stderr=done.stderr)


def allowed_digests(lines: list[str], initial: str) -> tuple[str, str | None, int]:
    """The last acknowledged digest, the one in flight (if any), and the number of acks.

    A child prints `intent SEQ DIGEST` inside the transaction, just before it commits, and
    `ack SEQ` once the save has returned.
    """
    intents: dict[int, str] = {}
    last_ack = 0
    for line in lines:
        parts = line.split()
        if parts[0] == "intent":
            intents[int(parts[1])] = parts[2]
        elif parts[0] == "ack":
            last_ack = int(parts[1])
    acked = intents[last_ack] if last_ack else initial
    return acked, intents.get(last_ack + 1), last_ack


@dataclass
class Tally:
    """Outcomes of a series of kills."""

    outcomes: Counter[str] = field(default_factory=Counter)
    acks: int = 0
    temps_before_restart: int = 0
    problems: list[str] = field(default_factory=list)

    def bad(self) -> int:
        """Trials whose file was unreadable, mixed, empty or stale."""
        return sum(n for k, n in self.outcomes.items() if not k.startswith("ok"))


def check_planner_dir(
    data_dir: Path, run: ChildRun, initial: str, tally: Tally, died: int = -signal.SIGKILL
) -> None:
    """Classify one killed planner child's data folder and check the restart invariants.

    `died` is the exit status the child must have had (SIGKILL, or 137 from a crash point).
    """
    acked, in_flight, acks = allowed_digests(run.lines, initial)
    tally.acks += acks
    if run.returncode != died:
        tally.problems.append(f"child exited {run.returncode}: {run.stderr[-500:]}")
    if temp_files(data_dir):
        tally.temps_before_restart += 1
    try:
        found = disk_digest(data_dir)
    except CorruptDatabase as exc:
        tally.outcomes["unreadable"] += 1
        tally.problems.append(str(exc))
        return
    if found == acked:
        tally.outcomes["ok-last-ack"] += 1
    elif found == in_flight:
        tally.outcomes["ok-in-flight"] += 1
    else:
        tally.outcomes["mixed-or-stale"] += 1
        tally.problems.append(f"digest {found} is neither {acked} nor {in_flight} ({acks} acks)")
        return
    with RecordStore(data_dir).snapshot() as records:
        state = records.state()
    if state.damaged or not state.stories:
        tally.problems.append(f"loaded with damage {state.damaged[:2]} or no stories")
    with RecordStore(data_dir).transaction():
        pass  # the next start: a writer takes the lock and sweeps temps
    leftovers = temp_files(data_dir)
    if leftovers:
        tally.problems.append(f"temp files after restart: {leftovers}")
    mode = (data_dir / DB_NAME).stat().st_mode & 0o777
    if mode != 0o600:
        tally.problems.append(f"data file mode {mode:o}")


def copy_dir(source: Path, target: Path) -> None:
    """Copy a prepared data folder (modes kept)."""
    shutil.copytree(source, target, copy_function=shutil.copy2)


def fake_migration_v2(tables: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """A stand-in schema step 1 -> 2: every mock gains a `channel` field."""
    for doc in tables.get("mocks", {}).values():
        doc["channel"] = "video"
    return tables


def install_fake_migration() -> None:
    """Make this process's planner know schema 2 (for child processes; tests monkeypatch)."""
    from planner.storage import migrations

    migrations.SCHEMA_VERSION = 2
    migrations.MIGRATIONS = {1: fake_migration_v2}
