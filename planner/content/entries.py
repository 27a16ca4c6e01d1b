"""Each entry of a content pack, built from its TOML table and checked field by field."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from planner.content.reader import Reader, entries
from planner.domain.models import (
    COMPONENTS,
    DEFAULT_STRONG_NO_BELOW,
    KINDS,
    SENIORITIES,
    STAGES,
    ChecklistItem,
    Competency,
    Fact,
    FaqEntry,
    LintRule,
    Phase,
    Question,
    QuestionType,
    ResearchItem,
    Round,
    RoundReadiness,
    Rubric,
    RubricDimension,
)

LINT_FIELDS = ("situation", "task", "action", "result", "all")
LINT_CHECKS = ("empty", "lacks", "contains", "min_words", "max_words")


def round_entry(r: Reader) -> Round:
    """A round of rounds.toml with its readiness weights and bars."""
    readiness = r.table("readiness")
    rr = Reader(r.problems, r.file, r.entry, readiness)
    weights_raw = rr.table("weights")
    weights: dict[str, float] = {}
    for key, value in weights_raw.items():
        if key not in COMPONENTS:
            rr.fail(
                "readiness.weights", f"unknown component '{key}' (valid: {', '.join(COMPONENTS)})"
            )
        elif isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            rr.fail(f"readiness.weights.{key}", f"must be a number >= 0, not {value!r}")
        else:
            weights[key] = float(value)
    if readiness and not any(weights.values()):
        rr.fail("readiness.weights", "must give at least one component a weight above 0")
    bar, bars = _bars(rr)
    stage = r.text("stage", "onsite", required=False)
    if stage not in STAGES:
        r.fail("stage", f"unknown stage '{stage}' (valid: {', '.join(STAGES)})")
    strong_no = rr.number("strong_no_below", DEFAULT_STRONG_NO_BELOW, required=False, low=1, high=5)
    if strong_no > min((bar, *bars.values())):
        rr.fail("readiness.strong_no_below", "must not be above the round's bars")
    return Round(
        id=r.ident(),
        name=r.text("name"),
        minutes=r.integer("minutes", 45, low=5, high=480),
        probes=r.texts("probes"),
        strong=r.texts("strong"),
        red_flags=r.texts("red_flags"),
        veto=r.boolean("veto"),
        readiness=RoundReadiness(
            weights=weights,
            mocks_target=rr.integer("mocks_target", 1, low=0, high=20),
            bar=bar,
            questions_target=rr.integer("questions_target", 3, low=0, high=100),
            bars=bars,
            strong_no_below=strong_no,
            min_full_sessions=rr.integer("min_full_sessions", 1, required=False, low=1, high=20),
            after_strong_no=rr.integer("after_strong_no", 1, required=False, low=1, high=20),
            session_max_age_days=rr.integer(
                "session_max_age_days", 0, required=False, low=0, high=3650
            ),
            story_max_competencies=rr.integer(
                "story_max_competencies", 0, required=False, low=0, high=100
            ),
            min_stories=rr.integer("min_stories", 0, required=False, low=0, high=100),
        ),
        stage=stage,
        minutes_stated=r.boolean("minutes_stated"),
    )


def _bars(rr: Reader) -> tuple[float, dict[str, float]]:
    """`bar = 3.5` (every seniority) or `bar = { early = 3.25, mid = 3.5, ... }`.

    With a table, every seniority must be named; the fallback bar is the `mid` one.
    """
    raw = rr.data.get("bar", 3.5)
    if not isinstance(raw, dict):
        return rr.number("bar", 3.5, low=1, high=5), {}
    bars: dict[str, float] = {}
    for key, value in raw.items():
        if key not in SENIORITIES:
            rr.fail("readiness.bar", f"unknown seniority '{key}' (valid: {', '.join(SENIORITIES)})")
        elif isinstance(value, bool) or not isinstance(value, int | float) or not 1 <= value <= 5:
            rr.fail(f"readiness.bar.{key}", f"must be a number from 1 to 5, not {value!r}")
        else:
            bars[key] = float(value)
    missing = [s for s in SENIORITIES if s not in raw]
    if missing:
        rr.fail("readiness.bar", f"no bar for {', '.join(missing)}")
    return bars.get("mid", 3.5), bars


def checklist_item(r: Reader) -> ChecklistItem:
    """A checklist item of checklist.toml."""
    kind = r.text("kind")
    if kind and kind not in KINDS:
        r.fail("kind", f"unknown kind '{kind}' (valid: {', '.join(KINDS)})")
    per = r.text("per", required=False) or None
    if per not in (None, "story", "mock"):
        r.fail("per", f"must be 'story' or 'mock', not '{per}'")
    sessions = r.integer("sessions", 1, low=1, high=60)
    seniority = r.texts("seniority", required=False) or SENIORITIES
    for s in seniority:
        if s not in SENIORITIES:
            r.fail("seniority", f"unknown seniority '{s}' (valid: {', '.join(SENIORITIES)})")
    return ChecklistItem(
        id=r.ident(),
        title=r.text("title"),
        description=r.text("description"),
        rounds=r.texts("rounds"),
        kind=kind,
        minutes=r.integer("minutes", 30, low=5, high=480),
        sessions=sessions,
        min_sessions=r.integer("min_sessions", 1, required=False, low=1, high=60),
        per=per,
        depends_on=r.texts("depends_on", required=False),
        pairs_with=r.text("pairs_with", required=False) or None,
        pair_gap_days=r.integer("pair_gap_days", 1, required=False, low=1, high=30),
        priority=r.integer("priority", 3, low=1, high=5),
        seniority=seniority,
        after=_after(r),
        must_have=r.integer("must_have", 0, required=False, low=0, high=60),
        repeat_every=r.integer("repeat_every", 0, required=False, low=0, high=365),
        before_timed=r.boolean("before_timed"),
        question_types=r.texts("question_types", required=False),
        questions=r.texts("questions", required=False),
        research=r.text("research", required=False),
    )


def _after(r: Reader) -> str:
    """`after = "all"`, `"first"`, or a number N: the first N sessions of each dependency."""
    raw = r.data.get("after", "all")
    if isinstance(raw, int) and not isinstance(raw, bool):
        if raw < 1:
            r.fail("after", f"must be 'all', 'first' or a number of sessions >= 1, not {raw}")
            return "all"
        return str(raw)
    value = r.text("after", "all", required=False) or "all"
    if value not in ("all", "first"):
        r.fail("after", f"must be 'all', 'first' or a number of sessions, not '{value}'")
    return value


FOLLOW_UPS = (3, 5)
"""How many follow-ups, and how many strong-answer points, a question lists (at least, at most)."""
PHASE_TOTAL_TOLERANCE = 0.001


def _bounded_texts(r: Reader, name: str, low: int, high: int) -> tuple[str, ...]:
    """A required list of non-blank texts holding `low` to `high` items."""
    values = r.texts(name)
    if values and not low <= len(values) <= high:
        r.fail(name, f"must hold {low} to {high} items, not {len(values)}")
    if any(not v.strip() for v in values):
        r.fail(name, "must not hold blank items")
    return values


def _seniorities(r: Reader, allowed: tuple[str, ...] = SENIORITIES) -> tuple[str, ...] | None:
    """An optional `seniority` list: None when left out (the default applies)."""
    if "seniority" not in r.data:
        return None
    values = r.texts("seniority")
    for s in values:
        if s not in SENIORITIES:
            r.fail("seniority", f"unknown seniority '{s}' (valid: {', '.join(SENIORITIES)})")
        elif s not in allowed:
            r.fail(
                "seniority",
                f"'{s}' is not offered this type of question (its type is for: "
                f"{', '.join(allowed)})",
            )
    if len(set(values)) != len(values):
        r.fail("seniority", "names a seniority twice")
    return tuple(s for s in SENIORITIES if s in values)


def question_type(r: Reader) -> QuestionType:
    """A question type of questions.toml (`[[types]]`) with phases whose shares add up to 1."""
    phases: list[Phase] = []
    raw = r.data.get("phases")
    if not isinstance(raw, list) or len(raw) < 2:
        r.fail("phases", "must be an array of at least two tables")
        raw = []
    for index, entry in enumerate(raw):
        if not isinstance(entry, dict):
            r.fail(f"phases[{index}]", "must be a table")
            continue
        pr = Reader(r.problems, r.file, f"{r.entry}.phases[{index}]", entry)
        share = pr.number("share", 0.0, low=0.01, high=1.0)
        phases.append(Phase(name=pr.text("name"), share=share, cue=pr.text("cue")))
    total = sum(p.share for p in phases)
    if phases and abs(total - 1.0) > PHASE_TOTAL_TOLERANCE:
        r.fail("phases", f"shares must add up to 1, not {total:g}")
    return QuestionType(
        id=r.ident(),
        name=r.text("name"),
        description=r.text("description"),
        phases=tuple(phases),
        seniority=_seniorities(r) or SENIORITIES,
    )


def question_builder(types: Mapping[str, QuestionType]) -> Callable[[Reader], Question]:
    """Builds a practice question of questions.toml, checking its type and that its
    seniorities fit the type's."""

    def build(r: Reader) -> Question:
        type_id = r.text("type")
        qtype = types.get(type_id)
        if type_id and qtype is None:
            r.fail("type", f"unknown question type '{type_id}' (valid: {', '.join(types)})")
        allowed = qtype.seniority if qtype else SENIORITIES
        return Question(
            id=r.ident(),
            round=r.text("round"),
            prompt=r.text("prompt"),
            framework=r.text("framework"),
            hints=r.texts("hints"),
            dimensions=r.texts("dimensions"),
            type=type_id,
            seniority=_seniorities(r, allowed) or allowed,
            follow_ups=_bounded_texts(r, "follow_ups", *FOLLOW_UPS),
            strong_points=_bounded_texts(r, "strong_points", *FOLLOW_UPS),
        )

    return build


def research_item(r: Reader) -> ResearchItem:
    """A research item of research.toml."""
    return ResearchItem(
        id=r.ident(),
        title=r.text("title"),
        description=r.text("description"),
        rounds=r.texts("rounds"),
        minutes=r.integer("minutes", 30, required=False, low=5, high=480),
        suggested_sources=r.texts("suggested_sources", required=False),
    )


def competency(r: Reader) -> Competency:
    """A story competency of competencies.toml."""
    return Competency(
        id=r.ident(),
        name=r.text("name"),
        description=r.text("description"),
        rounds=r.texts("rounds"),
        prompt=r.text("prompt", required=False),
    )


def rubric(r: Reader) -> Rubric:
    """A round's rubric of rubrics.toml with its 1-6 dimensions."""
    round_id = r.text("round")
    dims = entries(r.data, "dimensions", r.file, r.problems, _dimension)
    if dims and not 1 <= len(dims) <= 6:
        r.fail("dimensions", f"must hold 1 to 6 dimensions, not {len(dims)}")
    return Rubric(round=round_id, dimensions=dims)


def _dimension(r: Reader) -> RubricDimension:
    anchors_raw = r.table("anchors")
    anchors: dict[int, str] = {}
    for key, value in anchors_raw.items():
        if key not in {"1", "2", "3", "4", "5"}:
            r.fail("anchors", f"keys must be scores 1-5, not '{key}'")
        elif not isinstance(value, str) or not value.strip():
            r.fail(f"anchors.{key}", "must be non-blank text")
        else:
            anchors[int(key)] = value
    for needed in (1, 3, 5):
        if anchors_raw and needed not in anchors:
            r.fail("anchors", f"must describe a score of {needed}")
    return RubricDimension(
        id=r.ident(),
        name=r.text("name"),
        anchors=anchors,
        knockout_at=r.integer("knockout_at", 0, required=False, low=0, high=4),
    )


def lint_rule(r: Reader) -> LintRule:
    """A story lint rule of pitfalls.toml (its regular expressions compiled to check them)."""
    field = r.text("field")
    if field and field not in LINT_FIELDS:
        r.fail("field", f"unknown field '{field}' (valid: {', '.join(LINT_FIELDS)})")
    check = r.text("check")
    if check and check not in LINT_CHECKS:
        r.fail("check", f"unknown check '{check}' (valid: {', '.join(LINT_CHECKS)})")
    pattern = r.text("pattern", required=check in ("lacks", "contains"))
    unless = r.text("unless", required=False)
    for name, regex in (("pattern", pattern), ("unless", unless)):
        if regex:
            try:
                re.compile(regex)
            except re.error as exc:
                r.fail(name, f"is not a valid regular expression: {exc}")
    return LintRule(
        id=r.ident(),
        field=field,
        check=check,
        message=r.text("message"),
        fix=r.text("fix"),
        pattern=pattern,
        unless=unless,
        words=r.integer("words", 0, required=check in ("min_words", "max_words"), low=0, high=1000),
        blocking=r.boolean("blocking"),
        blocks=r.texts("blocks", required=False),
    )


def fact(r: Reader) -> Fact:
    """A company fact of pack.toml."""
    if "example" in r.data:
        r.fail("example", "a figure from a sample answer goes in [[examples]], not [[facts]]")
    return Fact(
        label=r.text("label"),
        value=r.text("value"),
        detail=r.text("detail", required=False),
        rounds=r.texts("rounds", required=False),
    )


def example(r: Reader) -> Fact:
    """A figure from a sample answer: shown as an example, never as a company fact."""
    return Fact(
        label=r.text("label"),
        value=r.text("value"),
        detail=r.text("detail", required=False),
        rounds=r.texts("rounds", required=False),
        example=True,
        source=r.text("source"),
    )


def seniority_advice(head: Reader) -> dict[str, str]:
    """`[seniority_advice]`: optional; when present, one non-blank line per seniority."""
    if "seniority_advice" not in head.data:
        return {}
    raw = head.table("seniority_advice")
    advice: dict[str, str] = {}
    for key, value in raw.items():
        if key not in SENIORITIES:
            head.fail(
                "seniority_advice",
                f"unknown seniority '{key}' (valid: {', '.join(SENIORITIES)})",
            )
        elif not isinstance(value, str) or not value.strip():
            head.fail(f"seniority_advice.{key}", "must be non-blank text")
        else:
            advice[key] = value
    missing = [s for s in SENIORITIES if s not in raw]
    if raw and missing:
        head.fail("seniority_advice", f"no advice for {', '.join(missing)}")
    return advice


def faq_entry(r: Reader) -> FaqEntry:
    """A question people ask, with its answer, in pack.toml."""
    return FaqEntry(question=r.text("question"), answer=r.text("answer"))
