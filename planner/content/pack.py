"""Load a content pack from its folder and check it as a whole (references, cycles)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from planner.content import entries as e
from planner.content.reader import (
    ContentError,
    Problem,
    Reader,
    check_refs,
    entries,
    optional_entries,
    read_toml,
)
from planner.domain.models import (
    OWN_RESEARCH_PREFIX,
    SENIORITIES,
    Pack,
    is_own_research,
)

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

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


def load_pack(directory: Traversable) -> Pack:
    """Load the pack in `directory`, raising ContentError with every problem found."""
    problems: list[Problem] = []
    if not directory.is_dir():
        raise ContentError([Problem(str(directory), "", "", "is not a content pack folder")])
    raw: dict[str, dict[str, Any] | None] = {}
    for name in PACK_FILES:
        raw[name] = read_toml(directory / name, problems, f"{directory.name}/{name}")

    def label(name: str) -> str:
        return f"{directory.name}/{name}"

    meta = raw["pack.toml"] or {}
    head = Reader(problems, label("pack.toml"), "", meta)
    pack_id = head.ident() if raw["pack.toml"] is not None else directory.name
    if pack_id and pack_id != directory.name:
        head.fail("id", f"'{pack_id}' must equal the folder name '{directory.name}'")
    rounds = entries(raw["rounds.toml"], "rounds", label("rounds.toml"), problems, e.round_entry)
    round_ids = [r.id for r in rounds]
    weights_raw = head.table("round_weights") if raw["pack.toml"] is not None else {}
    round_weights: dict[str, float] = {}
    for key, value in weights_raw.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            head.fail(f"round_weights.{key}", f"must be a number above 0, not {value!r}")
        else:
            round_weights[key] = float(value)
    question_types = entries(
        raw["questions.toml"], "types", label("questions.toml"), problems, e.question_type
    )
    pack = Pack(
        id=pack_id,
        company=head.text("company") if meta else "",
        role=head.text("role") if meta else "",
        summary=head.text("summary") if meta else "",
        timeline=head.text("timeline") if meta else "",
        debrief=head.text("debrief", required=False),
        round_weights=round_weights,
        facts=entries(meta or None, "facts", label("pack.toml"), problems, e.fact),
        faq=entries(meta or None, "faq", label("pack.toml"), problems, e.faq_entry),
        rounds=rounds,
        checklist=entries(
            raw["checklist.toml"], "items", label("checklist.toml"), problems, e.checklist_item
        ),
        questions=entries(
            raw["questions.toml"],
            "questions",
            label("questions.toml"),
            problems,
            e.question_builder({t.id: t for t in question_types}),
        ),
        question_types=question_types,
        research=entries(
            raw["research.toml"], "items", label("research.toml"), problems, e.research_item
        ),
        competencies=entries(
            raw["competencies.toml"],
            "competencies",
            label("competencies.toml"),
            problems,
            e.competency,
        ),
        rubrics=entries(raw["rubrics.toml"], "rubrics", label("rubrics.toml"), problems, e.rubric),
        pitfalls=entries(
            raw["pitfalls.toml"], "rules", label("pitfalls.toml"), problems, e.lint_rule
        ),
        examples=optional_entries(meta, "examples", label("pack.toml"), problems, e.example),
        seniority_advice=e.seniority_advice(head) if meta else {},
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
    ref = check_refs
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
    competency_ids = [c.id for c in pack.competencies]
    for rule in pack.pitfalls:
        ref(
            problems,
            label("pitfalls.toml"),
            f"rules[{rule.id}]",
            "blocks",
            rule.blocks,
            competency_ids,
            "competency",
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
        if item.research:
            ref(
                problems,
                label("checklist.toml"),
                entry,
                "research",
                [item.research],
                [r.id for r in pack.research],
                "research item",
            )
            if item.kind != "research":
                problems.append(
                    Problem(
                        label("checklist.toml"),
                        entry,
                        "research",
                        'only a research item (kind = "research") works on a tracker item',
                    )
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
    type_ids = [t.id for t in pack.question_types]
    for item in pack.checklist:
        entry = f"items[{item.id}]"
        ref(
            problems,
            label("checklist.toml"),
            entry,
            "question_types",
            item.question_types,
            type_ids,
            "question type",
        )
        item_questions = [q.id for q in pack.questions if q.round in item.rounds]
        ref(
            problems,
            label("checklist.toml"),
            entry,
            "questions",
            item.questions,
            item_questions,
            "question of the item's rounds",
        )
        fitting = [
            q for q in pack.questions if q.round in item.rounds and q.type in item.question_types
        ]
        known = set(item.question_types) <= set(type_ids)
        if item.question_types and known and pack.questions and not fitting:
            problems.append(
                Problem(
                    label("checklist.toml"),
                    entry,
                    "question_types",
                    "no question of these types in the item's rounds",
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
        if is_own_research(research_item.id):
            problems.append(
                Problem(
                    label("research.toml"),
                    f"items[{research_item.id}]",
                    "id",
                    f"ids starting with '{OWN_RESEARCH_PREFIX}' are kept for the candidate's "
                    "own research items",
                )
            )
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
