"""Shared fixtures: a temporary data folder, a fixed today, a clean environment.

Also the Hypothesis budgets: the `default` profile keeps `make test` quick, `slow` (chosen
with HYPOTHESIS_PROFILE=slow, as `make test-slow` does) runs long searches. Neither has a
deadline: how long one example takes depends on the machine's load, not on the code.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from planner.content.pack import load_pack
from planner.content.templates import load_templates
from planner.domain.models import Pack, Template
from planner.service import ContentLibrary, Planner
from planner.storage import RecordStore

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
PLANS = ROOT / "plans"
TODAY = dt.date(2026, 11, 25)
"""The fixed `today` of the whole suite (a Wednesday)."""

# `make test` (CI) runs the same examples every time: a property failing only on some seeds
# would block a merge at random. `make test-slow` explores new examples on every run; what it
# finds goes into the tests as an explicit `@example`.
settings.register_profile(
    "default",
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile(
    "slow",
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_collection_finish(session: pytest.Session) -> None:
    """Fewer garbage collections over the run: what exists once the tests are collected
    (pytest, Textual, Hypothesis, the planner, the test modules) lives until the end, so it
    is frozen out of the collector's walks, and the youngest generation is collected after
    10,000 allocations rather than 700. A TUI test allocates heavily; this took about 14%
    off the CPU time of two TUI test files. Only when collections run changes, not what
    they free."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 50, 50)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """`@pytest.mark.serial` tests share something (e.g. tmux's default server): under
    pytest-xdist they all go to one worker, one after another (`--dist loadgroup`)."""
    for item in items:
        if item.get_closest_marker("serial") is not None:
            item.add_marker(pytest.mark.xdist_group("serial"))


@pytest.fixture(scope="session")
def content_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The compiled content cache of this test process (shared by its tests, so a pack is
    parsed once; never the developer's own cache folder)."""
    return tmp_path_factory.mktemp("content-cache")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, content_cache: Path) -> None:
    """Every test gets its own data folder and the fixed today; no stray settings leak in."""
    monkeypatch.setenv("PLANNER_CACHE", str(content_cache))
    for name in (
        "PLANNER_HOME",
        "PLANNER_TODAY",
        "PLANNER_CONTENT",
        "PLANNER_PLANS",
        "PLANNER_CRASH_AT",
        "PLANNER_DEBUG",
        "PLANNER_CONFIG",
        "NO_COLOR",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PLANNER_HOME", str(tmp_path / "data"))
    # Never the developer's own settings file: a path that does not exist (no settings).
    monkeypatch.setenv("PLANNER_CONFIG", str(tmp_path / "no-settings.toml"))
    monkeypatch.setenv("PLANNER_TODAY", TODAY.isoformat())


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """The data folder the CLI uses in this test (from PLANNER_HOME)."""
    return tmp_path / "data"


@pytest.fixture(scope="session")
def pack() -> Pack:
    """The Coursera PM pack, loaded once."""
    return load_pack(CONTENT / "coursera-pm")


@pytest.fixture(scope="session")
def templates(pack: Pack) -> dict[str, Template]:
    """Every seniority template, loaded once."""
    return load_templates(PLANS, pack)


@pytest.fixture(scope="session")
def library() -> ContentLibrary:
    """The content library over the repository's content and plans."""
    return ContentLibrary(CONTENT, PLANS)


@pytest.fixture
def make_planner(data_dir: Path, library: ContentLibrary) -> Callable[..., Planner]:
    """Build a service over the test's data folder, optionally for another day."""

    def build(today: dt.date = TODAY) -> Planner:
        return Planner(RecordStore(data_dir), library, today)

    return build


@pytest.fixture
def planner(make_planner: Callable[..., Planner]) -> Planner:
    """A service over an empty data folder, on the fixed today."""
    return make_planner()
