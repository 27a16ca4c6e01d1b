"""Run every benchmark and print one table: median, baseline, ratio and goal."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks import workloads

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 25)


@dataclass
class Row:
    """One line of the report."""

    name: str
    value_ms: float
    baseline_ms: float | None
    goal: str
    ok: bool | None

    def ratio(self) -> str:
        """Value over baseline, when there is a baseline."""
        if not self.baseline_ms:
            return "-"
        return f"{self.value_ms / self.baseline_ms:.2f}x"


def median_ms(func: Callable[[], object], repeat: int) -> float:
    """Median wall time of `func` in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def process_ms(argv: list[str], repeat: int, env: dict[str, str] | None = None) -> float:
    """Median wall time of a whole process in milliseconds."""
    return processes_ms({"one": argv}, repeat, env)["one"]


def processes_ms(
    commands: dict[str, list[str]], repeat: int, env: dict[str, str] | None = None
) -> dict[str, float]:
    """Median wall time of each command's process in milliseconds, the commands taking
    turns (a, b, a, b, ...) so that a change in the machine's load weighs on all alike."""
    full_env = {**os.environ, **(env or {})}
    times: dict[str, list[float]] = {name: [] for name in commands}

    def run(argv: list[str]) -> float:
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=full_env)
        return (time.perf_counter() - start) * 1000

    for argv in commands.values():
        run(argv)  # warm the file cache, the bytecode and the content cache
    for _ in range(repeat):
        for name, argv in commands.items():
            times[name].append(run(argv))
    return {name: statistics.median(values) for name, values in times.items()}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print the table (`--suite`: also time the test suite;
    `--first-screen`: only the two first-screen rows, for a quick look at start-up)."""
    args = sys.argv[1:] if argv is None else argv
    py = sys.executable
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="planner-bench-") as tmp:
        demo_dir = Path(tmp) / "demo"
        workloads.make_demo(demo_dir, TODAY)
        env = {"PLANNER_HOME": str(demo_dir), "PLANNER_TODAY": TODAY.isoformat()}

        env["PLANNER_CACHE"] = str(Path(tmp) / "cache")  # the compiled content, warmed below
        os.environ["PLANNER_CACHE"] = env["PLANNER_CACHE"]  # and for the in-process rows
        mocks_dir = Path(tmp) / "demo-10k-mocks"
        shutil.copytree(demo_dir, mocks_dir)
        workloads.add_mocks(mocks_dir, TODAY, 10_000)
        screen = [py, "-m", "benchmarks.first_screen"]
        first = processes_ms(
            {
                "planner": [*screen, "planner", str(demo_dir)],
                "minimal": [*screen, "minimal", str(demo_dir)],
                "10k": [*screen, "planner", str(mocks_dir)],
                "10k-cold": [*screen, "planner-cold", str(mocks_dir)],
            },
            5,
            env,
        )
        ratio = first["planner"] / first["minimal"]
        rows.append(
            Row(
                "TUI time to first screen (process)",
                first["planner"],
                first["minimal"],
                "<= 1.3x",
                ratio <= 1.3,
            )
        )
        ratio = first["10k"] / first["minimal"]
        rows.append(
            Row(
                "  the same with 10k mocks in the store",
                first["10k"],
                first["minimal"],
                "<= 1.5x",
                ratio <= 1.5,
            )
        )

        rows.append(
            Row(
                "  the same, first start after the file changed",
                first["10k-cold"],
                first["minimal"],
                "",
                None,
            )
        )

        if "--first-screen" in args:
            _print(rows)
            return 0

        cli = processes_ms(
            {"today": [py, "-m", "planner", "today"], "tinydb": [py, "-c", "import tinydb"]}, 9, env
        )
        today, tinydb = cli["today"], cli["tinydb"]
        rows.append(
            Row("`planner today` (process)", today, tinydb, "<= 2.5x", today / tinydb <= 2.5)
        )

        for days, goal in ((30, 20.0), (365, 200.0)):
            value = median_ms(workloads.plan_generation(days), 15)
            rows.append(
                Row(f"plan generation, {days} days", value, None, f"< {goal:g} ms", value < goal)
            )

        gaps = median_ms(workloads.gaps_big(), 7)
        rows.append(
            Row("gaps: 10k mocks, 1k stories, 5k reviews", gaps, None, "< 50 ms", gaps < 50)
        )

        store_dir = Path(tmp) / "big"
        save, plain, plain_fsync = workloads.save_one_mock(store_dir, TODAY)
        rows.append(
            Row("save one mock into 10k mocks", save, plain, "<= 1.5x", save / plain <= 1.5)
        )
        rows.append(Row("  (baseline with fsync + rename)", save, plain_fsync, "info", None))

        repaint = asyncio.run(workloads.today_keypress(demo_dir, TODAY))
        baseline = asyncio.run(workloads.optionlist_keypress())
        rows.append(
            Row(
                "Space to repainted tick, Today screen",
                repaint,
                baseline,
                "<= 2.0x",
                repaint / baseline <= 2.0,
            )
        )

        from benchmarks.pty_ticks import space_to_tick_ms

        planner_argv = [py, "-m", "planner"]
        minimal_argv = [py, "-m", "benchmarks.pty_ticks", "minimal"]
        ours: list[float] = []
        theirs: list[float] = []
        for _ in range(3):  # in turns, as the process rows
            ours.append(space_to_tick_ms(planner_argv, env, b"t", b"Overdue from earlier days"))
            theirs.append(space_to_tick_ms(minimal_argv, env, b"", b"Baseline ready"))
        tick, tick_base = statistics.median(ours), statistics.median(theirs)
        rows.append(
            Row(
                "  the same through a pty (first bytes drawn)",
                tick,
                tick_base,
                "<= 2.0x",
                tick / tick_base <= 2.0,
            )
        )

        pasted, next_key, empty_key = asyncio.run(workloads.paste_megabyte(demo_dir, TODAY))
        rows.append(
            Row("1 MB paste into a story field, to repaint", pasted, None, "< 500 ms", pasted < 500)
        )
        rows.append(
            Row(
                "  next keypress there vs in an empty field",
                next_key,
                empty_key,
                "<= 1.5x",
                next_key / empty_key <= 1.5,
            )
        )

        peak = subprocess.run(
            [py, "-m", "benchmarks.peak_memory", str(store_dir)],
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, **env},
        )
        peak_mb = json.loads(peak.stdout)["peak_mb"]
        rows.append(Row("peak memory with 10k mocks (MB, not ms)", peak_mb, None, "info", None))

    if "--suite" in args:
        from benchmarks.suite_time import suite_seconds

        seconds, passed = suite_seconds()
        name = "test suite, make test's pytest (s, not ms)"
        goal = "info (all of make test: <= 300 s)"
        rows.append(Row(name if passed else f"{name}, FAILED", seconds, None, goal, None))

    _print(rows)
    return 0


def _print(rows: list[Row]) -> None:
    """Print the table's heading and its rows."""
    print(
        f"Loop Planner benchmarks — {platform.node()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {dt.date.today().isoformat()}"
    )
    print(f"{'benchmark':<44} {'median':>10} {'baseline':>10} {'ratio':>7}  goal")
    for row in rows:
        base = f"{row.baseline_ms:.1f}" if row.baseline_ms else "-"
        mark = "" if row.ok is None else ("  ok" if row.ok else "  MISSED")
        print(f"{row.name:<44} {row.value_ms:>10.1f} {base:>10} {row.ratio():>7}  {row.goal}{mark}")


if __name__ == "__main__":
    raise SystemExit(main())
