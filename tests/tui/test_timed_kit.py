"""The partner kit on the timed mock's second pane (issue 18): k toggles it, it shows the
kit of the round and of the question the plan linked, and the scores typed after the mock
are the kit's grid rows, saved into the log."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input, Label

from planner.service import Planner
from planner.service.practice import planned_session
from planner.tui.app import PlannerApp
from planner.tui.forms.mock_form import MockForm
from planner.tui.forms.timed_mock import TimedMockScreen
from planner.tui.screens.help import HelpScreen
from planner.tui.screens.mocks import MocksScreen
from planner.tui.widgets.kit_pane import KitPane, kit_content

NARROW = (80, 24)
WIDE = (120, 40)
ROUND = "product-sense"


@pytest.fixture(autouse=True)
def no_real_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Timed mode counts only through `tick`, so no test races the wall clock."""
    monkeypatch.setattr(TimedMockScreen, "CLOCK_SECONDS", None)


async def open_timed(pilot: Pilot[None], round_id: str = ROUND) -> TimedMockScreen:
    """Open timed mode on a round from the Mocks screen (as a dashboard gap does)."""
    await pilot.press("m")
    await pilot.pause()
    mocks = pilot.app.screen
    assert isinstance(mocks, MocksScreen)
    mocks.focus_target("mocks", "", round_id)
    await pilot.pause()
    timed = pilot.app.screen
    assert isinstance(timed, TimedMockScreen)
    return timed


def linked_question(planner: Planner, round_id: str = ROUND) -> str:
    """The question the plan set for the round's next timed session."""
    plan = planner.session.state().plan
    assert plan is not None
    task = planned_session(plan, round_id, planner.today)
    assert task is not None
    assert task.question
    return task.question


async def test_k_opens_the_kit_in_place_of_the_form_when_narrow(planned: Planner) -> None:
    """At 80x24 the kit replaces the form (the clock stays); k again brings the form back."""
    async with PlannerApp(planned).run_test(size=NARROW) as pilot:
        timed = await open_timed(pilot)
        pane = timed.query_one("#kit-pane", KitPane)
        body = timed.query_one("#timed-body")
        assert not pane.display or not timed.kit_shown
        assert pane.region.width == 0
        await pilot.press("k")
        await pilot.pause()
        assert timed.kit_shown
        assert pane.region.width > 0
        assert pane.region.height > 0
        assert body.region.width == 0  # the form is out of the way
        assert timed.query_one("#clock").region.height > 0
        assert pane.has_focus
        assert "PARTNER KIT" in pane.text()
        await pilot.press("k")
        await pilot.pause()
        assert not timed.kit_shown
        assert pane.region.width == 0
        assert body.region.width > 0
        assert timed.query_one("#timed-toggle", Button).has_focus


async def test_the_kit_sits_beside_the_form_when_wide(planned: Planner) -> None:
    """At 120x40 the form and the kit share the width, wrapped to the pane."""
    async with PlannerApp(planned).run_test(size=WIDE) as pilot:
        timed = await open_timed(pilot)
        await pilot.press("f2")
        await pilot.pause()
        pane = timed.query_one("#kit-pane", KitPane)
        body = timed.query_one("#timed-body")
        assert body.region.width > 0
        assert pane.region.width > 0
        assert pane.region.x > body.region.x
        widest = max(len(line) for line in pane.text().splitlines())
        assert widest <= pane.scrollable_content_region.width


async def test_the_kit_is_the_linked_questions(planned: Planner) -> None:
    """Without a question given, timed mode picks the question the plan linked to the
    round's session, and the pane shows the same kit as `planner mock kit ROUND`."""
    qid = linked_question(planned)
    kit = planned.practice.kit(ROUND)
    assert kit.question.id == qid
    async with PlannerApp(planned).run_test(size=WIDE) as pilot:
        timed = await open_timed(pilot)
        assert timed.question == qid
        await pilot.press("k")
        await pilot.pause()
        text = " ".join(timed.query_one("#kit-pane", KitPane).text().split())
        assert f"PROMPT {qid}" in text
        assert " ".join(kit.question.prompt.split()) in text
        assert "the question the plan set for" in text
        for follow_up in kit.follow_ups:
            assert " ".join(follow_up.split()) in text
        for dim in kit.score_ids:
            assert dim in text
        assert "planner mock add" not in text  # the TUI logs the scores itself
        assert "SCORING" in text


async def test_another_question_brings_its_kit(planned: Planner) -> None:
    """Picking another question in the form shows that question's kit."""
    qid = linked_question(planned)
    async with PlannerApp(planned).run_test(size=WIDE) as pilot:
        timed = await open_timed(pilot)
        options = [q for q in planned.session.pack().questions if q.round == ROUND]
        other = next(
            q for q in options if q.id != qid and q.fits("mid")
        )  # the planned fixture is mid-level
        from textual.widgets import Select

        timed.query_one("#timed-question", Select).value = other.id
        await pilot.pause()
        await pilot.press("k")
        await pilot.pause()
        text = " ".join(timed.query_one("#kit-pane", KitPane).text().split())
        assert f"PROMPT {other.id}" in text
        assert "chosen for this mock" in text


async def test_scores_typed_after_the_mock_are_the_grid_and_go_into_the_log(
    planned: Planner,
) -> None:
    """The score form asks for the kit's grid rows in the grid's order; Save logs them with
    the kit's question and the minutes used."""
    kit = planned.practice.kit(ROUND)
    async with PlannerApp(planned).run_test(size=NARROW) as pilot:
        timed = await open_timed(pilot)
        await pilot.press("k", "space")
        assert timed.phase == "running"
        timed.tick(20 * 60)
        await pilot.press("f")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, MockForm)
        names = [str(label.render()) for label in form.query(".dim-name").results(Label)]
        assert names == [d.name for d in kit.dimensions]
        for n, value in enumerate(["2", "4", "3", "5", "1", "3", "4"][: len(names)]):
            form.query_one(f"#score-{n}", Input).value = value
        await pilot.press("ctrl+s")
        await pilot.pause()
    logged = planned.mocks.logged()
    assert len(logged) == 1
    mock = logged[0]
    assert list(mock.scores) == list(kit.score_ids)
    assert [mock.scores[d] for d in kit.score_ids] == [
        int(v) for v in ["2", "4", "3", "5", "1", "3", "4"][: len(kit.score_ids)]
    ]
    assert (mock.round, mock.question, mock.minutes) == (ROUND, kit.question.id, 20)


async def test_the_kit_key_is_in_the_footer_and_the_help(planned: Planner) -> None:
    """The key is listed in the footer and on the ? screen (made from the bindings)."""
    async with PlannerApp(planned).run_test(size=NARROW) as pilot:
        timed = await open_timed(pilot)
        active = timed.active_bindings
        assert "k" in active
        assert active["k"].binding.show
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = pilot.app.screen
        assert isinstance(help_screen, HelpScreen)
        assert "| k, f2 | Partner kit |" in help_screen.help_text()


def test_kit_text_is_shown_as_text_not_markup(planned: Planner) -> None:
    """Brackets in content are shown as typed, never read as markup."""
    kit = planned.practice.kit(ROUND)
    odd = replace(kit, question=replace(kit.question, prompt="Pick [bold]one[/bold] $x [link]"))
    plain = kit_content(odd, 70).plain
    assert "Pick [bold]one[/bold] $x [link]" in plain
    prose = [line for line in plain.splitlines() if "  o  o  o" not in line]
    assert max(len(line) for line in prose) <= 70  # the grid's rows are kept whole


async def test_a_clock_of_another_length_says_the_cues_are_for_the_round(
    planned: Planner,
) -> None:
    """Cues are for the round's length; a clock set shorter says so above the kit."""
    kit = planned.practice.kit(ROUND)
    async with PlannerApp(planned).run_test(size=WIDE) as pilot:
        timed = await open_timed(pilot)
        await pilot.press("k")
        await pilot.pause()
        pane = timed.query_one("#kit-pane", KitPane)
        assert "This clock runs" not in pane.text()
        field = timed.query_one("#timed-length", Input)
        field.focus()
        field.value = ""
        await pilot.press("3", "0")
        await pilot.pause()
        text = " ".join(pane.text().split())
        assert f"This clock runs 30 min; the time cues below are for the round's {kit.minutes}" in (
            text
        )
        assert text.index("This clock runs") < text.index("PARTNER KIT")


async def test_another_round_brings_its_suggested_question_and_kit(planned: Planner) -> None:
    """Picking another round in timed mode picks that round's kit question (the plan's)."""
    from textual.widgets import Select

    other = "execution"
    qid = linked_question(planned, other)
    async with PlannerApp(planned).run_test(size=WIDE) as pilot:
        timed = await open_timed(pilot)
        timed.query_one("#timed-round", Select).value = other
        await pilot.pause()
        assert timed.query_one("#timed-question", Select).value == qid
        await pilot.press("k")
        await pilot.pause()
        text = " ".join(timed.query_one("#kit-pane", KitPane).text().split())
        assert f"PROMPT {qid}" in text
        assert "Execution" in text


async def test_the_kit_key_follows_the_keymap(planned: Planner) -> None:
    """`keymap.timed.kit` rebinds the kit key (the binding id is public)."""
    app = PlannerApp(planned)
    async with app.run_test(size=NARROW) as pilot:
        app.set_keymap({"timed.kit": "f3"})
        timed = await open_timed(pilot)
        await pilot.press("f3")
        await pilot.pause()
        assert timed.kit_shown
