"""The Mocks screen: logging, editing and deleting mocks, the trend, and timed mode."""

from __future__ import annotations

import re

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Label, Select, Sparkline, Static
from tui_support import wait_until

from planner.service import Planner
from planner.tui.app import PlannerApp
from planner.tui.forms.base import FieldError
from planner.tui.forms.mock_form import MockForm
from planner.tui.forms.timed_mock import TimedMockScreen
from planner.tui.screens.confirm import ConfirmScreen
from planner.tui.screens.mocks import MocksScreen

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def no_real_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Timed mode counts only through `tick`, so no test waits on or races the wall clock."""
    monkeypatch.setattr(TimedMockScreen, "CLOCK_SECONDS", None)


async def open_mocks(pilot: Pilot[None]) -> MocksScreen:
    """Switch to the Mocks screen and return it."""
    await pilot.press("m")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, MocksScreen)
    return screen


async def type_into(pilot: Pilot[None], field: Input, text: str) -> None:
    """Replace a field's text by typing, as a user would."""
    field.focus()
    field.value = ""
    await pilot.press(*text)


def fill_scores(form: MockForm, scores: list[str]) -> None:
    """Put one score into each rubric dimension of the form (as if typed)."""
    for n, score in enumerate(scores):
        form.query_one(f"#score-{n}", Input).value = score


def dimensions_of(demo: Planner, round_id: str) -> list[str]:
    """The rubric dimension ids of a round."""
    return [d.id for d in demo.session.pack().rubric(round_id).dimensions]


async def test_table_lists_mocks_newest_first(demo: Planner) -> None:
    """Every logged mock is a row, the latest on top."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        screen = await open_mocks(pilot)
        table = screen.query_one("#mocks-table", DataTable)
        assert table.row_count == 3
        assert screen.selected_mock_id() == "m3"


async def test_add_form_shows_the_rounds_rubric_with_anchors(demo: Planner) -> None:
    """The form lists each dimension of the chosen round with its 1/3/5 anchors."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await open_mocks(pilot)
        await pilot.press("a")
        form = pilot.app.screen
        assert isinstance(form, MockForm)
        dims = demo.session.pack().rubric(form.round_id).dimensions
        assert len(form.query(".dim-row")) == len(dims)
        anchors = [str(s.render()) for s in form.query(".anchors").results(Static)]
        assert anchors[0].startswith(f"1: {dims[0].anchors[1]}")


async def test_valid_mock_is_logged(demo: Planner) -> None:
    """Scores 1-5 on every dimension, then Save: the mock is stored with those scores."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await open_mocks(pilot)
        await pilot.press("a")
        form = pilot.app.screen
        assert isinstance(form, MockForm)
        dims = dimensions_of(demo, form.round_id)
        fill_scores(form, ["4", "3", "5", "2"][: len(dims)])
        await type_into(pilot, form.query_one("#partner", Input), "Ana")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, MocksScreen)
    latest = demo.mocks.logged()[-1]
    assert latest.id == "m4"
    assert latest.partner == "Ana"
    assert latest.date == demo.today
    assert list(latest.scores.values()) == [4, 3, 5, 2][: len(dims)]


async def test_saving_a_mock_says_what_the_plan_did(
    demo: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After saving, a notification names the drills the weak scores added."""
    app = PlannerApp(demo)
    notes: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **kw: notes.append(message))
    async with app.run_test(size=SIZE) as pilot:
        await open_mocks(pilot)
        await pilot.press("a")
        form = pilot.app.screen
        assert isinstance(form, MockForm)
        fill_scores(form, ["1"] * len(dimensions_of(demo, form.round_id)))
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert any(re.search(r"m4 logged.*; \d+ drills? from ", n) for n in notes)
    ticked = [t for t in demo.session.plan().tasks if t.done and t.kind in ("mock", "timed")]
    if any("; ticked " in n for n in notes):
        # The toast names the day of the session it ticked.
        days = {f"{t.day:%a} {t.day.day} {t.day:%b}" for t in ticked}
        assert any(day in n for n in notes for day in days)


async def test_bad_scores_show_inline_errors_and_write_nothing(demo: Planner) -> None:
    """A score of 0, 6 or x is flagged under its field; Save keeps the form open, unsaved."""
    before = demo.session.store.path.read_bytes()
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await open_mocks(pilot)
        await pilot.press("a")
        form = pilot.app.screen
        assert isinstance(form, MockForm)
        fill_scores(form, ["3"] * len(dimensions_of(demo, form.round_id)))
        error = form.query_one("#score-0-error", FieldError)
        for bad in ("0", "6", "x"):
            await type_into(pilot, form.query_one("#score-0", Input), bad)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert pilot.app.screen is form
            assert error.has_class("-shown")
            assert "1 to 5" in str(error.render())
    assert demo.session.store.path.read_bytes() == before


async def test_bad_minutes_and_dates_are_refused(demo: Planner) -> None:
    """Minutes of 0 or 601, or a date that does not parse, keep the form open, unsaved."""
    before = demo.session.store.path.read_bytes()
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await open_mocks(pilot)
        await pilot.press("a")
        form = pilot.app.screen
        assert isinstance(form, MockForm)
        fill_scores(form, ["3"] * len(dimensions_of(demo, form.round_id)))
        for field, bad, good in (
            ("minutes", "0", "45"),
            ("minutes", "601", "45"),
            ("date", "soon", ""),
        ):
            form.query_one(f"#{field}", Input).value = bad
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert pilot.app.screen is form
            assert form.query_one(f"#{field}-error", FieldError).has_class("-shown")
            form.query_one(f"#{field}", Input).value = good or demo.today.isoformat()
    assert demo.session.store.path.read_bytes() == before


async def test_editing_a_mock_changes_its_scores(demo: Planner) -> None:
    """Enter on a mock opens it filled in; a changed score is saved over the old one."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await open_mocks(pilot)
        await pilot.press("enter")
        form = pilot.app.screen
        assert isinstance(form, MockForm)
        assert form.query_one("#minutes", Input).value == "45"
        await type_into(pilot, form.query_one("#score-0", Input), "5")
        await pilot.press("ctrl+s")
        await pilot.pause()
    first_dim = dimensions_of(demo, "product-sense")[0]
    assert demo.mocks.get("m3").scores[first_dim] == 5
    assert len(demo.mocks.logged()) == 3


async def test_a_score_cleared_in_the_edit_form_is_removed(demo: Planner) -> None:
    """Emptying a score's field and saving leaves that dimension unscored (the old score
    came back: the form's scores were merged over the stored ones)."""
    first_dim = dimensions_of(demo, "product-sense")[0]
    assert first_dim in demo.mocks.get("m3").scores
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await open_mocks(pilot)
        await pilot.press("enter")
        form = pilot.app.screen
        assert isinstance(form, MockForm)
        form.query_one("#score-0", Input).value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, MocksScreen)
    assert first_dim not in demo.mocks.get("m3").scores


async def test_delete_asks_first_and_only_yes_deletes(demo: Planner) -> None:
    """x asks for confirmation: no keeps the mock, yes deletes it and its row."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        screen = await open_mocks(pilot)
        await pilot.press("x")
        dialog = pilot.app.screen
        assert isinstance(dialog, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert len(demo.mocks.logged()) == 3
        await pilot.press("x", "y")
        await pilot.pause()
        assert screen.query_one("#mocks-table", DataTable).row_count == 2
    assert [m.id for m in demo.mocks.logged()] == ["m1", "m2"]


async def test_escape_with_unsaved_changes_asks_first(demo: Planner) -> None:
    """Escape after typing asks; keeping the edits leaves the form open with them."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await open_mocks(pilot)
        await pilot.press("a")
        form = pilot.app.screen
        assert isinstance(form, MockForm)
        await type_into(pilot, form.query_one("#score-0", Input), "4")
        await pilot.press("escape")
        dialog = pilot.app.screen
        assert isinstance(dialog, ConfirmScreen)
        await pilot.press("n")
        assert pilot.app.screen is form
        assert form.query_one("#score-0", Input).value == "4"


async def test_escape_discard_closes_without_saving(demo: Planner) -> None:
    """Escape, then Discard, closes the form and writes nothing."""
    before = demo.session.store.path.read_bytes()
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await open_mocks(pilot)
        await pilot.press("a")
        form = pilot.app.screen
        assert isinstance(form, MockForm)
        fill_scores(form, ["3"] * len(dimensions_of(demo, form.round_id)))
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(pilot.app.screen, MocksScreen)
    assert demo.session.store.path.read_bytes() == before


async def test_escape_on_untouched_form_closes_at_once(demo: Planner) -> None:
    """With nothing typed, Escape closes the form without a question."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await open_mocks(pilot)
        await pilot.press("a", "escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, MocksScreen)


async def test_filter_cycles_through_rounds(demo: Planner) -> None:
    """f shows one round at a time: recruiter has no mocks, product sense has two."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        screen = await open_mocks(pilot)
        table = screen.query_one("#mocks-table", DataTable)
        await pilot.press("f")
        assert screen.round_filter == "recruiter"
        assert table.row_count == 0
        await pilot.press("f", "f")
        assert screen.round_filter == "product-sense"
        assert table.row_count == 2


async def test_trend_shows_the_rounds_averages(demo: Planner) -> None:
    """The sparkline holds the selected round's averages, oldest first."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        screen = await open_mocks(pilot)
        await pilot.press("f", "f", "f")
        assert screen.round_filter == "product-sense"
        expected = [m.average for m in demo.mocks.logged("product-sense")]
        assert list(screen.query_one("#trend", Sparkline).data or []) == expected


async def test_one_session_is_no_trend(demo: Planner) -> None:
    """With one execution mock no chart is drawn (it would be a solid block); its score is said."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        screen = await open_mocks(pilot)
        await pilot.press("f", "f", "f", "f")
        assert screen.round_filter == "execution"
        assert not screen.query_one("#trend", Sparkline).display
        values = str(screen.query_one("#trend-values", Label).render())
        assert "one session so far" in values


async def test_timed_mock_end_to_end(demo: Planner) -> None:
    """Start, run the clock out, and the scoring form opens filled in; Save logs the mock."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await open_mocks(pilot)
        await pilot.press("w")
        timed = pilot.app.screen
        assert isinstance(timed, TimedMockScreen)
        await pilot.press("space")
        assert timed.phase == "running"
        question = timed.question
        timed.tick(45 * 60)
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, MockForm)
        assert form.round_id == "product-sense"
        assert form.query_one("#minutes", Input).value == "45"
        assert form.query_one("#date", Input).value == demo.today.isoformat()
        fill_scores(form, ["3"] * len(dimensions_of(demo, "product-sense")))
        await pilot.press("ctrl+s")
        await pilot.pause()
    latest = demo.mocks.logged()[-1]
    assert (latest.id, latest.minutes, latest.question) == ("m4", 45, question)
    assert question


async def test_finishing_early_records_the_minutes_used(demo: Planner) -> None:
    """f after ten minutes opens the scoring form with 10 minutes."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await open_mocks(pilot)
        await pilot.press("w", "space")
        timed = pilot.app.screen
        assert isinstance(timed, TimedMockScreen)
        timed.tick(10 * 60)
        await pilot.press("f")
        form = pilot.app.screen
        assert isinstance(form, MockForm)
        assert form.query_one("#minutes", Input).value == "10"


async def test_pause_stops_the_countdown(demo: Planner) -> None:
    """While paused, ticks do not count; resuming counts again."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await open_mocks(pilot)
        await pilot.press("w", "space")
        timed = pilot.app.screen
        assert isinstance(timed, TimedMockScreen)
        timed.tick(60)
        await pilot.press("space")
        timed.tick(120)
        assert timed.remaining_seconds == 44 * 60
        await pilot.press("space")
        timed.tick(60)
        assert timed.remaining_seconds == 43 * 60


async def test_leaving_a_running_timed_mock_asks_first(demo: Planner) -> None:
    """Escape once the clock has run asks before throwing the session away."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await open_mocks(pilot)
        await pilot.press("w", "space")
        timed = pilot.app.screen
        assert isinstance(timed, TimedMockScreen)
        timed.tick(30)
        await pilot.press("escape")
        dialog = pilot.app.screen
        assert isinstance(dialog, ConfirmScreen)
        await pilot.press("n")
        assert timed.phase == "running"
        assert pilot.app.screen is timed


async def test_focus_target_opens_timed_mode_for_the_round(demo: Planner) -> None:
    """A dashboard gap of kind `mocks` opens timed mode on its round."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        screen = await open_mocks(pilot)
        screen.focus_target("mocks", "", "execution")
        await pilot.pause()
        timed = pilot.app.screen
        assert isinstance(timed, TimedMockScreen)
        assert timed.round_id == "execution"


async def test_changing_the_round_swaps_in_its_rubric(demo: Planner) -> None:
    """Picking another round in the add form shows that round's dimensions (it crashed with
    an IndexError: the rows were built with a compose-only `with` block)."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await open_mocks(pilot)
        await pilot.press("a")
        form = pilot.app.screen
        assert isinstance(form, MockForm)
        other = next(
            r for r in demo.session.pack().round_ids if r != form.round_id and r != "recruiter"
        )
        form.query_one("#round", Select).value = other
        await pilot.pause()
        assert form.round_id == other
        names = [str(label.render()) for label in form.query(".dim-name").results(Label)]
        assert names == [d.name for d in demo.session.pack().rubric(other).dimensions]
        fill_scores(form, ["4"] * len(names))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, MocksScreen)
    assert demo.mocks.logged()[-1].round == other


async def test_a_mock_with_some_scores_left_empty_is_logged(demo: Planner) -> None:
    """Empty scores are not scored (as `planner mock add` takes only the --score given): the
    mock is stored with the scores typed; a bad one is still refused under its field."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await open_mocks(pilot)
        await pilot.press("a")
        form = pilot.app.screen
        assert isinstance(form, MockForm)
        dims = dimensions_of(demo, form.round_id)
        assert len(dims) >= 2
        await type_into(pilot, form.query_one("#score-1", Input), "7")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is form
        assert form.query_one("#score-1-error", FieldError).has_class("-shown")
        assert not form.query_one("#score-0-error", FieldError).has_class("-shown")
        await type_into(pilot, form.query_one("#score-1", Input), "4")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, MocksScreen)
    latest = demo.mocks.logged()[-1]
    assert latest.id == "m4"
    assert dict(latest.scores) == {dims[1]: 4}


async def test_keys_typed_right_after_m_a_reach_the_first_score(demo: Planner) -> None:
    """Issue 15 item 8: `m a 4 2` typed fast puts 42 into the first score. Posted in one go,
    as a terminal delivers fast typing (Pilot.press waits for the app after each key): the
    digits reach the app while the screen switch and the form are still under way."""
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        for key in "ma42":
            pilot.app.post_message(events.Key(key, key))
        assert await wait_until(
            pilot,
            lambda: (
                isinstance(pilot.app.screen, MockForm)
                and pilot.app.screen.query("#score-0")
                and pilot.app.screen.query_one("#score-0", Input).value != ""
            ),
        )
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, MockForm)
        assert form.query_one("#score-0", Input).value == "42"
        assert form.query_one("#score-1", Input).value == ""


async def test_a_new_mock_starts_on_the_next_planned_round_at_its_length(
    planned: Planner,
) -> None:
    """With no mock to follow, `a` and `w` start on the round of the plan's next timed
    session (never the recruiter screen by list order), at that round's length."""
    plan = planned.session.plan()
    timed = sorted((t for t in plan.tasks if t.kind in ("timed", "mock")), key=lambda t: t.day)
    expected = timed[0].rounds[0]
    length = planned.session.pack().round(expected).minutes
    async with PlannerApp(planned).run_test(size=SIZE) as pilot:
        await open_mocks(pilot)
        await pilot.press("a")
        form = pilot.app.screen
        assert isinstance(form, MockForm)
        assert form.round_id == expected
        assert form.query_one("#minutes", Input).value == str(length)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("w")
        clock = pilot.app.screen
        assert isinstance(clock, TimedMockScreen)
        assert (clock.round_id, clock.minutes) == (expected, length)


async def test_another_round_brings_its_length_unless_one_was_typed(demo: Planner) -> None:
    """In the add form and the timed setup, picking a 30-minute round after a 45-minute one
    sets 30; a length the user typed stays."""
    pack = demo.session.pack()
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await open_mocks(pilot)
        await pilot.press("a")
        form = pilot.app.screen
        assert isinstance(form, MockForm)
        form.query_one("#round", Select).value = "execution"
        await pilot.pause()
        form.query_one("#round", Select).value = "hiring-manager"
        await pilot.pause()
        assert form.query_one("#minutes", Input).value == str(pack.round("hiring-manager").minutes)
        form.query_one("#minutes", Input).value = "50"
        form.query_one("#round", Select).value = "execution"
        await pilot.pause()
        assert form.query_one("#minutes", Input).value == "50"
        await pilot.press("escape")
        await pilot.pause()
        if isinstance(pilot.app.screen, ConfirmScreen):
            await pilot.press("y")
            await pilot.pause()
        await pilot.press("w")
        clock = pilot.app.screen
        assert isinstance(clock, TimedMockScreen)
        clock.query_one("#timed-round", Select).value = "hiring-manager"
        await pilot.pause()
        assert clock.minutes == pack.round("hiring-manager").minutes
        assert clock.query_one("#timed-length", Input).value == str(clock.minutes)


async def test_a_mock_without_scores_shows_no_average_and_no_trend_point(
    demo: Planner,
) -> None:
    """A mock logged with no score reads `—` in the table, not 0.0, and stays off the trend."""
    from planner.service.inputs import MockInput

    demo.mocks.add(MockInput(round="leadership", date=demo.today, minutes=45))
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        screen = await open_mocks(pilot)
        table = screen.query_one("#mocks-table", DataTable)
        row = table.get_row_at(0)
        assert str(row[3]) == "—"
        values = screen.query_one("#trend-values", Label)
        assert "0.0" not in str(values.render())
