"""The content pack and plan templates: they load, broken copies fail loudly, facts hold."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from planner.cli import main
from planner.content.pack import load_pack
from planner.content.reader import ContentError
from planner.content.templates import load_template, load_templates
from planner.domain.models import SENIORITIES, Pack

ROOT = Path(__file__).resolve().parent.parent
PACK_DIR = ROOT / "content" / "coursera-pm"
PLANS_DIR = ROOT / "plans"
SEED = ROOT.parent / "shared" / "seed" / "000_33ba76bfb1b0b3c8.txt"
ROUND_ORDER = (
    "recruiter",
    "hiring-manager",
    "product-sense",
    "execution",
    "system-design",
    "leadership",
    "mission",
)


def _copy_pack(tmp_path: Path) -> Path:
    target = tmp_path / "coursera-pm"
    shutil.copytree(PACK_DIR, target)
    return target


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _unknown_round(pack: Path) -> None:
    _edit(
        pack / "checklist.toml",
        'rounds = ["hiring-manager", "product-sense", "execution", "leadership"]',
        'rounds = ["hiring-manager", "product-sence"]',
    )


def _cycle(pack: Path) -> None:
    _edit(
        pack / "checklist.toml",
        'id = "study-business-model"\n',
        'id = "study-business-model"\ndepends_on = ["draft-stories"]\n',
    )


def _unknown_research_link(pack: Path) -> None:
    _edit(pack / "checklist.toml", 'research = "recent-launches"', 'research = "recent-lunches"')


def _knockout_out_of_range(pack: Path) -> None:
    _edit(pack / "rubrics.toml", "knockout_at = 1", "knockout_at = 5", 1)


def _missing_field(pack: Path) -> None:
    _edit(pack / "checklist.toml", 'title = "Map Coursera\'s business model"\n', "")


def _bad_regex(pack: Path) -> None:
    _edit(pack / "pitfalls.toml", "pattern = '\\d'", "pattern = '(\\d'")


def _unknown_dimension(pack: Path) -> None:
    _edit(
        pack / "questions.toml",
        'dimensions = ["comp-alignment"]',
        'dimensions = ["comp-alignmnet"]',
    )


def _wrong_type(pack: Path) -> None:
    _edit(pack / "checklist.toml", "minutes = 30\n", 'minutes = "thirty"\n')


def _bad_syntax(pack: Path) -> None:
    _edit(pack / "research.toml", "[[items]]", "[[items]\n", count=1)


def _own_research_id(pack: Path) -> None:
    _edit(pack / "research.toml", 'id = "business-lines"', 'id = "my-1"')


def _example_among_facts(pack: Path) -> None:
    _edit(pack / "pack.toml", 'label = "Learners"\n', 'label = "Learners"\nexample = true\n')


def _example_without_source(pack: Path) -> None:
    _edit(pack / "pack.toml", 'source = "sample STAR answer"\n', "")


def _advice_for_unknown_seniority(pack: Path) -> None:
    _edit(pack / "pack.toml", "\nsenior = ", "\nlead = ")


def _unknown_question_type(pack: Path) -> None:
    _edit(
        pack / "questions.toml",
        'id = "ps-genz-no-ads"\nround = "product-sense"\ntype = "case"',
        'id = "ps-genz-no-ads"\nround = "product-sense"\ntype = "riddle"',
    )


def _two_follow_ups(pack: Path) -> None:
    _edit(
        pack / "questions.toml",
        '  "What if the band for this level tops out below your range?",\n',
        "",
    )


def _no_strong_points(pack: Path) -> None:
    text = (pack / "questions.toml").read_text(encoding="utf-8")
    start = text.index("strong_points", text.index('id = "mi-why-coursera"'))
    end = text.index("]\n", start) + 2
    (pack / "questions.toml").write_text(text[:start] + text[end:], encoding="utf-8")


def _people_management_for_early(pack: Path) -> None:
    _edit(
        pack / "questions.toml",
        'id = "ld-grow-a-pm"\nround = "leadership"\ntype = "people-management"\n',
        'id = "ld-grow-a-pm"\nround = "leadership"\ntype = "people-management"\n'
        'seniority = ["early", "senior"]\n',
    )


def _unknown_seniority(pack: Path) -> None:
    _edit(pack / "questions.toml", 'seniority = ["transition"]', 'seniority = ["junior"]')


def _duplicate_question(pack: Path) -> None:
    _edit(pack / "questions.toml", 'id = "rec-other-processes"', 'id = "rec-salary-expectations"')


def _other_rounds_dimension(pack: Path) -> None:
    _edit(
        pack / "questions.toml",
        'dimensions = ["hypothesis-first", "metric-decomposition"]\nfollow_ups = [\n'
        '  "What is your first hypothesis, before any data?",',
        'dimensions = ["user-focus"]\nfollow_ups = [\n'
        '  "What is your first hypothesis, before any data?",',
    )


def _no_dimensions(pack: Path) -> None:
    _edit(pack / "questions.toml", 'dimensions = ["comp-alignment"]', "dimensions = []")


def _phases_not_adding_up(pack: Path) -> None:
    _edit(
        pack / "questions.toml",
        '{ name = "Wrap-up", share = 0.2, cue = "Ask for the recommendation',
        '{ name = "Wrap-up", share = 0.3, cue = "Ask for the recommendation',
    )


def _no_question_for_transition(pack: Path) -> None:
    # Every recruiter question narrowed to the other three seniorities.
    path = pack / "questions.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        'round = "recruiter"\n',
        'round = "recruiter"\nseniority = ["early", "mid", "senior"]\n',
    )
    path.write_text(text, encoding="utf-8")


# (how to break the pack, file, entry, field) the error must name
BROKEN: dict[str, tuple[Callable[[Path], None], str, str, str]] = {
    "unknown round": (
        _unknown_round,
        "checklist.toml",
        "items[study-interview-reports]",
        "rounds",
    ),
    "depends_on cycle": (_cycle, "checklist.toml", "items[", "depends_on"),
    "unknown research link": (
        _unknown_research_link,
        "checklist.toml",
        "items[research-launches]",
        "research",
    ),
    "knock-out at 5": (_knockout_out_of_range, "rubrics.toml", "dimensions[", "knockout_at"),
    "missing required field": (
        _missing_field,
        "checklist.toml",
        "items[study-business-model]",
        "title",
    ),
    "bad regex": (_bad_regex, "pitfalls.toml", "rules[result-without-number]", "pattern"),
    "unknown rubric dimension": (
        _unknown_dimension,
        "questions.toml",
        "questions[rec-salary-expectations]",
        "dimensions",
    ),
    "wrong type": (_wrong_type, "checklist.toml", "items[study-interview-reports]", "minutes"),
    "bad TOML syntax": (_bad_syntax, "research.toml", "", "line"),
    "a pack item with an own item's id": (_own_research_id, "research.toml", "items[my-1]", "id"),
    "example among the facts": (_example_among_facts, "pack.toml", "facts[", "example"),
    "example without a source": (_example_without_source, "pack.toml", "examples[", "source"),
    "advice for an unknown seniority": (
        _advice_for_unknown_seniority,
        "pack.toml",
        "",
        "seniority_advice",
    ),
    "unknown question type": (
        _unknown_question_type,
        "questions.toml",
        "questions[ps-genz-no-ads]",
        "type",
    ),
    "two follow-ups": (
        _two_follow_ups,
        "questions.toml",
        "questions[rec-salary-expectations]",
        "follow_ups",
    ),
    "no strong-answer points": (
        _no_strong_points,
        "questions.toml",
        "questions[mi-why-coursera]",
        "strong_points",
    ),
    "people management offered to early": (
        _people_management_for_early,
        "questions.toml",
        "questions[ld-grow-a-pm]",
        "seniority",
    ),
    "unknown seniority on a question": (
        _unknown_seniority,
        "questions.toml",
        "questions[hm-transition-background]",
        "seniority",
    ),
    "duplicate question id": (
        _duplicate_question,
        "questions.toml",
        "questions[rec-salary-expectations]",
        "id",
    ),
    "dimension of another round": (
        _other_rounds_dimension,
        "questions.toml",
        "questions[ex-partner-cert-decline]",
        "dimensions",
    ),
    "no dimensions": (
        _no_dimensions,
        "questions.toml",
        "questions[rec-salary-expectations]",
        "dimensions",
    ),
    "phases not adding up to 1": (_phases_not_adding_up, "questions.toml", "types[case]", "phases"),
    "a round with nothing for a seniority": (
        _no_question_for_transition,
        "questions.toml",
        "",
        "questions",
    ),
}


def test_the_real_pack_loads(pack: Pack) -> None:
    """The Coursera PM pack validates."""
    assert pack.id == "coursera-pm"


def test_every_template_loads_against_the_pack(pack: Pack) -> None:
    """All four seniority templates load and reference only the pack's items and rounds."""
    templates = load_templates(PLANS_DIR, pack)
    assert sorted(templates) == sorted(SENIORITIES)


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_pack_names_file_entry_and_field(tmp_path: Path, case: str) -> None:
    """Each corruption raises ContentError naming the file, the entry and the field."""
    corrupt, file, entry, field = BROKEN[case]
    broken = _copy_pack(tmp_path)
    corrupt(broken)
    with pytest.raises(ContentError) as caught:
        load_pack(broken)
    messages = [str(p) for p in caught.value.problems]
    assert any(f"coursera-pm/{file}" in m and entry in m and field in m for m in messages), messages


def test_a_dependency_cycle_is_spelled_out(tmp_path: Path) -> None:
    """The cycle error lists the path round the loop."""
    broken = _copy_pack(tmp_path)
    _cycle(broken)
    with pytest.raises(ContentError, match=r"dependency cycle: .*study-business-model"):
        load_pack(broken)


def test_every_problem_is_collected_not_just_the_first(tmp_path: Path) -> None:
    """Two unrelated problems in two files are both reported."""
    broken = _copy_pack(tmp_path)
    _unknown_round(broken)
    _bad_regex(broken)
    with pytest.raises(ContentError) as caught:
        load_pack(broken)
    files = {p.file for p in caught.value.problems}
    assert {"coursera-pm/checklist.toml", "coursera-pm/pitfalls.toml"} <= files
    assert "and 1 more" in str(caught.value) or len(caught.value.problems) > 2


def test_a_template_naming_an_unknown_item_is_refused(tmp_path: Path, pack: Pack) -> None:
    """A template override for an item the pack lacks names the template and the item."""
    plans = tmp_path / "plans"
    shutil.copytree(PLANS_DIR, plans)
    _edit(plans / "mid.toml", "[items.practice-metric-dips]", "[items.practice-metric-dipz]")
    with pytest.raises(ContentError) as caught:
        load_template(plans / "mid.toml", pack)
    message = str(caught.value)
    assert "plans/mid.toml" in message
    assert "items" in message
    assert "practice-metric-dipz" in message


def test_validate_command_passes_the_real_pack(capsys: pytest.CaptureFixture[str]) -> None:
    """`planner content validate` on the shipped pack exits 0 with an ok line."""
    assert main(["content", "validate", str(PACK_DIR)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ok: coursera-pm: 7 rounds")


def test_validate_command_lists_each_problem_on_its_own_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pack with two problems: exit 2, two `planner: error:` lines, nothing on stdout."""
    broken = _copy_pack(tmp_path)
    _unknown_round(broken)
    _bad_regex(broken)
    assert main(["content", "validate", str(broken)]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 2
    assert all(line.startswith("planner: error: coursera-pm/") for line in lines)
    assert "Traceback" not in captured.err
    assert captured.out == ""


def test_validate_command_checks_the_templates_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A broken template in $PLANNER_PLANS fails validation of an intact pack."""
    plans = tmp_path / "plans"
    shutil.copytree(PLANS_DIR, plans)
    _edit(plans / "senior.toml", "stories = 6", 'stories = "six"')
    monkeypatch.setenv("PLANNER_PLANS", str(plans))
    assert main(["content", "validate", str(PACK_DIR)]) == 2
    assert "plans/senior.toml: stories" in capsys.readouterr().err


def test_rounds_come_in_loop_order(pack: Pack) -> None:
    """Seven rounds, in the order of the loop."""
    assert pack.round_ids == ROUND_ORDER


def test_the_pack_has_enough_material(pack: Pack) -> None:
    """At least 25 questions, 10 research items, 7 competencies; a rubric for every round."""
    assert len(pack.questions) >= 25
    assert len(pack.research) >= 10
    assert len(pack.competencies) >= 7
    for round_id in pack.round_ids:
        assert pack.rubric(round_id).dimensions, round_id


def test_every_round_has_questions_and_the_mission_round_can_veto(pack: Pack) -> None:
    """Each round has practice questions; mission is the pass/fail round."""
    for round_id in pack.round_ids:
        assert any(q.round == round_id for q in pack.questions), round_id
    assert pack.round("mission").veto or "mission" in pack.veto_rounds


def test_every_competency_is_probed_by_some_round(pack: Pack) -> None:
    """Leadership and mission each probe at least two competencies."""
    for round_id in ("leadership", "mission"):
        assert sum(round_id in c.rounds for c in pack.competencies) >= 2


def test_readiness_weights_live_in_the_content(pack: Pack) -> None:
    """Every round carries its own readiness weights and bar."""
    for r in pack.rounds:
        assert sum(r.readiness.weights.values()) > 0
        assert 1 <= r.readiness.bar <= 5


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9%$.,']+", text.lower())


@pytest.mark.skipif(not SEED.is_file(), reason="the seed text is not on this machine")
def test_no_sentence_is_copied_from_the_seed() -> None:
    """No run of 12 words in content/ or plans/ appears in the seed text (facts, not prose)."""
    seed = _words(SEED.read_text(encoding="utf-8"))
    grams = {" ".join(seed[i : i + 12]) for i in range(len(seed) - 11)}
    hits: list[str] = []
    for folder in (ROOT / "content", PLANS_DIR):
        for path in sorted(folder.rglob("*")):
            if not path.is_file():
                continue
            words = _words(path.read_text(encoding="utf-8", errors="ignore"))
            copied = [
                " ".join(words[i : i + 12])
                for i in range(len(words) - 11)
                if " ".join(words[i : i + 12]) in grams
            ]
            hits += [f"{path.relative_to(ROOT)}: {c}" for c in copied[:2]]
    assert hits == []


# Figures that come from sample candidate answers in the seed, not from Coursera.
SAMPLE_FIGURES = (
    "9.2%",
    "1.4M",
    "22% higher",
    "1,800",
    "13.4k",
    "7.8%",
    "course selection",
    "under-represented",
    "12 minutes",
)


def _texts(pack: Pack) -> list[tuple[str, str]]:
    """Every text the pack shows, except its examples, named by where it lives."""
    out = [("summary", pack.summary), ("timeline", pack.timeline), ("debrief", pack.debrief)]
    out += [(f"fact {f.label}", f"{f.label} {f.value} {f.detail}") for f in pack.facts]
    out += [(f"faq {q.question}", q.answer) for q in pack.faq]
    for r in pack.rounds:
        out += [(f"round {r.id}", t) for t in (*r.probes, *r.strong, *r.red_flags)]
    for q in pack.questions:
        texts = (q.prompt, q.framework, *q.hints, *q.follow_ups, *q.strong_points)
        out += [(f"question {q.id}", t) for t in texts]
    for qt in pack.question_types:
        out += [(f"type {qt.id}", t) for t in (qt.description, *(p.cue for p in qt.phases))]
    out += [(f"research {i.id}", i.description) for i in pack.research]
    out += [(f"competency {c.id}", c.description) for c in pack.competencies]
    out += [(f"checklist {i.id}", i.description) for i in pack.checklist]
    for rb in pack.rubrics:
        for d in rb.dimensions:
            out += [(f"rubric {rb.round}.{d.id}", t) for t in d.anchors.values()]
    return out


def test_sample_answer_figures_are_examples_never_facts(pack: Pack) -> None:
    """Each sample-answer figure is in the examples, in no fact, and labelled wherever shown."""
    for figure in SAMPLE_FIGURES:
        assert any(figure in f"{e.label} {e.value} {e.detail}" for e in pack.examples), figure
        assert not any(figure in f"{f.label} {f.value} {f.detail}" for f in pack.facts), figure
    unlabelled = [
        f"{where}: {figure}"
        for where, text in _texts(pack)
        for figure in SAMPLE_FIGURES
        if figure in text and not re.search(r"sample|example", text, re.IGNORECASE)
    ]
    assert unlabelled == []
    assert all(e.example and e.source for e in pack.examples)
    assert not any(f.example for f in pack.facts)


def test_the_pack_says_it_hires_for_impact_not_potential(pack: Pack) -> None:
    """The summary and the early and transition advice carry the impact-over-potential line."""
    assert sorted(pack.seniority_advice) == sorted(SENIORITIES)
    for text in (pack.summary, pack.seniority_advice["early"], pack.seniority_advice["transition"]):
        assert "potential" in text.lower(), text
        assert "impact" in text, text


def test_the_debrief_and_the_onsite_order_say_what_the_source_says(pack: Pack) -> None:
    """48-hour debrief, who runs the mission check, the veto; system design is not placed."""
    debrief = pack.debrief
    for words in ("48 hours", "Strong No", "cross-functional partner", "senior director"):
        assert words in debrief, words
    timeline = pack.timeline
    order = [timeline.index(s) for s in ("product sense", "execution", "leadership", "mission")]
    assert order == sorted(order)
    sentences = [s for s in re.split(r"(?<=[.;])\s", timeline) if "system design" in s]
    assert sentences
    assert all("does not say" in s for s in sentences), sentences


# -- the question bank (#18) -----------------------------------------------------------------

ISSUE_TYPES = (
    "case",
    "metrics",
    "estimation",
    "behavioural",
    "tell-me-about-yourself",
    "favourite-product",
    "strategy-vision",
    "people-management",
    "questions-to-ask",
)
FIRST_BANK = (
    "rec-work-authorisation",
    "rec-salary-expectations",
    "rec-tenure-and-move",
    "hm-learner-vs-business-metric",
    "hm-completion-vs-credential",
    "hm-happiness-to-unit-economics",
    "hm-north-star",
    "ps-improve-engagement",
    "ps-emerging-markets",
    "ps-prioritize-features",
    "ps-genz-no-ads",
    "ps-enterprise-upskilling",
    "ps-non-traditional-student",
    "ex-partner-cert-decline",
    "ex-enrolment-conversion-dip",
    "ex-certificate-renewal-dip",
    "ex-offline-download",
    "ex-launch-metrics",
    "ex-sql-ab-test",
    "sd-learning-path-recs",
    "sd-low-bandwidth-video",
    "sd-peer-review-scale",
    "ld-shipping-deadline",
    "ld-revenue-vs-health",
    "ld-conflicting-stakeholders",
    "ld-failed-experiment",
    "ld-hold-the-line",
    "ld-partner-calendar-conflict",
    "ld-product-failure",
    "mi-why-coursera",
    "mi-learner-stakes",
    "mi-access-vs-revenue",
    "mi-learner-outcome-story",
)
"""The bank before #18, in its order: practice history and logged mocks refer to these ids."""


def test_the_bank_has_sixty_questions_across_every_round_and_type(pack: Pack) -> None:
    """At least 60 questions; every round has five or more; every type of the issue is used."""
    assert len(pack.questions) >= 60
    for round_id in pack.round_ids:
        assert sum(q.round == round_id for q in pack.questions) >= 5, round_id
    used = {q.type for q in pack.questions}
    assert set(ISSUE_TYPES) <= set(pack.question_type_ids)
    assert set(ISSUE_TYPES) <= used
    assert used <= set(pack.question_type_ids)


def test_every_first_bank_id_is_kept_in_its_place(pack: Pack) -> None:
    """The 33 ids of the first bank are still there, first and in the same order."""
    assert tuple(q.id for q in pack.questions[: len(FIRST_BANK)]) == FIRST_BANK


def test_every_question_has_follow_ups_strong_points_and_dimensions(pack: Pack) -> None:
    """3-5 follow-ups and strong points each, no repeats; dimensions from its round's rubric."""
    for q in pack.questions:
        assert 3 <= len(q.follow_ups) <= 5, q.id
        assert 3 <= len(q.strong_points) <= 5, q.id
        assert len(set(q.follow_ups)) == len(q.follow_ups), q.id
        dims = {d.id for d in pack.rubric(q.round).dimensions}
        assert q.dimensions, q.id
        assert set(q.dimensions) <= dims, q.id


def test_senior_types_never_reach_early_candidates(pack: Pack) -> None:
    """Strategy/vision and people management: offered to seniors, never to early candidates."""
    for type_id in ("strategy-vision", "people-management"):
        of_type = [q for q in pack.questions if q.type == type_id]
        assert of_type, type_id
        assert all(not q.fits("early") for q in of_type), type_id
        assert all(q.fits("senior") for q in of_type), type_id
    assert pack.question_type("people-management").seniority == ("senior",)


def test_every_round_has_a_question_for_every_seniority(pack: Pack) -> None:
    """The kit and the drills always find a prompt, whatever the seniority."""
    for round_id in pack.round_ids:
        for seniority in (*SENIORITIES, None):
            assert any(q.round == round_id and q.fits(seniority) for q in pack.questions), (
                round_id,
                seniority,
            )


def test_phases_of_every_type_add_up_to_the_whole_session(pack: Pack) -> None:
    """Each type paces a session with at least two phases whose shares add up to 1."""
    for qt in pack.question_types:
        assert len(qt.phases) >= 2, qt.id
        assert abs(sum(p.share for p in qt.phases) - 1) < 1e-9, qt.id


def test_validate_command_names_a_question_without_follow_ups(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`content validate` refuses a question with two follow-ups: exit 2, file, entry, field."""
    broken = _copy_pack(tmp_path)
    _two_follow_ups(broken)
    assert main(["content", "validate", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "questions.toml: questions[rec-salary-expectations].follow_ups: must hold 3 to 5" in err
