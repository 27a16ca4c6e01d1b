"""Space draws the tick at once (in place), saves it in a save worker, puts it back if refused."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

import pytest
from textual.widgets import OptionList

from planner.domain.models import Task
from planner.errors import InputError
from planner.service import Planner
from planner.tui.app import PlannerApp

SIZE = (80, 24)
MakeApp = Callable[..., PlannerApp]


def prompt(option_list: OptionList, index: int = 0) -> str:
    return str(option_list.get_option_at_index(index).prompt)


def blocked_set_done(planner: Planner, gate: threading.Event, started: threading.Event) -> None:
    """Make the service's set_done wait for `gate` (in the save worker's thread)."""
    real = planner.tasks.set_done

    def slow(task_ids: Sequence[str], done: bool = True) -> list[Task]:
        started.set()
        assert gate.wait(60)
        return real(task_ids, done)

    planner.tasks.set_done = slow  # type: ignore[method-assign]


@pytest.mark.parametrize(("key", "list_id"), [("t", "#today-tasks"), ("p", "#plan-day-tasks")])
async def test_the_tick_is_drawn_before_the_save_ends(
    planned: Planner, make_app: MakeApp, key: str, list_id: str
) -> None:
    """The row shows the tick while the save worker is still writing; the list is not rebuilt."""
    app = make_app()
    gate, started = threading.Event(), threading.Event()
    blocked_set_done(app.planner, gate, started)
    first = planned.tasks.today().tasks[0]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        await pilot.pause()
        if key == "p":
            await pilot.press("enter")  # from the calendar to today's tasks
            await pilot.pause()
        tasks = app.screen.query_one(list_id, OptionList)
        option = tasks.get_option_at_index(0)
        assert option.id == first.id
        assert prompt(tasks).startswith("○")
        await pilot.press("space")
        assert prompt(tasks).startswith("✔")  # drawn at once, the save still waiting
        assert tasks.get_option_at_index(0) is option  # updated in place, not rebuilt
        assert not app.planner.session.plan().task(first.id).done
        gate.set()
        await pilot.pause()  # waits for the save worker and its Saved
        assert app.planner.session.plan().task(first.id).done
        assert prompt(tasks).startswith("✔")
        assert tasks.get_option_at_index(0) is option
        assert tasks.highlighted == 0
    assert started.is_set()


async def test_a_refused_tick_is_put_back_and_the_reason_shown(
    planned: Planner, make_app: MakeApp
) -> None:
    """SaveFailed: the row shows the task as the data file holds it, and a note says why."""
    app = make_app()
    first = planned.tasks.today().tasks[0]
    gate = threading.Event()

    def refuse(task_ids: Sequence[str], done: bool = True) -> list[Task]:
        assert gate.wait(60)
        raise InputError("the plan changed under you", field="task_ids")

    app.planner.tasks.set_done = refuse  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        tasks = app.screen.query_one("#today-tasks", OptionList)
        await pilot.press("space")
        assert prompt(tasks).startswith("✔")  # drawn while the save is under way
        gate.set()
        await pilot.pause()
        assert prompt(tasks).startswith("○")
        assert [n.message for n in app.notices] == ["the plan changed under you"]
        assert tasks.get_option_at_index(0).id == first.id
        await pilot.press("space")  # and Space tries again from the state shown
        await pilot.pause()
        assert prompt(tasks).startswith("○")
    assert not planned.session.plan().task(first.id).done
