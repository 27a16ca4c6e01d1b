"""Keys handled one at a time, each by the widget focused when its turn comes.

A terminal hands over type-ahead, pasted tabs and macro keys in one read, and Textual queues
them all on the app at once. The app forwards each key to the focused widget as soon as it
takes it from its queue, but Tab moves the focus only later: the key travels up from the
field to the app, whose bindings then run `focus_next`. By then the keys typed after the
Tab were already forwarded to the old field (`Title A<Tab>Situation B` filled the title
with everything, scores `3<Tab>4` became `34`).

`KeyOrder` holds a key back while the one before it is still on its way: after forwarding
a key, it sends a callback the same way up (the focused widget, each of its parents, the
app). Each node's queue runs the callback after the key, so when it reaches the app the
key has been handled everywhere, its bindings included, and the next key goes to whatever
has focus then. Pastes wait their turn too. Should the callback be lost on the way (its
widget removed meanwhile), the held keys go on after `STALE_SECONDS` as before.

A key typed right after the one that opens a form (`m a 4 2`) can reach the form before it
has focused its first field: it passes through unhandled. The app gives it back (`again`):
it is sent once more, ahead of the keys after it, as soon as a field has the focus.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any
from weakref import WeakSet

from textual import events
from textual.app import App, ScreenError
from textual.dom import DOMNode
from textual.message_pump import MessagePump
from textual.timer import Timer

STALE_SECONDS = 1.0
"""How long held keys wait for the key before them to be handled before going on anyway."""

FOCUS_TRIES = 20
"""How many refreshes a key given back waits for a newly opened form to focus a field."""

Dispatch = Callable[[events.Event], Awaitable[None]]
"""Textual's own handling of an input event by the app (forwarding it to the focus)."""


class KeyOrder:
    """The app's keys and pastes from the terminal, handled strictly one after another."""

    def __init__(self, app: App[Any], dispatch: Dispatch) -> None:
        self._app = app
        self._dispatch = dispatch
        self._held: deque[events.Event] = deque()
        self._turn = 0
        """The number of the last key sent on."""
        self._open = False
        """Whether that key may still be on its way to the widget that takes it."""
        self._paused = False
        """Whether a key given back waits for a form to focus its first field."""
        self._sent_again: WeakSet[events.Key] = WeakSet()
        """The copies made by `again` (not given back a second time)."""
        self._timer: Timer | None = None
        self._timed_turn = 0

    @staticmethod
    def orders(event: events.Event) -> bool:
        """Whether this event is a key or paste fresh from the terminal (not yet forwarded)."""
        return isinstance(event, events.Key | events.Paste) and not event.is_forwarded

    async def take(self, event: events.Event) -> None:
        """Handle this key now, or after the keys before it when one is still on its way."""
        if self._open or self._paused or self._held:
            self._held.append(event)
            self._watch()
            return
        await self._send(event)

    def again(self, key: events.Key) -> None:
        """Send this key, which found no field, again (once: a copy), before the keys after
        it, once the screen has focused a field (or after `FOCUS_TRIES` refreshes)."""
        copy = events.Key(key.key, key.character)
        self._sent_again.add(copy)
        self._held.appendleft(copy)
        if not self._paused:
            self._paused = True
            self._app.call_after_refresh(self._look_for_focus, FOCUS_TRIES)

    def sent_again(self, key: events.Key) -> bool:
        """Whether this key is a copy already sent again (it is not given back twice)."""
        return key in self._sent_again

    async def _look_for_focus(self, tries: int) -> None:
        try:
            focused = self._app.focused
        except ScreenError:
            focused = None
        if focused is None and tries > 0:
            self._app.call_after_refresh(self._look_for_focus, tries - 1)
            return
        self._paused = False
        if not self._open:
            await self._next()

    async def _send(self, event: events.Event) -> None:
        try:
            start: MessagePump = self._app.focused or self._app.screen
        except ScreenError:  # no screen yet (starting up)
            start = self._app
        await self._dispatch(event)
        self._turn += 1
        self._open = True
        self._follow(start, self._turn)

    def _follow(self, node: MessagePump, turn: int) -> None:
        """Queue the check behind the key on this node (the app when the node is gone)."""
        if node is self._app or not node.call_later(self._reached, node, turn):
            self._app.call_later(self._reached, self._app, turn)

    async def _reached(self, node: MessagePump, turn: int) -> None:
        """The key of `turn` has been handled by `node`: follow it up, or go on at the app."""
        if turn != self._turn or not self._open:
            return  # released meanwhile (see `_stale`)
        if node is not self._app:
            parent = node.parent if isinstance(node, DOMNode) else None
            attached = isinstance(node, DOMNode) and node.is_attached
            self._follow(parent if parent is not None and attached else self._app, turn)
            return
        await self._next()

    async def _next(self) -> None:
        self._open = False
        while self._held and not self._open and not self._paused:
            await self._send(self._held.popleft())

    def _watch(self) -> None:
        """Make sure held keys are not held forever if a check is lost on the way."""
        if self._timer is None:
            self._timed_turn = self._turn
            self._timer = self._app.set_timer(STALE_SECONDS, self._stale)

    async def _stale(self) -> None:
        self._timer = None
        if not self._held:
            return
        if self._turn == self._timed_turn and self._open:
            await self._next()
        if self._held:
            self._watch()
