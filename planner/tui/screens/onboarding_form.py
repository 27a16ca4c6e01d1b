"""The first-run form's fields and what they say while typed: the pack's choices, the
seniority's defaults, the dates understood, and the notes under each field.

`OnboardingScreen` (onboarding.py) adds the keys and the build; this class holds the form.
"""

from __future__ import annotations

import asyncio
import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Header, Input, Select, Static

from planner.dates import AHEAD, FORMS_HINT, parse_date
from planner.errors import InputError
from planner.service import ContentError, Planner
from planner.service.calendar import WEEKDAYS
from planner.service.inputs import DEFAULT_DAYS, DEFAULT_PACK, MAX_AHEAD_DAYS
from planner.tui.screens.onboarding_fields import (
    FIELDS,
    away_hint,
    away_placeholder,
    away_text,
    field_row,
    onsite_placeholder,
    screen_placeholder,
    span_text,
)
from planner.tui.widgets.fields import TextField
from planner.tui.widgets.footer import Footer
from planner.tui.widgets.tickbox import TickBox

DEFAULT_SENIORITY = "mid"


class OnboardingForm(ModalScreen[bool]):
    """The fields of the first-run form and their hints (no keys, no saving)."""

    building: reactive[bool] = reactive(False)
    """Whether the plan is being saved (the form stays open, its button says so)."""

    def __init__(self, planner: Planner, force: bool = False) -> None:
        super().__init__()
        self.planner = planner
        """The service the plan is built with."""
        self.force = force
        """Replace an existing plan (trackers are kept)."""
        self._loaded_pack = ""
        self._hours_default: str | None = ""
        """The hours filled in from the template; None once they came from a plan."""
        self._rest_default: tuple[int, ...] | None = ()
        """The rest days filled in from the defaults; None once they came from a plan."""
        self._holidays_filled = False
        self.mounted_and_filled = asyncio.Event()
        """Set once `on_mount` has filled the fields (tests wait for it before typing)."""

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        packs = self.planner.session.library.pack_ids()
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
                    TextField(
                        placeholder=onsite_placeholder(self.planner.today),
                        id="onsite",
                        compact=True,
                    ),
                    TickBox("Start today", id="start-now", compact=True),
                    note="onsite",
                )
                yield field_row("Screens ahead", Vertical(id="screens"), note="screens")
                yield field_row(
                    "Hours per day",
                    TextField(id="hours", compact=True, placeholder="e.g. 1.5"),
                    note="hours",
                )
                yield field_row(
                    "Rest days",
                    Horizontal(
                        *(
                            TickBox(name.title(), id=f"rest-{n}", compact=True)
                            for n, name in enumerate(WEEKDAYS)
                        ),
                        id="rest-days",
                    ),
                    note="rest",
                )
                yield field_row(
                    "Away days",
                    TextField(
                        id="away",
                        compact=True,
                        placeholder=away_placeholder(self.planner.today),
                    ),
                    note="away",
                )
                yield field_row(
                    "Holidays",
                    TextField(
                        id="holidays",
                        compact=True,
                        placeholder="country code, e.g. US; blank: none",
                    ),
                    note="holidays",
                )
                yield field_row("Rounds to skip", Vertical(id="skip-rounds"), note="skip")
        with Horizontal(id="onboarding-actions"):
            yield Button("Build my plan", id="submit", variant="primary", compact=True)
            yield Static(id="form-note")
        yield Footer()

    def _pack_name(self, pack_id: str) -> str:
        try:
            pack = self.planner.session.library.pack(pack_id)
        except ContentError:
            return pack_id
        return f"{pack.company} {pack.role}"

    async def on_mount(self) -> None:
        """Fill the choices that depend on the pack (and the current plan's) and focus the date."""
        self.query_one("#start-now", Checkbox).display = False
        await self._load_pack()
        if self.force:
            self._fill_from_plan()
        self.query_one("#onsite", Input).focus()
        self.mounted_and_filled.set()

    def _fill_from_plan(self) -> None:
        """Start a replacement plan from the current plan's choices."""
        plan = self.planner.session.state().plan
        if plan is None:
            return
        settings = plan.settings
        self._hours_default = None
        self._rest_default = None
        self.query_one("#seniority", Select).value = settings.seniority
        self.query_one("#onsite", Input).value = settings.onsite.isoformat()
        self.query_one("#hours", Input).value = f"{settings.hours_per_day:g}"
        self._set_rest(settings.rest_weekdays)
        for round_id in settings.skip_rounds:
            for box in self.query(f"#skip-{round_id}").results(Checkbox):
                box.value = True
        for round_id, day in settings.screens:
            for box in self.query(f"#screen-{round_id}").results(Checkbox):
                box.value = True
            for field in self.query(f"#screen-date-{round_id}").results(Input):
                field.value = day.isoformat()
        self.query_one("#away", Input).value = away_text(settings.away)
        self.query_one("#holidays", Input).value = settings.holiday_country

    # -- choices that follow the pack and the seniority ------------------------------------

    def _pack_id(self) -> str:
        value = self.query_one("#pack", Select).value
        return value if isinstance(value, str) else ""

    async def _load_pack(self) -> None:
        """Seniorities, screens and rounds of the chosen pack."""
        pack_id = self._pack_id()
        self._loaded_pack = pack_id
        seniority = self.query_one("#seniority", Select)
        box = self.query_one("#skip-rounds", Vertical)
        screens = self.query_one("#screens", Vertical)
        await box.remove_children()
        await screens.remove_children()
        self._note("pack", "")
        if not pack_id:
            self._note("pack", "No content pack is installed.", error=True)
            return
        try:
            pack = self.planner.session.library.pack(pack_id)
            templates = self.planner.session.library.templates(pack_id)
        except ContentError as error:
            self._note("pack", str(error), error=True)
            return
        seniority.set_options((f"{t.name} ({t.years})", t.id) for t in templates.values())
        if DEFAULT_SENIORITY in templates:
            seniority.value = DEFAULT_SENIORITY
        await screens.mount_all(
            Horizontal(
                TickBox(pack.round(r).name, id=f"screen-{r}", compact=True, classes="screen"),
                TextField(
                    id=f"screen-date-{r}",
                    placeholder=screen_placeholder(self.planner.today),
                    compact=True,
                    classes="screen-date",
                ),
                classes="screen-row",
            )
            for r in pack.screen_rounds
        )
        if pack.screen_rounds:
            self._note(
                "screens",
                "Tick a screen still ahead and give its date; the others count as passed.",
                muted=True,
            )
        screen_ids = set(pack.screen_rounds)
        await box.mount_all(
            TickBox(r.name, id=f"skip-{r.id}", compact=True, classes="skip-round")
            for r in pack.rounds
            if r.id not in screen_ids
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
        template = self.planner.session.library.templates(pack_id)[event.value]
        advice = self.planner.session.library.pack(pack_id).seniority_advice.get(event.value, "")
        self._note("seniority", "\n".join(filter(None, (template.summary, advice))), muted=True)
        self._apply_defaults(pack_id, event.value)
        hours = self.query_one("#hours", Input)
        default = f"{template.hours_per_day:g}"
        if self._hours_default is None:
            return
        if hours.value in ("", self._hours_default):
            hours.value = default
        self._hours_default = default

    def _apply_defaults(self, pack_id: str, seniority: str) -> None:
        """Rest days and holiday country from the settings file, else the template.

        Rest days follow the seniority until the user changes them; a broken settings file
        is named under the form and building stays refused until it is fixed.
        """
        try:
            defaults = self.planner.plans.defaults(pack_id, seniority)
        except InputError as error:
            self._note("form", str(error), error=True)
            return
        if self._rest_default is not None and self._rest() == self._rest_default:
            self._set_rest(defaults.rest_weekdays)
            self._rest_default = defaults.rest_weekdays
        holidays = self.query_one("#holidays", Input)
        if not self._holidays_filled and not self.force:
            holidays.value = defaults.holiday_country
            self._holidays_filled = True

    def _rest(self) -> tuple[int, ...]:
        return tuple(n for n in range(7) if self.query_one(f"#rest-{n}", Checkbox).value)

    def _set_rest(self, days: tuple[int, ...]) -> None:
        for n in range(7):
            self.query_one(f"#rest-{n}", Checkbox).value = n in days

    @on(Input.Changed, "#onsite")
    def _onsite_changed(self, event: Input.Changed) -> None:
        """Say which date was understood and how long the plan will run; offer to start now."""
        start_now = self.query_one("#start-now", Checkbox)
        try:
            onsite = parse_date(event.value, "onsite date", self.planner.today, AHEAD)
        except InputError:
            typed = bool(event.value.strip())
            self._note("onsite", f"not a date yet ({FORMS_HINT})" if typed else "", muted=True)
            start_now.display = False
            return
        runway = (onsite - self.planner.today).days
        # Only when the plan would start later than today and the onsite can be planned at all.
        start_now.display = DEFAULT_DAYS < runway <= MAX_AHEAD_DAYS
        start_now.label = f"Start today: plan all {runway} days, not the last {DEFAULT_DAYS}"
        self._note("onsite", self._span(onsite), muted=True)

    @on(Checkbox.Changed, "#start-now")
    def _start_now_changed(self) -> None:
        try:
            onsite = parse_date(
                self.query_one("#onsite", Input).value, "onsite", self.planner.today, AHEAD
            )
        except InputError:
            return
        self._note("onsite", self._span(onsite), muted=True)

    def _start_now(self) -> bool:
        box = self.query_one("#start-now", Checkbox)
        return bool(box.display and box.value)

    def _span(self, onsite: dt.date) -> str:
        return span_text(onsite, self.planner.today, self._start_now())

    @on(Input.Changed, ".screen-date")
    def _screen_date_typed(self, event: Input.Changed) -> None:
        """Typing a screen's date ticks it as still ahead."""
        round_id = (event.input.id or "").removeprefix("screen-date-")
        if not event.value.strip():
            self._clear_hint("screens")  # the hint was about the date just cleared
            return
        for box in self.query(f"#screen-{round_id}").results(Checkbox):
            box.value = True
        name = str(self.query_one(f"#screen-{round_id}", Checkbox).label)
        try:
            day = parse_date(event.value, "screen date", self.planner.today, AHEAD)
        except InputError:
            self._note("screens", f"{name}: not a date yet ({FORMS_HINT})", muted=True)
            return
        self._note("screens", f"{name}: {day:%a %d %b %Y}", muted=True)

    @on(Input.Changed, "#away")
    def _away_typed(self, event: Input.Changed) -> None:
        """Say which days the away days were understood as, and what cannot be read."""
        if not event.value.strip():
            self._clear_hint("away")
            return
        hint, _ = away_hint(event.value, self.planner.today)
        self._note("away", hint, muted=True)

    # -- messages under the fields ---------------------------------------------------------

    def _note(self, field: str, text: str, *, error: bool = False, muted: bool = False) -> None:
        note = self.query_one(f"#{field}-note", Static)
        style = "$text-error" if error else "$text-muted" if muted else ""
        note.update(Content.styled(text, style))
        note.set_class(error, "-error")
        note.display = bool(text)

    def _clear_hint(self, field: str) -> None:
        """Take away a field's hint (an error stays until the field changes)."""
        if not self.query_one(f"#{field}-note", Static).has_class("-error"):
            self._note(field, "")

    @on(Checkbox.Changed, ".screen-row Checkbox")
    def _screen_unticked(self, event: Checkbox.Changed) -> None:
        """An unticked screen (passed) has no date to hint at."""
        if not event.value:
            self._clear_hint("screens")

    def _clear_errors(self) -> None:
        for field in FIELDS:
            note = self.query_one(f"#{field}-note", Static)
            if note.has_class("-error"):
                self._note(field, "")

    @on(Input.Changed)
    @on(Checkbox.Changed)
    def _field_changed(self, event: Input.Changed | Checkbox.Changed) -> None:
        """A field's error goes as soon as the field changes (the fix is checked on Build)."""
        widget_id = event.control.id or ""
        field = {"onsite": "onsite", "hours": "hours", "away": "away", "holidays": "holidays"}.get(
            widget_id
        )
        if field is None:
            if widget_id.startswith("screen"):
                field = "screens"
            elif widget_id.startswith("rest-"):
                field = "rest"
            elif widget_id.startswith("skip-"):
                field = "skip"
            elif widget_id == "start-now":
                field = "onsite"
        if field is not None and self.query_one(f"#{field}-note", Static).has_class("-error"):
            self._note(field, "")
