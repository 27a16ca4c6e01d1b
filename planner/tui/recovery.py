"""Unsaved form text: kept in `recovery-<pid>.json` as forms change, offered at the next start.

`DraftKeeper` is driven by messages the app routes to it: `DraftEdited` (a form's fields
changed, or a form opened or closed) keeps the text of every open form, written by a worker
thread; `DraftsFound` (posted by the start-up scan, a worker too) offers what an earlier run
left; `FormOpened` tells a restore which of the forms it reopened hold their text again.
On quit and on a stop signal the text is written at once; when the app ends any other way
(an unhandled error) the text last collected is written as it closes.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from textual.screen import Screen

from planner.service import StorageError
from planner.service.data import DraftFile
from planner.tui.drafts import Draft, Recoverable
from planner.tui.messages import DraftsFound, DraftsNotKept
from planner.tui.screens.base import PlannerScreen

if TYPE_CHECKING:
    from planner.tui.app import PlannerApp

DRAFTS_GROUP = "drafts"
"""The worker group of recovery-file reads and writes."""


@dataclass
class _Restore:
    """A restore under way: the files it claimed and the forms still to open."""

    claimed: list[Path]
    missed: list[Draft]
    waiting: set[int] = field(default_factory=set)
    opening: bool = True
    """Still reopening forms: one that reports open early does not end the restore."""


def drafts_of(file: DraftFile) -> list[Draft]:
    """The drafts of a recovery file that this version can reopen."""
    return [d for raw in file.drafts if (d := Draft.from_json(raw)) is not None]


class DraftKeeper:
    """Keeps and restores the unsaved text of the app's open forms."""

    def __init__(self, app: PlannerApp) -> None:
        self.app = app
        self.data = app.planner.data
        self.kept: Path | None = None
        """This process's recovery file while it holds unsaved form text."""
        self._lock = threading.Lock()
        self._pending: tuple[int, str, list[dict[str, object]]] = (0, "[]", [])
        self._written: tuple[int, str] = (0, "[]")
        self._failed = False
        self._restore: _Restore | None = None
        self.offered = False
        self.stopping = False
        """Set once the app is ending: later changes (forms unmounting) are not written."""
        self.scanned = False
        """Whether start-up has looked for earlier runs' files. Until then nothing is removed
        and only a stop writes: an earlier process with this pid (a pid used again, e.g. in a
        fresh container) may have left a file under this process's name, and the scan moves
        it aside to offer it."""

    # -- keeping ---------------------------------------------------------------------------

    def open_drafts(self) -> list[Draft]:
        """The unsaved text of every open form, in every mode."""
        drafts: list[Draft] = []
        for mode in self.app.MODES:
            try:
                stack = self.app.get_screen_stack(mode)
            except KeyError:
                continue
            for screen in stack:
                if not isinstance(screen, Recoverable):
                    continue
                try:
                    draft = screen.recovery_draft()
                except Exception:  # a screen half torn down must not stop the others
                    continue
                if draft is not None:
                    drafts.append(draft)
        return drafts

    def _collect(self) -> bool:
        """Take the open forms' text; whether it differs from what was taken last."""
        payload = [d.to_json() for d in self.open_drafts()]
        text = json.dumps(payload, sort_keys=True)
        version, last, _ = self._pending
        if text == last:
            return False
        self._pending = (version + 1, text, payload)
        return True

    def changed(self) -> None:
        """Forms changed: keep their text (a worker thread writes it)."""
        if self.stopping:
            return  # forms closing as the app ends still hold unsaved text
        if self._collect():
            self.app.run_worker(self._write_pending, thread=True, group=DRAFTS_GROUP)

    def stop(self) -> Path | None:
        """The app is ending (a quit or a stop signal): write the open forms' text now and
        take no later change, so the forms closing with the app do not read as emptied."""
        kept = self.keep_now()
        self.stopping = True
        return kept

    def keep_now(self) -> Path | None:
        """Write the open forms' text at once (quit, a stop signal, a finished restore)."""
        self._collect()
        self._write_pending(stopping=True)
        return self.kept

    def flush(self) -> None:
        """The app is ending: write the text collected last if it is not on disk yet."""
        self._write_pending(stopping=True)

    def _write_pending(self, stopping: bool = False) -> None:
        """Write the newest collected text unless it is written already (any thread)."""
        problem = ""
        with self._lock:
            version, text, payload = self._pending
            if version <= self._written[0] or text == self._written[1]:
                return
            if not self.scanned and (not payload or not stopping):
                return  # written once the scan has run (see `scanned`)
            try:
                self.kept = self.data.keep_drafts(os.getpid(), payload, dt.datetime.now(dt.UTC))
            except (StorageError, OSError, ValueError) as error:
                self.kept = None
                problem = "" if self._failed else str(error)
                self._failed = True  # say it once, not on every key
            self._written = (version, text)
        if problem and not stopping:
            self.app.post_message(DraftsNotKept(problem))

    # -- offering at start -----------------------------------------------------------------

    def scan(self) -> None:
        """Look for text an earlier run left (once per start; a worker thread reads)."""
        if self.offered:
            return
        self.offered = True
        self.app.run_worker(self._scan, thread=True, group=DRAFTS_GROUP)

    def _scan(self) -> None:
        with self._lock:
            found, set_aside = self.data.find_drafts(os.getpid())
            self.scanned = True
        self._write_pending()  # text typed before the scan, now that it may be written
        notes = [
            f"Unsaved form text from an earlier run could not be restored; it is kept in "
            f"{path} (open it in an editor to copy what you need)."
            for path in set_aside
        ]
        usable: list[DraftFile] = []
        for file in found:
            if drafts_of(file):
                usable.append(file)
                continue
            # Nothing this version can reopen (a newer format, or hand-edited): keep it aside.
            aside = self.data.set_drafts_aside(file.path)
            notes.append(
                f"A recovery file holds no form this planner can reopen; it is kept in "
                f"{aside or file.path}."
            )
        self.app.post_message(DraftsFound(usable, notes))

    def offer(self, found: DraftsFound) -> None:
        """Say what was set aside, then ask whether to restore, keep or discard the rest."""
        for note in found.notes:
            self.app.notify(
                note, title="Not restored", severity="warning", timeout=20, markup=False
            )
        if not found.usable:
            return
        from planner.tui.screens.drafts_offer import DraftsOfferScreen

        drafts = [d for f in found.usable for d in drafts_of(f)]
        saved = max(f.saved for f in found.usable)
        self.app.push_screen(
            DraftsOfferScreen(drafts, saved),
            lambda answer: self._answered(answer, found.usable, drafts),
        )

    def _answered(
        self, answer: str | None, found: Sequence[DraftFile], drafts: Sequence[Draft]
    ) -> None:
        if answer == "restore":
            self.app.run_worker(self._reopen(found), group=DRAFTS_GROUP)
        elif answer == "discard":
            from planner.tui.screens.confirm import ConfirmScreen

            def confirmed(yes: bool | None) -> None:
                if yes:
                    for file in found:
                        self.data.discard_drafts(file)
                    self.app.notify("Unsaved form text discarded.", timeout=3)
                else:
                    self.offered = False
                    self.scan()

            count = len(drafts)
            question = f"Throw away the text of {count} unsaved form{'s' * (count != 1)}?"
            self.app.push_screen(ConfirmScreen(question, yes="Discard"), confirmed)

    # -- restoring -------------------------------------------------------------------------

    async def _reopen(self, found: Sequence[DraftFile]) -> None:
        """Open each form again with its text; `opened` finishes once every form holds it.

        Each file is renamed before the replay: if the replay crashes the app, the next start
        sets it aside instead of replaying it again. A file another planner claimed first
        is left to it.
        """
        restore = _Restore(claimed=[], missed=[])
        drafts: list[Draft] = []
        for file in found:
            try:
                restore.claimed.append(self.data.claim_drafts(file, os.getpid()))
            except OSError:
                continue
            drafts.extend(drafts_of(file))
        self._restore = restore
        first: str | None = None
        for draft in drafts:
            screen = None
            if draft.mode in self.app.MODES:
                await self.app.switch_mode(draft.mode)
                screen = self.app.get_screen_stack(draft.mode)[0]
            if not isinstance(screen, PlannerScreen):
                restore.missed.append(draft)
                continue
            with contextlib.suppress(TimeoutError):  # a screen that never fills: go on
                await asyncio.wait_for(screen.mounted_and_filled.wait(), timeout=10)
            form = screen.reopen_draft(draft)
            if form is None:
                restore.missed.append(draft)
            else:
                restore.waiting.add(id(form))
                first = first or draft.mode
        await self.app.switch_mode(first or "dashboard")
        restore.opening = False
        if not restore.waiting:
            self._finish()

    def opened(self, form: Screen[object]) -> None:
        """A form is mounted with its fields; a restore finishes when all of its forms are."""
        restore = self._restore
        if restore is None or id(form) not in restore.waiting:
            return
        restore.waiting.discard(id(form))
        if not restore.waiting and not restore.opening:
            self._finish()

    def _finish(self) -> None:
        """The reopened forms hold the text: keep it under this process, drop the old files."""
        restore, self._restore = self._restore, None
        if restore is None:
            return
        reopened = self.keep_now()
        if restore.missed or (not reopened and self.open_drafts()):
            for path in restore.claimed:
                aside = self.data.set_drafts_aside(path)
                names = ", ".join(d.title for d in restore.missed) or "not kept on disk"
                self.app.notify(
                    f"Some unsaved text could not be put back into a form ({names}); the file "
                    f"is kept in {aside or path}.",
                    title="Partly restored",
                    severity="warning",
                    timeout=20,
                    markup=False,
                )
            return
        for path in restore.claimed:
            self.data.release_drafts(path)
