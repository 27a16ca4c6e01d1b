"""A research task and the research item it works on move together when the task is ticked."""

from __future__ import annotations

from collections.abc import Callable

import tui_support
from textual.widgets import OptionList, Static

from planner.domain.models import Task
from planner.service import Planner
from planner.service.research_link import linked_research
from planner.tui.app import PlannerApp

SIZE = (80, 24)
MakeApp = Callable[..., PlannerApp]


def first_research_task(planner: Planner) -> Task:
    """The plan's first research task."""
    return next(t for t in planner.session.plan().tasks if t.kind == "research")


def status_of(planner: Planner, item_id: str) -> str:
    """The status of a research item as the data file holds it."""
    return next(s.status for i, s in planner.research.items() if i.id == item_id)


def test_each_research_item_of_the_pack_links_to_its_tracker_item(planned: Planner) -> None:
    """The pack's research checklist items link to the tracker items they are about."""
    pack = planned.session.pack()
    found = {
        i.id: getattr(linked_research(pack, i.id), "id", None)
        for i in pack.checklist
        if i.kind == "research"
    }
    assert found["research-launches"] == "recent-launches"
    assert found["research-learner-data"] == "public-learner-data"


def test_a_study_item_links_to_no_research_item(planned: Planner) -> None:
    """Only research tasks move a research item: a study item has no link."""
    pack = planned.session.pack()
    study = next(i for i in pack.checklist if i.kind == "study")
    assert linked_research(pack, study.id) is None


def test_unticking_leaves_the_research_item_as_it_is(planned: Planner) -> None:
    """An un-tick never moves the research item back (it may have been set by hand)."""
    task = first_research_task(planned)
    linked = linked_research(planned.session.pack(), task.item)
    assert linked is not None
    planned.tasks.set_done([task.id], True)
    planned.tasks.set_done([task.id], False)
    assert status_of(planned, linked.id) == "done"


async def test_ticking_a_research_task_on_today_marks_its_research_item_done(
    planned: Planner, make_app: MakeApp, make_planner: Callable[..., Planner]
) -> None:
    """Space on a research task's row saves the tick and the research item done, and says so."""
    task = first_research_task(planned)
    linked = linked_research(planned.session.pack(), task.item)
    assert linked is not None
    assert status_of(planned, linked.id) == "todo"
    app = make_app(task.day)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        tasks = app.screen.query_one("#today-tasks", OptionList)
        tasks.focus()
        tasks.highlighted = tasks.get_option_index(task.id)
        await pilot.press("space")
        assert await tui_support.wait_until(
            pilot, lambda: status_of(make_planner(task.day), linked.id) == "done"
        )
        assert await tui_support.workers_finished(pilot)
        assert any(linked.title in str(n.message) for n in app.notices)
    assert make_planner(task.day).session.plan().task(task.id).done


async def test_the_research_item_names_the_plan_sessions_that_move_it(
    planned: Planner, make_app: MakeApp
) -> None:
    """The Research screen's detail of a linked item says which plan task moves it."""
    task = first_research_task(planned)
    linked = linked_research(planned.session.pack(), task.item)
    assert linked is not None
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        research = await tui_support.open_research(pilot)
        research.show_target("research", linked.id, "")
        await pilot.pause()
        detail = str(research.query_one("#research-detail", Static).render())
        assert "In the plan:" in detail
        assert "0 of 1 session ticked" in detail


async def test_space_in_a_research_tasks_pane_marks_its_item_done_and_says_so(
    planned: Planner, make_app: MakeApp
) -> None:
    """The task pane names the linked item, and Space there moves it as on Today."""
    from planner.tui.screens.task_detail import TaskDetailScreen

    task = first_research_task(planned)
    linked = linked_research(planned.session.pack(), task.item)
    assert linked is not None
    app = make_app(task.day)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        tasks = app.screen.query_one("#today-tasks", OptionList)
        tasks.focus()
        tasks.highlighted = tasks.get_option_index(task.id)
        await pilot.press("enter")
        await pilot.pause()
        pane = app.screen
        assert isinstance(pane, TaskDetailScreen)
        assert pane.detail is not None
        assert pane.detail.links[0].label.endswith("moved by ticking this task")
        await pilot.press("space")
        assert await tui_support.wait_until(
            pilot, lambda: any(linked.title in n.message for n in app.notices)
        )
        assert status_of(app.planner, linked.id) == "done"
