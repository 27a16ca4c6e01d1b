"""Frozen value types shared by the domain: the plan and the tracker records.

The content types (a pack's rounds, checklist, questions, ...; a seniority template) live in
`planner.domain.content` and are re-exported here, loaded on first use: the records are all
`planner today` builds, and creating the 16 content classes was a third of its start-up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

__all__ = [  # the content types re-exported too
    "COMPONENTS",
    "DEFAULT_STRONG_NO_BELOW",
    "KINDS",
    "RATINGS",
    "READINESS_LEVELS",
    "RESEARCH_STATUSES",
    "SENIORITIES",
    "STAGES",
    "Adjustment",
    "ChecklistItem",
    "Competency",
    "Day",
    "Fact",
    "FaqEntry",
    "ItemOverride",
    "LintRule",
    "Mock",
    "Pack",
    "Phase",
    "Plan",
    "PlanSettings",
    "Question",
    "QuestionType",
    "ResearchItem",
    "ResearchState",
    "Review",
    "Round",
    "RoundReadiness",
    "Rubric",
    "RubricDimension",
    "State",
    "Story",
    "Task",
    "Template",
]

SENIORITIES = ("early", "mid", "senior", "transition")
KINDS = ("study", "practice", "research", "story", "mock", "timed", "review", "drill")
"""`mock`: a timed mock with a peer; `timed`: a solo timed drill scored on the round's rubric."""
TIMED_KINDS = ("mock", "timed")
"""Task kinds that are a timed session of one round: a peer mock, a solo timed drill."""
STAGES = ("screen", "onsite")
DEFAULT_STRONG_NO_BELOW = 2.0
READINESS_LEVELS = ("draft", "outlined", "rehearsed", "ready")
RESEARCH_STATUSES = ("todo", "doing", "done")
OWN_RESEARCH_PREFIX = "my-"
"""Ids of the research items a candidate adds (`my-1`); a pack's item id never starts so."""


def is_own_research(item_id: str) -> bool:
    """Whether a research item id names one the candidate added (not a pack item)."""
    return item_id.startswith(OWN_RESEARCH_PREFIX)


RATINGS = ("again", "hard", "good", "easy")
COMPONENTS = ("tasks", "mocks", "stories", "research", "questions")

# Not `typing.TYPE_CHECKING`: the records are imported before anything needs typing.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from planner.domain.content import (
        ChecklistItem,
        Competency,
        Fact,
        FaqEntry,
        ItemOverride,
        LintRule,
        Pack,
        Phase,
        Question,
        QuestionType,
        ResearchItem,
        Round,
        RoundReadiness,
        Rubric,
        RubricDimension,
        Template,
    )


class _Record:
    """Equality, hashing and repr of a record, from its fields as `dataclass` would make them
    (same results), but written once here: `dataclass` compiles each generated method of each
    class at import, and these three were half of the records' share of `planner today`."""

    __slots__ = ()
    __match_args__: tuple[str, ...]
    """Every field, in order (set by `dataclass`; records have no keyword-only field)."""

    def _values(self) -> tuple[object, ...]:
        return tuple([getattr(self, name) for name in self.__match_args__])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values() == other._values()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__match_args__)
        return f"{self.__class__.__qualname__}({fields})"


@dataclass(frozen=True, eq=False, repr=False)
class Task(_Record):
    """One scheduled session of a checklist item on one day."""

    id: str
    item: str
    title: str
    kind: str
    rounds: tuple[str, ...]
    minutes: int
    day: dt.date
    done: bool = False
    reason: str = ""
    question: str = ""
    """The bank question the session works on ('' when none: study, research, story work)."""
    done_on: dt.date | None = None
    """The day it was ticked (None when not done, or ticked before the planner kept it)."""


@dataclass(frozen=True, eq=False, repr=False)
class Day(_Record):
    """One day of the plan with its capacity."""

    date: dt.date
    rest: bool
    capacity_minutes: int


@dataclass(frozen=True, eq=False, repr=False)
class PlanSettings(_Record):
    """What the candidate chose when building the plan."""

    pack: str
    seniority: str
    start: dt.date
    onsite: dt.date
    days: int
    hours_per_day: float
    rest_weekdays: tuple[int, ...] = ()
    skip_rounds: tuple[str, ...] = ()
    screens: tuple[tuple[str, dt.date], ...] = ()
    """Screens still ahead, each with its date: their work is planned before that date."""
    passed_screens: tuple[str, ...] = ()
    """Screens behind the candidate: no tasks, not in readiness. A plan made before stages
    existed has neither these nor `screens`, and treats every screen as ahead."""
    away: tuple[dt.date, ...] = ()
    """Days the candidate cannot work (travel, a crunch): no capacity."""
    holidays: tuple[dt.date, ...] = ()
    """Public holidays of `holiday_country` within the plan: no peer mock on them."""
    holiday_country: str = ""

    def screen_date(self, round_id: str) -> dt.date | None:
        """The date of a screen still ahead, None when it has none."""
        return dict(self.screens).get(round_id)


@dataclass(frozen=True, eq=False, repr=False)
class Adjustment(_Record):
    """Work the plan dropped, shortened or could not place, said plainly."""

    item: str
    kind: str
    """One of `dropped`, `shortened`, `unplaced`."""
    detail: str


@dataclass(frozen=True, eq=False, repr=False)
class Plan(_Record):
    """A generated plan: its days, tasks and what did not fit."""

    settings: PlanSettings
    days: tuple[Day, ...]
    tasks: tuple[Task, ...]
    adjustments: tuple[Adjustment, ...] = ()

    @property
    def start(self) -> dt.date:
        """First day of the plan."""
        return self.days[0].date if self.days else self.settings.onsite

    def tasks_on(self, day: dt.date) -> list[Task]:
        """The tasks scheduled on one day, in plan order."""
        return [t for t in self.tasks if t.day == day]

    def task(self, task_id: str) -> Task:
        """The task with this id."""
        for t in self.tasks:
            if t.id == task_id:
                return t
        raise KeyError(task_id)


@dataclass(frozen=True, eq=False, repr=False)
class Mock(_Record):
    """A logged mock interview."""

    id: str
    date: dt.date
    round: str
    minutes: int
    scores: Mapping[str, int]
    partner: str = ""
    question: str = ""
    notes: str = ""
    follow_ups: str = ""

    @cached_property
    def average(self) -> float:
        """Mean rubric score, 0 when nothing was scored (computed once per mock)."""
        if not self.scores:
            return 0.0
        return round(sum(self.scores.values()) / len(self.scores), 2)


@dataclass(frozen=True, eq=False, repr=False)
class ResearchState(_Record):
    """The candidate's progress on one research item."""

    item: str
    status: str = "todo"
    note: str = ""
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False, repr=False)
class OwnResearch(_Record):
    """A research item the candidate added (not from the pack), with its progress.

    Tracked like the pack's items (todo, doing, done, a note, sources) under the rounds it
    serves; readiness lists it but scores on the pack's checklist only (see readiness.py).
    """

    id: str
    title: str
    rounds: tuple[str, ...]
    created: dt.date
    status: str = "todo"
    note: str = ""
    sources: tuple[str, ...] = ()

    @property
    def item(self) -> ResearchItem:
        """As a research item, for the lists that show pack items and own items alike."""
        from planner.domain.content import ResearchItem

        return ResearchItem(
            id=self.id,
            title=self.title,
            description="Your own research item (added by you, not from the pack).",
            rounds=self.rounds,
            minutes=OWN_RESEARCH_MINUTES,
        )

    @property
    def state(self) -> ResearchState:
        """Its status, note and sources."""
        return ResearchState(self.id, self.status, self.note, self.sources)


OWN_RESEARCH_MINUTES = 30
"""What a next action assumes an own item takes (the pack's default for its items)."""


@dataclass(frozen=True, eq=False, repr=False)
class Story(_Record):
    """A STAR story in the candidate's bank."""

    id: str
    title: str
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""
    competencies: tuple[str, ...] = ()
    readiness: str = "draft"
    rehearsals: tuple[dt.date, ...] = ()


@dataclass(frozen=True, eq=False, repr=False)
class Review(_Record):
    """One practice of a question with its rating and the next due day."""

    question: str
    reviewed: dt.date
    rating: str
    due: dt.date


@dataclass(frozen=True, eq=False, repr=False)
class State(_Record):
    """Everything the user has: the plan (if any) and the trackers' records."""

    plan: Plan | None
    mocks: tuple[Mock, ...] = ()
    research: tuple[ResearchState, ...] = ()
    stories: tuple[Story, ...] = ()
    reviews: tuple[Review, ...] = ()
    damaged: tuple[str, ...] = ()
    """Records that could not be read; they stay on disk untouched."""
    own_research: tuple[OwnResearch, ...] = ()
    """Research items the candidate added, oldest first."""


_CONTENT_TYPES = frozenset(
    (
        "RoundReadiness",
        "Round",
        "ChecklistItem",
        "Phase",
        "QuestionType",
        "Question",
        "ResearchItem",
        "Competency",
        "RubricDimension",
        "Rubric",
        "LintRule",
        "Fact",
        "FaqEntry",
        "Pack",
        "ItemOverride",
        "Template",
    )
)


# Hidden from mypy, which would otherwise type any misspelt name imported from here as
# `object`; it sees the names through the TYPE_CHECKING import above.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        """The content types, from `planner.domain.content` (imported on first use)."""
        if name in _CONTENT_TYPES:
            from planner.domain import content

            return getattr(content, name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
