"""The home screen: days to the onsite, readiness per round, the top gaps, today and progress."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Header, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from planner.domain.models import is_own_research
from planner.service import CorruptDatabase, Planner
from planner.tui.screens.base import PlannerScreen
from planner.tui.widgets.footer import Footer
from planner.tui.widgets.heatmap import Heatmap, streak
from planner.tui.widgets.readiness import ReadinessBars
from planner.tui.widgets.visuals import VERDICT_STYLE, minutes, short_date

if TYPE_CHECKING:  # readiness is imported by the worker that computes it, after the paint
    from planner.domain.models import Plan
    from planner.domain.readiness import Gap, Readiness
    from planner.service.tasks import TodayView

TOP_GAPS = 6
FILL_GROUP = "dashboard"
"""The worker group that computes the dashboard's numbers (tests wait for it)."""
COMPUTING = Content.styled("Computing readiness…", "$text-muted")
"""The headline until the numbers arrive (never the last numbers, which may be stale)."""


@dataclass(frozen=True)
class DashboardNumbers:
    """Everything the dashboard shows, read from the service in one go (in a worker)."""

    readiness: Readiness
    plan: Plan
    today: dt.date
    view: TodayView
    streak: int

    @classmethod
    def read(cls, planner: Planner) -> DashboardNumbers | None:
        """The numbers as of now; None when there is no plan (the app is leaving the screen)."""
        plan = planner.session.state().plan
        if plan is None:
            return None
        today = planner.today
        return cls(
            readiness=planner.readiness.assess(),
            plan=plan,
            today=today,
            view=planner.tasks.today(),
            streak=streak(plan, today),
        )


class DashboardScreen(PlannerScreen):
    """Where things stand; Enter on a gap opens the screen where it is fixed."""

    AUTO_FOCUS = ""
    """No focus on the first focusable (the scrolling summary): `on_mount` focuses the gap
    list (focusing the summary and then the list restyled the screen twice at start)."""
    BINDINGS = [
        Binding(
            "enter",
            "select_focused",
            "Open where to fix the gap",
            id="dashboard.open",
            show=False,
            priority=True,
        ),
    ]

    class Filled(Message):
        """The dashboard's numbers, computed in its worker (or why they could not be)."""

        def __init__(
            self, generation: int, numbers: DashboardNumbers | None, error: CorruptDatabase | None
        ) -> None:
            super().__init__()
            self.generation = generation
            self.numbers = numbers
            self.error = error

    def __init__(self) -> None:
        super().__init__()
        self._gaps: list[Gap] = []
        self._generation = 0
        """Counts the requests for numbers: only the latest one's are shown."""
        self._filled = False
        """Whether numbers were shown once (until then the widgets are empty, not stale)."""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="dash"):
            yield Static(COMPUTING, id="dash-headline")
            yield Static(id="dash-today", classes="-fills")
            with Horizontal(id="dash-top"):
                with Vertical(id="dash-left"):
                    yield Label("Readiness by round", classes="section")
                    yield ReadinessBars(id="dash-rounds", classes="-fills")
                with Vertical(id="dash-side", classes="progress"):
                    yield Label("Plan so far", classes="section")
                    yield Heatmap(classes="heatmap -fills")
            yield Label("Top gaps · Enter opens where to fix it", classes="section")
            yield OptionList(id="dash-gaps", classes="-fills")
            yield Static(id="dash-action", classes="-fills")
            with Vertical(id="dash-bottom", classes="progress"):
                yield Label("Plan so far", classes="section")
                yield Heatmap(classes="heatmap -fills")
        yield Footer()

    def on_mount(self) -> None:
        """Start on the gap list without scrolling the summary away."""
        self.query_one("#dash-gaps", OptionList).focus(scroll_visible=False)

    def refresh_data(self) -> None:
        """Re-read readiness, today and the plan's progress: in a worker, after a repaint.

        Until the numbers arrive the headline says they are being computed and the old
        numbers (after a change) are dimmed: a stale verdict is never shown as current.
        """
        self._generation += 1
        self.filling = True
        self.query_one("#dash-headline", Static).update(COMPUTING)
        if self._filled:
            for widget in self.query(".-fills"):
                widget.add_class("-stale")
        self.call_after_refresh(self._fill, self._generation)

    @work(thread=True, exclusive=True, group=FILL_GROUP)
    def _fill(self, generation: int) -> None:
        """Compute the numbers off the UI thread and post them back (`Filled`)."""
        try:
            numbers = DashboardNumbers.read(self.planner)
        except CorruptDatabase as error:
            self.post_message(self.Filled(generation, None, error))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Filled(generation, numbers, None))

    @on(Filled)
    def _filled_in(self, message: Filled) -> None:
        """Show the numbers of the latest request (an older one's are dropped)."""
        if message.generation != self._generation:
            return
        self.filling = False
        if message.error is not None:
            self.planner_app.lost_file(message.error)
            return
        if message.numbers is not None:
            self._show(message.numbers)

    def _show(self, numbers: DashboardNumbers) -> None:
        readiness, plan, today = numbers.readiness, numbers.plan, numbers.today
        left = (plan.settings.onsite - today).days
        when = (
            f"{left} day{'s' * (left != 1)} to the onsite"
            if left >= 0
            else f"the onsite was {-left} days ago"
        )
        self.query_one("#dash-headline", Static).update(
            Content.assemble(
                (f"{when} ({short_date(plan.settings.onsite)})", "bold"),
                " · ",
                (f"readiness {readiness.overall}/100", "bold"),
                " · ",
                (readiness.verdict.upper(), f"bold {VERDICT_STYLE.get(readiness.verdict, '')}"),
                (
                    f" (vetoed by {readiness.vetoed_by_names()})" if readiness.vetoed_by else "",
                    f"bold {VERDICT_STYLE.get(readiness.verdict, '')}",
                ),
            )
        )
        view = numbers.view
        left_tasks = sum(1 for t in view.tasks if not t.done)
        if view.in_plan:
            summary = (
                f"Today: {len(view.tasks)} task{'s' * (len(view.tasks) != 1)} "
                f"({minutes(view.planned_minutes)}), {left_tasks} left, "
                f"{minutes(view.done_minutes)} done"
            )
        else:
            summary = "Today is not one of the plan's days"
        if view.overdue:
            summary += f" · {len(view.overdue)} overdue"
        days = numbers.streak
        summary += f" · streak {days} day{'s' * (days != 1)}"
        self.query_one("#dash-today", Static).update(Content(summary))
        self.query_one("#dash-rounds", ReadinessBars).show(readiness)
        for heat in self.query(".heatmap").results(Heatmap):
            heat.show(plan, today)
        self._show_gaps(
            readiness.gaps_by_impact()[:TOP_GAPS],
            {r.round.id: r.round.name for r in readiness.rounds},
        )
        if self._filled:
            for widget in self.query(".-stale"):
                widget.remove_class("-stale")
        self._filled = True

    def _show_gaps(self, gaps: list[Gap], names: dict[str, str]) -> None:
        gap_list = self.query_one("#dash-gaps", OptionList)
        keep = gap_list.highlighted
        self._gaps = gaps
        gap_list.clear_options()
        if not gaps:
            gap_list.add_option(Option(Content.styled("No gaps: keep rehearsing.", "$text-muted")))
            self.query_one("#dash-action", Static).update("")
            return
        gap_list.add_options(
            Option(
                Content.assemble((names.get(g.round, g.round), "bold"), ": ", Content(g.detail)),
                id=f"gap-{n}",
            )
            for n, g in enumerate(gaps)
        )
        gap_list.highlighted = min(keep or 0, len(gaps) - 1)
        self._show_action(gap_list.highlighted)

    def _show_action(self, index: int | None) -> None:
        action = self.query_one("#dash-action", Static)
        if index is None or not 0 <= index < len(self._gaps):
            action.update("")
            return
        gap = self._gaps[index]
        action.update(
            Content.assemble(
                "→ next: ",
                Content(gap.action),
                (
                    f" (~{minutes(gap.minutes)}, +{gap.gain:g} points)"
                    if not is_own_research(gap.target)
                    else f" (~{minutes(gap.minutes)}, your own item: not scored)",
                    "$text-muted",
                ),
            )
        )

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Show the next action of the highlighted gap."""
        self._show_action(event.option_index)

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Open the screen where the chosen gap is fixed (not while the gaps are stale)."""
        if self.filling or not 0 <= event.option_index < len(self._gaps):
            return
        gap = self._gaps[event.option_index]
        await self.planner_app.open_target(gap.kind, gap.target, gap.round)
