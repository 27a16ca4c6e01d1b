"""The use cases both front ends share: `Planner(store, library, today)`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from planner.domain.models import (
    READINESS_LEVELS,
    RESEARCH_STATUSES,
    SENIORITIES,
    Mock,
    Pack,
    Plan,
    PlanSettings,
    ResearchItem,
    ResearchState,
    Review,
    State,
    Story,
    Task,
    Template,
)
from planner.errors import InputError, NoPlanError
from planner.service import calendar, validate
from planner.service.library import ContentLibrary
from planner.storage import Records, RecordStore

if TYPE_CHECKING:
    # The planning and readiness engines load on first use, so `planner today` starts fast.
    from planner.domain.practice import QuestionStatus
    from planner.domain.readiness import Evidence, Readiness
    from planner.domain.schedule import ReplanResult, Unreachable
    from planner.domain.stories import Coverage, Finding

DEFAULT_PACK = "coursera-pm"
DEFAULT_DAYS = 30
MAX_DAYS = 3650
MAX_AHEAD_DAYS = 365
"""The onsite is at most this many days after today."""
MAX_DRILLS_PER_MOCK = 3
DRILL_MINUTES = 30
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class TodayView:
    """Today's work: its tasks, what is overdue, and the minutes."""

    date: dt.date
    tasks: tuple[Task, ...]
    overdue: tuple[Task, ...]
    capacity_minutes: int
    planned_minutes: int
    done_minutes: int
    missed_yesterday: bool
    in_plan: bool
    """Whether today is one of the plan's days."""

    @property
    def minutes_left(self) -> int:
        """Minutes of today's tasks not yet done."""
        return self.planned_minutes - self.done_minutes


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


@dataclass(frozen=True)
class MockLogged:
    """A logged mock with the planned task it ticked and the drills it added."""

    mock: Mock
    ticked: str | None
    drills: tuple[Task, ...]


class Planner:
    """Everything a user can do, over one store, one content library and one `today`."""

    def __init__(self, store: RecordStore, library: ContentLibrary, today: dt.date) -> None:
        self.store = store
        self.library = library
        self.today = today
        self._state: tuple[object, State] | None = None
        self._settings: tuple[object, PlanSettings | None] | None = None

    # -- reading ---------------------------------------------------------------------------

    def state(self) -> State:
        """The user's data as committed now (cached until the file changes)."""
        signature = self.store.signature()
        if self._state is not None and signature is not None and self._state[0] == signature:
            return self._state[1]
        with self.store.snapshot() as records:
            state = records.state()
        self._state = (signature, state) if signature is not None else None
        return state

    def damaged(self) -> tuple[str, ...]:
        """Records the last read could not decode (skipped, and kept on disk as they are)."""
        return self._state[1].damaged if self._state is not None else ()

    def has_plan(self) -> bool:
        """Whether a plan exists."""
        return self.state().plan is not None

    def plan(self) -> Plan:
        """The plan; NoPlanError when there is none."""
        plan = self.state().plan
        if plan is None:
            raise NoPlanError()
        return plan

    def pack(self) -> Pack:
        """The plan's pack (the default pack before a plan exists)."""
        signature = self.store.signature()
        if self._settings is None or self._settings[0] != signature:
            with self.store.snapshot() as records:
                self._settings = (signature, records.settings())
        settings = self._settings[1]
        return self.library.pack(settings.pack if settings else DEFAULT_PACK)

    def template(self) -> Template:
        """The plan's seniority template."""
        settings = self.plan().settings
        return self.library.template(settings.pack, settings.seniority)

    def evidence(self, state: State | None = None) -> Evidence:
        """The state as readiness evidence."""
        state = state or self.state()
        from planner.domain.readiness import Evidence

        return Evidence(
            tasks=state.plan.tasks if state.plan else (),
            mocks=state.mocks,
            stories=state.stories,
            research=state.research,
            reviews=state.reviews,
        )

    # -- plan ------------------------------------------------------------------------------

    def init_defaults(self, pack: str, seniority: str) -> InitDefaults:
        """Rest days and holiday country when the user gives none: settings file, else template.

        Reads the settings file (InputError naming the file and the key when it is broken).
        """
        config = calendar.load_config()
        template = self.library.template(pack, seniority)
        if config.rest_weekdays is not None:
            rest, source = config.rest_weekdays, "settings file"
        else:
            rest, source = template.rest_weekdays, "template"
        return InitDefaults(rest, source, config.holiday_country or "", config)

    def build_settings(
        self,
        *,
        seniority: str,
        onsite: dt.date,
        start: dt.date | None = None,
        days: int | None = None,
        hours: float | None = None,
        rest_weekdays: Sequence[int] = (),
        pack: str = DEFAULT_PACK,
        skip_rounds: Sequence[str] = (),
        screens: Mapping[str, dt.date] | None = None,
        away: Sequence[tuple[dt.date, dt.date]] = (),
        holiday_country: str = "",
    ) -> PlanSettings:
        """Validated plan settings; InputError names what is wrong.

        `days` None: every day from an explicit `start` to the onsite, else DEFAULT_DAYS.
        `screens`: the screens still ahead with their dates; every other screen of the pack
        is taken as passed (and a skipped screen too). None leaves screens unstated, as in
        a plan made before stages: every screen ahead, none dated.
        `away`: inclusive ranges, clipped to the plan; one wholly outside it is refused.
        `holiday_country`: a code of the `holidays` package ('' for none); the plan keeps
        the public holidays inside its days.
        """
        validate.choice("seniority", seniority, SENIORITIES)
        validate.choice("pack", pack, self.library.pack_ids())
        content = self.library.pack(pack)
        template = self.library.template(pack, seniority)
        for r in skip_rounds:
            validate.round_id(content, r)
        if onsite <= self.today:
            raise InputError(
                f"the onsite ({onsite.isoformat()}) must be after today ({self.today.isoformat()})"
            )
        if (onsite - self.today).days > MAX_AHEAD_DAYS:
            raise InputError(
                f"the onsite ({onsite.isoformat()}) is more than {MAX_AHEAD_DAYS} days after "
                f"today ({self.today.isoformat()}): plans cover at most a year"
            )
        explicit_start = start is not None
        start = start or self.today
        if onsite <= start:
            raise InputError(
                f"the onsite ({onsite.isoformat()}) must be after the start ({start.isoformat()})"
            )
        if days is None:
            days = (onsite - start).days if explicit_start else DEFAULT_DAYS
        days = validate.whole_number("days", days, 1, MAX_DAYS)
        hours = template.hours_per_day if hours is None else hours
        if not 0 < hours <= 16:
            raise InputError(f"hours per day must be above 0 and at most 16, not {hours:g}")
        if len(set(rest_weekdays)) >= 7:
            raise InputError("every weekday is a rest day: leave at least one day to prepare")
        first = max(start, onsite - dt.timedelta(days=days))
        last = onsite - dt.timedelta(days=1)
        dated, passed = self._screens(content, screens, skip_rounds, first, onsite)
        ahead = set(content.round_ids) - set(skip_rounds) - set(passed)
        if not ahead:
            raise InputError("every round is skipped: keep at least one round to prepare for")
        away_days = calendar.away_days(away, first, last)
        country = calendar.country_code(holiday_country) if holiday_country else ""
        rest = set(rest_weekdays)
        off = set(away_days)
        span = (last - first).days + 1
        if all(
            (first + dt.timedelta(days=n)).weekday() in rest or first + dt.timedelta(days=n) in off
            for n in range(span)
        ):
            raise InputError(
                "every day of the plan is a rest day or an away day: leave at least one day "
                "to prepare"
            )
        return PlanSettings(
            pack=pack,
            seniority=seniority,
            start=start,
            onsite=onsite,
            days=days,
            hours_per_day=float(hours),
            rest_weekdays=tuple(sorted(rest)),
            skip_rounds=tuple(dict.fromkeys(skip_rounds)),
            screens=dated,
            passed_screens=passed,
            away=away_days,
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
                    f"--skip-round {round_id} and --screen {round_id}=..."
                )
        dated = tuple((r, screens[r]) for r in valid if r in screens)
        passed = tuple(r for r in valid if r not in screens)
        return dated, passed

    def _check_screen(
        self, pack: Pack, round_id: str, day: dt.date, first: dt.date, onsite: dt.date
    ) -> None:
        """A screen date must be a screen round's, after today and the plan's first day, and
        before the onsite."""
        valid = pack.screen_rounds
        if round_id not in valid:
            raise InputError(
                f"'{round_id}' is not a screen of this loop (screens: {', '.join(valid) or 'none'})"
            )
        if day <= self.today:
            raise InputError(
                f"the {round_id} screen ({day.isoformat()}) must be after today "
                f"({self.today.isoformat()}); a screen behind you is passed: leave it out"
            )
        if day >= onsite:
            raise InputError(
                f"the {round_id} screen ({day.isoformat()}) must be before the onsite "
                f"({onsite.isoformat()})"
            )
        if day <= first:
            raise InputError(
                f"the {round_id} screen ({day.isoformat()}) is not after the plan's first day "
                f"({first.isoformat()}), so its work cannot come before it: start earlier "
                "with --start today"
            )

    def init_plan(self, settings: PlanSettings, force: bool = False) -> Plan:
        """Build and store a plan; refuses to replace one unless `force`."""
        content = self.library.pack(settings.pack)
        template = self.library.template(settings.pack, settings.seniority)
        from planner.domain.schedule import generate

        new_plan = generate(content, template, settings)
        with self.store.session() as records:
            if records.has_plan() and not force:
                raise InputError(
                    "a plan exists already: pass --force to replace it "
                    "(your mocks, stories, research and practice are kept)"
                )
            records.replace_plan(new_plan)
        return new_plan

    def unreachable(self, plan: Plan | None = None) -> tuple[Unreachable, ...]:
        """Rounds ahead that following the plan cannot get to ready, each with the reason."""
        plan = plan or self.plan()
        settings = plan.settings
        from planner.domain.schedule import unreachable_rounds

        return unreachable_rounds(
            plan,
            self.library.pack(settings.pack),
            self.library.template(settings.pack, settings.seniority),
        )

    def set_screen(self, round_id: str, date: dt.date | None) -> ScreenChange:
        """Give a screen a date (still ahead) or mark it passed (date None), then rebuild the
        plan's future with the new settings; done tasks stay done and where they are.

        From today (or the plan's first day, when later) the plan is generated afresh; a task
        of the fresh plan whose id is already in the plan's past or done is left out, so
        nothing is planned twice. Past tasks stay as they were, except the unfinished ones of
        a screen now passed, which go (done ones stay: they are history). Drills added after
        mocks stay on their days.
        """
        from planner.domain import schedule, stages

        with self.store.session() as records:
            plan = records.plan()
            if plan is None:
                raise NoPlanError()
            old = plan.settings
            pack = self.library.pack(old.pack)
            template = self.library.template(old.pack, old.seniority)
            valid = pack.screen_rounds
            if round_id not in valid:
                raise InputError(
                    f"'{round_id}' is not a screen of this loop "
                    f"(screens: {', '.join(valid) or 'none'})"
                )
            future = max(self.today, plan.start)
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
            if not stages.rounds_ahead(pack, new, self.today):
                raise InputError("every round would be passed or skipped: nothing left to plan")
            fresh = schedule.generate(
                pack, template, replace(new, start=future, days=(old.onsite - future).days)
            )
            behind = set(stages.passed_rounds(pack, new, self.today))
            behind |= set(stages.skipped_rounds(pack, new))

            def gone(task: Task) -> bool:
                return not task.done and bool(task.rounds) and set(task.rounds) <= behind

            kept = [
                t
                for t in plan.tasks
                if t.done or (not gone(t) and (t.day < future or t.kind == "drill"))
            ]
            taken = {t.id for t in kept}
            tasks = [*kept, *(t for t in fresh.tasks if t.id not in taken and not gone(t))]
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

    def today_view(self) -> TodayView:
        """Today's tasks, overdue ones apart, and whether yesterday was missed."""
        plan = self.plan()
        today = self.today
        todays = tuple(t for t in plan.tasks if t.day == today)
        overdue = tuple(t for t in plan.tasks if t.day < today and not t.done)
        yesterday = today - dt.timedelta(days=1)
        missed = any(t.day == yesterday and not t.done for t in plan.tasks)
        day = next((d for d in plan.days if d.date == today), None)
        return TodayView(
            date=today,
            tasks=todays,
            overdue=overdue,
            capacity_minutes=day.capacity_minutes if day else 0,
            planned_minutes=sum(t.minutes for t in todays),
            done_minutes=sum(t.minutes for t in todays if t.done),
            missed_yesterday=missed,
            in_plan=day is not None,
        )

    def set_done(self, task_ids: Sequence[str], done: bool = True) -> list[Task]:
        """Mark tasks done (or not); unknown ids are an error and nothing is written."""
        if not task_ids:
            raise InputError("give at least one task id")
        with self.store.session() as records:
            plan = records.plan()
            if plan is None:
                raise NoPlanError()
            known = {t.id: t for t in plan.tasks}
            unknown = [i for i in task_ids if i not in known]
            if unknown:
                raise InputError(
                    f"unknown task id{'s' if len(unknown) > 1 else ''} "
                    f"{', '.join(unknown)} (see `planner today` or `planner plan`)"
                )
            records.set_done(task_ids, done)
        return [replace(known[i], done=done) for i in task_ids]

    def replan(self) -> ReplanResult:
        """Move unfinished past tasks into free capacity from today on; say what no longer fits."""
        with self.store.session() as records:
            plan = records.plan()
            if plan is None:
                raise NoPlanError()
            settings = plan.settings
            from planner.domain import schedule

            result = schedule.replan(
                plan,
                self.library.pack(settings.pack),
                self.library.template(settings.pack, settings.seniority),
                self.today,
            )
            if result.moved or result.dropped:
                records.replace_tasks(result.plan.tasks)
                records.set_adjustments(result.plan)
        return result

    # -- mocks -----------------------------------------------------------------------------

    def mocks(self, round_id: str | None = None) -> list[Mock]:
        """Logged mocks, oldest first, optionally of one round."""
        if round_id is not None:
            validate.round_id(self.pack(), round_id)
        return [m for m in self.state().mocks if round_id is None or m.round == round_id]

    def mock(self, mock_id: str) -> Mock:
        """One mock by id."""
        for m in self.state().mocks:
            if m.id == mock_id:
                return m
        known = ", ".join(m.id for m in self.state().mocks) or "none logged yet"
        raise InputError(f"unknown mock '{mock_id}' (known: {known})")

    def _mock_fields(
        self,
        round_id: str,
        date: dt.date,
        minutes: object,
        scores: Mapping[str, object],
        partner: str | None,
        question: str | None,
        notes: str | None,
        follow_ups: str | None,
    ) -> dict[str, object]:
        pack = self.pack()
        validate.round_id(pack, round_id)
        if question:
            validate.choice(
                "question",
                question,
                [q.id for q in pack.questions if q.round == round_id]
                or [q.id for q in pack.questions],
            )
        return dict(
            date=date,
            round=round_id,
            minutes=validate.whole_number(
                "minutes", minutes, validate.MIN_MOCK_MINUTES, validate.MAX_MOCK_MINUTES
            ),
            scores=validate.scores(pack, round_id, scores),
            partner=validate.text("partner", partner, limit=200),
            question=question or "",
            notes=validate.text("notes", notes),
            follow_ups=validate.text("follow-ups", follow_ups),
        )

    def add_mock(
        self,
        round_id: str,
        *,
        date: dt.date | None = None,
        minutes: object = 45,
        scores: Mapping[str, object] | None = None,
        partner: str | None = None,
        question: str | None = None,
        notes: str | None = None,
        follow_ups: str | None = None,
    ) -> MockLogged:
        """Log a mock; tick the matching planned mock task; add drills for weak dimensions."""
        day = date or self.today
        if day > self.today:
            raise InputError(f"the mock date {day.isoformat()} is in the future")
        fields = self._mock_fields(
            round_id, day, minutes, scores or {}, partner, question, notes, follow_ups
        )
        with self.store.session() as records:
            plan = records.plan()
            earlier = records.mocks(round_id) if plan is not None else []
            mock = Mock(id=records.next_id("m"), **fields)  # type: ignore[arg-type]
            records.add_mock(mock)
            ticked: str | None = None
            drills: tuple[Task, ...] = ()
            if plan is not None:
                ticked = self._matching_mock_task(plan, mock)
                if ticked:
                    records.set_done([ticked], True)
                drills = self._schedule_drills(records, plan, earlier, mock, ticked)
        return MockLogged(mock, ticked, drills)

    @staticmethod
    def _matching_mock_task(plan: Plan, mock: Mock) -> str | None:
        """The planned timed session (peer mock or solo drill) of the mock's round that the
        mock fulfils: the latest one due by the mock's date, else the next one ahead."""
        own = [
            t
            for t in plan.tasks
            if t.kind in ("mock", "timed") and not t.done and mock.round in t.rounds
        ]
        # With a partner it was a peer mock, alone a solo drill: prefer that kind of task.
        kind = "mock" if mock.partner else "timed"
        due = [t for t in own if t.day <= mock.date]
        if due:
            return max(due, key=lambda t: (t.kind == kind, t.day)).id
        ahead = sorted(own, key=lambda t: (t.kind != kind, t.day))
        return ahead[0].id if ahead else None

    def _schedule_drills(
        self, records: Records, plan: Plan, earlier: list[Mock], mock: Mock, ticked: str | None
    ) -> tuple[Task, ...]:
        """Weakest rubric dimensions of the mock become drills in the next days' free time."""
        if self.today >= plan.settings.onsite - dt.timedelta(days=1):
            return ()
        pack = self.library.pack(plan.settings.pack)
        from planner.domain.stages import rounds_ahead

        if mock.round not in rounds_ahead(pack, plan.settings, self.today):
            return ()  # a screen behind the candidate needs no more drills
        rnd = pack.round(mock.round)
        bar = rnd.readiness.bar
        dims = {d.id: d.name for d in pack.rubric(mock.round).dimensions}
        weak = sorted((s, d) for d, s in mock.scores.items() if s < bar)
        failing_again = bool(earlier) and earlier[-1].average < bar and mock.average < bar
        count = min(MAX_DRILLS_PER_MOCK, len(weak) + (1 if failing_again and weak else 0))
        drills: list[Task] = []
        for n in range(count):
            score, dim = weak[n % len(weak)]
            question = next(
                (q for q in pack.questions if q.round == mock.round and dim in q.dimensions), None
            ) or next((q for q in pack.questions if q.round == mock.round), None)
            name = dims.get(dim, dim)
            title = f"Drill {name.lower()} ({rnd.name})"
            if question is not None:
                title += f" with question {question.id}"
            reason = (
                f"scored {score}/5 on {name.lower()} in mock {mock.id} "
                f"({mock.date.isoformat()}), under the bar of {bar:g}"
            )
            if n >= len(weak):
                reason = f"{rnd.name} missed its bar in two mocks running: one more drill"
            drills.append(
                Task(
                    id=f"drill-{mock.id}-{n + 1}",
                    item=f"drill-{mock.round}",
                    title=title,
                    kind="drill",
                    rounds=(mock.round,),
                    minutes=DRILL_MINUTES,
                    day=self.today,
                    reason=reason,
                )
            )
        if not drills:
            return ()
        current = (
            plan
            if ticked is None
            else replace(
                plan,
                tasks=tuple(replace(t, done=True) if t.id == ticked else t for t in plan.tasks),
            )
        )
        template = self.library.template(plan.settings.pack, plan.settings.seniority)
        from planner.domain import schedule

        result = schedule.replan(
            current, pack, template, self.today, extra=drills, move_overdue=False
        )
        placed = tuple(
            t
            for t in result.plan.tasks
            if t.kind == "drill" and t.id.startswith(f"drill-{mock.id}-")
        )
        records.replace_tasks(result.plan.tasks)
        return placed

    def edit_mock(
        self,
        mock_id: str,
        *,
        round_id: str | None = None,
        date: dt.date | None = None,
        minutes: object = None,
        scores: Mapping[str, object] | None = None,
        partner: str | None = None,
        question: str | None = None,
        notes: str | None = None,
        follow_ups: str | None = None,
    ) -> Mock:
        """Change fields of a logged mock (scores given replace those dimensions)."""
        self.mock(mock_id)  # an unknown id is refused naming the known ones

        def edited(old: Mock) -> Mock:
            new_round = round_id or old.round
            merged_scores: dict[str, object] = {} if new_round != old.round else dict(old.scores)
            merged_scores.update(scores or {})
            day = date or old.date
            if day > self.today:
                raise InputError(f"the mock date {day.isoformat()} is in the future")
            fields = self._mock_fields(
                new_round,
                day,
                old.minutes if minutes is None else minutes,
                merged_scores,
                old.partner if partner is None else partner,
                old.question if question is None else question,
                old.notes if notes is None else notes,
                old.follow_ups if follow_ups is None else follow_ups,
            )
            return Mock(id=old.id, **fields)  # type: ignore[arg-type]

        # Read, change and write under one lock hold: a concurrent delete is never undone.
        with self.store.session() as records:
            return records.update_mock(mock_id, edited)

    def delete_mock(self, mock_id: str) -> Mock:
        """Delete a mock."""
        self.mock(mock_id)  # an unknown id is refused naming the known ones
        with self.store.session() as records:
            return records.delete_mock(mock_id)

    # -- research --------------------------------------------------------------------------

    def research(self) -> list[tuple[ResearchItem, ResearchState]]:
        """Every research item of the pack with its state."""
        states = {s.item: s for s in self.state().research}
        return [(i, states.get(i.id, ResearchState(item=i.id))) for i in self.pack().research]

    def set_research(
        self,
        item_id: str,
        status: str | None = None,
        note: str | None = None,
        source: str | None = None,
    ) -> ResearchState:
        """Set a research item's status, note and (added) source."""
        pack = self.pack()
        validate.choice("research item", item_id, [i.id for i in pack.research])
        if status is not None:
            validate.choice("status", status, RESEARCH_STATUSES)
        note_text = None if note is None else validate.text("note", note)
        source_text = None if source is None else validate.text("source", source, True, 2000)
        with self.store.session() as records:
            current = next(
                (s for s in records.research() if s.item == item_id),
                ResearchState(item=item_id),
            )
            sources = current.sources
            if source_text and source_text not in sources:
                sources = (*sources, source_text)
            new = ResearchState(
                item=item_id,
                status=status or current.status,
                note=current.note if note_text is None else note_text,
                sources=sources,
            )
            records.put_research(new)
        return new

    # -- stories ---------------------------------------------------------------------------

    def story(self, story_id: str) -> Story:
        """One story by id."""
        for s in self.state().stories:
            if s.id == story_id:
                return s
        known = ", ".join(s.id for s in self.state().stories) or "no stories yet"
        raise InputError(f"unknown story '{story_id}' (known: {known})")

    def _competencies(self, values: Iterable[str]) -> tuple[str, ...]:
        valid = [c.id for c in self.pack().competencies]
        return tuple(dict.fromkeys(validate.choice("competency", v, valid) for v in values))

    def add_story(
        self,
        title: str,
        *,
        situation: str | None = None,
        task: str | None = None,
        action: str | None = None,
        result: str | None = None,
        competencies: Sequence[str] = (),
        readiness: str = "draft",
    ) -> Story:
        """Add a story to the bank."""
        validate.choice("readiness", readiness, READINESS_LEVELS)
        fields = dict(
            title=validate.text("title", title, required=True, limit=200),
            situation=validate.text("situation", situation),
            task=validate.text("task", task),
            action=validate.text("action", action),
            result=validate.text("result", result),
            competencies=self._competencies(competencies),
            readiness=readiness,
        )
        with self.store.session() as records:
            story = Story(id=records.next_id("s"), **fields)  # type: ignore[arg-type]
            records.put_story(story)
        return story

    def update_story(
        self,
        story_id: str,
        *,
        title: str | None = None,
        situation: str | None = None,
        task: str | None = None,
        action: str | None = None,
        result: str | None = None,
        competencies: Sequence[str] | None = None,
        readiness: str | None = None,
    ) -> Story:
        """Change a story's fields (None leaves a field as it is)."""
        self.story(story_id)  # an unknown id is refused naming the known ones
        if readiness is not None:
            validate.choice("readiness", readiness, READINESS_LEVELS)

        def edited(old: Story) -> Story:
            return replace(
                old,
                title=old.title if title is None else validate.text("title", title, True, 200),
                situation=old.situation
                if situation is None
                else validate.text("situation", situation),
                task=old.task if task is None else validate.text("task", task),
                action=old.action if action is None else validate.text("action", action),
                result=old.result if result is None else validate.text("result", result),
                competencies=old.competencies
                if competencies is None
                else self._competencies(competencies),
                readiness=old.readiness if readiness is None else readiness,
            )

        # Read, change and write under one lock hold: a concurrent rehearsal is kept.
        with self.store.session() as records:
            return records.update_story(story_id, edited)

    def rehearse_story(self, story_id: str, date: dt.date | None = None) -> Story:
        """Record a rehearsal; an outlined or draft story moves up to rehearsed."""
        self.story(story_id)  # an unknown id is refused naming the known ones
        day = date or self.today
        if day > self.today:
            raise InputError(f"the rehearsal date {day.isoformat()} is in the future")

        def rehearsed(old: Story) -> Story:
            level = old.readiness if old.readiness in ("rehearsed", "ready") else "rehearsed"
            return replace(old, rehearsals=tuple(sorted({*old.rehearsals, day})), readiness=level)

        # Read, change and write under one lock hold: a concurrent edit is kept.
        with self.store.session() as records:
            return records.update_story(story_id, rehearsed)

    def delete_story(self, story_id: str) -> Story:
        """Delete a story."""
        self.story(story_id)  # an unknown id is refused naming the known ones
        with self.store.session() as records:
            return records.delete_story(story_id)

    def lint(self, story: Story) -> list[Finding]:
        """The pack's pitfall findings for a story."""
        from planner.domain.stories import lint

        return lint(story, self.pack().pitfalls)

    def coverage(self) -> list[Coverage]:
        """Each competency with the stories that cover it."""
        from planner.domain.stories import coverage

        return coverage(self.pack().competencies, self.state().stories)

    # -- questions -------------------------------------------------------------------------

    def questions(
        self, round_id: str | None = None, due_only: bool = False
    ) -> list[QuestionStatus]:
        """The question bank with practice state, optionally of one round or only due ones:
        the questions offered to the plan's seniority, for the rounds still ahead (a screen
        behind the candidate needs no more practice)."""
        pack = self.pack()
        if round_id is not None:
            validate.round_id(pack, round_id)
        from planner.domain import practice as practice_mod
        from planner.domain.stages import rounds_ahead

        plan = self.state().plan
        settings = plan.settings if plan else None
        seniority = settings.seniority if settings else None
        ahead = set(rounds_ahead(pack, settings, self.today))
        out = practice_mod.statuses(pack.questions, self.state().reviews, self.today)
        return [
            s
            for s in out
            if (round_id is None or s.question.round == round_id)
            and s.question.round in ahead
            and (seniority is None or s.question.fits(seniority))
            and (not due_only or s.is_due(self.today))
        ]

    def practice(self, question_id: str, rating: str) -> Review:
        """Record a practice of a question; returns the review with its next due day."""
        pack = self.pack()
        validate.choice("question", question_id, [q.id for q in pack.questions])
        validate.choice("rating", rating, ("again", "hard", "good", "easy"))
        with self.store.session() as records:
            from planner.domain import practice as practice_mod

            history = practice_mod.history_of(records.reviews(), question_id)
            review = replace(
                practice_mod.next_review(history, rating, self.today), question=question_id
            )
            records.add_review(review)
        return review

    # -- readiness -------------------------------------------------------------------------

    def readiness(self) -> Readiness:
        """Readiness per round as of today."""
        state = self.state()
        settings = state.plan.settings if state.plan else None
        from planner.domain.readiness import assess

        return assess(self.pack(), self.evidence(state), self.today, settings)
