"""What a user asks the service for, field by field, and every default in one place.

The command line, the TUI's forms and the service share these dataclasses: a front end
fills one from flags or fields, the service validates it and raises InputError naming the
field (the dataclass field's name) that is wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planner.domain.models import Mock, Story

DEFAULT_PACK = "coursera-pm"
"""The pack a plan uses when the user names none."""
DEFAULT_DAYS = 30
"""How many days a plan covers, ending the day before the onsite."""
MAX_DAYS = 3650
MAX_AHEAD_DAYS = 365
"""The onsite is at most this many days after today."""
DEFAULT_MOCK_MINUTES = 45
"""The length of a mock interview when the user gives none (a typical round)."""
MIN_MOCK_MINUTES = 1
MAX_MOCK_MINUTES = 600
PARTNER_LIMIT = 200
"""The longest partner name."""
TITLE_LIMIT = 200
"""The longest story title."""
SOURCE_LIMIT = 2000
"""The longest research source (a URL, usually)."""
DEFAULT_READINESS = "draft"
"""A new story's readiness."""


@dataclass(frozen=True)
class PlanInput:
    """The choices a plan is built from (`planner init`, the onboarding form).

    `days` None: every day from an explicit `start` to the onsite, else DEFAULT_DAYS.
    `hours` None: the seniority template's. `screens`: the screens still ahead with their
    dates, every other screen of the pack taken as passed; None leaves them unstated, as in
    a plan made before stages (every screen ahead, none dated). `away`: inclusive ranges.
    `holiday_country`: a code of the `holidays` package ('' for none).
    """

    seniority: str
    onsite: dt.date
    start: dt.date | None = None
    days: int | str | None = None
    hours: float | None = None
    rest_weekdays: Sequence[int] = ()
    pack: str = DEFAULT_PACK
    skip_rounds: Sequence[str] = ()
    screens: Mapping[str, dt.date] | None = None
    away: Sequence[tuple[dt.date, dt.date]] = ()
    holiday_country: str = ""


@dataclass(frozen=True)
class MockInput:
    """A mock as typed: text for numbers is fine, the service checks and converts it.

    `date` None means today; `scores` maps rubric dimension ids of the round to 1-5.
    """

    round: str
    date: dt.date | None = None
    minutes: int | str = DEFAULT_MOCK_MINUTES
    scores: Mapping[str, int | str] = field(default_factory=dict)
    partner: str = ""
    question: str = ""
    notes: str = ""
    follow_ups: str = ""

    @classmethod
    def of(cls, mock: Mock) -> MockInput:
        """The input that gives a logged mock again (what an edit form starts from)."""
        return cls(
            round=mock.round,
            date=mock.date,
            minutes=mock.minutes,
            scores=dict(mock.scores),
            partner=mock.partner,
            question=mock.question,
            notes=mock.notes,
            follow_ups=mock.follow_ups,
        )


@dataclass(frozen=True)
class MockChange:
    """Fields of a logged mock to change; None leaves a field as it is.

    Scores given replace those dimensions; a new round starts its scores afresh.
    """

    round: str | None = None
    date: dt.date | None = None
    minutes: int | str | None = None
    scores: Mapping[str, int | str] = field(default_factory=dict)
    partner: str | None = None
    question: str | None = None
    notes: str | None = None
    follow_ups: str | None = None
    whole_scores: bool = False
    """True: `scores` is the whole new set (a dimension left out is cleared), as a form
    that shows every score sends it; False: they replace only the dimensions given."""

    @classmethod
    def to(cls, mock: MockInput) -> MockChange:
        """The change that makes a mock what this input says (every field given)."""
        return cls(
            round=mock.round,
            date=mock.date,
            minutes=mock.minutes,
            scores=mock.scores,
            partner=mock.partner,
            question=mock.question,
            notes=mock.notes,
            follow_ups=mock.follow_ups,
            whole_scores=True,
        )


@dataclass(frozen=True)
class StoryInput:
    """A STAR story as typed."""

    title: str
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""
    competencies: Sequence[str] = ()
    readiness: str = DEFAULT_READINESS

    @classmethod
    def of(cls, story: Story) -> StoryInput:
        """The input that gives a stored story again (what the editor starts from)."""
        return cls(
            title=story.title,
            situation=story.situation,
            task=story.task,
            action=story.action,
            result=story.result,
            competencies=story.competencies,
            readiness=story.readiness,
        )


@dataclass(frozen=True)
class StoryChange:
    """Fields of a story to change; None leaves a field as it is."""

    title: str | None = None
    situation: str | None = None
    task: str | None = None
    action: str | None = None
    result: str | None = None
    competencies: Sequence[str] | None = None
    readiness: str | None = None

    @classmethod
    def to(cls, story: StoryInput) -> StoryChange:
        """The change that makes a story what this input says (every field given)."""
        return cls(
            title=story.title,
            situation=story.situation,
            task=story.task,
            action=story.action,
            result=story.result,
            competencies=story.competencies,
            readiness=story.readiness,
        )


@dataclass(frozen=True)
class OwnResearchInput:
    """A research item the candidate adds: a title, the rounds it serves (at least one, each
    still ahead), and optionally a note and sources."""

    title: str
    rounds: Sequence[str]
    note: str = ""
    sources: Sequence[str] = ()


@dataclass(frozen=True)
class OwnResearchChange:
    """An own research item's new title or rounds (the rounds replace the old ones); None
    leaves each as it is. Status, note and sources change through `ResearchChange`."""

    title: str | None = None
    rounds: Sequence[str] | None = None


@dataclass(frozen=True)
class ResearchChange:
    """A research item's new status, note, and a source to add; None leaves each as it is."""

    status: str | None = None
    note: str | None = None
    source: str | None = None
