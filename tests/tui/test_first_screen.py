"""The first screen paints before its numbers and restyles little (issue 17, first screen).

The dashboard computes its numbers in a worker after its skeleton is drawn and never shows
old numbers as current; the footer is rebuilt only when its keys change; the screen gets its
width class before it is styled; the first screen imports no widget it does not show.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tui_support
from textual.css.stylesheet import Stylesheet
from textual.widgets import Static

from planner.service import Planner
from planner.tui.app import PlannerApp
from planner.tui.screens.dashboard import DashboardNumbers, DashboardScreen
from planner.tui.widgets.footer import Footer

SIZE = (80, 24)
ROOT = Path(__file__).resolve().parents[2]


def headline(app: PlannerApp) -> str:
    """The dashboard's headline as plain text."""
    return str(app.screen.query_one("#dash-headline", Static).render())


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """While the returned event is clear, the dashboard's worker waits before reading."""
    gate = threading.Event()
    original = DashboardNumbers.read

    def read(planner: Planner) -> DashboardNumbers | None:
        gate.wait(timeout=60)
        return original(planner)

    monkeypatch.setattr(DashboardNumbers, "read", staticmethod(read))
    yield gate
    gate.set()  # never leave a worker thread waiting


async def test_skeleton_first_then_the_numbers(demo_app: PlannerApp, held: threading.Event) -> None:
    """Until the worker is done the headline says so (no verdict); then the verdict shows."""
    async with demo_app.run_test(size=SIZE) as pilot:
        await tui_support.wait_until(
            pilot,
            lambda: any(w.group == "dashboard" and not w.is_finished for w in demo_app.workers),
        )
        screen = demo_app.screen
        assert isinstance(screen, DashboardScreen)
        assert screen.filling
        assert headline(demo_app) == "Computing readiness…"
        assert "readiness" not in str(screen.query_one("#dash-rounds").render())
        held.set()
        await pilot.pause()  # waits for the fill (tui_support: `filling`)
        assert not screen.filling
        assert "readiness 33/100" in headline(demo_app)
        assert "NOT YET" in headline(demo_app)


async def test_a_refresh_never_shows_the_old_verdict_as_current(
    demo_app: PlannerApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While new numbers are computed, the headline says so and the old ones are dimmed."""
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = demo_app.screen
        assert isinstance(screen, DashboardScreen)
        assert "NOT YET" in headline(demo_app)
        gate = threading.Event()
        original = DashboardNumbers.read

        def read(planner: Planner) -> DashboardNumbers | None:
            gate.wait(timeout=60)
            return original(planner)

        monkeypatch.setattr(DashboardNumbers, "read", staticmethod(read))
        try:
            demo_app.show_data()  # as after a save or another planner's change
            assert headline(demo_app) == "Computing readiness…"
            assert screen.query("#dash-rounds.-stale")
            assert screen.query("#dash-gaps.-stale")
        finally:
            gate.set()
        await pilot.pause()
        assert "NOT YET" in headline(demo_app)
        assert not screen.query(".-stale")


async def test_only_the_latest_request_is_shown(demo_app: PlannerApp) -> None:
    """Numbers from an older request that arrive late are dropped."""
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = demo_app.screen
        assert isinstance(screen, DashboardScreen)
        numbers = DashboardNumbers.read(demo_app.planner)
        screen.refresh_data()
        screen.post_message(DashboardScreen.Filled(0, numbers, None))  # an older generation
        await tui_support.wait_until(pilot, lambda: not screen.filling)
        assert "NOT YET" in headline(demo_app)


@pytest.fixture
def composes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many keys each footer rebuild showed."""
    counts: list[int] = []
    original = Footer.compose

    def compose(self: Footer) -> Any:
        children = list(original(self))
        if children:
            counts.append(len(children))
        return iter(children)

    monkeypatch.setattr(Footer, "compose", compose)
    return counts


async def test_the_footer_is_built_once_at_start(demo_app: PlannerApp, composes: list[int]) -> None:
    """Textual's footer rebuilt itself on each of ~5 binding refreshes at start; now once."""
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert len(composes) == 1


async def test_the_footer_follows_a_change_of_keys(
    demo_app: PlannerApp, composes: list[int]
) -> None:
    """A screen with other keys gets a rebuilt footer with those keys."""
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        footer = demo_app.screen.query_one(Footer)
        shown = {getattr(key, "key", None) for key in footer.query("FooterKey")}
        assert "space" in shown  # Today's own key, not on the dashboard's footer
        assert len(composes) >= 2


async def test_the_dashboard_is_styled_for_its_width_once(
    demo_app: PlannerApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The screen has its width class before it is styled: the first resize restyles nothing
    (it restyled every widget of the dashboard), nor does focusing the gap list first."""
    restyled: list[str] = []
    original = Stylesheet.update_nodes

    def update_nodes(self: Stylesheet, nodes: Any, animate: bool = False) -> None:
        nodes = list(nodes)
        restyled.extend(type(node).__name__ for node in nodes)
        original(self, nodes, animate)

    monkeypatch.setattr(Stylesheet, "update_nodes", update_nodes)
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert demo_app.screen.has_class("-narrow")
        # The dashboard is styled as the app's CSS is read and once as it is resumed
        # (2 x 22 nodes). Before: 3 more passes over it (Textual's default screen switched
        # to the dashboard's mode, the width class, focus moves) and each footer key once
        # per footer rebuild (5 rebuilds).
        assert restyled.count("DashboardScreen") == 2
        assert restyled.count("VerticalScroll") == 1
        assert restyled.count("Screen") == 0  # Textual's default screen is never made
        assert len(restyled) < 45


def test_the_first_screen_imports_only_what_it_shows(tmp_path: Path, demo: Planner) -> None:
    """A start up to the first screen imports no table or list widget and no other screen."""
    script = f"""
import asyncio, datetime as dt, json, sys
from pathlib import Path
from planner.service import ContentLibrary, Planner
from planner.storage import RecordStore
from planner.tui.app import PlannerApp
root = Path({str(ROOT)!r})
planner = Planner(RecordStore(Path({str(demo.data.folder)!r})),
                  ContentLibrary(root / "content", root / "plans"), dt.date(2026, 11, 25))
async def main():
    async with PlannerApp(planner).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
asyncio.run(main())
print(json.dumps(sorted(sys.modules)))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    modules = set(json.loads(done.stdout.splitlines()[-1]))
    assert "planner.tui.screens.dashboard" in modules
    unwanted = {
        "textual.widgets._data_table",
        "textual.widgets._list_view",
        "planner.tui.screens.today",
        "planner.tui.screens.plan",
        "planner.tui.screens.mocks",
        "planner.tui.screens.stories",
        "planner.tui.screens.research",
        "planner.tui.screens.questions",
        "planner.tui.screens.onboarding",
        "planner.tui.forms.base",
    }
    assert not unwanted & modules


def test_the_start_reads_the_plan_alone(demo: Planner, monkeypatch: pytest.MonkeyPatch) -> None:
    """`plan_alone` gives the plan `state` gives, without decoding the mocks (the worker
    decodes them after the first paint); it follows the file like `state`."""
    from planner.storage import codec

    expected = demo.session.state().plan
    fresh = Planner(demo.session.store, demo.session.library, demo.today)

    def no_mocks(record: object) -> None:
        raise AssertionError("a mock was decoded")

    monkeypatch.setattr(codec, "mock_from_record", no_mocks)
    plan = fresh.session.plan_alone()
    assert plan is not None
    assert plan == expected
    assert fresh.session.plan_alone() is plan  # cached until the file changes
    monkeypatch.undo()
    fresh.tasks.set_done([plan.tasks[0].id], done=not plan.tasks[0].done)
    changed = fresh.session.plan_alone()
    assert changed is not None
    assert changed.tasks[0].done != plan.tasks[0].done


async def test_a_large_files_first_screen_parses_nothing_when_its_records_are_cached(
    demo: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A data file whose records an earlier process kept (the state cache, for large files)
    opens on the same verdict without being parsed: neither before the first paint (the
    plan, the header's pack) nor in the dashboard's worker (every record)."""
    from planner.storage import RecordStore, state_cache
    from planner.storage import store as store_module

    monkeypatch.setattr(state_cache, "MIN_BYTES", 1)  # the demo counts as a large file
    first = PlannerApp(demo)
    async with first.run_test(size=SIZE) as pilot:  # an earlier start: kept
        await pilot.pause()
        verdict = headline(first)
    assert "NOT YET" in verdict
    parses: list[int] = []
    real = store_module.parse

    def counted(raw: bytes) -> Any:
        parses.append(len(raw))
        return real(raw)

    monkeypatch.setattr(store_module, "parse", counted)
    again = Planner(RecordStore(demo.data.folder), demo.session.library, demo.today)
    second = PlannerApp(again)
    async with second.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert headline(second) == verdict
    assert parses == []
