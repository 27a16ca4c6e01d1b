"""Plan commands: init, plan, screen, holidays, today, done, undo, replan."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from planner.cli.context import Context
from planner.cli.output import Output, safe_cell
from planner.cli.render import Lines, Result
from planner.dates import AHEAD, human, parse_date
from planner.domain.models import SENIORITIES, Pack, Plan, Task
from planner.errors import InputError
from planner.service import calendar
from planner.service.inputs import MAX_DAYS, PlanInput
from planner.service.tasks import TodayView
from planner.service.validate import whole_number

if TYPE_CHECKING:
    from planner.domain.schedule import ReplanResult, Unreachable
    from planner.service.plans import ScreenChange

TIMED_KINDS = ("mock", "timed")


def task_json(task: Task) -> dict[str, Any]:
    """A task as in the public JSON contract."""
    return {
        "id": task.id,
        "title": task.title,
        "item": task.item,
        "kind": task.kind,
        "rounds": list(task.rounds),
        "minutes": task.minutes,
        "done": task.done,
        "date": task.day.isoformat(),
        "reason": task.reason,
        "done_on": task.done_on.isoformat() if task.done_on else None,
    }


def plan_json(plan: Plan) -> dict[str, Any]:
    """The plan as in the public JSON contract."""
    s = plan.settings
    return {
        "start": plan.start.isoformat(),
        "onsite": s.onsite.isoformat(),
        "seniority": s.seniority,
        "pack": s.pack,
        "hours_per_day": s.hours_per_day,
        "rest_weekdays": list(s.rest_weekdays),
        "skip_rounds": list(s.skip_rounds),
        "screens": {round_id: day.isoformat() for round_id, day in s.screens},
        "passed_screens": list(s.passed_screens),
        "rest_days": calendar.weekday_names(s.rest_weekdays),
        "away": [d.isoformat() for d in s.away],
        "holidays": [d.isoformat() for d in s.holidays],
        "holiday_country": s.holiday_country,
        "days": [
            {
                "date": d.date.isoformat(),
                "rest": d.rest,
                "capacity_minutes": d.capacity_minutes,
                "tasks": [task_json(t) for t in plan.tasks_on(d.date)],
            }
            for d in plan.days
        ],
        "adjustments": [
            {"item": a.item, "kind": a.kind, "detail": a.detail} for a in plan.adjustments
        ],
    }


# -- init ----------------------------------------------------------------------------------


def _hours(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        hours = float(value)
    except ValueError:
        raise InputError(f"--hours must be a number of hours, not '{value}'") from None
    if hours != hours or not 0 < hours <= 16:
        raise InputError(f"--hours must be above 0 and at most 16, not {value}")
    return hours


@dataclass(frozen=True)
class PlanMade(Result):
    """A new plan, what could not reach ready, and how it sits before the onsite."""

    plan: Plan
    pack: Pack
    unreachable: tuple[Unreachable, ...]
    today: dt.date

    def json(self) -> Any:
        payload = plan_json(self.plan)
        payload["unreachable"] = [{"round": u.round, "reason": u.reason} for u in self.unreachable]
        return payload

    def text(self, out: Output) -> Iterator[str]:
        plan, pack = self.plan, self.pack
        settings = plan.settings
        work = [d for d in plan.days if d.capacity_minutes > 0]
        yield (
            f"Plan ready: {len(plan.tasks)} task{'s' * (len(plan.tasks) != 1)} over "
            f"{len(plan.days)} day{'s' * (len(plan.days) != 1)} "
            f"({len(work)} working), {plan.start:%a %d %b} to {plan.days[-1].date:%a %d %b}; "
            f"onsite {settings.onsite:%a %d %b %Y}."
        )
        yield _calendar_line(plan)
        yield from _screen_lines(plan, {r.id: r.name for r in pack.rounds})
        yield from _adjustment_lines(out, plan, {i.id: i.title for i in pack.checklist})
        for u in self.unreachable:
            yield (
                f"Cannot get {safe_cell(pack.round(u.round).name)} to ready in time: "
                f"{safe_cell(u.reason)}."
            )
        runway = (settings.onsite - self.today).days
        if plan.start > self.today:
            yield (
                f"Note: the onsite is {runway} days away and the plan covers the last "
                f"{len(plan.days)}, from {plan.start:%a %d %b}. To start today instead, run "
                "init again with --force --start today."
            )
        yield "Next: `planner today` for today's work, `planner plan` for the whole plan."


def init(ctx: Context) -> Result:
    """Build the plan."""
    a = ctx.args
    onsite = parse_date(a.onsite, "--onsite", ctx.today, AHEAD)
    start = ctx.date(a.start, "--start", AHEAD)
    days = None if a.days is None else whole_number("--days", a.days, 1, MAX_DAYS)
    hours = _hours(a.hours)
    rest = None if a.rest_days is None else calendar.parse_weekdays(a.rest_days)
    away = calendar.parse_away(a.away, ctx.today)
    country = None if a.holidays is None else calendar.country_code(a.holidays)
    screens: dict[str, dt.date] = {}
    for text in a.screen:
        round_id, day = calendar.parse_screen(text, ctx.today)
        if round_id in screens:
            raise InputError(f"--screen: {round_id} is given twice")
        screens[round_id] = day
    planner = ctx.planner
    if a.seniority in SENIORITIES and a.pack in ctx.library.pack_ids():
        defaults = planner.plans.defaults(a.pack, a.seniority)
        rest = defaults.rest_weekdays if rest is None else rest
        country = defaults.holiday_country if country is None else country
    settings = planner.plans.settings(
        PlanInput(
            seniority=a.seniority,
            onsite=onsite,
            start=start,
            days=days,
            hours=hours,
            rest_weekdays=rest or (),
            pack=a.pack,
            skip_rounds=a.skip_round,
            screens=screens,
            away=away,
            holiday_country=country or "",
        )
    )
    plan = planner.plans.create(settings, force=a.force)
    return PlanMade(plan, planner.session.pack(), planner.plans.unreachable(plan), ctx.today)


def _date_list(days: Sequence[dt.date], limit: int = 6) -> str:
    """A few dates as `Mon 07 Dec, Tue 08 Dec` (and how many more)."""
    shown = ", ".join(f"{d:%a %d %b}" for d in days[:limit])
    return shown + (f" and {len(days) - limit} more" if len(days) > limit else "")


def _calendar_line(plan: Plan) -> str:
    """Rest weekdays, away days and public holidays, in one line."""
    s = plan.settings
    parts = [
        "rest days: "
        + (", ".join(d.title() for d in calendar.weekday_names(s.rest_weekdays)) or "none")
    ]
    if s.away:
        parts.append(f"away: {_date_list(s.away)}")
    if s.holiday_country:
        parts.append(
            f"holidays ({s.holiday_country}): {_date_list(s.holidays) if s.holidays else 'none'}"
        )
    return safe_cell("; ".join(parts)) + "."


def _screen_lines(plan: Plan, names: dict[str, str]) -> Iterator[str]:
    """Which screens are ahead (with dates) and which were taken as passed."""
    s = plan.settings
    if s.screens:
        ahead = ", ".join(f"{names.get(r, r)} on {d:%a %d %b}" for r, d in s.screens)
        yield f"Screens ahead: {safe_cell(ahead)}."
    if s.passed_screens:
        passed = ", ".join(f"{names.get(r, r)} ({r})" for r in s.passed_screens)
        yield (
            f"Taken as passed (no tasks for them): {safe_cell(passed)}. Still ahead? "
            "`planner screen ROUND --date D`."
        )


def _adjustment_lines(out: Output, plan: Plan, titles: dict[str, str]) -> Iterator[str]:
    """What did not fit, grouped: dropped items in one line, shortened ones with counts."""
    if not plan.adjustments:
        return
    dropped = [titles.get(a.item, a.item) for a in plan.adjustments if a.kind == "dropped"]
    shortened = []
    for a in plan.adjustments:
        if a.kind == "dropped":
            continue
        counts = re.search(r"from (\d+) to (\d+) (sessions|minutes)", a.detail)
        title = titles.get(a.item, a.item)
        if counts and a.kind == "shortened":
            unit = counts[3].removesuffix("s") if counts[2] == "1" else counts[3]
            shortened.append(f"{title} ({counts[1]}→{counts[2]} {unit})")
        else:
            shortened.append(a.detail)
    yield out.style("What did not fit (`planner plan --json` has the reasons):", "yellow", "bold")
    if dropped:
        yield textwrap.fill(
            safe_cell("; ".join(dropped)),
            width=78,
            initial_indent="  dropped: ",
            subsequent_indent="           ",
        )
    for line in shortened:
        yield f"  shortened: {safe_cell(line)}"


# -- plan ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanView(Result):
    """The whole plan, week by week."""

    plan: Plan
    pack: Pack
    today: dt.date

    def json(self) -> Any:
        return plan_json(self.plan)

    def text(self, out: Output) -> Iterator[str]:
        p, pack = self.plan, self.pack
        s = p.settings
        yield out.style(
            f"{safe_cell(pack.company)} {safe_cell(pack.role)} loop, "
            f"{s.seniority}: onsite {s.onsite:%a %d %b %Y}",
            "bold",
        )
        yield _calendar_line(p)
        yield from _screen_lines(p, {r.id: r.name for r in pack.rounds})
        away = set(s.away)
        holidays = set(s.holidays)
        week = 0
        for i, day in enumerate(p.days):
            if i == 0 or day.date.weekday() == 0:  # weeks run Monday to Sunday, as in the app
                week += 1
                sunday = day.date + dt.timedelta(days=6 - day.date.weekday())
                last = max(d.date for d in p.days if d.date <= sunday)
                yield ""
                yield out.style(
                    f"Week {week}  {day.date:%a %d %b} – {last:%a %d %b}", "cyan", "bold"
                )
            tasks = p.tasks_on(day.date)
            marker = "»" if day.date == self.today else " "
            head = f"{marker} {day.date:%a %d %b}"
            holiday = "  public holiday" if day.date in holidays else ""
            if day.date in away and not tasks:
                yield out.style(f"{head}  away{holiday}", "dim")
                continue
            if day.rest or (day.capacity_minutes == 0 and not tasks):
                yield out.style(f"{head}  rest{holiday}", "dim")
                continue
            minutes = sum(t.minutes for t in tasks)
            free = "  free: catch up or practise due questions" if not tasks else ""
            yield f"{head}  {minutes:>3}/{day.capacity_minutes} min{holiday}{free}"
            for t in tasks:
                box = out.style("[x]", "green") if t.done else "[ ]"
                yield f"      {box} {safe_cell(t.title)}  {t.minutes}m  {out.style(t.id, 'dim')}"
        yield ""
        yield from _adjustment_lines(out, p, {i.id: i.title for i in pack.checklist})


def plan(ctx: Context) -> Result:
    """The whole plan by week."""
    return PlanView(ctx.planner.session.plan(), ctx.planner.session.pack(), ctx.today)


# -- screen --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScreenChanged(Result):
    """A screen's new date (or passed), and how the plan's future changed."""

    change: ScreenChange
    today: dt.date

    def json(self) -> Any:
        change = self.change
        return {
            "round": change.round,
            "status": "passed" if change.date is None else "ahead",
            "date": change.date.isoformat() if change.date else None,
            "changed": change.changed,
            "added": list(change.added),
            "removed": list(change.removed),
        }

    def text(self, out: Output) -> Iterator[str]:
        change = self.change
        what = (
            f"{change.round} screen passed"
            if change.date is None
            else f"{change.round} screen on {change.date:%a %d %b %Y}"
        )
        if not change.changed:
            yield f"{safe_cell(what)}: already so, nothing changed."
            return
        yield (
            f"{safe_cell(what)}: plan rebuilt from {max(self.today, change.plan.start):%a %d %b}, "
            f"{len(change.added)} task{'s' * (len(change.added) != 1)} added, "
            f"{len(change.removed)} removed; done work kept."
        )


def screen(ctx: Context) -> Result:
    """Give a screen its date or mark it passed; the plan's future is rebuilt."""
    a = ctx.args
    day = None if a.passed else parse_date(a.date, "--date", ctx.today, AHEAD)
    return ScreenChanged(ctx.planner.plans.set_screen(a.round, day), ctx.today)


def holidays(ctx: Context) -> Result:
    """The country codes `init --holidays` accepts."""
    codes = calendar.supported_countries()
    lines = [f"{len(codes)} country codes for `planner init --holidays CC`:"]
    lines += [f"  {line}" for line in textwrap.wrap(" ".join(codes), width=78)]
    return Lines(lines, list(codes))


# -- today ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TodayResult(Result):
    """Today's tasks with what each asks for, the overdue ones, and a missed-day hint."""

    view: TodayView
    plan: Plan
    notes: dict[str, str]
    today: dt.date

    def json(self) -> Any:
        view = self.view
        return {
            "date": view.date.isoformat(),
            "tasks": [task_json(t) for t in view.tasks],
            "overdue": [task_json(t) for t in view.overdue],
            "capacity_minutes": view.capacity_minutes,
            "planned_minutes": view.planned_minutes,
            "minutes_left": view.minutes_left,
            "missed_yesterday": view.missed_yesterday,
        }

    def text(self, out: Output) -> Iterator[str]:
        view, plan, today = self.view, self.plan, self.today
        days_left = (plan.settings.onsite - today).days
        yield out.style(
            f"{human(view.date, today)}: {days_left} day{'s' * (days_left != 1)} to the onsite",
            "bold",
        )
        if not view.in_plan:
            if today < plan.start:
                wait = (plan.start - today).days
                yield (
                    f"Your plan starts on {plan.start:%a %d %b} (in {wait} day"
                    f"{'s' * (wait != 1)}). To start today instead: "
                    f"`planner init --force --days {days_left} ...` with your other choices."
                )
            else:
                yield "Today is not one of the plan's days: the plan ended before the onsite."
        elif not view.tasks:
            yield (
                "Nothing planned today: a rest day."
                if view.capacity_minutes == 0
                else "Nothing planned today: a free day to catch up or practise "
                "(`planner questions --due`)."
            )
        else:
            yield (
                f"{view.done_minutes} of {view.planned_minutes} min done, "
                f"{view.minutes_left} min left"
            )
            yield from _task_rows(out, view.tasks)
            yield from self._descriptions(out, [t for t in view.tasks if not t.done])
        if view.overdue:
            yield ""
            yield out.style(f"Overdue ({len(view.overdue)}):", "yellow", "bold")
            yield from _task_rows(out, view.overdue, with_date=True)
        if view.missed_yesterday:
            yield ""
            yield (
                "Yesterday's work was not finished: `planner replan` spreads it over the "
                "coming days."
            )

    def _descriptions(self, out: Output, tasks: list[Task]) -> Iterator[str]:
        """What each task asks for: the checklist item's description, or a drill's reason."""
        if not tasks:
            return
        yield ""
        for t in tasks:
            text = t.reason or self.notes.get(t.item, "")
            if not text:
                continue
            yield out.style(t.id, "bold")
            for line in textwrap.wrap(safe_cell(text), width=76):
                yield f"  {line}"


def _task_rows(out: Output, tasks: Iterable[Task], with_date: bool = False) -> list[str]:
    rows = []
    for t in tasks:
        row = ["[x]" if t.done else "[ ]", t.id, f"{t.minutes}m", t.title]
        if with_date:
            row.insert(1, f"{t.day:%a %d %b}")
        rows.append(row)
    headers = ["", "date", "id", "min", "task"] if with_date else ["", "id", "min", "task"]
    return out.table(headers, rows)


def today(ctx: Context) -> Result:
    """Today's tasks and overdue ones."""
    planner = ctx.planner
    view = planner.tasks.today()
    notes = planner.session.task_notes() if any(not t.done for t in view.tasks) else {}
    return TodayResult(view, planner.session.plan(), notes, ctx.today)


# -- done, undo, replan --------------------------------------------------------------------


@dataclass(frozen=True)
class Ticked(Result):
    """Tasks marked done or not done (and those a `done` found done already)."""

    tasks: Sequence[Task]
    done: bool
    already: Sequence[Task] = ()

    def text(self, out: Output) -> Iterator[str]:
        for t in self.already:
            when = f" on {t.done_on:%a %d %b}" if t.done_on else ""
            yield f"already done{when}: {t.id}  {safe_cell(t.title)}"
        for t in self.tasks:
            if not self.done:
                yield f"not done: {t.id}  {safe_cell(t.title)}"
                continue
            yield f"done: {t.id}  {safe_cell(t.title)}"
            if t.kind in TIMED_KINDS and t.rounds:
                yield (
                    "  a timed session counts for readiness once its scores are logged: "
                    f"planner mock add --round {t.rounds[0]} --score DIMENSION=N ..."
                )


def done(ctx: Context) -> Result:
    """Mark tasks done (a task already done is said so, and keeps the day it was ticked)."""
    plan = ctx.planner.session.plan()
    finished = {t.id: t for t in plan.tasks if t.done}
    already = [finished[i] for i in dict.fromkeys(ctx.args.task_ids) if i in finished]
    fresh = [i for i in dict.fromkeys(ctx.args.task_ids) if i not in finished]
    tasks = ctx.planner.tasks.set_done(fresh, True) if fresh else []
    return Ticked(tasks, True, tuple(already))


def undo(ctx: Context) -> Result:
    """Mark tasks not done."""
    return Ticked(ctx.planner.tasks.set_done(ctx.args.task_ids, False), False)


@dataclass(frozen=True)
class Replanned(Result):
    """What moved forward and what no longer fits."""

    result: ReplanResult

    def json(self) -> Any:
        return {
            "moved": [
                {"id": i, "from": a.isoformat(), "to": b.isoformat()}
                for i, a, b in self.result.moved
            ],
            "dropped": [task_json(t) for t in self.result.dropped],
        }

    def text(self, out: Output) -> Iterator[str]:
        result = self.result
        if not result.moved and not result.dropped:
            yield "Nothing to move: the plan is on track."
            return
        for task_id, old, new in result.moved:
            yield f"moved {task_id}: {old:%a %d %b} -> {new:%a %d %b}"
        for t in result.dropped:
            yield out.style(f"no longer fits: {t.id}  {safe_cell(t.title)}", "yellow")


def replan(ctx: Context) -> Result:
    """Move unfinished past tasks forward."""
    return Replanned(ctx.planner.plans.replan())
