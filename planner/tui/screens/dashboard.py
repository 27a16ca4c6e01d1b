"""The home screen: days to the onsite, readiness per round, the top gaps, today and progress."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from planner.domain.readiness import Gap
from planner.tui.screens.base import PlannerScreen
from planner.tui.widgets.footer import Footer
from planner.tui.widgets.heatmap import Heatmap, streak
from planner.tui.widgets.readiness import ReadinessBars
from planner.tui.widgets.visuals import VERDICT_STYLE, minutes, short_date

TOP_GAPS = 6


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

    def __init__(self) -> None:
        super().__init__()
        self._gaps: list[Gap] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="dash"):
            yield Static(id="dash-headline")
            yield Static(id="dash-today")
            with Horizontal(id="dash-top"):
                with Vertical(id="dash-left"):
                    yield Label("Readiness by round", classes="section")
                    yield ReadinessBars(id="dash-rounds")
                with Vertical(id="dash-side", classes="progress"):
                    yield Label("Plan so far", classes="section")
                    yield Heatmap(classes="heatmap")
            yield Label("Top gaps · Enter opens where to fix it", classes="section")
            yield OptionList(id="dash-gaps")
            yield Static(id="dash-action")
            with Vertical(id="dash-bottom", classes="progress"):
                yield Label("Plan so far", classes="section")
                yield Heatmap(classes="heatmap")
        yield Footer()

    def on_mount(self) -> None:
        """Start on the gap list without scrolling the summary away."""
        self.query_one("#dash-gaps", OptionList).focus(scroll_visible=False)

    def refresh_data(self) -> None:
        """Re-read readiness, today and the plan's progress."""
        planner = self.planner
        plan = planner.session.state().plan
        if plan is None:
            return
        today = planner.today
        readiness = planner.readiness.assess()
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
        view = planner.tasks.today()
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
        days = streak(plan, today)
        summary += f" · streak {days} day{'s' * (days != 1)}"
        self.query_one("#dash-today", Static).update(Content(summary))
        self.query_one("#dash-rounds", ReadinessBars).show(readiness)
        for heat in self.query(".heatmap").results(Heatmap):
            heat.show(plan, today)
        self._show_gaps(
            readiness.gaps_by_impact()[:TOP_GAPS],
            {r.round.id: r.round.name for r in readiness.rounds},
        )

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
                (f" (~{minutes(gap.minutes)}, +{gap.gain:g} points)", "$text-muted"),
            )
        )

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Show the next action of the highlighted gap."""
        self._show_action(event.option_index)

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Open the screen where the chosen gap is fixed."""
        if not 0 <= event.option_index < len(self._gaps):
            return
        gap = self._gaps[event.option_index]
        await self.planner_app.open_target(gap.kind, gap.target, gap.round)
