"""Frozen value types of a content pack and a seniority template: rounds, checklist items,
questions, rubrics, ...

Kept apart from the records (`planner.domain.models`) so that a command which shows only
the user's records (`planner today`) never builds these classes: each frozen dataclass costs
a fraction of a millisecond to create at import, and these are 16 of them. `models`
re-exports every name here, loading this module on first use.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from planner.domain.models import DEFAULT_STRONG_NO_BELOW, SENIORITIES


@dataclass(frozen=True)
class RoundReadiness:
    """Weights and targets the readiness model uses for one round."""

    weights: Mapping[str, float]
    mocks_target: int
    bar: float
    """The bar for a seniority the round does not name."""
    questions_target: int
    bars: Mapping[str, float] = field(default_factory=dict)
    """The bar (a session average on the 1-5 rubric) per seniority."""
    strong_no_below: float = DEFAULT_STRONG_NO_BELOW
    """A full-credit session averaging below this is a Strong No."""
    min_full_sessions: int = 1
    """Full-credit sessions `ready` needs (on top of the estimate at the bar)."""
    after_strong_no: int = 1
    """Full-credit sessions at the bar `ready` needs after the latest Strong No."""
    session_max_age_days: int = 0
    """Sessions older than this many days before today do not count (0: no limit)."""
    story_max_competencies: int = 0
    """How many of the round's competencies one story can cover (0: no limit)."""
    min_stories: int = 0
    """Distinct stories the stories component needs for full credit (0: no minimum)."""

    def bar_for(self, seniority: str | None) -> float:
        """The bar a candidate of this seniority is held to."""
        return self.bars.get(seniority or "", self.bar)

    @property
    def counts_performance(self) -> bool:
        """Whether timed sessions (mocks, drills) count towards this round at all."""
        return self.weights.get("mocks", 0.0) > 0 and self.mocks_target > 0


@dataclass(frozen=True)
class Round:
    """One interview round of a pack."""

    id: str
    name: str
    minutes: int
    probes: tuple[str, ...]
    strong: tuple[str, ...]
    red_flags: tuple[str, ...]
    veto: bool
    """A pass/fail round: one Strong No here vetoes the loop."""
    readiness: RoundReadiness
    stage: str = "onsite"
    """`screen` (before the onsite, may be behind the candidate) or `onsite`."""
    minutes_stated: bool = False
    """Whether the source states the round's length (else `minutes` is a planning block)."""


@dataclass(frozen=True)
class ChecklistItem:
    """One preparation item that the plan turns into sessions."""

    id: str
    title: str
    description: str
    rounds: tuple[str, ...]
    kind: str
    minutes: int
    sessions: int
    priority: int
    min_sessions: int = 1
    per: str | None = None
    depends_on: tuple[str, ...] = ()
    pairs_with: str | None = None
    pair_gap_days: int = 1
    seniority: tuple[str, ...] = SENIORITIES
    after: str = "all"
    """`all`: every session of each dependency comes first; `first`: only their first session;
    a number `N` (as text): their first N sessions."""
    must_have: int = 0
    """Sessions kept before anything else when time is short (rule 7); for a `timed` item,
    the timed sessions of each veto round that are must-haves."""
    repeat_every: int = 0
    """On a long runway, one more (spaced) session every this many days; 0: never repeated."""
    before_timed: bool = False
    """New material: every session comes before the timed sessions of its rounds (all but the
    plan's baseline and a veto round's first one, which show early where the candidate
    stands)."""
    question_types: tuple[str, ...] = ()
    """The question types its sessions work on (each session is linked to one question of
    these types); empty: any type of its rounds."""
    questions: tuple[str, ...] = ()
    """The bank questions its sessions work on (a whiteboard of one prompt); when given, these
    and not `question_types` decide."""
    research: str = ""
    """For a research item: the research tracker item its sessions work on (ticking them
    moves it); empty: none."""

    def needed(self, available: int) -> int:
        """How many of a dependency's `available` sessions must come before this item."""
        if self.after == "first":
            return min(1, available)
        if self.after.isdigit():
            return min(int(self.after), available)
        return available


@dataclass(frozen=True)
class Phase:
    """One stretch of a timed session of a question type: its share of the round's length."""

    name: str
    share: float
    """Fraction of the round's minutes (a type's phases add up to 1)."""
    cue: str
    """What the partner does or listens for in this stretch."""


@dataclass(frozen=True)
class QuestionType:
    """A kind of interview question (case, metrics, behavioural, ...): data in questions.toml."""

    id: str
    name: str
    description: str
    phases: tuple[Phase, ...]
    seniority: tuple[str, ...] = SENIORITIES
    """The seniorities its questions may be offered to (people management: senior only)."""


@dataclass(frozen=True)
class Question:
    """A practice question from the pack's bank."""

    id: str
    round: str
    prompt: str
    framework: str
    hints: tuple[str, ...]
    dimensions: tuple[str, ...] = ()
    type: str = ""
    """A question type id of the pack (`case`, `metrics`, `behavioural`, ...)."""
    seniority: tuple[str, ...] = SENIORITIES
    """The seniorities it is offered to; a senior-only prompt never reaches an early plan."""
    follow_ups: tuple[str, ...] = ()
    """What a mock partner asks next (3-5)."""
    strong_points: tuple[str, ...] = ()
    """What a strong answer covers (3-5)."""

    def fits(self, seniority: str | None) -> bool:
        """Whether it may be offered to a candidate of this seniority.

        Without a seniority (no plan yet), only questions open to every seniority fit.
        """
        if seniority is None:
            return set(SENIORITIES) <= set(self.seniority)
        return seniority in self.seniority


@dataclass(frozen=True)
class ResearchItem:
    """A company-research item the candidate works through."""

    id: str
    title: str
    description: str
    rounds: tuple[str, ...]
    minutes: int
    suggested_sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Competency:
    """A behavioural competency that stories cover."""

    id: str
    name: str
    description: str
    rounds: tuple[str, ...]
    prompt: str = ""


@dataclass(frozen=True)
class RubricDimension:
    """One 1-5 scoring dimension of a round, with its anchors."""

    id: str
    name: str
    anchors: Mapping[int, str]
    knockout_at: int = 0
    """A score at or under this on this dimension makes a full session a Strong No, whatever
    its average (0: none): the answer the source says ends the loop on its own."""


@dataclass(frozen=True)
class Rubric:
    """The scoring dimensions of one round."""

    round: str
    dimensions: tuple[RubricDimension, ...]


@dataclass(frozen=True)
class LintRule:
    """A story-lint rule from the pack's pitfalls."""

    id: str
    field: str
    check: str
    message: str
    fix: str
    pattern: str = ""
    unless: str = ""
    words: int = 0
    blocking: bool = False
    """A story with a blocking finding covers no competency until it is fixed."""
    blocks: tuple[str, ...] = ()
    """Competencies a finding of this rule keeps the story from covering (elsewhere it is a
    warning): a story with no learner in it cannot show serving learners."""


@dataclass(frozen=True)
class Fact:
    """A number worth knowing (pack.toml `[[facts]]`), or a figure from a sample answer.

    Examples (`[[examples]]`) illustrate what a strong answer quotes; they are never
    company facts and are shown apart from them.
    """

    label: str
    value: str
    detail: str = ""
    rounds: tuple[str, ...] = ()
    example: bool = False
    """True for a figure taken from a sample answer, not a fact about the company."""
    source: str = ""
    """Where an example comes from, e.g. `sample STAR answer`."""


@dataclass(frozen=True)
class FaqEntry:
    """A frequently asked question with its answer."""

    question: str
    answer: str


@dataclass(frozen=True)
class Pack:
    """A whole content pack: one company's loop."""

    id: str
    company: str
    role: str
    summary: str
    timeline: str
    debrief: str
    round_weights: Mapping[str, float]
    facts: tuple[Fact, ...]
    faq: tuple[FaqEntry, ...]
    rounds: tuple[Round, ...]
    checklist: tuple[ChecklistItem, ...]
    questions: tuple[Question, ...]
    research: tuple[ResearchItem, ...]
    competencies: tuple[Competency, ...]
    rubrics: tuple[Rubric, ...]
    pitfalls: tuple[LintRule, ...]
    examples: tuple[Fact, ...] = ()
    """Figures from sample answers (each `example=True`), kept apart from `facts`."""
    question_types: tuple[QuestionType, ...] = ()
    """The kinds of question in the bank, in questions.toml order."""
    seniority_advice: Mapping[str, str] = field(default_factory=dict)
    """One line of advice per seniority id, from pack.toml `[seniority_advice]`."""

    @property
    def round_ids(self) -> tuple[str, ...]:
        """Round ids in loop order."""
        return tuple(r.id for r in self.rounds)

    @property
    def veto_rounds(self) -> tuple[str, ...]:
        """The pass/fail rounds (rounds.toml `veto = true`), in loop order."""
        return tuple(r.id for r in self.rounds if r.veto)

    @property
    def screen_rounds(self) -> tuple[str, ...]:
        """The rounds that come before the onsite (stage `screen`), in loop order."""
        return tuple(r.id for r in self.rounds if r.stage == "screen")

    def round(self, round_id: str) -> Round:
        """The round with this id."""
        for r in self.rounds:
            if r.id == round_id:
                return r
        raise KeyError(round_id)

    def rubric(self, round_id: str) -> Rubric:
        """The rubric of this round (empty when the pack has none)."""
        for rubric in self.rubrics:
            if rubric.round == round_id:
                return rubric
        return Rubric(round=round_id, dimensions=())

    def item(self, item_id: str) -> ChecklistItem:
        """The checklist item with this id."""
        for item in self.checklist:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def question(self, question_id: str) -> Question:
        """The question with this id."""
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def question_type(self, type_id: str) -> QuestionType:
        """The question type with this id."""
        for t in self.question_types:
            if t.id == type_id:
                return t
        raise KeyError(type_id)

    @property
    def question_type_ids(self) -> tuple[str, ...]:
        """Question type ids in questions.toml order."""
        return tuple(t.id for t in self.question_types)


@dataclass(frozen=True)
class ItemOverride:
    """A seniority template's adjustment of one checklist item."""

    sessions: int | None = None
    minutes: int | None = None
    priority: int | None = None
    skip: bool = False


@dataclass(frozen=True)
class Template:
    """A seniority plan template (plans/<id>.toml)."""

    id: str
    name: str
    years: str
    summary: str
    hours_per_day: float
    stories: int
    mocks: int
    slack: float
    round_emphasis: Mapping[str, float]
    kind_window: Mapping[str, tuple[float, float]]
    items: Mapping[str, ItemOverride] = field(default_factory=dict)
    rest_weekdays: tuple[int, ...] = ()
    """Default rest days (Monday is 0), unless a flag or the settings file says otherwise."""
