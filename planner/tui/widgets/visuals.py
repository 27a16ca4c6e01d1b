"""Small pieces of styled text the screens share: bars, statuses and task lines.

Styles name theme variables (`$success`, `$text-muted`), never colours, so every theme works;
user and content text goes in as plain `Content`, never as markup.
"""

from __future__ import annotations

import datetime as dt

from textual.content import Content

from planner.domain.models import Task

STATUS_STYLE = {
    "ready": "$text-success",
    "close": "$text-warning",
    "gap": "$text-error",
    "passed": "$text-muted",
}
BAR_STYLE = {"ready": "$success", "close": "$warning", "gap": "$error"}
VERDICT_STYLE = {"go": "$text-success", "not yet": "$text-warning", "no-go": "$text-error"}
FULL = "█"
EMPTY = "░"


def bar(share: float, width: int, style: str) -> Content:
    """A horizontal bar `width` cells wide, filled to `share` (0-1) in `style`."""
    width = max(1, width)
    filled = max(0, min(width, round(width * max(0.0, min(1.0, share)))))
    return Content.assemble((FULL * filled, style), (EMPTY * (width - filled), "$text-disabled"))


def status_text(status: str) -> Content:
    """A readiness status word in its colour."""
    return Content.styled(status, STATUS_STYLE.get(status, ""))


def minutes(value: int) -> str:
    """Minutes as people say them: `45 min`, `1 h 30`."""
    if value < 60:
        return f"{value} min"
    hours, rest = divmod(value, 60)
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def short_date(day: dt.date) -> str:
    """`Wed 25 Nov`."""
    return f"{day:%a} {day.day} {day:%b}"


def long_date(day: dt.date) -> str:
    """`Wednesday 25 November`."""
    return f"{day:%A} {day.day} {day:%B}"


def task_line(task: Task, today: dt.date | None = None) -> Content:
    """One task as a list line: tick, minutes, title, kind (and its day when not today)."""
    tick = Content.styled("✔ " if task.done else "○ ", "$text-success" if task.done else "")
    title = Content(task.title)
    if task.done:
        title = title.stylize("$text-muted")
    parts = [tick]
    if today is not None and task.day != today:
        parts.append(Content.styled(f"{short_date(task.day)}  ", "$text-warning"))
    parts += [Content(f"{task.minutes:>3} min  "), title]
    kind = {"mock": "peer mock", "timed": "timed drill"}.get(task.kind, task.kind)
    parts.append(Content.styled(f"  · {kind}", "$text-muted"))
    return Content.assemble(*parts)


def log_reminder(task: Task) -> str:
    """What to say when a timed session is ticked: it counts once its scores are logged."""
    if task.kind not in ("mock", "timed") or not task.rounds:
        return ""
    return "Ticked. It counts once its scores are logged: Enter, then l."
