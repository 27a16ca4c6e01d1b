"""The first-run form: the loop, seniority, onsite date, screens ahead, hours and days off.

Errors are shown under the field they concern (and go as soon as that field changes);
nothing is saved until every field is valid. Rest days and the holiday country start from
the settings file, else the seniority template, as `planner init` does. The fields and
their hints are in `onboarding_form.py`; this module adds the keys and the build.
"""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.binding import Binding
from textual.widgets import Button, Checkbox, Input, Select, Static

from planner.dates import AHEAD, parse_date
from planner.domain.models import Plan
from planner.domain.schedule import PlanError
from planner.errors import InputError
from planner.service import ContentError, StorageError, calendar
from planner.service.inputs import PlanInput
from planner.tui.screens.base import app_of
from planner.tui.screens.onboarding_fields import away_text, field_for, field_row
from planner.tui.screens.onboarding_form import DEFAULT_SENIORITY, OnboardingForm

__all__ = ["DEFAULT_SENIORITY", "OnboardingScreen", "away_text", "field_for", "field_row"]


class OnboardingScreen(OnboardingForm):
    """Builds the first plan; dismisses True once a plan is saved."""

    CSS_PATH = "first_run.tcss"
    """Its rules are read when it first opens, not at start-up (issue 17)."""

    BINDINGS = [
        Binding("ctrl+s", "submit", "Build plan", id="onboarding.submit"),
        Binding("escape", "quit_form", "Quit", id="onboarding.quit"),
        Binding("escape", "cancel_form", "Cancel", id="onboarding.cancel"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Escape quits on first run and cancels when replacing a plan."""
        if action == "quit_form":
            return not self.force
        if action == "cancel_form":
            return self.force
        return True

    def action_quit_form(self) -> None:
        """Leave the app (first run: there is nothing to go back to)."""
        self.app.exit()

    def action_cancel_form(self) -> None:
        """Keep the current plan."""
        self.dismiss(False)

    # -- submitting ------------------------------------------------------------------------

    @on(Input.Submitted)
    @on(Button.Pressed, "#submit")
    def _submitted(self) -> None:
        self.action_submit()

    def action_submit(self) -> None:
        """Check every field, then build and save the plan; errors stay next to their field."""
        self._clear_errors()
        errors: dict[str, str] = {}
        today = self.planner.today
        onsite: dt.date | None = None
        try:
            onsite = parse_date(self.query_one("#onsite", Input).value, "onsite date", today, AHEAD)
        except InputError as error:
            errors["onsite"] = str(error)
        hours_text = self.query_one("#hours", Input).value.strip()
        hours: float | None = None
        if hours_text:
            try:
                hours = float(hours_text.replace(",", "."))
            except ValueError:
                errors["hours"] = f"hours per day: '{hours_text}' is not a number"
        seniority = self.query_one("#seniority", Select).value
        if not isinstance(seniority, str):
            errors["seniority"] = "choose a seniority"
        pack_id = self._pack_id()
        if not pack_id:
            errors["pack"] = "choose an interview loop"
        screens: dict[str, dt.date] = {}
        for box in self.query(".screen").results(Checkbox):
            round_id = (box.id or "").removeprefix("screen-")
            text = self.query_one(f"#screen-date-{round_id}", Input).value
            if not box.value:
                continue
            if not text.strip():
                errors.setdefault(
                    "screens", f"give the date of the {round_id} screen, or untick it if passed"
                )
                continue
            try:
                screens[round_id] = parse_date(text, f"{round_id} screen date", today, AHEAD)
            except InputError as error:
                errors.setdefault("screens", str(error))
        away: list[tuple[dt.date, dt.date]] = []
        away_text_value = self.query_one("#away", Input).value
        if away_text_value.strip():
            try:
                away = calendar.parse_away([away_text_value], today, "away days")
            except InputError as error:
                errors["away"] = str(error)
        country = ""
        try:
            country = calendar.country_code(self.query_one("#holidays", Input).value, "holidays")
        except InputError as error:
            errors["holidays"] = str(error)
        if isinstance(seniority, str) and pack_id:
            try:
                self.planner.plans.defaults(pack_id, seniority)
            except InputError as error:
                errors["form"] = str(error)
        rest = list(self._rest())
        skip = [
            (box.id or "").removeprefix("skip-")
            for box in self.query(".skip-round").results(Checkbox)
            if box.value
        ]
        if errors or onsite is None or not isinstance(seniority, str):
            self._show_errors(errors)
            return
        self._build(
            pack_id,
            seniority,
            onsite,
            hours,
            rest,
            skip,
            screens=screens,
            away=away,
            country=country,
        )

    def _show_adjustments(self, plan: Plan) -> None:
        """The plan is saved; say what did not fit in a dialog (too long for a toast)."""
        from planner.tui.screens.report import ReportScreen
        from planner.tui.widgets.adjustments import adjustments_content

        count = len({a.item for a in plan.adjustments})
        title = f"Your plan is built · {count} item{'s' * (count != 1)} did not fit in full"

        def closed(_: None) -> None:
            self.dismiss(True)

        self.app.push_screen(ReportScreen(title, adjustments_content(plan.adjustments)), closed)

    def _build(
        self,
        pack_id: str,
        seniority: str,
        onsite: dt.date,
        hours: float | None,
        rest: list[int],
        skip: list[str],
        *,
        screens: dict[str, dt.date],
        away: list[tuple[dt.date, dt.date]],
        country: str,
    ) -> None:
        """Check the choices with the service, then save the plan in a worker."""
        if self.building:
            return
        try:
            settings = self.planner.plans.settings(
                PlanInput(
                    seniority=seniority,
                    onsite=onsite,
                    start=self.planner.today if self._start_now() else None,
                    hours=hours,
                    rest_weekdays=rest,
                    pack=pack_id,
                    skip_rounds=skip,
                    screens=screens,
                    away=away,
                    holiday_country=country,
                )
            )
        except InputError as error:
            self._show_errors({field_for(error): str(error)})
            return
        except (PlanError, ContentError) as error:
            self._show_errors({"form": str(error)})
            return
        self.building = True
        app_of(self).save(
            lambda: self.planner.plans.create(settings, force=self.force),
            what="plan",
            then=self._built,
            target=self,
        )

    def watch_building(self, building: bool) -> None:
        """Say on the button that the plan is being built and saved."""
        for button in self.query("#submit").results(Button):
            button.disabled = building
            button.label = "Building…" if building else "Build my plan"

    def saved(self) -> None:
        """The plan is saved: `_built` closes the form (after what did not fit, if any)."""
        self.building = False

    def _built(self, plan: Plan) -> None:
        if plan.adjustments:
            self._show_adjustments(plan)
            return
        self.dismiss(True)

    def save_failed(self, error: Exception, message: str) -> None:
        """Nothing was saved: say why under the field it is about, else under the form."""
        self.building = False
        if isinstance(error, InputError):
            self._show_errors({field_for(error): message})
        elif isinstance(error, StorageError):
            self._show_errors({"form": f"not saved: {message}"})
        else:
            self._show_errors({"form": message})

    def _show_errors(self, errors: dict[str, str]) -> None:
        for field, message in errors.items():
            self._note(field, message, error=True)
        if errors:
            first = next(iter(errors))
            target = {
                "onsite": "#onsite",
                "hours": "#hours",
                "seniority": "#seniority",
                "away": "#away",
                "holidays": "#holidays",
            }.get(first)
            if first == "screens":
                target = next((f"#{b.id}" for b in self.query(".screen-date").results(Input)), None)
            if target:
                self.query_one(target).focus()
            # The message may be below the fold (the field was focused already): show it.
            for note in self.query(f"#{first}-note").results(Static):
                self.call_after_refresh(note.scroll_visible, animate=False)
