"""The plan as a calendar: one row per week, seven columns, a cursor on one day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from planner.domain.models import Plan
from planner.tui.widgets.heatmap import day_shares

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
LABEL_WIDTH = 4
MIN_CELL = 6
MAX_CELL = 14


@dataclass(frozen=True)
class CalendarDay:
    """What a cell shows about one plan day."""

    date: dt.date
    rest: bool
    share: float | None
    minutes: int
    mock: bool
    note: str = ""
    """Why a day has no work, when not a rest day: `away` or `holiday` (else it is free)."""
    screen: bool = False
    """Whether a screen (recruiter, hiring manager) is on this day."""


class PlanCalendar(Widget, can_focus=True):
    """Arrow keys move between days; Enter or a click selects one."""

    DEFAULT_CSS = "PlanCalendar { height: auto; }"
    BINDINGS = [
        Binding("left", "move(-1)", "Day before", show=False),
        Binding("right", "move(1)", "Day after", show=False),
        Binding("up", "move(-7)", "Week before", show=False),
        Binding("down", "move(7)", "Week after", show=False),
        Binding("home", "jump('first')", "First day", show=False),
        Binding("end", "jump('last')", "Last day", show=False),
        Binding("enter", "select", "Show tasks", id="plan.select_day", show=False),
    ]

    cursor: reactive[dt.date | None] = reactive(None)
    """The day under the cursor."""

    @dataclass
    class Highlighted(Message):
        """The cursor moved to a day."""

        date: dt.date

    @dataclass
    class Selected(Message):
        """A day was chosen (Enter or click)."""

        date: dt.date

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id)
        self._days: dict[dt.date, CalendarDay] = {}
        self._today = dt.date.min
        self._onsite: dt.date | None = None
        self._screens: set[dt.date] = set()
        self._first_monday = dt.date.min
        self._weeks = 0

    def show(self, plan: Plan, today: dt.date) -> None:
        """Show this plan; the cursor stays where it was, else goes to today or the start."""
        shares = day_shares(plan)
        mock_days = {t.day for t in plan.tasks if t.kind in ("mock", "timed")}
        minutes: dict[dt.date, int] = {}
        for task in plan.tasks:
            minutes[task.day] = minutes.get(task.day, 0) + task.minutes
        away, holidays = set(plan.settings.away), set(plan.settings.holidays)
        self._screens = {day for _, day in plan.settings.screens}
        self._days = {
            d.date: CalendarDay(
                d.date,
                d.rest,
                shares.get(d.date),
                minutes.get(d.date, 0),
                d.date in mock_days,
                "away" if d.date in away else "holiday" if d.date in holidays else "",
                d.date in self._screens,
            )
            for d in plan.days
        }
        self._today = today
        self._onsite = plan.settings.onsite
        start = plan.start
        last = max([*self._days, self._onsite])
        self._first_monday = start - dt.timedelta(days=start.weekday())
        self._weeks = (last - self._first_monday).days // 7 + 1
        if self.cursor not in self._days:
            self.cursor = today if today in self._days else (plan.start if self._days else None)
        self.refresh(layout=True)

    # -- geometry --------------------------------------------------------------------------

    def _cell_width(self) -> int:
        return max(MIN_CELL, min(MAX_CELL, (self.size.width - LABEL_WIDTH) // 7))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """A header line plus two lines per week."""
        return 1 + 2 * self._weeks

    def _position(self, day: dt.date) -> tuple[int, int]:
        offset = (day - self._first_monday).days
        return offset // 7, offset % 7

    # -- drawing ---------------------------------------------------------------------------

    def render(self) -> Content:
        """The weeks, with the cursor, today, mock days and the onsite marked."""
        if not self._days:
            return Content.styled("The plan has no days.", "$text-muted")
        cell = self._cell_width()
        head = [Content(" " * LABEL_WIDTH)]
        head += [Content(name[: cell - 1].ljust(cell)) for name in WEEKDAYS]
        lines = [Content.assemble(*head).stylize("$text-muted")]
        for week in range(self._weeks):
            monday = self._first_monday + dt.timedelta(days=7 * week)
            top: list[Content] = [Content(f"W{week + 1:<{LABEL_WIDTH - 1}}")]
            bottom: list[Content] = [Content(" " * LABEL_WIDTH)]
            for offset in range(7):
                day = monday + dt.timedelta(days=offset)
                upper, lower = self._cell(day, cell)
                top.append(upper)
                bottom.append(lower)
            lines += [Content.assemble(*top), Content.assemble(*bottom)]
        return Content("\n").join(lines)

    def _cell(self, day: dt.date, width: int) -> tuple[Content, Content]:
        info = self._days.get(day)
        label = f"{day.day} {day:%b}" if day.day == 1 or width >= 9 else f"{day.day}"
        if info is None:
            if day == self._onsite or day in self._screens:
                mark = "ONSITE" if day == self._onsite else "SCREEN"
                return (
                    Content.styled(label.ljust(width), "$text-accent bold"),
                    Content.styled(mark.ljust(width)[:width], "$text-accent bold"),
                )
            return Content(" " * width), Content(" " * width)
        if info.mock:
            label += " ◆"
        upper = Content(label[: width - 1].ljust(width))
        if info.screen:
            lower = Content.styled("SCREEN".ljust(width)[:width], "$text-accent bold")
        elif info.note == "away" or (info.rest and not info.note):
            lower = Content.styled((info.note or "rest").ljust(width), "$text-disabled")
        elif info.rest or info.share is None:
            lower = Content.styled((info.note or "free").ljust(width), "$text-disabled")
        elif day > self._today and info.share == 0:
            lower = Content.styled(f"{info.minutes}m".ljust(width), "$text-muted")
        else:
            text = f"{round(info.share * 100)}%"
            if width >= 9:
                text += f" {info.minutes}m"
            style = (
                "$text-success"
                if info.share >= 1
                else "$text-muted"
                if day == self._today
                else "$text-error"
                if info.share == 0
                else "$text-warning"
            )
            lower = Content.styled(text[: width - 1].ljust(width), style)
        if day == self._today:
            upper = upper.stylize("bold $text-accent")
        if day == self.cursor:
            style = "reverse" if self.has_focus else "underline"
            upper = upper.stylize(style, 0, width - 1)
            lower = lower.stylize(style, 0, width - 1)
        return upper, lower

    # -- moving ----------------------------------------------------------------------------

    def watch_cursor(self, day: dt.date | None) -> None:
        """Redraw, keep the cursor in view and say which day it is on."""
        self.refresh()
        if day is None:
            return
        week, _ = self._position(day)
        parent = self.parent
        if isinstance(parent, Widget) and parent.is_scrollable:
            top = self.virtual_region.y + 1 + 2 * week
            parent.scroll_to_region(Region(0, top, 1, 2), animate=False)
        self.post_message(self.Highlighted(day))

    def on_focus(self) -> None:
        """Show the cursor as focused."""
        self.refresh()

    def on_blur(self) -> None:
        """Show the cursor as unfocused."""
        self.refresh()

    def action_move(self, days: int) -> None:
        """Move the cursor, staying inside the plan."""
        if self.cursor is None:
            return
        target = self.cursor + dt.timedelta(days=days)
        if target in self._days:
            self.cursor = target

    def action_jump(self, where: str) -> None:
        """Jump to the first or last day."""
        if self._days:
            self.cursor = min(self._days) if where == "first" else max(self._days)

    def action_select(self) -> None:
        """Choose the day under the cursor."""
        if self.cursor is not None:
            self.post_message(self.Selected(self.cursor))

    def on_click(self, event: events.Click) -> None:
        """Choose the clicked day."""
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1 or offset.x < LABEL_WIDTH:
            return
        week = (offset.y - 1) // 2
        column = (offset.x - LABEL_WIDTH) // self._cell_width()
        if column > 6:
            return
        day = self._first_monday + dt.timedelta(days=7 * week + column)
        if day in self._days:
            self.cursor = day
            self.post_message(self.Selected(day))
