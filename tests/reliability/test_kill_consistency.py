"""SIGKILL at random moments mid-save: the file holds the last acked state or the next one."""

from __future__ import annotations

import json
import random
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from reliability_harness import (
    Tally,
    allowed_digests,
    check_planner_dir,
    child_env,
    copy_dir,
    disk_digest,
    kill_after,
    prefill,
    raw_digest,
    script,
    words,
)
from tinydb import TinyDB

WORKERS = 4
LARGE_BYTES = 1_000_000


def _template(root: Path, *, large: bool) -> tuple[Path, str]:
    """A prefilled data folder to copy for each trial, and the digest of its state."""
    folder = root / ("large" if large else "realistic")
    if large:
        size = prefill(folder, mocks=300, stories=170, story_words=150)
        assert size > LARGE_BYTES, size
    else:
        prefill(folder, mocks=25, stories=12, story_words=60)
    return folder, disk_digest(folder)


def _kill_series(tmp_path: Path, *, trials: int, large: bool, seed: int) -> Tally:
    """Run `trials` kills of the planner child, four at a time; classify every outcome."""
    template, initial = _template(tmp_path, large=large)
    rng = random.Random(seed)
    plans = [(n, rng.randrange(1_000_000), rng.uniform(0.05, 0.7)) for n in range(trials)]
    tally = Tally()
    env = child_env()

    def trial(n: int, child_seed: int, delay: float) -> None:
        folder = tmp_path / f"trial-{n}"
        copy_dir(template, folder)
        run = kill_after([script("kill_child.py"), str(folder), str(child_seed)], delay, env)
        check_planner_dir(folder, run, initial, tally)

    with ThreadPoolExecutor(WORKERS) as pool:
        for future in [pool.submit(trial, *plan) for plan in plans]:
            future.result()
    return tally


def _report(name: str, trials: int, tally: Tally) -> None:
    print(
        f"\n{name}: {trials} kills, outcomes {dict(tally.outcomes)}, {tally.acks} acked saves, "
        f"{tally.temps_before_restart} left a temp file (swept on restart)"
    )


def _assert_consistent(trials: int, tally: Tally) -> None:
    assert tally.problems == []
    assert sum(tally.outcomes.values()) == trials
    assert tally.bad() == 0
    assert tally.acks >= trials // 2, "the children hardly saved: the kills tested nothing"


def test_kills_leave_last_or_next_state_realistic(tmp_path: Path) -> None:
    """Twenty kills of a realistic-size writer never leave a mix, an empty or a broken file."""
    trials = 20
    tally = _kill_series(tmp_path, trials=trials, large=False, seed=1)
    _report("realistic", trials, tally)
    _assert_consistent(trials, tally)


def test_kills_leave_last_or_next_state_large(tmp_path: Path) -> None:
    """Kills of a writer saving a 1 MB+ file never leave a mix, an empty or a broken file."""
    trials = 8
    tally = _kill_series(tmp_path, trials=trials, large=True, seed=2)
    _report("large", trials, tally)
    _assert_consistent(trials, tally)


@pytest.mark.slow
def test_many_kills_leave_last_or_next_state_realistic(tmp_path: Path) -> None:
    """Two hundred kills of a realistic-size writer: every one leaves a consistent file."""
    trials = 200
    tally = _kill_series(tmp_path, trials=trials, large=False, seed=11)
    _report("realistic (slow)", trials, tally)
    _assert_consistent(trials, tally)


@pytest.mark.slow
def test_many_kills_leave_last_or_next_state_large(tmp_path: Path) -> None:
    """A hundred kills of a 1 MB+ writer: every one leaves a consistent file."""
    trials = 100
    tally = _kill_series(tmp_path, trials=trials, large=True, seed=12)
    _report("large (slow)", trials, tally)
    _assert_consistent(trials, tally)


# -- positive control: the same harness against stock TinyDB --------------------------------


def _stock_template(root: Path) -> tuple[Path, str]:
    path = root / "stock-template.json"
    rng = random.Random(5)
    db = TinyDB(path)
    db.insert_multiple({"text": words(rng, rng.randrange(5, 300))} for _ in range(10))
    db.close()
    return path, raw_digest(json.loads(path.read_bytes()))


def _stock_series(tmp_path: Path, *, trials: int, seed: int) -> Counter[str]:
    """Kill the stock-TinyDB child `trials` times; classify what each kill left."""
    template, initial = _stock_template(tmp_path)
    rng = random.Random(seed)
    plans = [(n, rng.randrange(1_000_000), rng.uniform(0.05, 0.7)) for n in range(trials)]
    outcomes: Counter[str] = Counter()
    env = child_env()

    def trial(n: int, child_seed: int, delay: float) -> None:
        path = tmp_path / f"stock-{n}.json"
        path.write_bytes(template.read_bytes())
        run = kill_after([script("stock_child.py"), str(path), str(child_seed)], delay, env)
        acked, in_flight, _ = allowed_digests(run.lines, initial)
        try:
            found = raw_digest(json.loads(path.read_bytes().decode("utf-8")))
        except (UnicodeDecodeError, json.JSONDecodeError):
            outcomes["unparseable"] += 1
            return
        outcomes["ok" if found in (acked, in_flight) else "mixed-or-stale"] += 1

    with ThreadPoolExecutor(WORKERS) as pool:
        for future in [pool.submit(trial, *plan) for plan in plans]:
            future.result()
    return outcomes


def test_harness_catches_stock_tinydb_corruption(tmp_path: Path) -> None:
    """Positive control: the same kills corrupt stock TinyDB files, so the harness can fail."""
    trials = 20
    outcomes = _stock_series(tmp_path, trials=trials, seed=3)
    bad = trials - outcomes["ok"]
    print(f"\nstock TinyDB control: {trials} kills, outcomes {dict(outcomes)}")
    assert bad >= 1


@pytest.mark.slow
def test_harness_catches_stock_tinydb_corruption_often(tmp_path: Path) -> None:
    """Positive control, long run: a meaningful share of stock TinyDB kills go bad."""
    trials = 100
    outcomes = _stock_series(tmp_path, trials=trials, seed=13)
    bad = trials - outcomes["ok"]
    print(f"\nstock TinyDB control (slow): {trials} kills, outcomes {dict(outcomes)}")
    assert bad >= 10
