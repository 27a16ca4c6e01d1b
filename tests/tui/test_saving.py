"""Saves run in a worker thread; the screen in view is redrawn once; forms wait and say why not."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input
from tui_support import wait_until

from planner.errors import InputError
from planner.service import Planner
from planner.service.mocks import Mocks
from planner.tui.app import PlannerApp
from planner.tui.forms.base import FieldError
from planner.tui.forms.mock_form import MockForm
from planner.tui.screens.mocks import MocksScreen
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
