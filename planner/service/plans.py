"""Making and changing the plan: init, a screen's date, replanning missed work."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from planner.domain.models import SENIORITIES, Pack, Plan, PlanSettings, Task
from planner.errors import InputError, NoPlanError
from planner.service import calendar, validate
from planner.service.inputs import DEFAULT_DAYS, MAX_AHEAD_DAYS, MAX_DAYS, PlanInput
from planner.service.session import Session

if TYPE_CHECKING:
    # The planning engine loads on first use, so `planner today` starts fast.
    from planner.domain.schedule import ReplanResult, Unreachable


@dataclass(frozen=True)
class InitDefaults:
    """Rest days and holiday country for a new plan when the user names none."""

    rest_weekdays: tuple[int, ...]
    rest_source: str
    """`settings file` or `template`."""
    holiday_country: str
    config: calendar.UserConfig


@dataclass(frozen=True)
class ScreenChange:
    """What `planner screen` changed: the new plan and the task ids added and removed."""

    round: str
    date: dt.date | None
    """The screen's date; None when it is now passed."""
    plan: Plan
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: bool


class Plans:
    """The plan's use cases over one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def defaults(self, pack: str, seniority: str) -> InitDefaults:
        """Rest days and holiday country when the user gives none: settings file, else template.

        Reads the settings file (InputError naming the file and the key when it is broken).
        """
        config = calendar.load_config()
        template = self.session.library.template(pack, seniority)
        if config.rest_weekdays is not None:
            rest, source = config.rest_weekdays, "settings file"
        else:
            rest, source = template.rest_weekdays, "template"
        return InitDefaults(rest, source, config.holiday_country or "", config)

    def settings(self, choice: PlanInput) -> PlanSettings:
        """Validated plan settings; InputError names the field that is wrong."""
        today = self.session.today
        library = self.session.library
        validate.choice("seniority", choice.seniority, SENIORITIES, field="seniority")
        validate.choice("pack", choice.pack, library.pack_ids(), field="pack")
        content = library.pack(choice.pack)
        template = library.template(choice.pack, choice.seniority)
        skip_rounds = choice.skip_rounds
        for r in skip_rounds:
            validate.round_id(content, r, field="skip_rounds")
        onsite = choice.onsite
        if onsite <= today:
            raise InputError(
                f"the onsite ({onsite.isoformat()}) must be after today ({today.isoformat()})",
                field="onsite",
            )
        if (onsite - today).days > MAX_AHEAD_DAYS:
            raise InputError(
                f"the onsite ({onsite.isoformat()}) is more than {MAX_AHEAD_DAYS} days after "
                f"today ({today.isoformat()}): plans cover at most a year",
                field="onsite",
            )
        start = choice.start or today
        if onsite <= start:
            raise InputError(
                f"the onsite ({onsite.isoformat()}) must be after the start ({start.isoformat()})",
                field="start",
            )
        raw_days = choice.days
        if raw_days is None:
            raw_days = (onsite - start).days if choice.start is not None else DEFAULT_DAYS
        days = validate.whole_number("days", raw_days, 1, MAX_DAYS, field="days")
        hours = template.hours_per_day if choice.hours is None else choice.hours
        if not 0 < hours <= 16:
            raise InputError(
                f"hours per day must be above 0 and at most 16, not {hours:g}", field="hours"
            )
        rest = set(choice.rest_weekdays)
        if len(rest) >= 7:
            raise InputError(
                "every weekday is a rest day: leave at least one day to prepare",
                field="rest_weekdays",
            )
        first = max(start, onsite - dt.timedelta(days=days))
        last = onsite - dt.timedelta(days=1)
        dated, passed = self._screens(content, choice.screens, skip_rounds, first, onsite)
        ahead = set(content.round_ids) - set(skip_rounds) - set(passed)
        if not ahead:
            raise InputError(
                "every round is skipped: keep at least one round to prepare for",
                field="skip_rounds",
            )
        off = set(calendar.away_days(choice.away, first, last))
        country = calendar.country_code(choice.holiday_country) if choice.holiday_country else ""
        span = (last - first).days + 1
        if all(
            (first + dt.timedelta(days=n)).weekday() in rest or first + dt.timedelta(days=n) in off
            for n in range(span)
        ):
            raise InputError(
                "every day of the plan is a rest day or an away day: leave at least one day "
                "to prepare",
                field="rest_weekdays",
            )
        return PlanSettings(
            pack=choice.pack,
            seniority=choice.seniority,
            start=start,
            onsite=onsite,
            days=days,
            hours_per_day=float(hours),
            rest_weekdays=tuple(sorted(rest)),
            skip_rounds=tuple(dict.fromkeys(skip_rounds)),
            screens=dated,
            passed_screens=passed,
            away=tuple(sorted(off)),
            holidays=calendar.holiday_dates(country, first, last),
            holiday_country=country,
        )

    def _screens(
        self,
        pack: Pack,
        screens: Mapping[str, dt.date] | None,
        skip_rounds: Sequence[str],
        first: dt.date,
        onsite: dt.date,
    ) -> tuple[tuple[tuple[str, dt.date], ...], tuple[str, ...]]:
        """The dated screens (loop order) and the passed ones, checked against the plan."""
        if screens is None:
            return (), ()
        valid = pack.screen_rounds
        for round_id, day in screens.items():
            self._check_screen(pack, round_id, day, first, onsite)
            if round_id in skip_rounds:
                raise InputError(
                    f"the {round_id} screen is both skipped and dated: drop one of "
                    f"--skip-round {round_id} and --screen {round_id}=...",
                    field="screens",
                )
        dated = tuple((r, screens[r]) for r in valid if r in screens)
        passed = tuple(r for r in valid if r not in screens)
        return dated, passed

    def _check_screen(
        self, pack: Pack, round_id: str, day: dt.date, first: dt.date, onsite: dt.date
    ) -> None:
        """A screen date must be a screen round's, after today and the plan's first day, and
        before the onsite."""
        today = self.session.today
        valid = pack.screen_rounds
        if round_id not in valid:
            raise InputError(
                f"'{round_id}' is not a screen of this loop "
                f"(screens: {', '.join(valid) or 'none'})",
                field="screens",
            )
        if day <= today:
            raise InputError(
                f"the {round_id} screen ({day.isoformat()}) must be after today "
                f"({today.isoformat()}); a screen behind you is passed: leave it out",
                field="screens",
            )
        if day >= onsite:
            raise InputError(
                f"the {round_id} screen ({day.isoformat()}) must be before the onsite "
                f"({onsite.isoformat()})",
                field="screens",
            )
        if day <= first:
            raise InputError(
                f"the {round_id} screen ({day.isoformat()}) is not after the plan's first day "
                f"({first.isoformat()}), so its work cannot come before it: start earlier "
                "with --start today",
                field="screens",
            )

    def create(self, settings: PlanSettings, force: bool = False) -> Plan:
        """Build and store a plan; refuses to replace one unless `force`."""
        from planner.domain.schedule import generate

        library = self.session.library
        content = library.pack(settings.pack)
        template = library.template(settings.pack, settings.seniority)
        new_plan = generate(content, template, settings)
        with self.session.write() as records:
            if records.has_plan() and not force:
                raise InputError(
                    "a plan exists already: pass --force to replace it "
                    "(your mocks, stories, research and practice are kept)"
                )
            records.replace_plan(new_plan)
        return new_plan

    def unreachable(self, plan: Plan | None = None) -> tuple[Unreachable, ...]:
        """Rounds ahead that following the plan cannot get to ready, each with the reason."""
        from planner.domain.schedule import unreachable_rounds

        plan = plan or self.session.plan()
        settings = plan.settings
        library = self.session.library
        return unreachable_rounds(
            plan,
            library.pack(settings.pack),
            library.template(settings.pack, settings.seniority),
        )

    def set_screen(self, round_id: str, date: dt.date | None) -> ScreenChange:
        """Give a screen a date (still ahead) or mark it passed (date None), then rebuild the
        plan's future with the new settings; done tasks stay done and where they are.

        From today (or the plan's first day, when later) the plan is generated afresh; a task
        of the fresh plan whose id is already in the plan's past or done is left out, and the
        timed sessions already run count (`schedule.fresh_future`: no second baseline, the
        peer mocks run count toward the budget), so nothing is planned twice. Past tasks stay
        as they were, except the unfinished ones of a screen now passed, which go (done ones
        stay: they are history). Drills added after mocks stay on their days.
        """
        from planner.domain import schedule, stages

        today = self.session.today
        library = self.session.library
        with self.session.write() as records:
            plan = records.plan()
            if plan is None:
                raise NoPlanError()
            old = plan.settings
            pack = library.pack(old.pack)
            template = library.template(old.pack, old.seniority)
            valid = pack.screen_rounds
            if round_id not in valid:
                raise InputError(
                    f"'{round_id}' is not a screen of this loop "
                    f"(screens: {', '.join(valid) or 'none'})",
                    field="round",
                )
            future = max(today, plan.start)
            if future >= old.onsite:
                raise InputError("the plan has no days left before the onsite: nothing to change")
            dated = dict(old.screens)
            passed = set(old.passed_screens)
            skipped = list(old.skip_rounds)
            if date is None:
                dated.pop(round_id, None)
                passed.add(round_id)
            else:
                self._check_screen(pack, round_id, date, plan.start, old.onsite)
                dated[round_id] = date
                passed.discard(round_id)
                skipped = [r for r in skipped if r != round_id]
            new = replace(
                old,
                screens=tuple((r, dated[r]) for r in valid if r in dated),
                passed_screens=tuple(r for r in valid if r in passed),
                skip_rounds=tuple(skipped),
            )
            if new == old:
                return ScreenChange(round_id, date, plan, (), (), changed=False)
            if not stages.rounds_ahead(pack, new, today):
                raise InputError("every round would be passed or skipped: nothing left to plan")
            fresh = schedule.generate(
                pack, template, replace(new, start=future, days=(old.onsite - future).days)
            )
            behind = set(stages.passed_rounds(pack, new, today))
            behind |= set(stages.skipped_rounds(pack, new))

            def gone(task: Task) -> bool:
                return not task.done and bool(task.rounds) and set(task.rounds) <= behind

            kept = [
                t
                for t in plan.tasks
                if t.done or (not gone(t) and (t.day < future or t.kind == "drill"))
            ]
            ahead = [t for t in fresh.tasks if not gone(t)]
            tasks = [*kept, *schedule.fresh_future(kept, ahead, pack, template, new)]
            tasks.sort(key=lambda t: t.day)
            rebuilt = Plan(
                settings=new,
                days=(*(d for d in plan.days if d.date < future), *fresh.days),
                tasks=tuple(tasks),
                adjustments=fresh.adjustments,
            )
            before = {t.id for t in plan.tasks}
            after = {t.id for t in rebuilt.tasks}
            records.replace_plan(rebuilt)
        return ScreenChange(
            round_id,
            date,
            rebuilt,
            added=tuple(t.id for t in rebuilt.tasks if t.id not in before),
            removed=tuple(t.id for t in plan.tasks if t.id not in after),
            changed=True,
        )

    def replan_preview(self) -> ReplanResult:
        """What `replan` would move and drop today, without saving anything."""
        from planner.domain import schedule

        plan = self.session.plan()
        settings = plan.settings
        library = self.session.library
        return schedule.replan(
            plan,
            library.pack(settings.pack),
            library.template(settings.pack, settings.seniority),
            self.session.today,
        )

    def replan(self) -> ReplanResult:
        """Move unfinished past tasks into free capacity from today on; say what no longer fits."""
        from planner.domain import schedule

        library = self.session.library
        with self.session.write() as records:
            plan = records.plan()
            if plan is None:
                raise NoPlanError()
            settings = plan.settings
            result = schedule.replan(
                plan,
                library.pack(settings.pack),
                library.template(settings.pack, settings.seniority),
                self.session.today,
            )
            if result.moved or result.dropped or result.linked:
                records.replace_tasks(result.plan.tasks)
                records.set_adjustments(result.plan)
        return result
