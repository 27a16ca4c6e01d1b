"""`planner content validate` on the question bank and the checklist's links to it: each
broken copy exits 2 with one line naming the file, the entry and the field."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from planner.cli import main

ROOT = Path(__file__).resolve().parent.parent
PACK_DIR = ROOT / "content" / "coursera-pm"
QUESTION = 'id = "ps-genz-no-ads"\n'


def _block(text: str, key: str) -> tuple[int, int]:
    """Where the `key = [...]` list of ps-genz-no-ads starts and ends (end past its newline)."""
    start = text.index(f"\n{key} = ", text.index(QUESTION)) + 1
    end = text.index("]\n", start) + 2
    return start, end


def _drop(key: str) -> Callable[[Path], None]:
    def corrupt(pack: Path) -> None:
        path = pack / "questions.toml"
        text = path.read_text(encoding="utf-8")
        if key in ("round", "type"):
            line = re.compile(rf"{key} = \"[^\"]*\"\n")
            at = text.index(QUESTION) + len(QUESTION)
            match = line.match(text, at) or line.search(text, at)
            assert match is not None
            text = text[: match.start()] + text[match.end() :]
        else:
            start, end = _block(text, key)
            text = text[:start] + text[end:]
        path.write_text(text, encoding="utf-8")

    return corrupt


def _duplicate(pack: Path) -> None:
    path = pack / "questions.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('id = "ps-short-format"', 'id = "ps-genz-no-ads"'), "utf-8")


def _checklist(old: str, new: str) -> Callable[[Path], None]:
    def corrupt(pack: Path) -> None:
        path = pack / "checklist.toml"
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return corrupt


CASES: dict[str, tuple[Callable[[Path], None], str, str]] = {
    "no round": (_drop("round"), "questions.toml: questions[ps-genz-no-ads]", "round"),
    "no type": (_drop("type"), "questions.toml: questions[ps-genz-no-ads]", "type"),
    "no follow-ups": (
        _drop("follow_ups"),
        "questions.toml: questions[ps-genz-no-ads]",
        "follow_ups",
    ),
    "no strong points": (
        _drop("strong_points"),
        "questions.toml: questions[ps-genz-no-ads]",
        "strong_points",
    ),
    "duplicate id": (_duplicate, "questions.toml: questions[ps-genz-no-ads]", "id"),
    "unknown question type on a checklist item": (
        _checklist('question_types = ["metrics"]', 'question_types = ["riddles"]'),
        "checklist.toml: items[practice-metric-pivots]",
        "question_types",
    ),
    "checklist item naming another round's question": (
        _checklist('questions = ["ex-launch-metrics"]', 'questions = ["ps-genz-no-ads"]'),
        "checklist.toml: items[whiteboard-launch-metrics]",
        "questions",
    ),
    "checklist types no question of its rounds has": (
        _checklist('question_types = ["design"]', 'question_types = ["motivation"]'),
        "checklist.toml: items[practice-system-design-prompts]",
        "question_types",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_validate_refuses_a_broken_question_bank(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    """Exit 2, nothing on stdout, a `planner: error:` line naming file, entry and field."""
    corrupt, where, field = CASES[case]
    broken = tmp_path / "coursera-pm"
    shutil.copytree(PACK_DIR, broken)
    corrupt(broken)
    assert main(["content", "validate", str(broken)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Traceback" not in captured.err
    lines = captured.err.splitlines()
    assert all(line.startswith("planner: error: coursera-pm/") for line in lines)
    assert any(f"coursera-pm/{where}.{field}:" in line for line in lines), lines


def test_the_shipped_bank_and_its_links_validate(capsys: pytest.CaptureFixture[str]) -> None:
    """The real pack passes, with its checklist items' question types and named prompts."""
    assert main(["content", "validate", str(PACK_DIR)]) == 0
    assert capsys.readouterr().out.startswith("ok: coursera-pm")
