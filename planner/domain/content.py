"""Load and validate content packs and seniority templates from TOML files."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

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

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
LINT_FIELDS = ("situation", "task", "action", "result", "all")
LINT_CHECKS = ("empty", "lacks", "contains", "min_words", "max_words")
PACK_FILES = (
    "pack.toml",
    "rounds.toml",
    "checklist.toml",
    "questions.toml",
    "research.toml",
    "competencies.toml",
    "rubrics.toml",
    "pitfalls.toml",
)
T = TypeVar("T")


@dataclass(frozen=True)
class Problem:
    """One validation finding: where it is and what is wrong."""

    file: str
    entry: str
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.entry:
            where += f": {self.entry}"
        if self.field:
            # `file: entry.field`, or `file: field` for a top-level key (never `file.field`).
            where += f".{self.field}" if self.entry else f": {self.field}"
        return f"{where}: {self.message}"


class ContentError(Exception):
    """Raised when a pack or template does not validate; holds every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = str(problems[0]) if problems else "invalid content"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(first + more)


class _Reader:
    """Typed accessors over one TOML table that record problems instead of raising."""

    def __init__(self, problems: list[Problem], file: str, entry: str, data: Mapping[str, Any]):
        self.problems = problems
        self.file = file
        self.entry = entry
        self.data = data

    def fail(self, name: str, message: str) -> None:
        self.problems.append(Problem(self.file, self.entry, name, message))

    def _get(self, name: str, default: Any, required: bool) -> Any:
        if name not in self.data:
            if required:
                self.fail(name, "is required")
            return None
        return self.data[name]

    def text(self, name: str, default: str = "", required: bool = True) -> str:
        value = self._get(name, default, required)
        if value is None:
            return default
        if not isinstance(value, str):
            self.fail(name, f"must be text, not {type(value).__name__}")
            return default
        if required and not value.strip():
            self.fail(name, "must not be blank")
        return value

    def ident(self, name: str = "id") -> str:
        value = self.text(name)
        if value and not ID_RE.match(value):
            self.fail(name, f"'{value}' is not a lowercase-kebab-case id")
        return value

    def integer(
        self, name: str, default: int = 0, required: bool = True, low: int = 0, high: int = 10**6
    ) -> int:
        value = self._get(name, default, required)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(name, f"must be a whole number, not {value!r}")
            return default
        if not low <= value <= high:
            self.fail(name, f"must be between {low} and {high}, not {value}")
            return default
        return value

    def number(
        self,
        name: str,
        default: float = 0.0,
        required: bool = True,
        low: float = 0.0,
        high: float = 1e6,
    ) -> float:
        value = self._get(name, default, required)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(name, f"must be a number, not {value!r}")
            return default
        if not low <= float(value) <= high:
            self.fail(name, f"must be between {low:g} and {high:g}, not {value}")
            return default
        return float(value)

    def boolean(self, name: str, default: bool = False) -> bool:
        value = self._get(name, default, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.fail(name, f"must be true or false, not {value!r}")
            return default
        return value

    def texts(self, name: str, required: bool = True) -> tuple[str, ...]:
        value = self._get(name, [], required)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(name, "must be a list of text")
            return ()
        if required and not value:
            self.fail(name, "must not be empty")
        return tuple(value)

    def table(self, name: str, required: bool = True) -> Mapping[str, Any]:
        value = self._get(name, {}, required)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.fail(name, "must be a table")
            return {}
        return value


def _read_toml(path: Path, problems: list[Problem], label: str) -> dict[str, Any] | None:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(Problem(label, "", "", "file is missing"))
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(label, "", "", f"cannot be read: {exc}"))
    except tomllib.TOMLDecodeError as exc:
        problems.append(Problem(label, "", "", f"is not valid TOML: {exc}"))
    return None


def _entries(
    data: Mapping[str, Any] | None,
    key: str,
    label: str,
    problems: list[Problem],
    build: Callable[[_Reader], T | None],
) -> tuple[T, ...]:
    """Build every entry of the array of tables `key`, checking ids are unique."""
    if data is None:
        return ()
    raw = data.get(key)
    if not isinstance(raw, list) or not raw:
        problems.append(Problem(label, "", key, "must be a non-empty array of tables"))
        return ()
    out: list[T] = []
    seen: set[str] = set()
    for index, entry in enumerate(raw):
        if not isinstance(entry, dict):
            problems.append(Problem(label, f"{key}[{index}]", "", "must be a table"))
            continue
        raw_id = entry.get("id", entry.get("round"))
        name = f"{key}[{raw_id}]" if isinstance(raw_id, str) and raw_id else f"{key}[{index}]"
        reader = _Reader(problems, label, name, entry)
        if isinstance(raw_id, str):
            if raw_id in seen:
                reader.fail("id", f"duplicate id '{raw_id}'")
            seen.add(raw_id)
        built = build(reader)
        if built is not None:
            out.append(built)
    return tuple(out)


def _optional_entries(
    data: Mapping[str, Any],
    key: str,
    label: str,
    problems: list[Problem],
    build: Callable[[_Reader], T | None],
) -> tuple[T, ...]:
    """Like `_entries`, for an array of tables that may be left out."""
    if key not in data:
        return ()
    return _entries(data, key, label, problems, build)


def _check_refs(
    reader_problems: list[Problem],
    label: str,
    entry: str,
    name: str,
    refs: Iterable[str],
    valid: Iterable[str],
    what: str,
) -> None:
    valid_set = set(valid)
    for ref in refs:
        if ref not in valid_set:
            choices = ", ".join(sorted(valid_set))
            reader_problems.append(
                Problem(label, entry, name, f"unknown {what} '{ref}' (valid: {choices})")
            )


def _round(r: _Reader) -> Round:
    readiness = r.table("readiness")
    rr = _Reader(r.problems, r.file, r.entry, readiness)
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
        ),
        stage=stage,
        minutes_stated=r.boolean("minutes_stated"),
    )


def _bars(rr: _Reader) -> tuple[float, dict[str, float]]:
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


def _item(r: _Reader) -> ChecklistItem:
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
    )


def _after(r: _Reader) -> str:
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


def _bounded_texts(r: _Reader, name: str, low: int, high: int) -> tuple[str, ...]:
    """A required list of non-blank texts holding `low` to `high` items."""
    values = r.texts(name)
    if values and not low <= len(values) <= high:
        r.fail(name, f"must hold {low} to {high} items, not {len(values)}")
    if any(not v.strip() for v in values):
        r.fail(name, "must not hold blank items")
    return values


def _seniorities(r: _Reader, allowed: tuple[str, ...] = SENIORITIES) -> tuple[str, ...] | None:
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


def _question_type(r: _Reader) -> QuestionType:
    phases: list[Phase] = []
    raw = r.data.get("phases")
    if not isinstance(raw, list) or len(raw) < 2:
        r.fail("phases", "must be an array of at least two tables")
        raw = []
    for index, entry in enumerate(raw):
        if not isinstance(entry, dict):
            r.fail(f"phases[{index}]", "must be a table")
            continue
        pr = _Reader(r.problems, r.file, f"{r.entry}.phases[{index}]", entry)
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


def _question_builder(types: Mapping[str, QuestionType]) -> Callable[[_Reader], Question]:
    """Builds a question, checking its type and that its seniorities fit the type's."""

    def build(r: _Reader) -> Question:
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


def _research(r: _Reader) -> ResearchItem:
    return ResearchItem(
        id=r.ident(),
        title=r.text("title"),
        description=r.text("description"),
        rounds=r.texts("rounds"),
        minutes=r.integer("minutes", 30, required=False, low=5, high=480),
        suggested_sources=r.texts("suggested_sources", required=False),
    )


def _competency(r: _Reader) -> Competency:
    return Competency(
        id=r.ident(),
        name=r.text("name"),
        description=r.text("description"),
        rounds=r.texts("rounds"),
        prompt=r.text("prompt", required=False),
    )


def _rubric(r: _Reader) -> Rubric:
    round_id = r.text("round")
    dims = _entries(r.data, "dimensions", r.file, r.problems, _dimension)
    if dims and not 1 <= len(dims) <= 6:
        r.fail("dimensions", f"must hold 1 to 6 dimensions, not {len(dims)}")
    return Rubric(round=round_id, dimensions=dims)


def _dimension(r: _Reader) -> RubricDimension:
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
    return RubricDimension(id=r.ident(), name=r.text("name"), anchors=anchors)


def _rule(r: _Reader) -> LintRule:
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
    )


def _fact(r: _Reader) -> Fact:
    if "example" in r.data:
        r.fail("example", "a figure from a sample answer goes in [[examples]], not [[facts]]")
    return Fact(
        label=r.text("label"),
        value=r.text("value"),
        detail=r.text("detail", required=False),
        rounds=r.texts("rounds", required=False),
    )


def _example(r: _Reader) -> Fact:
    """A figure from a sample answer: shown as an example, never as a company fact."""
    return Fact(
        label=r.text("label"),
        value=r.text("value"),
        detail=r.text("detail", required=False),
        rounds=r.texts("rounds", required=False),
        example=True,
        source=r.text("source"),
    )


def _seniority_advice(head: _Reader) -> dict[str, str]:
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


def _faq(r: _Reader) -> FaqEntry:
    return FaqEntry(question=r.text("question"), answer=r.text("answer"))


def load_pack(directory: Path) -> Pack:
    """Load the pack in `directory`, raising ContentError with every problem found."""
    problems: list[Problem] = []
    if not directory.is_dir():
        raise ContentError([Problem(str(directory), "", "", "is not a content pack folder")])
    raw: dict[str, dict[str, Any] | None] = {}
    for name in PACK_FILES:
        raw[name] = _read_toml(directory / name, problems, f"{directory.name}/{name}")

    def label(name: str) -> str:
        return f"{directory.name}/{name}"

    meta = raw["pack.toml"] or {}
    head = _Reader(problems, label("pack.toml"), "", meta)
    pack_id = head.ident() if raw["pack.toml"] is not None else directory.name
    if pack_id and pack_id != directory.name:
        head.fail("id", f"'{pack_id}' must equal the folder name '{directory.name}'")
    rounds = _entries(raw["rounds.toml"], "rounds", label("rounds.toml"), problems, _round)
    round_ids = [r.id for r in rounds]
    weights_raw = head.table("round_weights") if raw["pack.toml"] is not None else {}
    round_weights: dict[str, float] = {}
    for key, value in weights_raw.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            head.fail(f"round_weights.{key}", f"must be a number above 0, not {value!r}")
        else:
            round_weights[key] = float(value)
    question_types = _entries(
        raw["questions.toml"], "types", label("questions.toml"), problems, _question_type
    )
    pack = Pack(
        id=pack_id,
        company=head.text("company") if meta else "",
        role=head.text("role") if meta else "",
        summary=head.text("summary") if meta else "",
        timeline=head.text("timeline") if meta else "",
        debrief=head.text("debrief", required=False),
        round_weights=round_weights,
        facts=_entries(meta or None, "facts", label("pack.toml"), problems, _fact),
        faq=_entries(meta or None, "faq", label("pack.toml"), problems, _faq),
        rounds=rounds,
        checklist=_entries(
            raw["checklist.toml"], "items", label("checklist.toml"), problems, _item
        ),
        questions=_entries(
            raw["questions.toml"],
            "questions",
            label("questions.toml"),
            problems,
            _question_builder({t.id: t for t in question_types}),
        ),
        question_types=question_types,
        research=_entries(
            raw["research.toml"], "items", label("research.toml"), problems, _research
        ),
        competencies=_entries(
            raw["competencies.toml"],
            "competencies",
            label("competencies.toml"),
            problems,
            _competency,
        ),
        rubrics=_entries(raw["rubrics.toml"], "rubrics", label("rubrics.toml"), problems, _rubric),
        pitfalls=_entries(raw["pitfalls.toml"], "rules", label("pitfalls.toml"), problems, _rule),
        examples=_optional_entries(meta, "examples", label("pack.toml"), problems, _example),
        seniority_advice=_seniority_advice(head) if meta else {},
    )
    _cross_check(pack, round_ids, label, problems, set(meta))
    if problems:
        raise ContentError(problems)
    return pack


def _cross_check(
    pack: Pack,
    round_ids: list[str],
    label: Callable[[str], str],
    problems: list[Problem],
    meta_keys: set[str],
) -> None:
    """Check that every reference between the pack's files resolves."""
    ref = _check_refs
    if "veto_rounds" in meta_keys:
        problems.append(
            Problem(
                label("pack.toml"),
                "",
                "veto_rounds",
                "moved: mark each pass/fail round with `veto = true` in rounds.toml",
            )
        )
    ref(problems, label("pack.toml"), "", "round_weights", pack.round_weights, round_ids, "round")
    for rid in round_ids:
        if pack.round_weights and rid not in pack.round_weights:
            problems.append(
                Problem(label("pack.toml"), "", "round_weights", f"no weight for '{rid}'")
            )
    for i, fact in enumerate(pack.facts):
        ref(problems, label("pack.toml"), f"facts[{i}]", "rounds", fact.rounds, round_ids, "round")
    for i, example in enumerate(pack.examples):
        ref(
            problems,
            label("pack.toml"),
            f"examples[{i}]",
            "rounds",
            example.rounds,
            round_ids,
            "round",
        )
    item_ids = [i.id for i in pack.checklist]
    for item in pack.checklist:
        entry = f"items[{item.id}]"
        ref(problems, label("checklist.toml"), entry, "rounds", item.rounds, round_ids, "round")
        ref(
            problems,
            label("checklist.toml"),
            entry,
            "depends_on",
            item.depends_on,
            item_ids,
            "item",
        )
        if item.id in item.depends_on:
            problems.append(
                Problem(label("checklist.toml"), entry, "depends_on", "depends on itself")
            )
        if item.pairs_with is not None:
            ref(
                problems,
                label("checklist.toml"),
                entry,
                "pairs_with",
                [item.pairs_with],
                item_ids,
                "item",
            )
        if item.min_sessions > item.sessions and item.per is None:
            problems.append(
                Problem(label("checklist.toml"), entry, "min_sessions", "must not exceed sessions")
            )
    cycle = find_cycle({i.id: tuple(i.depends_on) for i in pack.checklist})
    if cycle:
        problems.append(
            Problem(
                label("checklist.toml"),
                f"items[{cycle[0]}]",
                "depends_on",
                "dependency cycle: " + " -> ".join(cycle),
            )
        )
    dims_by_round = {rb.round: {d.id for d in rb.dimensions} for rb in pack.rubrics}
    for q in pack.questions:
        entry = f"questions[{q.id}]"
        ref(problems, label("questions.toml"), entry, "round", [q.round], round_ids, "round")
        if q.round in dims_by_round:
            ref(
                problems,
                label("questions.toml"),
                entry,
                "dimensions",
                q.dimensions,
                dims_by_round[q.round],
                f"{q.round} rubric dimension",
            )
    for rid in round_ids:
        own = [q for q in pack.questions if q.round == rid]
        lacking = [s for s in SENIORITIES if not any(s in q.seniority for q in own)]
        if pack.questions and lacking:
            problems.append(
                Problem(
                    label("questions.toml"),
                    "",
                    "questions",
                    f"round '{rid}' has no question for {', '.join(lacking)}",
                )
            )
    for research_item in pack.research:
        ref(
            problems,
            label("research.toml"),
            f"items[{research_item.id}]",
            "rounds",
            research_item.rounds,
            round_ids,
            "round",
        )
    for comp in pack.competencies:
        ref(
            problems,
            label("competencies.toml"),
            f"competencies[{comp.id}]",
            "rounds",
            comp.rounds,
            round_ids,
            "round",
        )
    for rb in pack.rubrics:
        ref(
            problems,
            label("rubrics.toml"),
            f"rubrics[{rb.round}]",
            "round",
            [rb.round],
            round_ids,
            "round",
        )
    for rid in round_ids:
        if rid not in dims_by_round and pack.rubrics:
            problems.append(Problem(label("rubrics.toml"), "", "rubrics", f"no rubric for '{rid}'"))


def find_cycle(graph: Mapping[str, tuple[str, ...]]) -> list[str]:
    """Return one dependency cycle as a path (first node repeated at the end), or []."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in graph.get(node, ()):
            if nxt not in graph:
                continue
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if state.get(nxt) is None:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if state.get(node) is None:
            found = visit(node)
            if found:
                return found
    return []


def load_template(path: Path, pack: Pack | None = None) -> Template:
    """Load one seniority template, checking its references against `pack` when given."""
    problems: list[Problem] = []
    label = f"plans/{path.name}"
    data = _read_toml(path, problems, label)
    if data is None:
        raise ContentError(problems)
    r = _Reader(problems, label, "", data)
    template_id = r.text("id")
    if template_id and template_id not in SENIORITIES:
        r.fail("id", f"unknown seniority '{template_id}' (valid: {', '.join(SENIORITIES)})")
    if template_id and template_id != path.stem:
        r.fail("id", f"'{template_id}' must equal the file name '{path.stem}'")
    emphasis: dict[str, float] = {}
    for key, value in r.table("round_emphasis").items():
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 5:
            r.fail(f"round_emphasis.{key}", f"must be a number in (0, 5], not {value!r}")
        else:
            emphasis[key] = float(value)
    windows: dict[str, tuple[float, float]] = {}
    for key, value in r.table("kind_window").items():
        if key not in KINDS:
            r.fail("kind_window", f"unknown kind '{key}' (valid: {', '.join(KINDS)})")
            continue
        ok = (
            isinstance(value, list)
            and len(value) == 2
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
            and 0 <= value[0] < value[1] <= 1
        )
        if not ok:
            r.fail(
                f"kind_window.{key}",
                f"must be [start, end] with 0 <= start < end <= 1, not {value!r}",
            )
            continue
        windows[key] = (float(value[0]), float(value[1]))
    items: dict[str, ItemOverride] = {}
    for key, value in r.table("items", required=False).items():
        if not isinstance(value, dict):
            r.fail(f"items.{key}", "must be a table")
            continue
        ir = _Reader(problems, label, f"items.{key}", value)
        unknown = set(value) - {"sessions", "minutes", "priority", "skip"}
        if unknown:
            ir.fail("", f"unknown keys: {', '.join(sorted(unknown))}")
        items[key] = ItemOverride(
            sessions=ir.integer("sessions", required=False, low=1, high=60)
            if "sessions" in value
            else None,
            minutes=ir.integer("minutes", required=False, low=5, high=480)
            if "minutes" in value
            else None,
            priority=ir.integer("priority", required=False, low=1, high=5)
            if "priority" in value
            else None,
            skip=ir.boolean("skip"),
        )
    template = Template(
        id=template_id,
        name=r.text("name"),
        years=r.text("years"),
        summary=r.text("summary"),
        hours_per_day=r.number("hours_per_day", 1.5, low=0.25, high=16),
        stories=r.integer("stories", 5, low=1, high=20),
        mocks=r.integer("mocks", 3, low=0, high=20),
        slack=r.number("slack", 0.15, low=0, high=0.5),
        round_emphasis=emphasis,
        kind_window=windows,
        items=items,
        rest_weekdays=_weekdays(r, "rest_days"),
    )
    if pack is not None:
        _check_refs(problems, label, "", "round_emphasis", emphasis, pack.round_ids, "round")
        _check_refs(problems, label, "", "items", items, [i.id for i in pack.checklist], "item")
    if problems:
        raise ContentError(problems)
    return template


WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _weekdays(r: _Reader, name: str) -> tuple[int, ...]:
    """`rest_days = ["sun"]` as weekday numbers (Monday is 0)."""
    names = r.texts(name, required=False)
    days: set[int] = set()
    for day in names:
        if day not in WEEKDAY_NAMES:
            r.fail(name, f"unknown weekday '{day}' (valid: {', '.join(WEEKDAY_NAMES)})")
        else:
            days.add(WEEKDAY_NAMES.index(day))
    if len(days) >= 7:
        r.fail(name, "every weekday is a rest day")
    return tuple(sorted(days))


def load_templates(plans_dir: Path, pack: Pack | None = None) -> dict[str, Template]:
    """Load every seniority template in `plans_dir`, collecting all problems."""
    problems: list[Problem] = []
    templates: dict[str, Template] = {}
    for seniority in SENIORITIES:
        try:
            templates[seniority] = load_template(plans_dir / f"{seniority}.toml", pack)
        except ContentError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ContentError(problems)
    return templates
