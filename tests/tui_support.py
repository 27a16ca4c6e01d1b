"""Waiting in TUI tests on conditions, never on the clock (issue 14, item 13).

Textual's `Pilot.pause()` waits for the current screen to take the messages queued so far,
then until the process looks idle: its CPU time stopped advancing for a moment. On a loaded
machine that second test passes while the process is merely waiting for a core, so a pause
can return with messages still queued (a field's Changed, a mode switch, a mount). Fixed
delays (`pause(0.3)`, twenty tries of 50 ms) fail the same way.

`settle` adds the missing condition: it pauses again until no save or recovery-file worker
is running (they run in threads and post messages when done), no screen is `filling` (the
dashboard computes its numbers in a worker after its first paint) and no node of the app
has a message or a callback waiting. `wait_until` pauses until a condition holds. Both stop at a
generous bound only so that a broken test ends; on a working app they return as soon as it
is quiet.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.pilot import Pilot

from planner.tui.app import SAVE_GROUP, WATCH_GROUP
from planner.tui.recovery import DRAFTS_GROUP

if TYPE_CHECKING:
    from planner.tui.screens.research import ResearchScreen

BOUND = 60.0
"""Seconds after which a wait gives up (a test that needs this long is broken, not slow)."""
SLEEP = 0.02
"""How often a stopping app is looked at again (it has no queues left to wait on)."""

BUSY_GROUPS = (SAVE_GROUP, DRAFTS_GROUP)
"""Worker groups a pause waits for: saves and recovery-file reads and writes (the file
watcher runs as long as the app and is not waited for)."""

_original_pause = Pilot.pause


def _waiting(app: App[Any]) -> bool:
    """Whether a save, a message or a callback is still waiting anywhere in the app."""
    if any(w.group in BUSY_GROUPS and not w.is_finished for w in app.workers):
        return True  # a save or a recovery-file worker: its message is still to come
    if app.screen._callbacks:  # `call_after_refresh` callbacks: they run after a repaint
        return True
    nodes: list[Any] = [app, *app._registry]
    for node in nodes:
        if getattr(node, "filling", False) is True:
            return True  # a screen's numbers are computed in a worker (the dashboard's)
        if getattr(node, "_pending_message", None) is not None:
            return True
        if getattr(node, "_next_callbacks", None):
            return True
        queue = vars(node).get("_message_queue")  # made on first use: none yet, none queued
        if queue is not None and not queue.empty():
            return True
    return False


def _running(app: App[Any]) -> bool:
    """Whether the app is still up (a pause after it quit has nothing to wait for)."""
    return app.is_running and not app._exit and bool(app._screen_stacks.get(app._current_mode))


async def settle(pilot: Pilot[Any], bound: float = BOUND) -> None:
    """Pause until every queued message and callback of the app has been handled."""
    await _original_pause(pilot)
    end = time.monotonic() + bound
    while _running(pilot.app) and _waiting(pilot.app) and time.monotonic() < end:
        await _original_pause(pilot)


async def _settled_pause(self: Pilot[Any], delay: float | None = None) -> None:
    """`Pilot.pause` that also waits for the app's queues to drain (see `settle`)."""
    if delay is not None:
        await _original_pause(self, delay)
    await settle(self)


async def pause_unsettled(pilot: Pilot[Any]) -> None:
    """One plain `Pilot.pause` (the queued messages handled), not waiting for saves to end:
    for a test that holds a save open on purpose (a settled pause would wait it out)."""
    await _original_pause(pilot)


def install() -> None:
    """Make every `pilot.pause()` settle (called once from tests/tui/conftest.py)."""
    Pilot.pause = _settled_pause  # type: ignore[method-assign]


async def wait_until(
    pilot: Pilot[Any], condition: Callable[[], object], bound: float = BOUND
) -> bool:
    """Pause until `condition()` is true; False if it still is not after `bound` seconds."""
    end = time.monotonic() + bound
    while not condition():
        if time.monotonic() >= end:
            return False
        if _running(pilot.app):
            await settle(pilot)
        else:  # stopping (e.g. a worker failed): nothing to pause on, let it finish
            await asyncio.sleep(SLEEP)
    return True


async def workers_finished(pilot: Pilot[Any], bound: float = BOUND) -> bool:
    """Wait until every worker of the app (a restore, a palette search) has ended.

    The file watcher is not waited for: it runs as long as the app.

    It settles first, so a worker that a queued message is about to start is waited for
    too. A worker that failed counts as ended; its error reaches the test as Textual
    reports it.
    """
    if _running(pilot.app):
        await settle(pilot)
    done = await wait_until(
        pilot,
        lambda: all(w.is_finished or w.group == WATCH_GROUP for w in pilot.app.workers),
        bound,
    )
    if done and _running(pilot.app):
        await settle(pilot)  # what the workers' results set off (a form opening, a message)
    return done


async def open_research(pilot: Pilot[None]) -> ResearchScreen:
    """Switch to the Research screen and return it."""
    from planner.tui.screens.research import ResearchScreen

    await pilot.press("e")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ResearchScreen)
    return screen


def notice_messages(app: App[Any]) -> list[str]:
    """The messages of the toasts a PlannerApp shows now (its public `notices`)."""
    from planner.tui.app import PlannerApp

    assert isinstance(app, PlannerApp)
    return [n.message for n in app.notices]
