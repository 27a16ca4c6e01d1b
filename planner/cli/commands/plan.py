"""Plan commands: init, plan, screen, holidays, today, done, undo, replan."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from planner.cli.commands.daily import question_line, task_json
from planner.cli.context import Context
from planner.cli.output import Output, safe_cell
from planner.cli.render import Result
from planner.cli.results import Lines
from planner.dates import AHEAD, parse_date
from planner.domain.models import SENIORITIES, Pack, Plan
from planner.errors import InputError
from planner.service import calendar
from planner.service.inputs import MAX_DAYS, PlanInput
from planner.service.readiness import skipped_veto_note
from planner.service.validate import whole_number

if TYPE_CHECKING:
    from planner.domain.schedule import ReplanResult, Unreachable


def pack_question_notes(pack: Pack) -> dict[str, tuple[str, str]]:
    """Each question's type name and prompt, by id, from a loaded pack."""
    names = {t.id: t.name for t in pack.question_types}
    return {q.id: (names.get(q.type, ""), q.prompt) for q in pack.questions}


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
        yield from _screen_lines(plan, pack)
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


def _screen_lines(plan: Plan, pack: Pack) -> Iterator[str]:
    """Which screens are ahead and which were taken as passed; a skipped pass/fail round."""
    names = {r.id: r.name for r in pack.rounds}
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
    for warning in skipped_veto_note(pack, s.skip_rounds):
        yield f"Warning: {safe_cell(warning)}"


def _adjustment_lines(out: Output, plan: Plan, titles: dict[str, str]) -> Iterator[str]:
    """What did not fit, grouped: dropped items in one line, shortened ones with counts."""
    if not plan.adjustments:
        return
    dropped = [titles.get(a.item, a.item) for a in plan.adjustments if a.kind == "dropped"]
    shortened = []
    replanned = [a.detail for a in plan.adjustments if a.kind == "unplaced"]
    for a in plan.adjustments:
        if a.kind in ("dropped", "unplaced"):
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
    # Sessions a replan could not place again (each says why in its own words).
    for line in replanned:
        yield f"  left out by a replan: {safe_cell(line)}"


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
        yield from _screen_lines(p, pack)
        away = set(s.away)
        holidays = set(s.holidays)
        questions = pack_question_notes(pack)
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
                if t.question:
                    yield f"          {question_line(t, questions)}"
        yield ""
        yield from _adjustment_lines(out, p, {i.id: i.title for i in pack.checklist})


def plan(ctx: Context) -> Result:
    """The whole plan by week."""
    return PlanView(ctx.planner.session.plan(), ctx.planner.session.pack(), ctx.today)


def holidays(ctx: Context) -> Result:
    """The country codes `init --holidays` accepts."""
    codes = calendar.supported_countries()
    lines = [f"{len(codes)} country codes for `planner init --holidays CC`:"]
    lines += [f"  {line}" for line in textwrap.wrap(" ".join(codes), width=78)]
    return Lines(lines, list(codes))


# -- replan ----------------------------------------------------------------------------------


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
            "linked": list(self.result.linked),
            "left_out": list(self.result.left_out),
        }

    def text(self, out: Output) -> Iterator[str]:
        result = self.result
        if result.linked:
            n = len(result.linked)
            yield (
                f"{n} session{'s' * (n != 1)} planned before sessions named their questions "
                f"now name one (`planner today` shows it)."
            )
        if not result.moved and not result.dropped:
            yield "Nothing to move: the plan is on track."
            return
        for task_id, old, new in result.moved:
            yield f"moved {task_id}: {old:%a %d %b} -> {new:%a %d %b}"
        for t in result.dropped:
            if t.id in result.left_out:
                yield out.style(
                    f"left out: {t.id}  {safe_cell(t.title)} (so that the timed sessions keep "
                    "their days)",
                    "yellow",
                )
            else:
                yield out.style(f"no longer fits: {t.id}  {safe_cell(t.title)}", "yellow")


def replan(ctx: Context) -> Result:
    """Move unfinished past tasks forward."""
    return Replanned(ctx.planner.plans.replan())
