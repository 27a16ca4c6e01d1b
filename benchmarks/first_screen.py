"""A process that opens an app headless and exits once its first screen is up."""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
from pathlib import Path


async def planner_app(folder: Path) -> None:
    """Loop Planner on the given data folder."""
    from planner.service import ContentLibrary, Planner
    from planner.storage import RecordStore
    from planner.tui.app import PlannerApp

    root = Path(__file__).resolve().parent.parent
    planner = Planner(
        RecordStore(folder), ContentLibrary(root / "content", root / "plans"), dt.date(2026, 11, 25)
    )
    app = PlannerApp(planner)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # The dashboard paints a skeleton, then its numbers from a worker: the row counts
        # until the numbers are shown (the skeleton alone would flatter it).
        while getattr(app.screen, "filling", False):
            await pilot.pause()


async def minimal_app() -> None:
    """The smallest Textual app with a header, a label and a footer."""
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Label

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Label("hello")
            yield Footer()

    async with Minimal().run_test(size=(80, 24)) as pilot:
        await pilot.pause()


def forget_decoded_records() -> None:
    """Drop the state cache's entries: the start is then the first one after a change of
    the data file (a few hundred microseconds, inside the measured process)."""
    from planner.cache import cache_dir

    folder = cache_dir()
    for entry in folder.glob("state-*.bin") if folder else ():
        entry.unlink()


if __name__ == "__main__":
    which, folder = sys.argv[1], Path(sys.argv[2])
    if which == "planner-cold":
        forget_decoded_records()
    asyncio.run(minimal_app() if which == "minimal" else planner_app(folder))
