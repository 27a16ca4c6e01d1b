"""Records on disk <-> domain dataclasses; a damaged record raises ValueError naming it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from planner.dates import MAX_YEAR, MIN_YEAR
from planner.domain.models import (
    RATINGS,
    READINESS_LEVELS,
    RESEARCH_STATUSES,
    TIMED_KINDS,
    Adjustment,
    Day,
    Mock,
    OwnResearch,
    PlanSettings,
    ResearchState,
    Review,
    Story,
    Task,
)
from planner.domain.text import normalize_text

Record = dict[str, Any]
MAX_LISTED_DATES = 800
"""Away days and holidays of one plan: a year of each, with room to spare."""
MAX_PLAN_DAYS = 3660
"""A plan's days: the longest plan `init` makes (3,650 days) with room to spare. Decoding
refuses more, so a hand edit cannot make a command walk millions of days."""
MAX_ID_CHARS = 100
"""Record ids the planner makes are short (`m12`, `drill-m12-1`, `study-frameworks-2`)."""


def _date(value: Any, name: str) -> dt.date:
    """A date the planner could have stored: ISO text, in the years the front ends accept."""
    if not isinstance(value, str):
        raise ValueError(f"{name} is not a date")
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{name} {value[:40]!r} is not a date") from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise ValueError(f"{name} {value!r} is outside the years {MIN_YEAR}-{MAX_YEAR}")
    return day


def _id(value: Any, name: str = "id") -> str:
    """A record id: short text (a hostile 5,000-digit id is a damaged record)."""
    text = _str(value, name)
    if not text or len(text) > MAX_ID_CHARS:
        raise ValueError(f"{name} is not a record id (empty or over {MAX_ID_CHARS} characters)")
    return text


def _str(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{name} is not text")
    # Text written by hand into the file may hold escape sequences: they never reach a screen.
    return normalize_text(value)


def _int(value: Any, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{name} {value!r} is not a whole number from {low} to {high}")
    return value


def _strs(value: Any, name: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{name} is not a list of text")
    return tuple(normalize_text(v) for v in value)


def settings_to_record(s: PlanSettings) -> Record:
    """Plan settings as stored."""
    return {
        "pack": s.pack,
        "seniority": s.seniority,
        "start": s.start.isoformat(),
        "onsite": s.onsite.isoformat(),
        "days": s.days,
        "hours_per_day": s.hours_per_day,
        "rest_weekdays": list(s.rest_weekdays),
        "skip_rounds": list(s.skip_rounds),
        "screens": {rid: day.isoformat() for rid, day in s.screens},
        "passed_screens": list(s.passed_screens),
        "away": [d.isoformat() for d in s.away],
        "holidays": [d.isoformat() for d in s.holidays],
        "holiday_country": s.holiday_country,
    }


def settings_from_record(r: Record) -> PlanSettings:
    """Plan settings from a stored record."""
    hours = r.get("hours_per_day")
    if isinstance(hours, bool) or not isinstance(hours, int | float) or not 0 < hours <= 16:
        raise ValueError(f"hours_per_day {hours!r} is not valid")
    rest = r.get("rest_weekdays", [])
    if not isinstance(rest, list) or not all(isinstance(d, int) and 0 <= d <= 6 for d in rest):
        raise ValueError("rest_weekdays is not a list of weekday numbers")
    screens = r.get("screens", {})
    if not isinstance(screens, dict):
        raise ValueError("screens is not a table of screen dates")
    start = _date(r.get("start"), "start")
    onsite = _date(r.get("onsite"), "onsite")
    if onsite <= start:
        raise ValueError(f"the onsite {onsite.isoformat()} is not after the start")
    return PlanSettings(
        pack=_str(r.get("pack"), "pack"),
        seniority=_str(r.get("seniority"), "seniority"),
        start=start,
        onsite=onsite,
        days=_int(r.get("days"), "days", 1, MAX_PLAN_DAYS),
        hours_per_day=float(hours),
        rest_weekdays=tuple(rest),
        skip_rounds=_strs(r.get("skip_rounds", []), "skip_rounds"),
        screens=tuple(
            (_str(rid, "screens"), _date(day, f"screens.{rid}")) for rid, day in screens.items()
        ),
        passed_screens=_strs(r.get("passed_screens", []), "passed_screens"),
        away=_dates(r.get("away", []), "away"),
        holidays=_dates(r.get("holidays", []), "holidays"),
        holiday_country=_str(r.get("holiday_country", ""), "holiday_country"),
    )


def _dates(value: Any, name: str) -> tuple[dt.date, ...]:
    if not isinstance(value, list) or len(value) > MAX_LISTED_DATES:
        raise ValueError(f"{name} is not a list of at most {MAX_LISTED_DATES} dates")
    return tuple(sorted({_date(v, name) for v in value}))


def day_to_record(d: Day) -> Record:
    """A plan day as stored."""
    return {"date": d.date.isoformat(), "rest": d.rest, "capacity_minutes": d.capacity_minutes}


def days_from_record(value: Any) -> tuple[Day, ...]:
    """A plan's days from the stored list (at most MAX_PLAN_DAYS)."""
    if not isinstance(value, list):
        raise ValueError("days is not a list of plan days")
    if len(value) > MAX_PLAN_DAYS:
        raise ValueError(f"the plan has {len(value)} days, more than {MAX_PLAN_DAYS}")
    return tuple(day_from_record(_table(d, "a plan day")) for d in value)


def _table(value: Any, name: str) -> Record:
    if not isinstance(value, dict):
        raise ValueError(f"{name} is not a table")
    return value


def day_from_record(r: Record) -> Day:
    """A plan day from a stored record."""
    return Day(
        date=_date(r.get("date"), "date"),
        rest=bool(r.get("rest")),
        capacity_minutes=_int(r.get("capacity_minutes"), "capacity_minutes", 0, 24 * 60),
    )


def adjustment_to_record(a: Adjustment) -> Record:
    """A plan adjustment as stored."""
    return {"item": a.item, "kind": a.kind, "detail": a.detail}


def adjustments_from_record(value: Any) -> tuple[Adjustment, ...]:
    """A plan's adjustments (what did not fit) from the stored list."""
    if not isinstance(value, list):
        raise ValueError("adjustments is not a list")
    return tuple(adjustment_from_record(_table(a, "an adjustment")) for a in value)


def adjustment_from_record(r: Record) -> Adjustment:
    """A plan adjustment from a stored record."""
    return Adjustment(
        _str(r.get("item"), "item"), _str(r.get("kind"), "kind"), _str(r.get("detail"), "detail")
    )


def task_to_record(t: Task) -> Record:
    """A task as stored."""
    return {
        "id": t.id,
        "item": t.item,
        "title": t.title,
        "kind": t.kind,
        "rounds": list(t.rounds),
        "minutes": t.minutes,
        "day": t.day.isoformat(),
        "done": t.done,
        "reason": t.reason,
        "question": t.question,
        "done_on": t.done_on.isoformat() if t.done_on else None,
    }


def task_from_record(r: Record) -> Task:
    """A task from a stored record."""
    kind = _str(r.get("kind"), "kind")
    rounds = _strs(r.get("rounds"), "rounds")
    if kind in TIMED_KINDS and not rounds:
        raise ValueError(f"a {kind} task names no round")
    return Task(
        id=_id(r.get("id")),
        item=_str(r.get("item"), "item"),
        title=_str(r.get("title"), "title"),
        kind=kind,
        rounds=rounds,
        minutes=_int(r.get("minutes"), "minutes", 1, 24 * 60),
        day=_date(r.get("day"), "day"),
        done=bool(r.get("done", False)),
        reason=_str(r.get("reason", ""), "reason"),
        # A task stored before questions were linked has none.
        question=_optional_id(r.get("question"), "question"),
        done_on=None if r.get("done_on") is None else _date(r.get("done_on"), "done_on"),
    )


def _optional_id(value: Any, name: str) -> str:
    """An optional record id: missing, null or empty is none ('')."""
    if value is None or value == "":
        return ""
    return _id(value, name)


def mock_to_record(m: Mock) -> Record:
    """A mock as stored."""
    return {
        "id": m.id,
        "date": m.date.isoformat(),
        "round": m.round,
        "minutes": m.minutes,
        "scores": dict(m.scores),
        "partner": m.partner,
        "question": m.question,
        "notes": m.notes,
        "follow_ups": m.follow_ups,
    }


def mock_from_record(r: Record) -> Mock:
    """A mock from a stored record."""
    scores = r.get("scores", {})
    if not isinstance(scores, dict):
        raise ValueError("scores is not a table")
    return Mock(
        id=_id(r.get("id")),
        date=_date(r.get("date"), "date"),
        round=_str(r.get("round"), "round"),
        minutes=_int(r.get("minutes"), "minutes", 1, 600),
        scores={_str(k, "score name"): _int(v, f"score {k}", 1, 5) for k, v in scores.items()},
        partner=_str(r.get("partner", ""), "partner"),
        question=_str(r.get("question", ""), "question"),
        notes=_str(r.get("notes", ""), "notes"),
        follow_ups=_str(r.get("follow_ups", ""), "follow_ups"),
    )


def research_to_record(s: ResearchState) -> Record:
    """A research state as stored."""
    return {"item": s.item, "status": s.status, "note": s.note, "sources": list(s.sources)}


def research_from_record(r: Record) -> ResearchState:
    """A research state from a stored record."""
    status = _str(r.get("status"), "status")
    if status not in RESEARCH_STATUSES:
        raise ValueError(f"status {status!r} is not one of {', '.join(RESEARCH_STATUSES)}")
    return ResearchState(
        item=_str(r.get("item"), "item"),
        status=status,
        note=_str(r.get("note", ""), "note"),
        sources=_strs(r.get("sources", []), "sources"),
    )


def own_research_to_record(o: OwnResearch) -> Record:
    """A research item the candidate added, as stored."""
    return {
        "id": o.id,
        "title": o.title,
        "rounds": list(o.rounds),
        "status": o.status,
        "note": o.note,
        "sources": list(o.sources),
        "created": o.created.isoformat(),
    }


def own_research_from_record(r: Record) -> OwnResearch:
    """A research item the candidate added, from a stored record."""
    status = _str(r.get("status", "todo"), "status")
    if status not in RESEARCH_STATUSES:
        raise ValueError(f"status {status!r} is not one of {', '.join(RESEARCH_STATUSES)}")
    title = _str(r.get("title"), "title").strip()
    if not title:
        raise ValueError("title is empty")
    rounds = _strs(r.get("rounds"), "rounds")
    if not rounds:
        raise ValueError("rounds is empty")
    return OwnResearch(
        id=_id(r.get("id")),
        title=title,
        rounds=rounds,
        created=_date(r.get("created"), "created"),
        status=status,
        note=_str(r.get("note", ""), "note"),
        sources=_strs(r.get("sources", []), "sources"),
    )


def story_to_record(s: Story) -> Record:
    """A story as stored."""
    return {
        "id": s.id,
        "title": s.title,
        "situation": s.situation,
        "task": s.task,
        "action": s.action,
        "result": s.result,
        "competencies": list(s.competencies),
        "readiness": s.readiness,
        "rehearsals": [d.isoformat() for d in s.rehearsals],
    }


def story_from_record(r: Record) -> Story:
    """A story from a stored record."""
    readiness = _str(r.get("readiness", "draft"), "readiness")
    if readiness not in READINESS_LEVELS:
        raise ValueError(f"readiness {readiness!r} is not one of {', '.join(READINESS_LEVELS)}")
    rehearsals = r.get("rehearsals", [])
    if not isinstance(rehearsals, list):
        raise ValueError("rehearsals is not a list")
    return Story(
        id=_id(r.get("id")),
        title=_str(r.get("title"), "title"),
        situation=_str(r.get("situation", ""), "situation"),
        task=_str(r.get("task", ""), "task"),
        action=_str(r.get("action", ""), "action"),
        result=_str(r.get("result", ""), "result"),
        competencies=_strs(r.get("competencies", []), "competencies"),
        readiness=readiness,
        rehearsals=tuple(_date(d, "rehearsal") for d in rehearsals),
    )


def review_to_record(r: Review) -> Record:
    """A practice review as stored."""
    return {
        "question": r.question,
        "reviewed": r.reviewed.isoformat(),
        "rating": r.rating,
        "due": r.due.isoformat(),
    }


def review_from_record(r: Record) -> Review:
    """A practice review from a stored record."""
    rating = _str(r.get("rating"), "rating")
    if rating not in RATINGS:
        raise ValueError(f"rating {rating!r} is not one of {', '.join(RATINGS)}")
    return Review(
        question=_str(r.get("question"), "question"),
        reviewed=_date(r.get("reviewed"), "reviewed"),
        rating=rating,
        due=_date(r.get("due"), "due"),
    )


def meta_from_record(r: Record) -> dict[str, int]:
    """The id counters an export carries (`{"counters": {"m": 12, "s": 3}}`)."""
    counters = r.get("counters", {})
    if not isinstance(counters, dict):
        raise ValueError("counters is not a table")
    return {
        _str(prefix, "counter name"): _int(n, f"counter {prefix}", 0, 10**15 - 1)
        for prefix, n in counters.items()
    }
