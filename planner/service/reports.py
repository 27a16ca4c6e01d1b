"""Reports built on the service: the pre-onsite check, exports and import."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from planner.domain.advice import (
    DayAdvice,
    Forecast,
    WhatIf,
    forecast,
    schedule_gaps,
    what_ifs,
)
from planner.domain.models import Plan, Task
from planner.domain.readiness import Gap, Readiness
from planner.errors import InputError
from planner.service.core import Planner
from planner.storage import SCHEMA_VERSION, codec

TIMED_KINDS = ("mock", "timed")
EXPORT_FORMAT = "loop-planner-export"
EXPORT_VERSION = 1
TOP_GAPS = 5


@dataclass(frozen=True)
class CheckReport:
    """The pre-onsite look: where things stand and what to do with the days left."""

    as_of: dt.date
    onsite: dt.date
    days_left: int
    readiness: Readiness
    top_gaps: tuple[Gap, ...]
    next_days: tuple[DayAdvice, ...]
    forecast: Forecast
    what_ifs: tuple[WhatIf, ...]
    advice: tuple[str, ...]


def check(planner: Planner) -> CheckReport:
    """Days left, readiness, verdict, top gaps, forecast and a schedule for the days left."""
    plan = planner.plan()
    pack = planner.pack()
    today = planner.today
    onsite = plan.settings.onsite
    state = planner.state()
    evidence = planner.evidence(state)
    readiness = planner.readiness()
    gaps = readiness.gaps_by_impact()
    days_left = (onsite - today).days
    next_days = tuple(schedule_gaps(gaps, plan, today, onsite)) if days_left > 0 else ()
    projected = forecast(pack, plan, evidence, today, onsite, plan.settings)
    changes = tuple(what_ifs(pack, evidence, readiness, today, plan.settings))
    return CheckReport(
        as_of=today,
        onsite=onsite,
        days_left=days_left,
        readiness=readiness,
        top_gaps=tuple(gaps[:TOP_GAPS]),
        next_days=next_days,
        forecast=projected,
        what_ifs=changes,
        advice=tuple(_advice(readiness, days_left, gaps, projected)),
    )


def _advice(
    readiness: Readiness, days_left: int, gaps: list[Gap], projected: Forecast
) -> list[str]:
    """A few plain sentences, the way a hiring-committee member would put it."""
    lines: list[str] = []
    if days_left <= 0:
        lines.append(
            "The onsite is today or past: no more preparation fits. Sleep, eat, and "
            "read your story titles once."
        )
        return lines
    not_ready = [r for r in readiness.rounds if r.status != "ready"]
    if readiness.verdict == "no-go":
        lines.append(readiness.veto_note[0].upper() + readiness.veto_note[1:] + ".")
        lines.append(
            "Fix that round before anything else: drill its weakest dimension, then sit a "
            "full timed session of it again."
        )
    elif readiness.verdict == "go":
        lines.append(
            "GO: every round ahead is ready. Keep the stories warm with one rehearsal a day "
            "and do not start new material."
        )
    else:
        names = ", ".join(r.round.name for r in not_ready)
        lines.append(f"Not yet: {names} would not clear the bar today.")
        if readiness.veto_note:
            lines.append(readiness.veto_note[0].upper() + readiness.veto_note[1:] + ".")
    if readiness.verdict != "go" and days_left <= 3:
        lines.append(
            "With this little time, consider asking the recruiter to move the onsite; a "
            "rescheduled loop is common, a failed one waits months."
        )
    if days_left <= 2:
        lines.append(
            "Two days or less: no new frameworks or stories. Rehearse your ready stories "
            "aloud and reread the numbers worth knowing."
        )
    if gaps:
        first = gaps[0]
        lines.append(f"Start with this: {first.action} (~{first.minutes} min).")
    if readiness.verdict != "go":
        lines.append(
            f"Following the plan leads to {projected.overall}/100 and "
            f"{projected.verdict.upper()} by the onsite, if {projected.assumption}."
        )
    return lines


# -- Markdown -------------------------------------------------------------------------------


def export_markdown(planner: Planner) -> str:
    """The plan as a Markdown checklist by week, done items ticked."""
    plan = planner.plan()
    pack = planner.pack()
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
                lines.append(f"- [{mark}] {_md(t.title)} — {t.minutes} min `{t.id}`")
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


def export_ics(planner: Planner) -> bytes:
    """The plan as an RFC 5545 calendar: one all-day event per day, one per timed mock.

    UIDs depend on the pack and the date (or the task id), so importing a re-export updates
    the events instead of duplicating them.
    """
    from icalendar import Calendar, Event

    plan = planner.plan()
    pack = planner.pack()
    settings = plan.settings
    cal = Calendar()
    cal.add("prodid", "-//Loop Planner//loop-planner//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{pack.company} {pack.role} loop prep")
    stamp = dt.datetime.combine(planner.today, dt.time(), tzinfo=dt.UTC)
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
            f"{task.minutes} minutes, timed. Score it on the round's "
            f"rubric afterwards: planner mock add --round {task.rounds[0]}",
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
    return f"[{'x' if task.done else ' '}] {task.title} ({task.minutes} min, {task.id})"


# -- JSON export / import -------------------------------------------------------------------


def export_json(planner: Planner) -> dict[str, Any]:
    """Everything the user has, as one JSON document."""
    with planner.store.snapshot() as records:
        data = records.dump()
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "schema_version": SCHEMA_VERSION,
        "exported": planner.today.isoformat(),
        "data": data,
    }


_DECODERS = {
    "_meta": codec.meta_from_record,  # the id counters (storage: ids are never reused)
    "tasks": codec.task_from_record,
    "mocks": codec.mock_from_record,
    "research": codec.research_from_record,
    "stories": codec.story_from_record,
    "reviews": codec.review_from_record,
}


def import_json(planner: Planner, raw: bytes, replace_existing: bool = False) -> dict[str, int]:
    """Restore an export; refuses a non-empty data folder unless `replace_existing`.

    Every record is checked before anything is written; returns the count per table.
    """
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"the file is not a JSON export: {exc}") from None
    if not isinstance(doc, dict) or doc.get("format") != EXPORT_FORMAT:
        raise InputError("the file is not a Loop Planner export (no 'format' marker)")
    if doc.get("version") != EXPORT_VERSION:
        raise InputError(f"export version {doc.get('version')!r} is not supported")
    data = doc.get("data")
    if not isinstance(data, dict):
        raise InputError("the export has no 'data' table")
    clean: dict[str, list[dict[str, Any]]] = {}
    for table, records in data.items():
        if table not in ("profile", *_DECODERS):
            raise InputError(f"the export has an unknown table '{table}'")
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            raise InputError(f"table '{table}' is not a list of records")
        decode = _DECODERS.get(table)
        for n, record in enumerate(records, start=1):
            try:
                if decode is not None:
                    decode(record)
                else:
                    codec.settings_from_record(record["settings"])
                    for d in record["days"]:
                        codec.day_from_record(d)
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(f"record {n} of '{table}' is not valid: {exc}") from None
        clean[table] = records
    with planner.store.session() as session:
        if not session.is_empty() and not replace_existing:
            raise InputError(
                "the data folder is not empty: pass --replace to overwrite it "
                "with the export (a backup of the current data is kept)"
            )
        session.load_dump(clean)
        session.reset_counters(clean)
    # `_meta` holds the id counters, not records: it is not counted.
    return {table: len(records) for table, records in clean.items() if table != "_meta"}
