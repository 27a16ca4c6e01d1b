"""A stray or hostile recovery file never stops the app from starting (issue 14, item 10)."""

from __future__ import annotations

import json

from planner.service import Planner
from planner.tui.app import PlannerApp
from planner.tui.screens.drafts_offer import DraftsOfferScreen

SIZE = (100, 32)


async def test_the_app_starts_and_sets_hostile_recovery_files_aside(demo: Planner) -> None:
    """A 20-digit pid in the name, deep nesting and a 5,000-digit number: the app opens its
    dashboard, offers none of them, and keeps each as `*.not-restored`."""
    folder = demo.session.store.data_dir
    bodies = {
        f"recovery-{'9' * 20}.json": json.dumps({"drafts": []}).encode(),
        f"recovery-{2**22 + 31}.json": b'{"drafts": [' + b"[" * 50_000 + b"]" * 50_000 + b"]}",
        f"recovery-{2**22 + 32}.json": b'{"drafts": [], "pid": ' + b"7" * 5000 + b"}",
    }
    for name, body in bodies.items():
        (folder / name).write_bytes(body)
    app = PlannerApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.ready
        assert not isinstance(app.screen, DraftsOfferScreen)
    aside = sorted(p.name for p in folder.glob("recovery-*"))
    assert aside == sorted(f"{name}.not-restored" for name in bodies)
