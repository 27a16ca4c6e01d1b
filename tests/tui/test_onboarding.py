"""The first-run form: a valid form builds the plan; bad input is flagged in place, never saved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Select, Static

from planner.errors import InputError
from planner.service import Planner
from planner.service.inputs import PlanInput
from planner.tui.app import PlannerApp
from planner.tui.screens.dashboard import DashboardScreen
from planner.tui.screens.onboarding import OnboardingScreen, field_for

SIZE = (80, 24)
TODAY = dt.date(2026, 11, 25)
MakeApp = Callable[..., PlannerApp]


def note(app: PlannerApp, field: str) -> str:
    """The text under a field (empty when hidden)."""
    widget = app.screen.query_one(f"#{field}-note", Static)
    return str(widget.render()) if widget.display else ""


async def on_dashboard(pilot: Pilot[None], app: PlannerApp) -> None:
    """After a build: close the "did not fit" dialog (Enter) if any, and be on the dashboard."""
    from planner.tui.screens.report import ReportScreen

    if isinstance(app.screen, ReportScreen):
        await pilot.press("enter")
        await pilot.pause()
    assert isinstance(app.screen, DashboardScreen)


async def type_onsite(pilot: Pilot[None], text: str) -> None:
    """Type into the onsite field (focused when the form opens)."""
    await pilot.press(*text)
    await pilot.pause()


async def test_first_run_opens_the_form(make_app: MakeApp) -> None:
    """With no data the app opens on the onboarding form."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen)


async def test_valid_form_builds_the_plan_and_lands_on_the_dashboard(
    make_app: MakeApp, make_planner: Callable[..., Planner]
) -> None:
    """An onsite date and Enter save a plan ending the day before, then show the dashboard."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_onsite(pilot, "2026-12-18")
        await pilot.press("enter")
        await pilot.pause()
        await on_dashboard(pilot, app)
        assert app.current_mode == "dashboard"
    plan = make_planner().session.plan()
    assert plan.settings.onsite == dt.date(2026, 12, 18)
    assert plan.settings.seniority == "mid"
    assert plan.days[-1].date == dt.date(2026, 12, 17)


async def test_bad_date_is_flagged_in_place_and_nothing_is_saved(
    make_app: MakeApp, data_dir: Path
) -> None:
    """A date that does not parse is named under the field; no file is written."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_onsite(pilot, "next blursday")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen)
        assert "is not a date" in note(app, "onsite")
    assert not (data_dir / "planner.json").exists()


async def test_onsite_in_the_past_is_flagged_under_the_date(
    make_app: MakeApp, data_dir: Path
) -> None:
    """The service's own check (onsite after today) is shown under the date field."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_onsite(pilot, "2026-11-01")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "must be after today" in note(app, "onsite")
    assert not (data_dir / "planner.json").exists()


async def test_hours_that_are_not_a_number_are_flagged(make_app: MakeApp, data_dir: Path) -> None:
    """Hours per day must be a number; the message sits under the hours field."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_onsite(pilot, "2026-12-18")
        app.screen.query_one("#hours", Input).value = "lots"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "not a number" in note(app, "hours")
    assert not (data_dir / "planner.json").exists()


async def test_every_day_off_is_flagged_under_rest_days(make_app: MakeApp, data_dir: Path) -> None:
    """Seven rest days leave no time: the message sits under the rest days."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_onsite(pilot, "2026-12-18")
        for n in range(7):
            app.screen.query_one(f"#rest-{n}", Checkbox).value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "rest day" in note(app, "rest")
    assert not (data_dir / "planner.json").exists()


async def test_rest_days_seniority_and_skipped_rounds_are_used(
    make_app: MakeApp, make_planner: Callable[..., Planner]
) -> None:
    """The plan keeps the chosen seniority, rest weekdays and skipped rounds."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_onsite(pilot, "2026-12-18")
        screen = app.screen
        screen.query_one("#seniority", Select).value = "senior"
        screen.query_one("#rest-6", Checkbox).value = True
        screen.query_one("#skip-system-design", Checkbox).value = True
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await on_dashboard(pilot, app)
    settings = make_planner().session.plan().settings
    assert settings.seniority == "senior"
    assert settings.rest_weekdays == (6,)
    assert settings.skip_rounds == ("system-design",)


async def test_hours_follow_the_seniority_until_edited(make_app: MakeApp) -> None:
    """Choosing a seniority fills in its template's hours per day."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#seniority", Select).value = "transition"
        await pilot.pause()
        assert app.screen.query_one("#hours", Input).value == "2"


async def test_screen_keys_wait_for_the_plan(make_app: MakeApp) -> None:
    """Mode keys do nothing while the form is open."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#submit").focus()
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen)


def refused_under(planner: Planner, **choice: Any) -> str:
    """The form field that shows the service's refusal of these plan choices."""
    wanted: dict[str, Any] = {"seniority": "mid", "onsite": TODAY + dt.timedelta(days=29)}
    wanted.update(choice)
    with pytest.raises(InputError) as refused:
        planner.plans.settings(PlanInput(**wanted))
    return field_for(refused.value)


def test_service_errors_are_shown_under_their_field(planner: Planner) -> None:
    """The service's refusals of the onsite, hours, rest days and rounds go under those fields."""
    onsite_rounds = [r.id for r in planner.session.pack().rounds if r.stage == "onsite"]
    assert refused_under(planner, onsite=dt.date(2026, 11, 1)) == "onsite"
    assert refused_under(planner, hours=20.0) == "hours"
    assert refused_under(planner, rest_weekdays=range(7)) == "rest"
    assert refused_under(planner, screens={}, skip_rounds=onsite_rounds) == "skip"
    assert field_for(InputError("a plan exists already")) == "form"


async def test_palette_offers_no_planner_commands_before_a_plan(make_app: MakeApp) -> None:
    """During onboarding the palette cannot switch screens."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Today", "enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen)
        assert not app.ready


async def test_new_plan_starts_from_the_current_choices(
    planned: Planner, make_app: MakeApp, make_planner: Callable[..., Planner]
) -> None:
    """`Start a new plan` asks first, fills the form from the plan and saves the new one."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.run_action("new_plan")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen)
        onsite = app.screen.query_one("#onsite", Input)
        assert onsite.value == planned.session.plan().settings.onsite.isoformat()
        onsite.value = "2026-12-20"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await on_dashboard(pilot, app)
    assert make_planner().session.plan().settings.onsite == dt.date(2026, 12, 20)


async def test_escape_keeps_the_current_plan(
    planned: Planner, make_app: MakeApp, make_planner: Callable[..., Planner]
) -> None:
    """Escape on the new-plan form goes back and changes nothing."""
    before = planned.session.plan()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.run_action("new_plan")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
        await on_dashboard(pilot, app)
    assert make_planner().session.plan() == before


async def test_new_plan_keeps_the_plans_own_hours(
    make_planner: Callable[..., Planner], make_app: MakeApp
) -> None:
    """Hours chosen for the current plan are offered as they are, not the template's."""
    planner = make_planner()
    settings = planner.plans.settings(
        PlanInput(seniority="transition", onsite=TODAY + dt.timedelta(days=20), hours=1.5)
    )
    planner.plans.create(settings)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.run_action("new_plan")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.screen.query_one("#hours", Input).value == "1.5"
        assert app.screen.query_one("#seniority", Select).value == "transition"


async def test_the_seniority_note_carries_the_pack_advice(make_app: MakeApp) -> None:
    """Picking `early` shows the template summary and the pack's advice (impact, not potential)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#seniority", Select).value = "early"
        await pilot.pause()
        text = note(app, "seniority")
        assert "product fundamentals" in text
        assert "potential" in text
        assert "impact" in text


# -- screens, calendar and long runways (issue 13) -----------------------------------------


async def open_form(pilot: Pilot[None], onsite: str = "2026-12-18") -> OnboardingScreen:
    """The first-run form with the onsite typed in."""
    await pilot.pause()
    await type_onsite(pilot, onsite)
    screen = pilot.app.screen
    assert isinstance(screen, OnboardingScreen)
    return screen


async def build(pilot: Pilot[None]) -> None:
    """Let the fields' change messages land, press Ctrl+S and let the form answer."""
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_a_dated_screen_is_ahead_and_the_others_passed(
    make_app: MakeApp, make_planner: Callable[..., Planner]
) -> None:
    """Typing a screen's date ticks it; the unticked screen is saved as passed."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        form.query_one("#screen-date-hiring-manager", Input).value = "2026-12-04"
        await pilot.pause()
        assert form.query_one("#screen-hiring-manager", Checkbox).value
        await build(pilot)
        await on_dashboard(pilot, app)
    settings = make_planner().session.plan().settings
    assert settings.screens == (("hiring-manager", dt.date(2026, 12, 4)),)
    assert settings.passed_screens == ("recruiter",)


async def test_a_screen_ticked_without_a_date_is_flagged(make_app: MakeApp, data_dir: Path) -> None:
    """A screen marked ahead needs its date: said under the screens, nothing written."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        form.query_one("#screen-recruiter", Checkbox).value = True
        await build(pilot)
        assert "give the date of the recruiter screen" in note(app, "screens")
    assert not (data_dir / "planner.json").exists()


async def test_a_screen_after_the_onsite_is_flagged_under_screens(
    make_app: MakeApp, data_dir: Path
) -> None:
    """The service's screen checks land under the screens, not under the onsite."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        form.query_one("#screen-date-recruiter", Input).value = "2026-12-20"
        await build(pilot)
        assert isinstance(app.screen, OnboardingScreen)
        assert "must be before the onsite" in note(app, "screens")
        assert note(app, "onsite") == "" or "must be" not in note(app, "onsite")
    assert not (data_dir / "planner.json").exists()


async def test_only_onsite_rounds_are_offered_to_skip(make_app: MakeApp) -> None:
    """Screens are asked about under "Screens ahead", not among the rounds to skip."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        skip = {b.id for b in form.query(".skip-round").results(Checkbox)}
        assert "skip-recruiter" not in skip
        assert "skip-product-sense" in skip


async def test_rest_days_start_from_the_template(make_app: MakeApp) -> None:
    """With no settings file the template's rest day (Sunday) is ticked."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        ticked = [n for n in range(7) if form.query_one(f"#rest-{n}", Checkbox).value]
        assert ticked == [6]


async def test_rest_days_and_country_start_from_the_settings_file(
    make_app: MakeApp,
    make_planner: Callable[..., Planner],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The settings file beats the template; the plan keeps what the form showed."""
    path = tmp_path / "settings.toml"
    path.write_text('rest_days = ["sat", "sun"]\nholidays = "US"\n', encoding="utf-8")
    monkeypatch.setenv("PLANNER_CONFIG", str(path))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        ticked = [n for n in range(7) if form.query_one(f"#rest-{n}", Checkbox).value]
        assert ticked == [5, 6]
        assert form.query_one("#holidays", Input).value == "US"
        await build(pilot)
        await on_dashboard(pilot, app)
    settings = make_planner().session.plan().settings
    assert settings.rest_weekdays == (5, 6)
    assert settings.holiday_country == "US"
    assert settings.holidays == (dt.date(2026, 11, 26),)


async def test_a_broken_settings_file_is_named_and_nothing_saved(
    make_app: MakeApp, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A settings file that cannot be read is said under the form; Build saves nothing."""
    path = tmp_path / "settings.toml"
    path.write_text('rest_days = ["funday"]\n', encoding="utf-8")
    monkeypatch.setenv("PLANNER_CONFIG", str(path))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot)
        await build(pilot)
        assert isinstance(app.screen, OnboardingScreen)
        assert str(path) in note(app, "form")
    assert not (data_dir / "planner.json").exists()


async def test_away_days_are_saved(make_app: MakeApp, make_planner: Callable[..., Planner]) -> None:
    """Ranges and single days, comma-separated, are the plan's away days."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        form.query_one("#away", Input).value = "2026-12-01..2026-12-02, 2026-12-09"
        await build(pilot)
        await on_dashboard(pilot, app)
    assert make_planner().session.plan().settings.away == (
        dt.date(2026, 12, 1),
        dt.date(2026, 12, 2),
        dt.date(2026, 12, 9),
    )


async def test_a_backwards_away_range_is_flagged_until_fixed(
    make_app: MakeApp, data_dir: Path
) -> None:
    """An away range ending before it starts: said under the field, nothing written; the
    message goes as soon as the field changes."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        away = form.query_one("#away", Input)
        away.value = "2026-12-09..2026-12-01"
        await build(pilot)
        assert isinstance(app.screen, OnboardingScreen)
        assert "ends before it starts" in note(app, "away")
        away.value = "2026-12-01..2026-12-09"
        await pilot.pause()
        assert note(app, "away") == "understood as Tue 1 Dec to Wed 9 Dec"
    assert not (data_dir / "planner.json").exists()


async def test_away_days_outside_the_plan_are_flagged(make_app: MakeApp, data_dir: Path) -> None:
    """A range wholly after the onsite is refused by the service, shown under Away days."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        form.query_one("#away", Input).value = "2027-02-01"
        await build(pilot)
        assert "outside the plan" in note(app, "away")
    assert not (data_dir / "planner.json").exists()


async def test_an_unknown_holiday_country_is_flagged(make_app: MakeApp, data_dir: Path) -> None:
    """An unknown country code: said under Holidays with where to find the codes."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        form.query_one("#holidays", Input).value = "Narnia"
        await build(pilot)
        assert isinstance(app.screen, OnboardingScreen)
        assert "unknown holiday country" in note(app, "holidays")
        assert "planner holidays" in note(app, "holidays")
    assert not (data_dir / "planner.json").exists()


async def test_a_far_onsite_offers_to_start_today(
    make_app: MakeApp, make_planner: Callable[..., Planner]
) -> None:
    """Onsite 96 days out: a "start today" box appears; ticked, the plan starts today."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, "2026-12-01")
        start_now = form.query_one("#start-now", Checkbox)
        assert not start_now.display
        onsite = form.query_one("#onsite", Input)
        onsite.value = "2027-03-01"
        await pilot.pause()
        assert start_now.display
        assert "96 days" in str(start_now.label)
        start_now.value = True
        await pilot.pause()
        assert "plan runs Wed 25 Nov" in note(app, "onsite")
        await build(pilot)
        await on_dashboard(pilot, app)
    plan = make_planner().session.plan()
    assert plan.start == TODAY
    assert len(plan.days) == 96


async def test_an_onsite_more_than_a_year_ahead_is_flagged(
    make_app: MakeApp, data_dir: Path
) -> None:
    """366 days ahead is refused under the onsite."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot, "2027-11-26")
        await build(pilot)
        assert "more than 365 days" in note(app, "onsite")
    assert not (data_dir / "planner.json").exists()


async def test_build_button_is_always_on_screen(make_app: MakeApp) -> None:
    """At 80x24 the Build button stays visible below the scrolling form."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, "2027-03-01")
        button = form.query_one("#submit")
        region = button.region
        assert region.height > 0
        assert region.bottom <= SIZE[1] - 1
        await pilot.click("#submit")
        await pilot.pause()
        await on_dashboard(pilot, app)


async def test_new_plan_form_keeps_screens_and_calendar(
    make_app: MakeApp, make_planner: Callable[..., Planner]
) -> None:
    """Replacing a plan starts from its screens, away days and holiday country."""
    planner = make_planner()
    settings = planner.plans.settings(
        PlanInput(
            seniority="mid",
            onsite=TODAY + dt.timedelta(days=20),
            screens={"recruiter": dt.date(2026, 12, 1)},
            away=[(dt.date(2026, 12, 2), dt.date(2026, 12, 4))],
            holiday_country="US",
        )
    )
    planner.plans.create(settings)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.run_action("new_plan")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, OnboardingScreen)
        assert form.query_one("#screen-recruiter", Checkbox).value
        assert form.query_one("#screen-date-recruiter", Input).value == "2026-12-01"
        assert not form.query_one("#screen-hiring-manager", Checkbox).value
        assert form.query_one("#away", Input).value == "2026-12-02..2026-12-04"
        assert form.query_one("#holidays", Input).value == "US"
        await build(pilot)
        await on_dashboard(pilot, app)
    assert make_planner().session.plan().settings == settings


def test_calendar_errors_go_under_their_field(
    planner: Planner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The service's refusals of screens, away days and holidays find their fields."""
    late = {"recruiter": TODAY + dt.timedelta(days=40)}
    assert refused_under(planner, screens=late) == "screens"
    away = [(dt.date(2027, 2, 1), dt.date(2027, 2, 1))]
    assert refused_under(planner, away=away) == "away"
    assert refused_under(planner, holiday_country="XX") == "holidays"
    every_day = [(TODAY, TODAY + dt.timedelta(days=40))]
    assert refused_under(planner, away=every_day, rest_weekdays=[6]) == "rest"
    path = tmp_path / "settings.toml"
    path.write_text('rest_days = ["funday"]\n', encoding="utf-8")
    monkeypatch.setenv("PLANNER_CONFIG", str(path))
    with pytest.raises(InputError) as broken:
        planner.plans.defaults("coursera-pm", "mid")
    assert field_for(broken.value) == "form"


async def test_the_date_placeholder_shows_the_short_forms(make_app: MakeApp) -> None:
    """The onsite field's placeholder shows that a day, a month and day, `+30` and `tomorrow`
    work, with the examples drawn from today (`dec 25, 15` on 25 Nov)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        placeholder = app.screen.query_one("#onsite", Input).placeholder
        for form in ("dec 25", " 15,", "+30", "tomorrow", "2026-12-25"):
            assert form in placeholder
        assert "YYYY" not in placeholder


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("+30", "Fri 25 Dec 2026"),
        ("30d", "Fri 25 Dec 2026"),
        ("in 4 weeks", "Wed 23 Dec 2026"),
        ("next friday", "Fri 27 Nov 2026"),
        ("dec 31", "Thu 31 Dec 2026"),
        ("31", "Thu 31 Dec 2026"),
        ("jan 5", "Tue 05 Jan 2027"),
    ],
)
async def test_every_date_form_gets_a_live_hint(make_app: MakeApp, typed: str, shown: str) -> None:
    """Each accepted form says at once which date it means (a year ahead for `jan 5`)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_onsite(pilot, typed)
        assert note(app, "onsite").startswith(shown)


async def test_a_short_form_builds_the_plan(
    make_app: MakeApp, make_planner: Callable[..., Planner]
) -> None:
    """`+30` and Enter build a plan for the onsite 30 days from today."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_onsite(pilot, "+30")
        await pilot.press("enter")
        await pilot.pause()
        await on_dashboard(pilot, app)
    assert make_planner().session.plan().settings.onsite == TODAY + dt.timedelta(days=30)


async def test_an_error_goes_once_the_date_is_fixed(make_app: MakeApp) -> None:
    """A refused date is named in red; typing a good one replaces it with the date's hint."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_onsite(pilot, "someday")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#onsite-note", Static).has_class("-error")
        field = app.screen.query_one("#onsite", Input)
        field.value = "dec 31"
        await pilot.pause()
        assert not app.screen.query_one("#onsite-note", Static).has_class("-error")
        assert note(app, "onsite").startswith("Thu 31 Dec 2026")


async def test_ticked_and_unticked_boxes_differ_without_colour(make_app: MakeApp) -> None:
    """A ticked rest day shows a tick, an unticked one an empty box (not only a colour)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        box = app.screen.query_one("#rest-0", Checkbox)
        box.value = False
        await pilot.pause()
        off = box.render().plain
        box.value = True
        await pilot.pause()
        on = box.render().plain
        assert off != on
        assert "✔" in on
        assert "✔" not in off


@pytest.mark.parametrize(("days", "offered"), [(20, False), (90, True), (365, True), (400, False)])
async def test_start_today_is_offered_only_for_a_far_onsite_within_a_year(
    make_app: MakeApp, days: int, offered: bool
) -> None:
    """The box shows when the plan would start later than today and the onsite is plannable."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_onsite(pilot, f"+{days}")
        assert app.screen.query_one("#start-now", Checkbox).display is offered
