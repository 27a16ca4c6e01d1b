"""The first-run form: the loop, seniority, onsite date, hours and days off; builds the plan.

Errors are shown under the field they concern and nothing is saved until every field is valid.
"""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Footer, Header, Input, Label, Select, Static

from planner.dates import parse_date
from planner.domain.content import ContentError
from planner.domain.models import Plan
from planner.domain.schedule import PlanError
from planner.errors import InputError
from planner.service import Planner
from planner.service.core import DEFAULT_DAYS, DEFAULT_PACK, WEEKDAYS
from planner.storage import StorageError

FIELDS = ("pack", "seniority", "onsite", "hours", "rest", "skip", "form")
DEFAULT_SENIORITY = "mid"


def field_for(message: str) -> str:
    """Which field an error from the service is about (`form` when none in particular)."""
    text = message.lower()
    for words, name in (
        (("onsite", "date"), "onsite"),
        (("hours",), "hours"),
        (("weekday", "rest"), "rest"),
        (("round",), "skip"),
        (("seniority",), "seniority"),
        (("pack",), "pack"),
    ):
        if any(w in text for w in words):
            return name
    return "form"


def field_row(label: str, *widgets: Widget, note: str) -> Horizontal:
    """A labelled form row: the widgets, then a note (`#<note>-note`) for hints and errors."""
    return Horizontal(
        Label(label, classes="field-label"),
        Vertical(*widgets, Static(classes="field-note", id=f"{note}-note"), classes="field"),
        classes="field-row",
    )


class OnboardingScreen(ModalScreen[bool]):
    """Builds the first plan; dismisses True once a plan is saved."""

    BINDINGS = [
        Binding("ctrl+s", "submit", "Build plan", id="onboarding.submit"),
        Binding("escape", "quit_form", "Quit", id="onboarding.quit"),
        Binding("escape", "cancel_form", "Cancel", id="onboarding.cancel"),
    ]

    def __init__(self, planner: Planner, force: bool = False) -> None:
        super().__init__()
        self.planner = planner
        """The service the plan is built with."""
        self.force = force
        """Replace an existing plan (trackers are kept)."""
        self._loaded_pack = ""
        self._hours_default: str | None = ""
        """The hours filled in from the template; None once they came from a plan."""

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        packs = self.planner.library.pack_ids()
        pack_id = DEFAULT_PACK if DEFAULT_PACK in packs else (packs[0] if packs else "")
        yield Header()
        with VerticalScroll(id="onboarding"):
            yield Static(
                "Tell the planner about your loop: it plans each day up to the one before "
                "the onsite. Tab moves between fields; Ctrl+S builds the plan.",
                id="onboarding-intro",
            )
            with Vertical(id="onboarding-form"):
                yield field_row(
                    "Interview loop",
                    Select(
                        [(self._pack_name(p), p) for p in packs],
                        value=pack_id if packs else Select.NULL,
                        allow_blank=not packs,
                        id="pack",
                        compact=True,
                    ),
                    note="pack",
                )
                yield field_row(
                    "Seniority",
                    Select([], id="seniority", compact=True, allow_blank=True),
                    note="seniority",
                )
                yield field_row(
                    "Onsite date",
                    Input(
                        placeholder=f"YYYY-MM-DD, e.g. {self._example_onsite()}",
                        id="onsite",
                        compact=True,
                    ),
                    note="onsite",
                )
                yield field_row(
                    "Hours per day",
                    Input(id="hours", compact=True, placeholder="e.g. 1.5"),
                    note="hours",
                )
                yield field_row(
                    "Rest days",
                    Horizontal(
                        *(
                            Checkbox(name.title(), id=f"rest-{n}", compact=True)
                            for n, name in enumerate(WEEKDAYS)
                        ),
                        id="rest-days",
                    ),
                    note="rest",
                )
                yield field_row("Rounds to skip", Vertical(id="skip-rounds"), note="skip")
            yield Static(id="form-note")
            yield Button("Build my plan", id="submit", variant="primary")
        yield Footer()

    def _pack_name(self, pack_id: str) -> str:
        try:
            pack = self.planner.library.pack(pack_id)
        except ContentError:
            return pack_id
        return f"{pack.company} {pack.role}"

    def _example_onsite(self) -> str:
        return (self.planner.today + dt.timedelta(days=DEFAULT_DAYS + 1)).isoformat()

    async def on_mount(self) -> None:
        """Fill the choices that depend on the pack (and the current plan's) and focus the date."""
        await self._load_pack()
        if self.force:
            self._fill_from_plan()
        self.query_one("#onsite", Input).focus()

    def _fill_from_plan(self) -> None:
        """Start a replacement plan from the current plan's choices."""
        plan = self.planner.state().plan
        if plan is None:
            return
        settings = plan.settings
        self._hours_default = None
        self.query_one("#seniority", Select).value = settings.seniority
        self.query_one("#onsite", Input).value = settings.onsite.isoformat()
        self.query_one("#hours", Input).value = f"{settings.hours_per_day:g}"
        for n in settings.rest_weekdays:
            self.query_one(f"#rest-{n}", Checkbox).value = True
        for round_id in settings.skip_rounds:
            for box in self.query(f"#skip-{round_id}").results(Checkbox):
                box.value = True

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

    # -- choices that follow the pack and the seniority ------------------------------------

    def _pack_id(self) -> str:
        value = self.query_one("#pack", Select).value
        return value if isinstance(value, str) else ""

    async def _load_pack(self) -> None:
        """Seniorities and rounds of the chosen pack."""
        pack_id = self._pack_id()
        self._loaded_pack = pack_id
        seniority = self.query_one("#seniority", Select)
        box = self.query_one("#skip-rounds", Vertical)
        await box.remove_children()
        self._note("pack", "")
        if not pack_id:
            self._note("pack", "No content pack is installed.", error=True)
            return
        try:
            pack = self.planner.library.pack(pack_id)
            templates = self.planner.library.templates(pack_id)
        except ContentError as error:
            self._note("pack", str(error), error=True)
            return
        seniority.set_options((f"{t.name} ({t.years})", t.id) for t in templates.values())
        if DEFAULT_SENIORITY in templates:
            seniority.value = DEFAULT_SENIORITY
        await box.mount_all(
            Checkbox(r.name, id=f"skip-{r.id}", compact=True, classes="skip-round")
            for r in pack.rounds
        )

    @on(Select.Changed, "#pack")
    async def _pack_changed(self) -> None:
        if self._pack_id() != self._loaded_pack:
            await self._load_pack()

    @on(Select.Changed, "#seniority")
    def _seniority_changed(self, event: Select.Changed) -> None:
        pack_id = self._pack_id()
        if not isinstance(event.value, str) or not pack_id:
            self._note("seniority", "")
            return
        template = self.planner.library.templates(pack_id)[event.value]
        advice = self.planner.library.pack(pack_id).seniority_advice.get(event.value, "")
        self._note("seniority", "\n".join(filter(None, (template.summary, advice))), muted=True)
        hours = self.query_one("#hours", Input)
        default = f"{template.hours_per_day:g}"
        if self._hours_default is None:
            return
        if hours.value in ("", self._hours_default):
            hours.value = default
        self._hours_default = default

    @on(Input.Changed, "#onsite")
    def _onsite_changed(self, event: Input.Changed) -> None:
        """Say which date was understood and how long the plan will run."""
        try:
            onsite = parse_date(event.value, "onsite date", self.planner.today)
        except InputError:
            self._note("onsite", "")
            return
        self._note("onsite", self._span(onsite), muted=True)

    def _span(self, onsite: dt.date) -> str:
        today = self.planner.today
        if onsite <= today:
            return f"{onsite:%a %d %b %Y}: that is not after today ({today:%a %d %b})"
        start = max(today, onsite - dt.timedelta(days=DEFAULT_DAYS))
        days = (onsite - start).days
        return (
            f"{onsite:%a %d %b %Y} · plan runs {start:%a %d %b} to the day before, "
            f"{days} day{'s' * (days != 1)}"
        )

    # -- messages under the fields ---------------------------------------------------------

    def _note(self, field: str, text: str, *, error: bool = False, muted: bool = False) -> None:
        note = self.query_one(f"#{field}-note", Static)
        style = "$text-error" if error else "$text-muted" if muted else ""
        note.update(Content.styled(text, style))
        note.set_class(error, "-error")
        note.display = bool(text)

    def _clear_errors(self) -> None:
        for field in FIELDS:
            note = self.query_one(f"#{field}-note", Static)
            if note.has_class("-error"):
                self._note(field, "")

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
            onsite = parse_date(self.query_one("#onsite", Input).value, "onsite date", today)
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
        rest = [n for n in range(7) if self.query_one(f"#rest-{n}", Checkbox).value]
        skip = [
            (box.id or "").removeprefix("skip-")
            for box in self.query(".skip-round").results(Checkbox)
            if box.value
        ]
        if errors or onsite is None or not isinstance(seniority, str):
            self._show_errors(errors)
            return
        plan = self._build(pack_id, seniority, onsite, hours, rest, skip)
        if plan is not None:
            if plan.adjustments:
                self.app.notify(
                    "\n".join(a.detail for a in plan.adjustments[:4]),
                    title="Some work did not fit",
                    severity="warning",
                    markup=False,
                )
            self.dismiss(True)

    def _build(
        self,
        pack_id: str,
        seniority: str,
        onsite: dt.date,
        hours: float | None,
        rest: list[int],
        skip: list[str],
    ) -> Plan | None:
        try:
            settings = self.planner.build_settings(
                seniority=seniority,
                onsite=onsite,
                hours=hours,
                rest_weekdays=rest,
                pack=pack_id,
                skip_rounds=skip,
            )
            return self.planner.init_plan(settings, force=self.force)
        except (InputError, PlanError, ContentError) as error:
            self._show_errors({field_for(str(error)): str(error)})
        except StorageError as error:
            self._show_errors({"form": f"not saved: {error}"})
        return None

    def _show_errors(self, errors: dict[str, str]) -> None:
        for field, message in errors.items():
            self._note(field, message, error=True)
        if errors:
            first = next(iter(errors))
            target = {"onsite": "#onsite", "hours": "#hours", "seniority": "#seniority"}.get(first)
            if target:
                self.query_one(target).focus()
