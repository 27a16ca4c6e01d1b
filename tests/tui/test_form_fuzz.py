"""Hypothesis into every TUI form field (issue 8, part 4; RELIABILITY.md #18-#20).

Arbitrary strings (plus dates, numbers and markup/escape payloads that matter) go into the
fields of the mock form, the STAR editor and the research note, then Save. Every outcome is
one of two: refused, with an inline error, the form still open and the data file byte for
byte unchanged; or saved, with every text field stored exactly as the validators clean it.
Never a crash.

One app serves a whole Hypothesis run: it lives in a background thread with its own event
loop and each example is a coroutine sent to it (starting an app per example would make a
useful number of examples too slow).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from textual.pilot import Pilot
from textual.widgets import Input, TextArea
from tui_support import BOUND, wait_until

from planner.dates import AHEAD, LOGGED, parse_date
from planner.domain.text import MAX_TEXT, clean_field
from planner.errors import InputError
from planner.service import Planner, validate
from planner.service.inputs import (
    MAX_MOCK_MINUTES,
    MIN_MOCK_MINUTES,
    PARTNER_LIMIT,
    TITLE_LIMIT,
    PlanInput,
    StoryInput,
)
from planner.tui.app import PlannerApp
from planner.tui.forms.base import FieldError, FormScreen
from planner.tui.forms.mock_form import MockForm
from planner.tui.forms.research_note import MAX_SOURCE, ResearchNoteForm
from planner.tui.forms.story_editor import StoryEditor

T = TypeVar("T")
SIZE = (100, 32)
TODAY = dt.date(2026, 11, 25)
FUZZ = settings(
    # A quarter of the profile's budget (tests/conftest.py): an example here drives the
    # real app through a whole form, about a hundred times a domain example's cost. The
    # `*_long_run` twins search far longer in `make test-slow`.
    max_examples=max(5, settings().max_examples // 4),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SLOW = settings(FUZZ, max_examples=200)

PAYLOADS = [
    "[bold]x",
    "[/]",
    "[/",
    "[red",
    "[0]",
    "x\\",
    "[link=https://evil]x[/link]",
    "[@click=app.quit]x[/]",
    "\x1b[2J",
    "\x1b]0;PWNED\x07",
    "\x1b]52;c;cGF5bG9hZA==\x07",
    "\x1bPq\x1b\\",
    "\x9b31m",
    "\x07",
    "a\rb",
    "\u202eevil",
    "\ud800",
    "e\u0301",
    "\u05e9\u05dc\u05d5\u05dd",
    "\U0001f600",
    "\x00",
]
NUMBERS = ["0", "1", "3", "5", "6", "-1", "11", "3.5", "NaN", "inf", "", " 4 ", "\u0663", "1e3"]
DATES = [
    "2026-11-25",
    "2026-11-24",
    "2026-02-30",
    "2023-02-29",
    "2024-02-29",
    "",
    "yesterday",
    "today",
    "tomorrow",
    "0001-01-01",
    "9999-12-31",
    "2026-13-45",
    "Nov 3 2026",
    "31/12/2025",
]


def texts(limit: int) -> st.SearchStrategy[str]:
    """Any text, the payloads, and texts right around the field's limit."""
    return st.one_of(
        st.text(max_size=60),
        st.sampled_from(PAYLOADS),
        st.lists(st.sampled_from(PAYLOADS), max_size=4).map("".join),
        st.integers(limit - 2, limit + 2).map(lambda n: "x" * n),
    )


class AppHost:
    """A running app in a background thread; `run(coro_fn)` runs a step on its loop."""

    def __init__(self, app: PlannerApp) -> None:
        self.app = app
        self.loop = asyncio.new_event_loop()
        self.pilot: Pilot[None] | None = None
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self._failure: BaseException | None = None
        self._thread = threading.Thread(target=self._main, daemon=True)
        self.steps = 0
        """How many examples ran (printed by the fixture)."""

    def _main(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_until_complete(self._host())
        except BaseException as exc:  # surfaced by `close`
            self._failure = exc
            self._ready.set()
        finally:
            left = asyncio.all_tasks(self.loop)
            for task in left:
                task.cancel()
            self.loop.run_until_complete(asyncio.gather(*left, return_exceptions=True))
            self.loop.close()

    async def _host(self) -> None:
        self._stop = asyncio.Event()
        async with self.app.run_test(size=SIZE) as pilot:
            self.pilot = pilot
            self._ready.set()
            await self._stop.wait()

    def start(self) -> None:
        """Start the app and wait until it runs."""
        self._thread.start()
        assert self._ready.wait(60), "the app did not start"
        if self._failure is not None:
            raise self._failure

    def run(self, step: Callable[[Pilot[None]], Awaitable[T]]) -> T:
        """Run one step (a coroutine function taking the pilot) on the app's loop."""
        pilot = self.pilot
        assert pilot is not None

        async def in_app_context() -> T:
            # A task made here does not inherit run_test's context: give it the active app.
            with self.app._context():
                return await step(pilot)

        future: Future[T] = asyncio.run_coroutine_threadsafe(in_app_context(), self.loop)
        self.steps += 1
        return future.result(timeout=60)

    def close(self) -> None:
        """Stop the app; raise what it raised (an unhandled error fails the test)."""
        if self._stop is not None:
            self.loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(60)
        if self._failure is not None:
            raise self._failure


@pytest.fixture
def host(demo: Planner) -> Iterator[AppHost]:
    """The demo candidate's app, running for the whole test."""
    running = AppHost(PlannerApp(demo))
    running.start()
    try:
        yield running
    finally:
        running.close()
        print(f"TUI form fuzz: {running.steps} inputs tried through one running app")


async def close_forms(app: PlannerApp) -> None:
    """Close what the last example left open in the current mode (a refused form)."""
    while app.screen.is_modal:
        app.pop_screen()
        await asyncio.sleep(0)


@dataclass
class Outcome:
    """What one Save did."""

    saved: bool
    errors: dict[str, str] = field(default_factory=dict)
    """Field id -> the inline error shown under it."""
    before: bytes = b""
    after: bytes = b""


async def fill_and_save(
    pilot: Pilot[None],
    open_form: Callable[[PlannerApp], Awaitable[FormScreen[Any]]],
    values: dict[str, str],
    prepare: Callable[[FormScreen[Any]], None] | None = None,
) -> Outcome:
    """Open a form, put `values` into its fields (by id), press Ctrl+S, report the result."""
    app = pilot.app
    assert isinstance(app, PlannerApp)
    form = await open_form(app)
    assert await wait_until(pilot, lambda: form.is_mounted), "the form never mounted"
    if prepare is not None:
        prepare(form)
    for widget_id, value in values.items():
        widget = form.query_one(f"#{widget_id}")
        if isinstance(widget, Input):
            widget.max_length = 0  # as if pasted past the cap: the validator must cope
            widget.value = value
        elif isinstance(widget, TextArea):
            widget.load_text(value)
    await pilot.pause()
    before = app.planner.session.store.path.read_bytes()
    await pilot.press("ctrl+s")
    await pilot.pause()
    after = app.planner.session.store.path.read_bytes()
    if app.screen is form:
        shown = {
            (e.id or "").removesuffix("-error"): str(e.render())
            for e in form.query(FieldError)
            if e.has_class("-shown")
        }
        return Outcome(False, shown, before, after)
    return Outcome(True, {}, before, after)


def refused_cleanly(outcome: Outcome) -> None:
    """A refusal: the form names a problem inline and nothing was written."""
    assert outcome.errors, "the form stayed open without saying why"
    assert outcome.after == outcome.before


def expect(parse: Callable[[], T]) -> T | None:
    """What a validator makes of a value, or None when it refuses it."""
    try:
        return parse()
    except InputError:
        return None


# -- the STAR editor --------------------------------------------------------------------------


async def new_story(app: PlannerApp) -> FormScreen[Any]:
    await app.switch_mode("stories")
    screen = app.get_screen_stack("stories")[0]
    await close_forms(app)
    screen.open_editor(StoryInput(title=""))  # type: ignore[attr-defined]
    await asyncio.sleep(0)
    form = app.screen
    assert isinstance(form, StoryEditor)
    return form


def story_fuzz(host: AppHost, title: str, situation: str, result: str) -> None:
    values = {"title": title, "situation": situation, "result": result}
    outcome = host.run(lambda pilot: fill_and_save(pilot, new_story, values))
    want_title = expect(lambda: validate.text("title", title, True, TITLE_LIMIT))
    want_situation = expect(lambda: validate.text("situation", situation))
    want_result = expect(lambda: validate.text("result", result))
    if None in (want_title, want_situation, want_result):
        assert not outcome.saved
        refused_cleanly(outcome)
        return
    assert outcome.saved, outcome.errors
    story = host.app.planner.session.state().stories[-1]
    assert (story.title, story.situation, story.result) == (
        want_title,
        want_situation,
        want_result,
    )


STORY_FIELDS = {"title": texts(TITLE_LIMIT), "situation": texts(MAX_TEXT), "result": texts(60)}


@FUZZ
@given(**STORY_FIELDS)
@example(title="0", situation="0\x0c0", result="\u2028")  # a text area breaks lines there
def test_story_editor_fields(host: AppHost, title: str, situation: str, result: str) -> None:
    """Any title and STAR text: refused inline with no write, or stored exactly as cleaned."""
    story_fuzz(host, title, situation, result)


@pytest.mark.slow
@SLOW
@given(**STORY_FIELDS)
def test_story_editor_fields_long_run(
    host: AppHost, title: str, situation: str, result: str
) -> None:
    """The same with many more examples (make test-slow)."""
    story_fuzz(host, title, situation, result)


# -- the mock form --------------------------------------------------------------------------


async def new_mock(app: PlannerApp) -> FormScreen[Any]:
    await app.switch_mode("mocks")
    screen = app.get_screen_stack("mocks")[0]
    await close_forms(app)
    screen.action_add()  # type: ignore[attr-defined]
    await asyncio.sleep(0)
    form = app.screen
    assert isinstance(form, MockForm)
    return form


def mock_fuzz(host: AppHost, day: str, minutes: str, partner: str, score: str, notes: str) -> None:
    values = {"date": day, "minutes": minutes, "partner": partner, "score-0": score}
    values["notes"] = notes
    count_before = len(host.app.planner.session.state().mocks)
    outcome = host.run(lambda pilot: fill_and_save(pilot, new_mock, values))
    want_day = expect(lambda: parse_date(day, "date", TODAY, LOGGED))
    if want_day is not None and want_day > TODAY:
        want_day = None
    want_minutes = expect(
        lambda: validate.whole_number("minutes", minutes, MIN_MOCK_MINUTES, MAX_MOCK_MINUTES)
    )
    want_partner = expect(lambda: validate.text("partner", partner, limit=PARTNER_LIMIT))
    want_score = expect(lambda: validate.whole_number("score", score.strip(), 1, 5))
    empty_score = not score.strip()  # not scored: the other dimensions are left empty too
    want_notes = expect(lambda: validate.text("notes", notes))
    wants = (want_day, want_minutes, want_partner, want_notes)
    if None not in wants and (empty_score or want_score is not None):
        assert outcome.saved, outcome.errors
        mocks = host.app.planner.session.state().mocks
        assert len(mocks) == count_before + 1
        mock = max(mocks, key=lambda m: int(m.id.lstrip("m")))
        first = host.app.planner.session.pack().rubric(mock.round).dimensions[0].id
        assert dict(mock.scores) == ({} if empty_score else {first: want_score})
        return
    assert not outcome.saved
    refused_cleanly(outcome)
    assert len(host.app.planner.session.state().mocks) == count_before
    assert ("date" in outcome.errors) == (want_day is None), outcome.errors
    assert ("minutes" in outcome.errors) == (want_minutes is None), outcome.errors
    assert ("partner" in outcome.errors) == (want_partner is None), outcome.errors
    assert ("score-0" in outcome.errors) == (not empty_score and want_score is None)
    assert ("notes" in outcome.errors) == (want_notes is None), outcome.errors
    assert "score-1" not in outcome.errors


def score_everything(form: FormScreen[Any]) -> None:
    assert isinstance(form, MockForm)
    for n in range(len(form.pack.rubric(form.round_id).dimensions)):
        form.query_one(f"#score-{n}", Input).value = "3"


def complete_mock_fuzz(host: AppHost, partner: str, notes: str, follow_ups: str) -> None:
    values = {"partner": partner, "notes": notes, "follow-ups": follow_ups}
    outcome = host.run(lambda pilot: fill_and_save(pilot, new_mock, values, score_everything))
    wants = (
        expect(lambda: validate.text("partner", partner, limit=PARTNER_LIMIT)),
        expect(lambda: validate.text("notes", notes)),
        expect(lambda: validate.text("follow-ups", follow_ups)),
    )
    if None in wants:
        assert not outcome.saved
        refused_cleanly(outcome)
        return
    assert outcome.saved, outcome.errors
    mock = max(host.app.planner.session.state().mocks, key=lambda m: int(m.id.lstrip("m")))
    assert (mock.partner, mock.notes, mock.follow_ups) == wants


MOCK_FIELDS = {
    "day": st.one_of(st.sampled_from(DATES), st.text(max_size=12)),
    "minutes": st.one_of(st.sampled_from(NUMBERS), st.text(max_size=6)),
    "partner": texts(PARTNER_LIMIT),
    "score": st.one_of(st.sampled_from(NUMBERS), st.text(max_size=4)),
    "notes": texts(MAX_TEXT),
}


@FUZZ
@given(**MOCK_FIELDS)
def test_mock_form_every_field_is_checked(
    host: AppHost, day: str, minutes: str, partner: str, score: str, notes: str
) -> None:
    """Bad dates, numbers and texts each get their own inline error; nothing is written."""
    mock_fuzz(host, day, minutes, partner, score, notes)


@pytest.mark.slow
@SLOW
@given(**MOCK_FIELDS)
def test_mock_form_every_field_is_checked_long_run(
    host: AppHost, day: str, minutes: str, partner: str, score: str, notes: str
) -> None:
    """The same with many more examples (make test-slow)."""
    mock_fuzz(host, day, minutes, partner, score, notes)


@FUZZ
@given(partner=texts(PARTNER_LIMIT), notes=texts(MAX_TEXT), follow_ups=texts(40))
def test_mock_form_text_round_trips(
    host: AppHost, partner: str, notes: str, follow_ups: str
) -> None:
    """With valid scores, any partner and notes are refused cleanly or stored as cleaned."""
    complete_mock_fuzz(host, partner, notes, follow_ups)


@pytest.mark.slow
@SLOW
@given(partner=texts(PARTNER_LIMIT), notes=texts(MAX_TEXT), follow_ups=texts(40))
def test_mock_form_text_round_trips_long_run(
    host: AppHost, partner: str, notes: str, follow_ups: str
) -> None:
    """The same with many more examples (make test-slow)."""
    complete_mock_fuzz(host, partner, notes, follow_ups)


# -- the research note ----------------------------------------------------------------------


async def research_note(app: PlannerApp) -> FormScreen[Any]:
    await app.switch_mode("research")
    screen = app.get_screen_stack("research")[0]
    await screen.mounted_and_filled.wait()  # type: ignore[attr-defined]
    await close_forms(app)
    items = screen.items  # type: ignore[attr-defined]
    screen.open_note(*items[sorted(items)[0]])  # type: ignore[attr-defined]
    await asyncio.sleep(0)
    form = app.screen
    assert isinstance(form, ResearchNoteForm)
    return form


def note_fuzz(host: AppHost, note: str, source: str) -> None:
    outcome = host.run(
        lambda pilot: fill_and_save(pilot, research_note, {"note": note, "source": source})
    )
    want_note = expect(lambda: validate.text("note", note))
    want_source = expect(lambda: validate.text("source", source, False, MAX_SOURCE))
    if want_note is None or want_source is None:
        assert not outcome.saved
        refused_cleanly(outcome)
        return
    assert outcome.saved, outcome.errors
    first = sorted(item.id for item, _ in host.app.planner.research.items())[0]
    state = dict((item.id, st_) for item, st_ in host.app.planner.research.items())[first]
    assert state.note == want_note
    if want_source:
        assert want_source in state.sources


NOTE_FIELDS = {"note": texts(MAX_TEXT), "source": texts(MAX_SOURCE)}


@FUZZ
@given(**NOTE_FIELDS)
@example(note="0\x0c0\x85", source="")
def test_research_note_fields(host: AppHost, note: str, source: str) -> None:
    """Any note and source: refused cleanly, or the note stored as cleaned."""
    note_fuzz(host, note, source)


@pytest.mark.slow
@SLOW
@given(**NOTE_FIELDS)
def test_research_note_fields_long_run(host: AppHost, note: str, source: str) -> None:
    """The same with many more examples (make test-slow)."""
    note_fuzz(host, note, source)


def test_cleaning_is_idempotent_so_saved_text_reads_back_the_same() -> None:
    """The oracle above is sound: what is stored cleans to itself (round-trips exactly)."""
    for sample in [*PAYLOADS, "  padded  ", "a\r\nb"]:
        once = clean_field("x", sample)
        assert clean_field("x", once) == once


# -- the onboarding (plan) form and the timed mock's length ---------------------------------

ONSITES = [*DATES, "2026-12-15", "2026-12-24", "2027-01-05", "Dec 20 2026", "2027-06-30"]
HOURS = ["", "1", "1.5", "1,5", "0", "0.25", "24", "25", "-2", "NaN", "inf", "1e2", "abc", "\u0661"]


async def plan_form_submit(pilot: Pilot[None], onsite: str, hours: str) -> tuple[bool, bytes]:
    """Open the plan form over the running app, fill it, build; (closed?, bytes before)."""
    from textual.widgets import Select

    from planner.tui.screens.onboarding import OnboardingScreen

    app = pilot.app
    assert isinstance(app, PlannerApp)
    await app.switch_mode("dashboard")
    await close_forms(app)
    form = OnboardingScreen(app.planner, force=True)
    await app.push_screen(form)
    # Wait until the form has loaded the pack's seniorities and filled itself from the
    # current plan: typing earlier would be overwritten by that fill on a slow machine.
    await asyncio.wait_for(form.mounted_and_filled.wait(), BOUND)
    form.query_one("#seniority", Select).value = "mid"
    form.query_one("#onsite", Input).value = onsite
    form.query_one("#hours", Input).value = hours
    await pilot.pause()
    before = app.planner.session.store.path.read_bytes()
    form.action_submit()
    await pilot.pause()
    if app.screen is form:
        shown = [n for n in form.query(".field-note") if n.has_class("-error")]
        assert shown, "the plan form stayed open without saying why"
        assert app.planner.session.store.path.read_bytes() == before
        return False, before
    return True, before


def expected_plan(planner: Planner, onsite: str, hours: str) -> tuple[dt.date, float | None] | None:
    """What the service makes of the two fields, or None when it refuses them."""
    try:
        day = parse_date(onsite, "onsite date", TODAY, AHEAD)
        value = float(hours.strip().replace(",", ".")) if hours.strip() else None
        settings = planner.plans.settings(PlanInput(seniority="mid", onsite=day, hours=value))
    except (InputError, ValueError):
        return None
    return settings.onsite, settings.hours_per_day if hours.strip() else None


def plan_fuzz(host: AppHost, onsite: str, hours: str) -> None:
    want = expected_plan(host.app.planner, onsite, hours)
    closed, _ = host.run(lambda pilot: plan_form_submit(pilot, onsite, hours))
    if want is None:
        assert not closed
        return
    assert closed
    settings = host.app.planner.session.plan().settings
    assert settings.onsite == want[0]
    if want[1] is not None:
        assert settings.hours_per_day == want[1]


PLAN_FIELDS = {
    "onsite": st.one_of(st.sampled_from(ONSITES), st.text(max_size=12)),
    "hours": st.one_of(st.sampled_from(HOURS), st.text(max_size=6)),
}


@FUZZ
@given(**PLAN_FIELDS)
@example(onsite="2026-12-24", hours="1,5")
def test_plan_form_dates_and_hours(host: AppHost, onsite: str, hours: str) -> None:
    """Any onsite and hours: refused with an inline note and no write, or the plan says so."""
    plan_fuzz(host, onsite, hours)


@pytest.mark.slow
@SLOW
@given(**PLAN_FIELDS)
def test_plan_form_dates_and_hours_long_run(host: AppHost, onsite: str, hours: str) -> None:
    """The same with many more examples (make test-slow)."""
    plan_fuzz(host, onsite, hours)


async def timed_start(pilot: Pilot[None], length: str) -> bool:
    """Open timed mode, type a length, press Space: did the clock start?"""
    from planner.tui.forms.timed_mock import TimedMockScreen

    app = pilot.app
    assert isinstance(app, PlannerApp)
    await app.switch_mode("mocks")
    await close_forms(app)
    screen = app.get_screen_stack("mocks")[0]
    screen.action_timed()  # type: ignore[attr-defined]
    await asyncio.sleep(0)
    timed = app.screen
    assert isinstance(timed, TimedMockScreen)
    assert await wait_until(pilot, lambda: timed.is_mounted), "timed mode never mounted"
    timed.query_one("#timed-length", Input).value = length
    timed.start()
    await pilot.pause()
    started = timed.phase == "running"
    error = timed.query_one("#timed-length-error", FieldError).has_class("-shown")
    assert started != error
    if started:
        assert timed.minutes == int(length.strip())
    return started


def timed_fuzz(host: AppHost, length: str) -> None:
    started = host.run(lambda pilot: timed_start(pilot, length))
    want = expect(
        lambda: validate.whole_number("minutes", length, MIN_MOCK_MINUTES, MAX_MOCK_MINUTES)
    )
    assert started == (want is not None)


LENGTHS = st.one_of(st.sampled_from(NUMBERS), st.text(max_size=6))


@FUZZ
@given(length=LENGTHS)
def test_timed_mock_length(host: AppHost, length: str) -> None:
    """Any length: the clock starts with exactly that many minutes, or an inline error."""
    timed_fuzz(host, length)


@pytest.mark.slow
@SLOW
@given(length=LENGTHS)
def test_timed_mock_length_long_run(host: AppHost, length: str) -> None:
    """The same with many more examples (make test-slow)."""
    timed_fuzz(host, length)
