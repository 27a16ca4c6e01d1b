"""What every main screen shares: access to the service and refresh on data changes."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from textual.message_pump import MessagePump
from textual.screen import Screen

from planner.service import Planner

if TYPE_CHECKING:
    from planner.tui.app import PlannerApp
    from planner.tui.drafts import Draft


def app_of(node: MessagePump) -> PlannerApp:
    """The running PlannerApp, typed (for modal screens, which are not PlannerScreens)."""
    from planner.tui.app import PlannerApp

    app = node.app
    assert isinstance(app, PlannerApp)
    return app


class PlannerScreen(Screen[None]):
    """A main screen (one of the app's modes). Subclasses implement `refresh_data`."""

    def __init__(self) -> None:
        super().__init__()
        self._targets_ready = False
        self._pending_target: tuple[str, str, str] | None = None
        """A dashboard target that arrived before the screen was mounted."""
        self.mounted_and_filled = asyncio.Event()
        """Set once `targets_ready` ran: the screen shows its data and can open forms."""
        self.return_mode: str | None = None
        """The mode that sent the next target here (a dashboard gap, a task's link); a screen
        that opens a form for the target takes it, and the form goes back there when it closes."""
        self.return_task: str | None = None
        """The task whose pane's link sent the next target here: its pane opens again when
        what the link opened closes (taken with `return_mode`)."""
        self._in_view = False
        """Resumed and not suspended since (Textual resumes a mode's screen twice as it opens)."""
        self.filling = False
        """Whether numbers are being computed for the screen in a worker (tests wait on it)."""
        self.set_breakpoint_classes()

    def set_breakpoint_classes(self) -> None:
        """Give the screen its width class (`-narrow`, `-wide`) before it is first styled.

        Textual sets it on the screen's first resize, after its widgets were styled, and
        styles them all again for it; set now, that resize finds nothing to change.
        """
        try:
            app = self.app
        except RuntimeError:  # made outside a running app: the first resize sets it
            return
        points = self.HORIZONTAL_BREAKPOINTS
        if points is None:
            points = app.HORIZONTAL_BREAKPOINTS or []
        classes = {name: False for _, name in points}
        for least, name in sorted(points, reverse=True):
            if app.size.width >= least:
                classes[name] = True
                break
        self.update_classes(classes, update=False)

    def focus_target(self, kind: str, target: str, round_id: str) -> None:
        """From a dashboard gap: show where it is fixed, once the screen is mounted."""
        if not self._targets_ready:
            self._pending_target = (kind, target, round_id)
            return
        self.show_target(kind, target, round_id)

    def show_target(self, kind: str, target: str, round_id: str) -> None:
        """Point the screen at a gap's target (override in screens that fix gaps)."""

    def targets_ready(self) -> None:
        """Call at the end of `on_mount`: a waiting target is shown, later ones at once."""
        self._targets_ready = True
        self.mounted_and_filled.set()
        if self._pending_target is not None:
            pending, self._pending_target = self._pending_target, None
            self.show_target(*pending)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter (`select_focused`) applies when the focused widget has something to choose."""
        if action == "select_focused":
            return self._select_action() is not None
        return True

    def _select_action(self) -> str | None:
        """The focused widget's choose-this-row action: DataTable, Tree and ListView have
        `select_cursor`, OptionList (and SelectionList) `select`. Looked up by name, so
        the first screen does not import the table and list widgets it does not show."""
        focused = self.focused
        for name in ("select_cursor", "select"):
            if callable(getattr(focused, f"action_{name}", None)):
                return name
        return None

    async def action_select_focused(self) -> None:
        """Enter: choose the focused row (the screen's own handler says what that does).

        A screen binds Enter to this with its own description, so help names what Enter does.
        """
        name = self._select_action()
        if name is not None and self.focused is not None:
            await self.focused.run_action(name)

    def go_back(self, mode: str | None, task: str | None = None) -> None:
        """After a form opened for a target closes: back to the mode that sent it, if any,
        and to the pane of the task whose link it was."""
        if mode is not None and task is not None:
            from planner.tui.screens.task_detail import back_to_task

            self.planner_app.call_later(back_to_task, self.planner_app, mode, task)
        elif mode is not None and mode != self.planner_app.current_mode:
            self.planner_app.switch_mode(mode)

    def reopen_draft(self, draft: Draft) -> Screen[Any] | None:
        """Open a form again with text recovered after the app stopped (override).

        Returns the form, or None when this screen has no form for the draft.
        """
        return None

    @property
    def planner(self) -> Planner:
        """The service, owned by the app."""
        return self.planner_app.planner

    @property
    def planner_app(self) -> PlannerApp:
        """The app, typed."""
        return app_of(self)

    def on_screen_resume(self) -> None:
        """Show fresh data every time the screen comes back into view (once each time).

        Not before the app has a readable plan: the dashboard is made as the app starts,
        before the data is read (the app calls `in_view` once it has found a plan)."""
        if self.planner_app.ready:
            self.in_view()

    def in_view(self) -> None:
        """The screen is in view: read and show the data, unless shown since it came."""
        if self._in_view:
            return  # the second resume of a mode's first opening: the data is shown already
        self._in_view = True
        self.refresh_data()

    def on_screen_suspend(self) -> None:
        """Out of view (another mode, or a dialog on top): the next resume reads the data."""
        self._in_view = False

    def refresh_data(self) -> None:
        """Re-read what the screen shows from the service (override)."""
