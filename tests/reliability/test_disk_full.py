"""A real full disk (RLIMIT_FSIZE below the file size): typed error, old bytes, recovery."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

from reliability_harness import child_env, prefill, run_child, script, temp_files

from planner.storage import RecordStore


def _limit_file_size(limit: int) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_save_past_the_file_size_limit_fails_cleanly_and_recovers(data_dir: Path) -> None:
    """Under a file-size limit below the data size a save raises StorageError, changes nothing."""
    size = prefill(data_dir, mocks=40, stories=10, story_words=60)
    before = (data_dir / "planner.json").read_bytes()
    run = run_child([script("fsize_child.py"), str(data_dir), str(size // 2)], child_env())
    report = json.loads(run.lines[-1])
    print(f"\ndisk full: {size:,}-byte file, limit {size // 2:,}: {report}")
    assert report["error"] == "StorageError"
    assert "File too large" in report["message"]
    assert (data_dir / "planner.json").read_bytes() == before
    assert temp_files(data_dir) == []
    with RecordStore(data_dir).session() as records:
        records.put_research(records.research()[0])
    with RecordStore(data_dir).snapshot() as records:
        assert len(records.state().mocks) == 40


def test_cli_on_a_full_disk_prints_one_line_and_exits_1(data_dir: Path) -> None:
    """`planner mock add` past the file-size limit: one error line, exit 1, bytes unchanged."""
    size = prefill(data_dir, mocks=40, stories=10, story_words=60)
    before = (data_dir / "planner.json").read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "planner", "mock", "add", "--round", "execution"],
        capture_output=True,
        text=True,
        env={**child_env(), "PLANNER_HOME": str(data_dir)},
        preexec_fn=lambda: _limit_file_size(size // 2),
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("planner: error: could not save")
    assert done.stderr.count("\n") == 1
    assert (data_dir / "planner.json").read_bytes() == before
    assert temp_files(data_dir) == []
    assert os.stat(data_dir / "planner.json").st_size == size
