"""The test suite's wall time: `make test`'s pytest command, run once in a subprocess.

Optional (`make bench SUITE=1`): one run takes minutes, longer than every other benchmark
together. The Makefile passes its pytest command in PLANNER_BENCH_PYTEST so the row times
exactly what `make test` runs.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = f"{sys.executable} -m pytest -n {2 * (os.cpu_count() or 1)} --dist loadgroup"
"""The command when not started from the Makefile (keep it in step with PYTEST_ARGS)."""
LEFT_OUT = (
    "PLANNER_HOME",
    "PLANNER_TODAY",
    "PLANNER_CONFIG",
    "PLANNER_CACHE",
    "HYPOTHESIS_PROFILE",
)
"""Settings of the benchmark run that must not leak into the tests."""


def suite_seconds() -> tuple[float, bool]:
    """Wall seconds of one run of the suite and whether it passed (on a failure, the end of
    pytest's report goes to stderr)."""
    argv = shlex.split(os.environ.get("PLANNER_BENCH_PYTEST") or DEFAULT)
    env = {k: v for k, v in os.environ.items() if k not in LEFT_OUT}
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        done = subprocess.run(
            [*argv, "-p", "no:cacheprovider"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=False,
        )
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            log.seek(0)
            tail = log.read().decode("utf-8", "replace").splitlines()[-40:]
            print("\n".join(tail), file=sys.stderr)
    return seconds, done.returncode == 0
