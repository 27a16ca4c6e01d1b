"""The plan for other tools: a Markdown checklist by week and an iCalendar file."""

from __future__ import annotations

import datetime as dt
from typing import Any

from planner.domain.models import TIMED_KINDS, Plan, Task
from planner.service.session import Session

# -- Markdown -------------------------------------------------------------------------------


def markdown(session: Session) -> str:
    """The plan as a Markdown checklist by week, done items ticked."""
    plan = session.plan()
    pack = session.pack()
    settings = plan.settings
    lines = [
        f"# Loop plan: {pack.company} {pack.role} ({settings.seniority})",
        "",
        f"Onsite: {settings.onsite:%A %d %B %Y}. Plan: {plan.start.isoformat()} to "
        f"{plan.days[-1].date.isoformat()}, {settings.hours_per_day:g} h a day.",
        "",
    ]
    for week, days in _weeks(plan):
        lines.append(f"## Week {week} ({days[0].date:%a %d %b} – {days[-1].date:%a %d %b})")
        lines.append("")
        for day in days:
            tasks = plan.tasks_on(day.date)
            if day.rest:
                lines.append(f"### {day.date:%a %d %b}: rest")
                lines.append("")
                continue
            minutes = sum(t.minutes for t in tasks)
            lines.append(f"### {day.date:%a %d %b} ({minutes} of {day.capacity_minutes} min)")
            lines.append("")
            for t in tasks:
                mark = "x" if t.done else " "
                asked = f", question `{t.question}`" if t.question else ""
                lines.append(f"- [{mark}] {_md(t.title)} — {t.minutes} min `{t.id}`{asked}")
            if not tasks:
                lines.append("- nothing planned")
            lines.append("")
    if plan.adjustments:
        lines.append("## What did not fit")
        lines.append("")
        lines += [f"- {_md(a.detail)}" for a in plan.adjustments]
        lines.append("")
    return "\n".join(lines)


def _md(text: str) -> str:
    return text.replace("\n", " ").replace("[", "\\[").replace("]", "\\]")


def _weeks(plan: Plan) -> list[tuple[int, list[Any]]]:
    out: list[tuple[int, list[Any]]] = []
    for i, day in enumerate(plan.days):
        if i % 7 == 0:
            out.append((i // 7 + 1, []))
        out[-1][1].append(day)
    return out


# -- Calendar -------------------------------------------------------------------------------


def ics(session: Session) -> bytes:
    """The plan as an RFC 5545 calendar: one all-day event per day, one per timed mock.

    UIDs depend on the pack and the date (or the task id), so importing a re-export updates
    the events instead of duplicating them.
    """
    from icalendar import Calendar, Event

    plan = session.plan()
    pack = session.pack()
    settings = plan.settings
    cal = Calendar()
    cal.add("prodid", "-//Loop Planner//loop-planner//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{pack.company} {pack.role} loop prep")
    stamp = dt.datetime.combine(session.today, dt.time(), tzinfo=dt.UTC)
    for day in plan.days:
        tasks = [t for t in plan.tasks_on(day.date) if t.kind not in TIMED_KINDS]
        if not tasks:
            continue
        event = Event()
        event.add("uid", f"{settings.pack}-day-{day.date.isoformat()}@loop-planner")
        event.add("dtstamp", stamp)
        event.add("dtstart", day.date)
        event.add("dtend", day.date + dt.timedelta(days=1))
        minutes = sum(t.minutes for t in tasks)
        event.add("summary", f"Loop prep: {len(tasks)} task{'s' * (len(tasks) > 1)}, {minutes} min")
        event.add("description", "\n".join(_ics_line(t) for t in tasks))
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    for task in plan.tasks:
        if task.kind not in TIMED_KINDS:
            continue
        event = Event()
        event.add("uid", f"{settings.pack}-{task.id}@loop-planner")
        event.add("dtstamp", stamp)
        event.add("dtstart", task.day)
        event.add("dtend", task.day + dt.timedelta(days=1))
        event.add("summary", task.title)
        event.add(
            "description",
            f"{task.minutes} minutes, timed{_asked(task)}. Score it on the round's "
            f"rubric afterwards: planner mock add --round {task.rounds[0]}"
            + (f" --question {task.question}" if task.question else ""),
        )
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    onsite = Event()
    onsite.add("uid", f"{settings.pack}-onsite@loop-planner")
    onsite.add("dtstamp", stamp)
    onsite.add("dtstart", settings.onsite)
    onsite.add("dtend", settings.onsite + dt.timedelta(days=1))
    onsite.add("summary", f"{pack.company} onsite")
    cal.add_component(onsite)
    payload: bytes = cal.to_ical()
    return payload


def _ics_line(task: Task) -> str:
    return (
        f"[{'x' if task.done else ' '}] {task.title} ({task.minutes} min, {task.id}){_asked(task)}"
    )


def _asked(task: Task) -> str:
    """`, question QID` for a task that names its bank question."""
    return f", question {task.question}" if task.question else ""
