"""A read-only report in a dialog, and the pre-onsite check laid out as text."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from planner.service.readiness import CheckReport
from planner.tui.widgets.visuals import VERDICT_STYLE, minutes, short_date, status_text


class ReportScreen(ModalScreen[None]):
    """Shows a report; Escape or Enter closes it."""

    CSS_PATH = "dialogs.tcss"
    """Its rules are read when it first opens, not at start-up (issue 17)."""

    BINDINGS = [
        Binding("escape,q,enter", "close", "Close", id="report.close"),
    ]

    def __init__(self, title: str, body: Content) -> None:
        super().__init__()
        self.report_title = title
        """The dialog's title (plain text)."""
        self.body = body
        """The report itself."""

    def compose(self) -> ComposeResult:
        with Vertical(id="report-box"):
            yield Label(self.report_title, markup=False, id="report-title")
            with VerticalScroll(id="report-body"):
                yield Static(self.body, id="report-text")
            yield Button("Close", id="report-close", variant="primary")

    def on_mount(self) -> None:
        """Focus the scrollable body so arrow keys scroll it."""
        self.query_one("#report-body").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Close from the button."""
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        """Close the report."""
        self.dismiss(None)


def check_content(report: CheckReport) -> Content:
    """The check as text: verdict and days left, rounds, advice, top gaps, the days left."""
    r = report.readiness
    names = {x.round.id: x.round.name for x in r.rounds}
    days = "day" if report.days_left == 1 else "days"
    lines: list[Content] = [
        Content.assemble(
            (f"{report.days_left} {days} to the onsite ({short_date(report.onsite)}). ", "bold"),
            (f"Readiness {r.overall}/100. ", "bold"),
            (f"Verdict: {r.verdict.upper()}", f"bold {VERDICT_STYLE.get(r.verdict, '')}"),
            (f" (vetoed by {r.vetoed_by_names()})" if r.vetoed_by else "", "bold"),
        ),
        Content(""),
    ]
    for p in r.passed:
        lines.append(
            Content.assemble("  ", Content(p.name[:28].ljust(28)), "   — ", status_text("passed"))
        )
    for x in r.rounds:
        lines.append(
            Content.assemble(
                "  ",
                Content(x.round.name[:28].ljust(28)),
                f"{x.score:>4} ",
                status_text(x.status),
            )
        )
    if report.advice:
        lines.append(Content(""))
        lines += [Content(line) for line in report.advice]
    if report.top_gaps:
        lines += [Content(""), Content.styled("Top gaps", "bold")]
        for g in report.top_gaps:
            lines.append(
                Content.assemble("  • ", (names.get(g.round, g.round), "bold"), ": ", g.detail)
            )
            lines.append(
                Content.assemble(
                    "      → ", Content(g.action), (f" (~{minutes(g.minutes)})", "$text-muted")
                )
            )
    if report.next_days:
        lines += [Content(""), Content.styled("The days that remain", "bold")]
        for d in report.next_days:
            planned = (
                f"{minutes(d.planned_minutes)} planned" if d.planned_minutes else "nothing planned"
            )
            lines.append(Content(f"  {short_date(d.date)}: {planned}"))
            for g in d.actions:
                lines.append(
                    Content.assemble(
                        "      + ", Content(g.action), (f" ({minutes(g.minutes)})", "$text-muted")
                    )
                )
    return Content("\n").join(lines)
