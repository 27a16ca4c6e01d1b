"""Plan commands: init, plan, today, done, undo, replan, export, import, restore, content."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from planner import paths
from planner.cli.context import Context
from planner.cli.output import Output, safe, safe_cell
from planner.dates import human, parse_date
from planner.domain.models import SENIORITIES, Plan, Task
from planner.errors import EXIT_OK, EXIT_USAGE, InputError
from planner.service import calendar
from planner.service.validate import whole_number


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


def init(ctx: Context) -> int:
    """Build the plan."""
    a = ctx.args
    onsite = parse_date(a.onsite, "--onsite", ctx.today)
    start = ctx.date(a.start, "--start")
    days = None if a.days is None else whole_number("--days", a.days, 1, 3650)
    hours = _hours(a.hours)
    rest = None if a.rest_days is None else calendar.parse_weekdays(a.rest_days)
    away = calendar.parse_away(a.away, ctx.today)
    country = None if a.holidays is None else calendar.country_code(a.holidays)
    screens: dict[str, Any] = {}
    for text in a.screen:
        round_id, day = calendar.parse_screen(text, ctx.today)
        if round_id in screens:
            raise InputError(f"--screen: {round_id} is given twice")
        screens[round_id] = day
    planner = ctx.planner
    if a.seniority in SENIORITIES and a.pack in ctx.library.pack_ids():
        defaults = planner.init_defaults(a.pack, a.seniority)
        rest = defaults.rest_weekdays if rest is None else rest
        country = defaults.holiday_country if country is None else country
    settings = planner.build_settings(
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
    plan = planner.init_plan(settings, force=a.force)
    unreachable = planner.unreachable(plan)
    if a.json:
        payload = plan_json(plan)
        payload["unreachable"] = [{"round": u.round, "reason": u.reason} for u in unreachable]
        ctx.out.json(payload)
        return EXIT_OK
    out = ctx.out
    work = [d for d in plan.days if d.capacity_minutes > 0]
    out.line(
        f"Plan ready: {len(plan.tasks)} tasks over {len(plan.days)} days "
        f"({len(work)} working), {plan.start:%a %d %b} to {plan.days[-1].date:%a %d %b}; "
        f"onsite {settings.onsite:%a %d %b %Y}."
    )
    pack = planner.pack()
    _print_calendar(out, plan)
    _print_screens(out, plan, {r.id: r.name for r in pack.rounds})
    _print_adjustments(out, plan, {i.id: i.title for i in pack.checklist})
    for u in unreachable:
        out.line(
            f"Cannot get {safe_cell(pack.round(u.round).name)} to ready in time: "
            f"{safe_cell(u.reason)}."
        )
    runway = (settings.onsite - ctx.today).days
    if plan.start > ctx.today:
        out.line(
            f"Note: the onsite is {runway} days away and the plan covers the last "
            f"{len(plan.days)}, from {plan.start:%a %d %b}. To start today instead, run "
            "init again with --force --start today."
        )
    out.line("Next: `planner today` for today's work, `planner plan` for the whole plan.")
    return EXIT_OK


def _date_list(days: tuple[Any, ...], limit: int = 6) -> str:
    """A few dates as `Mon 07 Dec, Tue 08 Dec` (and how many more)."""
    shown = ", ".join(f"{d:%a %d %b}" for d in days[:limit])
    return shown + (f" and {len(days) - limit} more" if len(days) > limit else "")


def _print_calendar(out: Output, plan: Plan) -> None:
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
    out.line(safe_cell("; ".join(parts)) + ".")


def _print_screens(out: Output, plan: Plan, names: dict[str, str]) -> None:
    """Which screens are ahead (with dates) and which were taken as passed."""
    s = plan.settings
    if s.screens:
        ahead = ", ".join(f"{names.get(r, r)} on {d:%a %d %b}" for r, d in s.screens)
        out.line(f"Screens ahead: {safe_cell(ahead)}.")
    if s.passed_screens:
        passed = ", ".join(f"{names.get(r, r)} ({r})" for r in s.passed_screens)
        out.line(
            f"Taken as passed (no tasks for them): {safe_cell(passed)}. Still ahead? "
            "`planner screen ROUND --date D`."
        )


def _print_adjustments(out: Output, plan: Plan, titles: dict[str, str]) -> None:
    """What did not fit, grouped: dropped items in one line, shortened ones with counts."""
    import re

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
            shortened.append(f"{title} ({counts[1]}→{counts[2]} {counts[3]})")
        else:
            shortened.append(a.detail)
    out.line(
        out.style("What did not fit (`planner plan --json` has the reasons):", "yellow", "bold")
    )
    if dropped:
        import textwrap

        text = textwrap.fill(
            safe_cell("; ".join(dropped)),
            width=78,
            initial_indent="  dropped: ",
            subsequent_indent="           ",
        )
        out.line(text)
    for line in shortened:
        out.line(f"  shortened: {safe_cell(line)}")


def plan(ctx: Context) -> int:
    """Print the whole plan by week."""
    p = ctx.planner.plan()
    if ctx.args.json:
        ctx.out.json(plan_json(p))
        return EXIT_OK
    out = ctx.out
    s = p.settings
    pack = ctx.planner.pack()
    out.line(
        out.style(
            f"{safe_cell(pack.company)} {safe_cell(pack.role)} loop, "
            f"{s.seniority}: onsite {s.onsite:%a %d %b %Y}",
            "bold",
        )
    )
    _print_calendar(out, p)
    _print_screens(out, p, {r.id: r.name for r in pack.rounds})
    away = set(s.away)
    holidays = set(s.holidays)
    for i, day in enumerate(p.days):
        if i % 7 == 0:
            last = p.days[min(i + 6, len(p.days) - 1)].date
            out.line("")
            out.line(
                out.style(
                    f"Week {i // 7 + 1}  {day.date:%a %d %b} – {last:%a %d %b}", "cyan", "bold"
                )
            )
        tasks = p.tasks_on(day.date)
        marker = "»" if day.date == ctx.today else " "
        head = f"{marker} {day.date:%a %d %b}"
        holiday = "  public holiday" if day.date in holidays else ""
        if day.date in away and not tasks:
            out.line(out.style(f"{head}  away{holiday}", "dim"))
            continue
        if day.rest or (day.capacity_minutes == 0 and not tasks):
            out.line(out.style(f"{head}  rest{holiday}", "dim"))
            continue
        minutes = sum(t.minutes for t in tasks)
        free = "  free: catch up or practise due questions" if not tasks else ""
        out.line(f"{head}  {minutes:>3}/{day.capacity_minutes} min{holiday}{free}")
        for t in tasks:
            box = out.style("[x]", "green") if t.done else "[ ]"
            out.line(f"      {box} {safe_cell(t.title)}  {t.minutes}m  {out.style(t.id, 'dim')}")
    out.line("")
    _print_adjustments(out, p, {i.id: i.title for i in pack.checklist})
    return EXIT_OK


def screen(ctx: Context) -> int:
    """Give a screen its date or mark it passed; the plan's future is rebuilt."""
    a = ctx.args
    day = None if a.passed else parse_date(a.date, "--date", ctx.today)
    change = ctx.planner.set_screen(a.round, day)
    if a.json:
        ctx.out.json(
            {
                "round": change.round,
                "status": "passed" if change.date is None else "ahead",
                "date": change.date.isoformat() if change.date else None,
                "changed": change.changed,
                "added": list(change.added),
                "removed": list(change.removed),
            }
        )
        return EXIT_OK
    what = (
        f"{change.round} screen passed"
        if change.date is None
        else f"{change.round} screen on {change.date:%a %d %b %Y}"
    )
    if not change.changed:
        ctx.out.line(f"{safe_cell(what)}: already so, nothing changed.")
        return EXIT_OK
    ctx.out.line(
        f"{safe_cell(what)}: plan rebuilt from {max(ctx.today, change.plan.start):%a %d %b}, "
        f"{len(change.added)} task{'s' * (len(change.added) != 1)} added, "
        f"{len(change.removed)} removed; done work kept."
    )
    return EXIT_OK


def holidays(ctx: Context) -> int:
    """The country codes `init --holidays` accepts."""
    import textwrap

    codes = calendar.supported_countries()
    if ctx.args.json:
        ctx.out.json(list(codes))
        return EXIT_OK
    ctx.out.line(f"{len(codes)} country codes for `planner init --holidays CC`:")
    for line in textwrap.wrap(" ".join(codes), width=78):
        ctx.out.line(f"  {line}")
    return EXIT_OK


def today(ctx: Context) -> int:
    """Print today's tasks and overdue ones."""
    view = ctx.planner.today_view()
    if ctx.args.json:
        ctx.out.json(
            {
                "date": view.date.isoformat(),
                "tasks": [task_json(t) for t in view.tasks],
                "overdue": [task_json(t) for t in view.overdue],
                "capacity_minutes": view.capacity_minutes,
                "planned_minutes": view.planned_minutes,
                "minutes_left": view.minutes_left,
                "missed_yesterday": view.missed_yesterday,
            }
        )
        return EXIT_OK
    out = ctx.out
    plan = ctx.planner.plan()
    days_left = (plan.settings.onsite - ctx.today).days
    out.line(
        out.style(
            f"{human(view.date, ctx.today)}: {days_left} day{'s' * (days_left != 1)} to the onsite",
            "bold",
        )
    )
    if not view.in_plan:
        if ctx.today < plan.start:
            wait = (plan.start - ctx.today).days
            out.line(
                f"Your plan starts on {plan.start:%a %d %b} (in {wait} day"
                f"{'s' * (wait != 1)}). To start today instead: "
                f"`planner init --force --days {days_left} ...` with your other choices."
            )
        else:
            out.line("Today is not one of the plan's days: the plan ended before the onsite.")
    elif not view.tasks:
        out.line(
            "Nothing planned today: a rest day."
            if view.capacity_minutes == 0
            else "Nothing planned today: a free day to catch up or practise "
            "(`planner questions --due`)."
        )
    else:
        out.line(
            f"{view.done_minutes} of {view.planned_minutes} min done, {view.minutes_left} min left"
        )
        _task_rows(out, view.tasks)
        _describe(ctx, [t for t in view.tasks if not t.done])
    if view.overdue:
        out.line("")
        out.line(out.style(f"Overdue ({len(view.overdue)}):", "yellow", "bold"))
        _task_rows(out, view.overdue, with_date=True)
    if view.missed_yesterday:
        out.line("")
        out.line(
            "Yesterday's work was not finished: `planner replan` spreads it over the coming days."
        )
    return EXIT_OK


def _describe(ctx: Context, tasks: list[Task]) -> None:
    """What each task asks for: the checklist item's description, or a drill's reason."""
    import textwrap

    if not tasks:
        return
    descriptions = ctx.library.task_notes(ctx.planner.plan().settings.pack)
    ctx.out.line("")
    for t in tasks:
        text = t.reason or descriptions.get(t.item, "")
        if not text:
            continue
        ctx.out.line(ctx.out.style(t.id, "bold"))
        for line in textwrap.wrap(safe_cell(text), width=76):
            ctx.out.line(f"  {line}")


def _task_rows(out: Output, tasks: tuple[Task, ...], with_date: bool = False) -> None:
    rows = []
    for t in tasks:
        row = ["[x]" if t.done else "[ ]", t.id, f"{t.minutes}m", t.title]
        if with_date:
            row.insert(1, f"{t.day:%a %d %b}")
        rows.append(row)
    headers = ["", "date", "id", "min", "task"] if with_date else ["", "id", "min", "task"]
    out.table(headers, rows)


def done(ctx: Context) -> int:
    """Mark tasks done."""
    tasks = ctx.planner.set_done(ctx.args.task_ids, True)
    for t in tasks:
        ctx.out.line(f"done: {t.id}  {safe_cell(t.title)}")
        if t.kind in ("mock", "timed") and t.rounds:
            ctx.out.line(
                "  a timed session counts for readiness once its scores are logged: "
                f"planner mock add --round {t.rounds[0]} --score DIMENSION=N ..."
            )
    return EXIT_OK


def undo(ctx: Context) -> int:
    """Mark tasks not done."""
    tasks = ctx.planner.set_done(ctx.args.task_ids, False)
    for t in tasks:
        ctx.out.line(f"not done: {t.id}  {safe_cell(t.title)}")
    return EXIT_OK


def replan(ctx: Context) -> int:
    """Move unfinished past tasks forward."""
    result = ctx.planner.replan()
    if ctx.args.json:
        ctx.out.json(
            {
                "moved": [
                    {"id": i, "from": a.isoformat(), "to": b.isoformat()}
                    for i, a, b in result.moved
                ],
                "dropped": [task_json(t) for t in result.dropped],
            }
        )
        return EXIT_OK
    out = ctx.out
    if not result.moved and not result.dropped:
        out.line("Nothing to move: the plan is on track.")
        return EXIT_OK
    for task_id, old, new in result.moved:
        out.line(f"moved {task_id}: {old:%a %d %b} -> {new:%a %d %b}")
    for t in result.dropped:
        out.line(out.style(f"no longer fits: {t.id}  {safe_cell(t.title)}", "yellow"))
    return EXIT_OK


def export(ctx: Context) -> int:
    """Write the plan as Markdown or ICS, or everything as JSON."""
    from planner.service import reports

    fmt = ctx.args.format
    data: bytes
    if fmt == "md":
        data = reports.export_markdown(ctx.planner).encode("utf-8")
    elif fmt == "ics":
        data = reports.export_ics(ctx.planner)
    else:
        import json

        data = (
            json.dumps(reports.export_json(ctx.planner), ensure_ascii=False, indent=2) + "\n"
        ).encode("utf-8")
    target = ctx.args.output
    if target and target != "-":
        from planner.storage.atomic import atomic_write

        path = Path(target).expanduser()
        if path.is_dir():
            raise InputError(f"{path} is a folder: give a file name")
        if not path.parent.is_dir():
            raise InputError(f"folder {path.parent} does not exist")
        try:
            atomic_write(path, data)
        except OSError as exc:
            raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
        ctx.out.line(f"wrote {path}")
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    return EXIT_OK


def import_(ctx: Context) -> int:
    """Restore a JSON export."""
    from planner.service import reports

    path = Path(ctx.args.file).expanduser()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    counts = reports.import_json(ctx.planner, raw, replace_existing=ctx.args.replace)
    summary = ", ".join(f"{n} {table}" for table, n in counts.items() if n)
    ctx.out.line(f"imported {summary or 'an empty export'} into {ctx.data_dir}")
    return EXIT_OK


def restore(ctx: Context) -> int:
    """List backups or restore one."""
    store = ctx.store
    backups = store.backups()
    if ctx.args.list or not ctx.args.backup:
        if not backups:
            ctx.out.line(f"no backups in {store.backup_dir}")
            return EXIT_OK
        for b in backups:
            ctx.out.line(f"{b.name}  {b.stat().st_size:,} bytes")
        if not ctx.args.list:
            ctx.out.line("restore one with `planner restore NAME`")
        return EXIT_OK
    wanted = ctx.args.backup
    if wanted == "latest":
        # The newest backup that can be read; a damaged newer one is named and skipped.
        chosen, skipped = store.readable_backup()
        for damaged, problem in skipped:
            ctx.out.line(f"skipping {damaged.name}: it is damaged ({problem})")
        if chosen is None and skipped:
            raise InputError(
                f"no backup in {store.backup_dir} can be read (all {len(skipped)} are "
                "damaged); nothing was changed"
            )
    else:
        chosen = next((b for b in backups if b.name == wanted or str(b) == wanted), None)
    if chosen is None:
        names = ", ".join(b.name for b in backups[:5]) or "none"
        raise InputError(f"unknown backup '{wanted}' (newest: {names}, or 'latest')")
    if not ctx.args.yes:
        if not sys.stdin.isatty():
            raise InputError("restoring replaces the data file: pass --yes to confirm")
        answer = input(f"Replace {store.path} with {chosen.name}? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            ctx.out.line("not restored")
            return EXIT_OK
    kept = store.restore(chosen)
    ctx.out.line(f"restored {chosen.name}")
    if kept:
        ctx.out.line(f"the previous file is kept as {kept.name}")
    return EXIT_OK


def content_help(ctx: Context) -> int:
    """`planner content` with no action."""
    raise InputError("say what to do: `planner content validate [DIR]`")


def content_validate(ctx: Context) -> int:
    """Validate a pack (and the templates); every problem on its own line, exit 2 if any."""
    from planner.domain.content import ContentError, load_pack, load_templates

    target = Path(ctx.args.dir) if ctx.args.dir else None
    packs = (
        [target]
        if target
        else [p for p in sorted(paths.content_dir().iterdir()) if p.is_dir()]
        if paths.content_dir().is_dir()
        else []
    )
    if not packs:
        raise InputError(f"no content packs in {paths.content_dir()}")
    problems: list[str] = []
    for pack_dir in packs:
        try:
            pack = load_pack(pack_dir)
            load_templates(paths.plans_dir(), pack)
            ctx.out.line(
                f"ok: {pack_dir.name}: {len(pack.rounds)} rounds, "
                f"{len(pack.checklist)} checklist items, {len(pack.questions)} "
                f"questions, {len(pack.research)} research items, "
                f"{len(pack.competencies)} competencies"
            )
        except ContentError as exc:
            problems += [str(p) for p in exc.problems]
    if problems:
        for problem in problems:
            print(f"planner: error: {safe(problem)}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def demo(ctx: Context) -> int:
    """Fill a throwaway data folder with a mid-way candidate and open the app on it."""
    import tempfile

    from planner.demo import fill_demo

    folder = (
        Path(ctx.args.keep) if ctx.args.keep else Path(tempfile.mkdtemp(prefix="planner-demo-"))
    )
    planner = fill_demo(folder, ctx.library, ctx.today)
    ctx.out.line(f"demo data in {folder}")
    if ctx.args.no_tui:
        return EXIT_OK
    from planner.tui.launch import run_app

    return run_app(planner)
