"""`planner mock kit` and `planner questions --type` from the command line."""

from __future__ import annotations

import datetime as dt
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
from cli_support import all_tasks, init, ok, rejected, run, snapshot

from planner.content.pack import load_pack
from planner.domain.kit import partner_kit
from planner.domain.kit_render import render_markdown, render_text
from planner.domain.models import Mock, Pack

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 25)


def _pack() -> Pack:
    return load_pack(ROOT / "content" / "coursera-pm")


EXECUTION_SCORES = {
    "hypothesis-first": 2,
    "metric-decomposition": 4,
    "decisive-on-partial-data": 4,
    "long-term-value": 4,
}


def _log_weak_execution_mock(capsys: pytest.CaptureFixture[str]) -> Mock:
    """Log an execution mock on 2026-11-20, weakest on hypothesis-first; the mock as stored."""
    scores = [f"--score={dim}={n}" for dim, n in EXECUTION_SCORES.items()]
    ok(capsys, "mock", "add", "--round", "execution", "--date", "2026-11-20", *scores)
    return Mock("m1", dt.date(2026, 11, 20), "execution", 45, dict(EXECUTION_SCORES))


def _timed_sessions(capsys: pytest.CaptureFixture[str], round_id: str) -> list[dict[str, Any]]:
    """The round's planned timed sessions not done yet, in date order."""
    tasks = [
        t
        for t in all_tasks(capsys)
        if t["kind"] in ("mock", "timed") and round_id in t["rounds"] and not t["done"]
    ]
    return sorted(tasks, key=lambda t: (t["date"], t["id"]))


def test_the_kit_uses_the_question_the_plan_set_for_the_session(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """With a timed session of the round still planned, the kit runs that session's question
    (what `planner today` names), still marking the weak dimension to probe."""
    init(capsys)
    mock = _log_weak_execution_mock(capsys)
    session = _timed_sessions(capsys, "execution")[0]
    assert session["question"]
    out = ok(capsys, "mock", "kit", "execution").out
    day = dt.date.fromisoformat(session["date"])
    why = f"the question the plan set for {session['id']} ({day:%a} {day.day} {day:%b})"
    kit = partner_kit(_pack(), "execution", "mid", [mock], [], TODAY, session["question"], why)
    assert out == render_text(kit)
    assert f"PROMPT  {session['question']} " in out
    assert "Hypothesis before data (hypothesis-first): scored 2" in out


def test_with_no_session_left_the_kit_aims_at_the_weakest_dimension(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every timed execution session done: stdout is the domain's own choice for that
    candidate, a question probing the weakest dimension."""
    init(capsys)
    mock = _log_weak_execution_mock(capsys)
    ok(capsys, "done", *[t["id"] for t in _timed_sessions(capsys, "execution")])
    out = ok(capsys, "mock", "kit", "execution").out
    kit = partner_kit(_pack(), "execution", "mid", [mock], [], TODAY)
    assert out == render_text(kit)
    assert "hypothesis-first" in kit.question.dimensions
    assert "Hypothesis before data (hypothesis-first): scored 2" in out


def test_the_kit_as_markdown_and_with_a_given_question(capsys: pytest.CaptureFixture[str]) -> None:
    """`--format md --question QID` prints that question's kit in Markdown."""
    args = ("mock", "kit", "mission", "--format", "md", "--question", "mi-why-coursera")
    out = ok(capsys, *args).out
    kit = partner_kit(_pack(), "mission", None, [], [], TODAY, "mi-why-coursera")
    assert out == render_markdown(kit)
    assert out.startswith("# Partner kit: Mission alignment check")


def test_the_kit_goes_to_a_file_with_o(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path
) -> None:
    """`-o FILE` writes the kit and says where; FILE.md defaults to Markdown."""
    text_file = tmp_path / "kit.txt"
    out = ok(capsys, "mock", "kit", "product-sense", "-o", str(text_file)).out
    assert out == f"wrote {text_file}\n"
    assert text_file.read_text(encoding="utf-8").startswith("PARTNER KIT: Product sense case")
    md_file = tmp_path / "kit.md"
    ok(capsys, "mock", "kit", "product-sense", "-o", str(md_file))
    assert md_file.read_text(encoding="utf-8").startswith("# Partner kit: Product sense case")
    forced = tmp_path / "forced.md"
    ok(capsys, "mock", "kit", "product-sense", "--format", "text", "-o", str(forced))
    assert forced.read_text(encoding="utf-8").startswith("PARTNER KIT")
    assert snapshot(data_dir) == {}


def test_a_file_inside_the_data_folder_is_refused(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """Exit 2, one line, nothing written: not the kit, not the data folder."""
    init(capsys)
    target = data_dir / "kit.txt"
    rejected(capsys, data_dir, "mock", "kit", "execution", "-o", str(target), match="data folder")
    assert not target.exists()
    nested = data_dir / "sub" / ".." / "kit.md"
    rejected(capsys, data_dir, "mock", "kit", "execution", "-o", str(nested), match="data folder")


def test_a_data_folder_given_by_flag_is_protected_too(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`--data-dir DIR -o DIR/kit.txt` is refused before anything is read or made."""
    other = tmp_path / "other-data"
    result = run(capsys, "--data-dir", str(other), "mock", "kit", "recruiter", "-o", f"{other}/k")
    assert result.code == 2
    assert "inside the data folder" in result.err
    assert not other.exists()


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (["mock", "kit", "lunch"], "unknown round 'lunch' (valid: recruiter"),
        (["mock", "kit", "execution", "--question", "nope"], "unknown execution question 'nope'"),
        (
            ["mock", "kit", "execution", "--question", "ps-emerging-markets"],
            "(valid: ex-partner-cert-decline",
        ),
        (["mock", "kit", "execution", "--format", "pdf"], "invalid choice: 'pdf'"),
        (["mock", "kit"], "the following arguments are required: ROUND"),
        (["mock", "kit", "execution", "-o", "/no/such/folder/kit.txt"], "does not exist"),
        (["questions", "--type", "riddle"], "unknown question type 'riddle' (valid: logistics"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], data_dir: Path, args: list[str], match: str
) -> None:
    """Every refusal follows the error convention and writes nothing."""
    init(capsys)
    rejected(capsys, data_dir, *args, match=match)


def test_a_senior_question_is_refused_for_an_early_plan(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """People management is for seniors: an early candidate's kit cannot use it."""
    init(capsys, seniority="early")
    rejected(
        capsys,
        data_dir,
        "mock",
        "kit",
        "leadership",
        "--question",
        "ld-grow-a-pm",
        match="is for senior candidates, not an early one",
    )


def test_the_printed_log_command_logs_the_mock(capsys: pytest.CaptureFixture[str]) -> None:
    """Fill in the kit's command: `mock add` accepts it and stores one score per grid row."""
    init(capsys)
    out = ok(capsys, "mock", "kit", "leadership").out
    command = out[out.index("planner mock add") :].replace("\\\n", " ")
    grid = re.findall(r"--score (\S+)=N", command)
    argv = shlex.split(command.replace("=N", "=4").replace("NAME", "Sam"))[1:]
    ok(capsys, *argv)
    [mock] = ok(capsys, "mock", "list", "--json").json()
    assert list(mock["scores"]) == grid
    assert grid == [d.id for d in _pack().rubric("leadership").dimensions]


def test_questions_filter_by_type(capsys: pytest.CaptureFixture[str]) -> None:
    """`questions --type estimation` lists only estimation questions, with their type."""
    listed = ok(capsys, "questions", "--type", "estimation", "--json").json()
    assert listed
    assert {q["type"] for q in listed} == {"estimation"}
    assert all(q.keys() >= {"id", "round", "prompt", "due", "type", "seniority"} for q in listed)
    text = ok(capsys, "questions", "--type", "estimation", "--round", "execution").out
    assert "ex-estimate-renewal-tickets" in text
    assert "ps-estimate-ai-tutor-load" not in text


def test_questions_follow_the_plans_seniority(capsys: pytest.CaptureFixture[str]) -> None:
    """An early plan is never offered strategy or people-management prompts; a senior one is."""
    init(capsys, seniority="early")
    early = ok(capsys, "questions", "--json").json()
    assert "early" in {s for q in early for s in q["seniority"]}
    assert all("early" in q["seniority"] for q in early)
    assert not {q["type"] for q in early} & {"strategy-vision", "people-management"}
    empty = ok(capsys, "questions", "--type", "people-management").out
    assert empty == "no people-management questions for an early candidate (they are for senior)\n"
    ok(capsys, "init", "--seniority", "senior", "--onsite", "2026-12-25", "--force")
    senior = ok(capsys, "questions", "--type", "people-management", "--json").json()
    assert len(senior) >= 3
    assert len(ok(capsys, "questions", "--json").json()) > len(early)


def test_questions_are_listed_in_round_order(capsys: pytest.CaptureFixture[str]) -> None:
    """The deeper bank sits at the end of the file, yet the list goes round by round."""
    listed = ok(capsys, "questions", "--json").json()
    order = {r: n for n, r in enumerate(_pack().round_ids)}
    positions = [order[q["round"]] for q in listed]
    assert positions == sorted(positions)
    assert len(listed) == len(_pack().questions)


@pytest.mark.parametrize("fmt", ["text", "md"])
@pytest.mark.parametrize(
    "round_id",
    [
        "recruiter",
        "hiring-manager",
        "product-sense",
        "execution",
        "system-design",
        "leadership",
        "mission",
    ],
)
def test_every_rounds_kit_prints_as_the_domain_renders_it(
    capsys: pytest.CaptureFixture[str], round_id: str, fmt: str
) -> None:
    """`planner mock kit ROUND` for every round of the pack, in both formats (the rendered
    text itself is compared with approved files in tests/domain/kit_snapshots)."""
    assert round_id in _pack().round_ids
    out = ok(capsys, "mock", "kit", round_id, "--format", fmt).out
    kit = partner_kit(_pack(), round_id, None, [], [], TODAY)
    assert out == (render_text(kit) if fmt == "text" else render_markdown(kit))


def test_the_readme_excerpt_is_real_output(capsys: pytest.CaptureFixture[str]) -> None:
    """The README's partner-kit excerpt is, line for line and in order, what the kit prints
    for the scenario it describes (a mid plan, an execution baseline scoring 2 on
    hypothesis-first, the kit the day before the execution retest)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("```text\nPARTNER KIT: Execution")
    excerpt = readme[start + len("```text\n") : readme.index("```\n", start + 8)]
    init(capsys)
    scores = [
        f"--score={d}={n}" for d, n in {**EXECUTION_SCORES, "metric-decomposition": 3}.items()
    ]
    ok(
        capsys,
        "--today",
        "2026-12-01",
        "mock",
        "add",
        "--round",
        "execution",
        "--minutes",
        "45",
        "--question",
        "ex-enrolment-conversion-dip",
        *scores,
    )
    lines = iter(ok(capsys, "--today", "2026-12-09", "mock", "kit", "execution").out.splitlines())
    for line in excerpt.splitlines():
        if line.strip() == "...":
            continue
        assert line in lines, line  # consumes the output up to the line: order is checked
