"""The first-run form: a valid form builds the plan; bad input is flagged in place, never saved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Select, Static

from planner.service import Planner
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
        assert isinstance(app.screen, DashboardScreen)
        assert app.current_mode == "dashboard"
    plan = make_planner().plan()
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
        assert isinstance(app.screen, DashboardScreen)
    settings = make_planner().plan().settings
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


def test_service_errors_are_shown_under_their_field() -> None:
    """Messages about the onsite, hours, rest days and rounds go under those fields."""
    assert field_for("the onsite (2026-11-01) must be after today (2026-11-25)") == "onsite"
    assert field_for("hours per day must be above 0 and at most 16, not 20") == "hours"
    assert field_for("every weekday is a rest day: leave at least one day") == "rest"
    assert field_for("every round is skipped: keep at least one round") == "skip"
    assert field_for("a plan exists already") == "form"


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
        assert onsite.value == planned.plan().settings.onsite.isoformat()
        onsite.value = "2026-12-20"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
    assert make_planner().plan().settings.onsite == dt.date(2026, 12, 20)


async def test_escape_keeps_the_current_plan(
    planned: Planner, make_app: MakeApp, make_planner: Callable[..., Planner]
) -> None:
    """Escape on the new-plan form goes back and changes nothing."""
    before = planned.plan()
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
        assert isinstance(app.screen, DashboardScreen)
    assert make_planner().plan() == before


async def test_new_plan_keeps_the_plans_own_hours(
    make_planner: Callable[..., Planner], make_app: MakeApp
) -> None:
    """Hours chosen for the current plan are offered as they are, not the template's."""
    planner = make_planner()
    settings = planner.build_settings(
        seniority="transition", onsite=TODAY + dt.timedelta(days=20), hours=1.5
    )
    planner.init_plan(settings)
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
