"""The Mocks screen's lower panel: one round's score trend and its weakest dimensions."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Label, Sparkline, Static

from planner.domain.models import Mock, Pack
from planner.tui.forms.mock_shared import short

RECENT = 3
"""How many recent mocks the weakest-dimension summary looks at."""


def weakest_dimension(mock: Mock, pack: Pack, width: int = 26) -> str:
    """The mock's lowest-scored dimension as `Name (score)`, or "" when nothing was scored."""
    if not mock.scores:
        return ""
    names = {d.id: d.name for d in pack.rubric(mock.round).dimensions}
    dim, score = min(mock.scores.items(), key=lambda pair: (pair[1], pair[0]))
    return f"{short(names.get(dim, dim), width - 4)} ({score})"


def weakest_over(mocks: Sequence[Mock], pack: Pack, limit: int = 3) -> list[tuple[str, float]]:
    """The lowest average dimensions over these mocks, as (name, average), weakest first."""
    totals: dict[str, list[int]] = {}
    for mock in mocks:
        for dim, score in mock.scores.items():
            totals.setdefault(dim, []).append(score)
    names = {d.id: d.name for m in mocks for d in pack.rubric(m.round).dimensions}
    averages = sorted((round(sum(v) / len(v), 2), dim) for dim, v in totals.items())
    return [(names.get(dim, dim), avg) for avg, dim in averages[:limit]]


class MockTrend(Horizontal):
    """The averages of a round's mocks as a sparkline and figures, beside the dimensions
    that scored lowest over its last few mocks."""

    def compose(self) -> ComposeResult:
        with Vertical(id="trend-box"):
            yield Label("", id="trend-title", markup=False)
            yield Sparkline([], id="trend")
            yield Label("", id="trend-values", markup=False)
        yield Static("", id="weakest", markup=False)

    def show(self, pack: Pack, round_id: str | None, mocks: Sequence[Mock]) -> None:
        """Show the trend of `round_id` over its mocks (oldest first); None: no round yet."""
        title = self.query_one("#trend-title", Label)
        values = self.query_one("#trend-values", Label)
        sparkline = self.query_one("#trend", Sparkline)
        weakest = self.query_one("#weakest", Static)
        if round_id is None:
            title.update("Score trend: log a mock to see one")
            values.update("")
            sparkline.data = []
            weakest.update("")
            return
        # A mock logged without scores has no average: it is no point on the trend.
        averages = [m.average for m in mocks if m.scores]
        title.update(Content(f"Trend, {pack.round(round_id).name}"))
        # One session is no trend: a lone value would fill the chart as a solid block.
        sparkline.data = averages if len(averages) >= 2 else []
        sparkline.display = len(averages) >= 2
        if len(averages) == 1:
            values.update(Content(f"one session so far: {averages[0]:.1f} (a trend needs two)"))
        else:
            values.update(
                " → ".join(f"{a:.1f}" for a in averages[-6:])
                or ("no scored mock yet" if mocks else "no mocks yet")
            )
        recent = mocks[-RECENT:]
        lines = [f"Weakest over the last {len(recent)} mock{'s' if len(recent) != 1 else ''}:"]
        lines += [f"  {name}: {avg:.1f}" for name, avg in weakest_over(recent, pack)]
        weakest.update("\n".join(lines) if recent else "")
