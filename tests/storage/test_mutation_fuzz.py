"""Mutation fuzz of a valid data file: the loader gives a valid state or CorruptDatabase only."""

from __future__ import annotations

import io
import random
import shutil
import time
from collections import Counter
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from planner.cli import main
from planner.storage import CorruptDatabase, RecordStore

VALID = Path(__file__).resolve().parent.parent / "fixtures" / "schema-v1.json"
TOKENS = b'{}[]",:0123456789-.eE tnfaluNI\\\x00\xff\xc3'
SLOW_BUDGET = 1.0


def mutate(raw: bytes, rng: random.Random) -> bytes:
    """One to four random byte flips, inserts, deletes or token swaps."""
    data = bytearray(raw)
    for _ in range(rng.randint(1, 4)):
        pos = rng.randrange(len(data))
        op = rng.randrange(4)
        if op == 0:
            data[pos] ^= 1 << rng.randrange(8)
        elif op == 1:
            data[pos:pos] = bytes(rng.choice(TOKENS) for _ in range(rng.randint(1, 3)))
        elif op == 2:
            del data[pos : pos + rng.randint(1, 16)]
        else:
            data[pos] = rng.choice(TOKENS)
    return bytes(data)


def _fuzz(data_dir: Path, count: int, seed: int, cli_every: int = 0) -> Counter[str]:
    """Load `count` mutants; fail on anything but a state or CorruptDatabase, or on a write."""
    rng = random.Random(seed)
    original = VALID.read_bytes()
    data_dir.mkdir(mode=0o700, exist_ok=True)
    path = data_dir / "planner.json"
    outcomes: Counter[str] = Counter()
    for n in range(count):
        mutant = mutate(original, rng)
        path.write_bytes(mutant)
        before = sorted(p.name for p in data_dir.iterdir())
        started = time.monotonic()
        try:
            with RecordStore(data_dir).snapshot() as records:
                state = records.state()
            outcomes["loaded-with-damage" if state.damaged else "loaded"] += 1
        except CorruptDatabase:
            outcomes["corrupt"] += 1
        elapsed = time.monotonic() - started
        assert elapsed < SLOW_BUDGET, (n, elapsed)
        if cli_every and n % cli_every == 0:
            with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
                code = main(["today", "--json"])
            assert code in (0, 2, 3), (n, mutant)
        assert path.read_bytes() == mutant
        assert sorted(p.name for p in data_dir.iterdir()) == before
    return outcomes


def test_mutated_files_load_or_raise_corrupt_database(data_dir: Path) -> None:
    """Three hundred mutants of a valid file: valid state or CorruptDatabase, never a write."""
    count = 300
    outcomes = _fuzz(data_dir, count, seed=9, cli_every=10)
    print(f"\nmutation fuzz: {count} mutants -> {dict(outcomes)}")
    assert sum(outcomes.values()) == count
    assert outcomes["corrupt"] > 0
    assert outcomes["loaded"] + outcomes["loaded-with-damage"] > 0


@pytest.mark.slow
def test_ten_thousand_mutated_files_load_or_raise_corrupt_database(data_dir: Path) -> None:
    """Ten thousand mutants: valid state or CorruptDatabase, each under a second, never a write."""
    count = 10_000
    outcomes = _fuzz(data_dir, count, seed=19, cli_every=5)
    print(f"\nmutation fuzz (slow): {count} mutants -> {dict(outcomes)}")
    assert sum(outcomes.values()) == count
    assert outcomes["corrupt"] > 0


def test_fixture_is_a_valid_planner_file(tmp_path: Path) -> None:
    """The fuzz starts from a file that loads without damage."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copyfile(VALID, data_dir / "planner.json")
    with RecordStore(data_dir).snapshot() as records:
        state = records.state()
    assert state.damaged == ()
    assert state.plan is not None
    assert state.mocks
    assert state.stories
