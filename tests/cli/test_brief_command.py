"""`planner brief`: facts and sample-answer examples apart, seniority advice, text and JSON."""

from __future__ import annotations

import pytest
from cli_support import ok

EXAMPLES_HEADING = "From sample answers (examples, not company facts)"


def _section(out: str, heading: str) -> list[str]:
    """The lines under a heading, up to the next blank line."""
    lines = out.splitlines()
    start = lines.index(heading) + 1
    end = lines.index("", start) if "" in lines[start:] else len(lines)
    return lines[start:end]


def test_round_brief_keeps_sample_answer_figures_out_of_the_facts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """brief execution: the Skill Path and onboarding figures are examples, not numbers to know."""
    out = ok(capsys, "brief", "execution").out
    facts = "\n".join(_section(out, "Numbers worth knowing"))
    examples = "\n".join(_section(out, EXAMPLES_HEADING))
    for figure in ("9.2% lift vs 8% goal", "$1.4M incremental quarterly revenue"):
        assert figure not in facts
        assert figure in examples
    assert "Act on 70% information" in facts
    assert "(sample STAR answer)" in examples


def test_round_brief_json_adds_examples_and_keeps_its_keys(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """brief ROUND --json: the old keys stay; facts say example false, examples say true."""
    payload = ok(capsys, "brief", "execution", "--json").json()
    assert payload.keys() >= {"id", "name", "minutes", "probes", "facts", "questions"}
    assert payload["facts"]
    assert not any(f["example"] for f in payload["facts"])
    assert all(f.keys() >= {"label", "value", "detail"} for f in payload["facts"])
    values = {e["value"] for e in payload["examples"]}
    assert "9.2% lift vs 8% goal" in values
    assert all(e["example"] and e["source"] for e in payload["examples"])
    assert not values & {f["value"] for f in payload["facts"]}


def test_overview_separates_examples_and_gives_advice_per_seniority(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """brief: the course-selection drop-off is an example; early and transition hear 'impact'."""
    out = ok(capsys, "brief").out
    facts = "\n".join(_section(out, "Numbers worth knowing"))
    assert "course selection" not in facts
    assert "course selection" in "\n".join(_section(out, EXAMPLES_HEADING))
    advice = _section(out, "Advice by seniority")
    assert [line.split(":")[0].strip() for line in advice] == [
        "early",
        "mid",
        "senior",
        "transition",
    ]
    for line in advice:
        if line.strip().startswith(("early", "transition")):
            assert "potential" in line.lower()
            assert "impact" in line


def test_overview_json_keeps_its_keys_and_adds_examples_and_advice(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """brief --json: facts hold no example; `examples` and `seniority_advice` are added."""
    payload = ok(capsys, "brief", "--json").json()
    assert payload.keys() >= {"pack", "summary", "timeline", "debrief", "rounds", "facts", "faq"}
    assert not any(f["example"] for f in payload["facts"])
    assert {e["label"] for e in payload["examples"]} >= {"Skill Path launch"}
    assert set(payload["seniority_advice"]) == {"early", "mid", "senior", "transition"}


def test_round_lengths_the_source_does_not_state_are_called_planning_blocks(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Only the hiring-manager screen's 30 minutes comes from the source; the other lengths
    are how long to practise, and the brief says so."""
    assert "Hiring-manager screen: 30 min" in ok(capsys, "brief", "hiring-manager").out
    assert "45-min blocks (the source gives no length)" in ok(capsys, "brief", "execution").out
