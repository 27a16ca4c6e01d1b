"""Saves run in a worker thread; the screen in view is redrawn once; forms wait and say why not."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input
from tui_support import pause_unsettled, wait_until

from planner.errors import InputError
from planner.service import CorruptDatabase, Planner
from planner.service.mocks import Mocks
from planner.tui.app import PlannerApp
from planner.tui.forms.base import FieldError
from planner.tui.forms.mock_form import MockForm
from planner.tui.screens.mocks import MocksScreen
from planner.tui.screens.recovery import RecoveryScreen
from planner.tui.screens.today import TodayScreen

SIZE = (80, 24)


async def test_space_on_today_redraws_the_screen_once(
    planned: Planner, make_app: Callable[..., PlannerApp]
) -> None:
    """One Space: the task is saved and Today is drawn again once, not twice."""
    first = planned.tasks.today().tasks[0]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        redraws: list[int] = []
        redraw = screen.refresh_data

        def counted() -> None:
            redraws.append(1)
            redraw()

        screen.refresh_data = counted  # type: ignore[method-assign]
        await pilot.press("space")
        await pilot.pause()
        assert len(redraws) == 1
    assert planned.session.plan().task(first.id).done


async def open_mock_form(pilot: Pilot[None], demo: Planner) -> MockForm:
    """Open the Mocks screen's add form with a valid score in every dimension."""
    await pilot.press("m")
    await pilot.pause()
    await pilot.press("a")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, MockForm)
    for n in range(len(demo.session.pack().rubric(form.round_id).dimensions)):
        form.query_one(f"#score-{n}", Input).value = "3"
    return form


async def test_a_form_stays_open_while_its_save_runs(
    demo: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The save runs off the UI thread: the form says it is saving, then closes when saved."""
    release = threading.Event()
    add = Mocks.add

    def slow_add(self: Mocks, entry: object) -> object:
        assert threading.current_thread() is not threading.main_thread()
        release.wait(30)
        return add(self, entry)  # type: ignore[arg-type]

    monkeypatch.setattr(Mocks, "add", slow_add)
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        form = await open_mock_form(pilot, demo)
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: form.saving, bound=10)
        assert pilot.app.screen is form  # the UI is free while the worker waits
        button = form.query_one("#save", Button)
        assert button.disabled
        assert "Saving" in str(button.label)
        release.set()
        assert await wait_until(pilot, lambda: isinstance(pilot.app.screen, MocksScreen))
    assert demo.mocks.logged()[-1].id == "m4"


async def test_a_refusal_is_shown_under_its_field_and_the_text_stays(
    demo: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The service refuses one field: the form stays open and says so under that field."""

    def refuse(self: Mocks, entry: object) -> object:
        raise InputError("partner: that name is not allowed", field="partner")

    monkeypatch.setattr(Mocks, "add", refuse)
    before = demo.session.store.path.read_bytes()
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        form = await open_mock_form(pilot, demo)
        form.query_one("#partner", Input).value = "Ana"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is form
        assert not form.saving
        error = form.query_one("#partner-error", FieldError)
        assert error.has_class("-shown")
        assert "not allowed" in str(error.render())
        assert form.query_one("#partner", Input).value == "Ana"
        assert not form.query_one("#save", Button).disabled
    assert demo.session.store.path.read_bytes() == before


async def test_a_form_saved_while_another_screen_is_in_view_closes_when_back(
    demo: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Save, go to Today before the save ends, come back: the form is closed, not left open."""
    release = threading.Event()
    add = Mocks.add

    def slow_add(self: Mocks, entry: object) -> object:
        release.wait(30)
        return add(self, entry)  # type: ignore[arg-type]

    monkeypatch.setattr(Mocks, "add", slow_add)
    app = PlannerApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_mock_form(pilot, demo)
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: form.saving, bound=10)
        await app.switch_mode("today")
        release.set()
        assert await wait_until(pilot, lambda: not form.saving)
        assert isinstance(app.screen, TodayScreen)
        await app.switch_mode("mocks")
        assert await wait_until(pilot, lambda: isinstance(app.screen, MocksScreen))
        assert form not in app.screen_stack
    assert demo.mocks.logged()[-1].id == "m4"


async def test_a_save_that_finds_the_file_unreadable_offers_the_backup(
    demo: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is unreadable when the form saves: the form stops saving, recovery opens."""

    def unreadable(self: Mocks, entry: object) -> object:
        path = demo.session.store.path
        raise CorruptDatabase(path, "not JSON", None)

    monkeypatch.setattr(Mocks, "add", unreadable)
    app = PlannerApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_mock_form(pilot, demo)
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: isinstance(app.screen, RecoveryScreen))
        assert not form.saving
        assert "not JSON" in str(form.query_one("#form-problem-error", FieldError).render())


async def test_the_apps_own_save_is_not_shown_as_another_planner_saving(
    demo: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While this app's save holds the lock, a look at the file does not say BUSY.

    The watcher saw the lock held by the app's own save worker and put "BUSY, another
    planner is saving" in the header (caught by two snapshots on a loaded machine).
    """
    held = threading.Event()
    release = threading.Event()
    add = Mocks.add

    def add_holding_the_lock(self: Mocks, entry: object) -> object:
        with self.session.write():
            held.set()
            release.wait(30)
        return add(self, entry)  # type: ignore[arg-type]

    monkeypatch.setattr(Mocks, "add", add_holding_the_lock)
    app = PlannerApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        await open_mock_form(pilot, demo)
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, held.is_set, bound=10)
        assert demo.data.busy()  # the lock is held (by this app's own save)
        app.poll_changes()
        await pause_unsettled(pilot)  # a settled pause would wait for the held save
        busy_while_saving = app.busy
        assert app._saving  # still under way: the look above was made during the save
        release.set()
        assert await wait_until(pilot, lambda: not app._saving, bound=10)
    assert not busy_while_saving
