"""Sessions name their question: `planner today`, `planner plan` (text and JSON), `done`,
the drills a weak mock adds, and the task detail."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from cli_support import all_tasks, init, ok, plan_json
from icalendar import Calendar

from planner.content.pack import load_pack
from planner.domain.models import Pack
from planner.service import Planner
from planner.service.inputs import PlanInput
from planner.service.task_detail import describe_task

ROOT = Path(__file__).resolve().parents[2]
LINKED = ("practice", "timed", "mock", "drill")


def _pack() -> Pack:
    return load_pack(ROOT / "content" / "coursera-pm")


def _first_linked(capsys: pytest.CaptureFixture[str], kind: str = "timed") -> dict[str, Any]:
    return min(
        (t for t in all_tasks(capsys) if t["kind"] == kind and t["question"]),
        key=lambda t: (t["date"], t["id"]),
    )


def test_json_tasks_carry_a_question_key(capsys: pytest.CaptureFixture[str]) -> None:
    """Every task in `plan --json` has `question`: a bank id of its round for practice and
    timed work, null for the rest; the older keys are all still there."""
    init(capsys, seniority="senior")
    pack = _pack()
    tasks = all_tasks(capsys)
    assert all(
        t.keys() >= {"id", "title", "item", "kind", "rounds", "minutes", "done", "question"}
        for t in tasks
    )
    for t in tasks:
        if t["kind"] in LINKED:
            question = pack.question(t["question"])
            assert question.round in t["rounds"]
            assert question.fits("senior")
        else:
            assert t["question"] is None, t
    types = {pack.question(t["question"]).type for t in tasks if t["question"]}
    assert {"strategy-vision", "people-management"} <= types


def test_an_early_plans_json_names_no_senior_question(capsys: pytest.CaptureFixture[str]) -> None:
    """No strategy and no people management for an early candidate."""
    init(capsys, seniority="early")
    pack = _pack()
    types = {pack.question(t["question"]).type for t in all_tasks(capsys) if t["question"]}
    assert types
    assert not types & {"strategy-vision", "people-management"}


def test_today_says_which_question(capsys: pytest.CaptureFixture[str]) -> None:
    """On the day of a timed session, `today` names the question, its type and its prompt;
    `today --json` carries the id."""
    init(capsys)
    task = _first_linked(capsys)
    question = _pack().question(task["question"])
    out = ok(capsys, "--today", task["date"], "today").out
    flat = " ".join(out.split())
    assert f"question {question.id} (" in flat
    assert " ".join(question.prompt.split()) in flat
    listed = ok(capsys, "--today", task["date"], "today", "--json").json()["tasks"]
    assert {t["id"]: t["question"] for t in listed}[task["id"]] == question.id


def test_the_plan_text_names_each_sessions_question(capsys: pytest.CaptureFixture[str]) -> None:
    """Under each practice or timed session: `question QID (Type)`."""
    init(capsys)
    tasks = [t for t in all_tasks(capsys) if t["question"]]
    lines = ok(capsys, "plan").out.splitlines()
    types = {t.id: t.name for t in _pack().question_types}
    for task in tasks:
        row = next(n for n, line in enumerate(lines) if line.endswith(f"  {task['id']}"))
        kind = types[_pack().question(task["question"]).type]
        assert lines[row + 1].strip() == f"question {task['question']} ({kind})"
    assert len([line for line in lines if line.strip().startswith("question ")]) == len(tasks)


def test_done_on_a_timed_session_prints_the_log_command_with_its_question(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The hint to log the scores names the session's question."""
    init(capsys)
    task = _first_linked(capsys)
    out = ok(capsys, "done", task["id"]).out
    assert f"--question {task['question']} --score" in out


def test_drills_after_a_weak_mock_name_their_questions(capsys: pytest.CaptureFixture[str]) -> None:
    """Each drill a weak mock adds names a question that probes its dimension, not the mock's
    own question, in its JSON `question` and its title."""
    init(capsys)
    pack = _pack()
    asked = "ex-enrolment-conversion-dip"
    ok(
        capsys,
        "mock",
        "add",
        "--round",
        "execution",
        "--question",
        asked,
        "--score",
        "hypothesis-first=1",
        "--score",
        "metric-decomposition=2",
        "--score",
        "decisive-on-partial-data=5",
        "--score",
        "long-term-value=5",
    )
    drills = [t for t in all_tasks(capsys) if t["kind"] == "drill"]
    assert len(drills) == 2
    names = {d.name.lower(): d.id for d in pack.rubric("execution").dimensions}
    for drill in drills:
        dim = names[re.match(r"Drill (.+) \(", drill["title"])[1]]  # type: ignore[index]
        question = pack.question(drill["question"])
        assert dim in question.dimensions
        assert question.id != asked
        assert drill["title"].endswith(f"with question {question.id}")
    assert drills[0]["question"] != drills[1]["question"]


def test_the_task_detail_links_the_sessions_own_question_first(data_dir: Path) -> None:
    """After the log link, a timed session's detail links the question it names."""
    planner = Planner.open(data_dir, dt.date(2026, 11, 25))
    settings = planner.plans.settings(PlanInput(seniority="mid", onsite=dt.date(2026, 12, 25)))
    plan = planner.plans.create(settings)
    task = next(t for t in plan.tasks if t.kind == "timed")
    links = describe_task(planner, task).links
    assert links[0].kind == "log"
    assert links[1].kind == "questions"
    assert links[1].target == task.question


def test_plan_json_days_still_have_their_shape(capsys: pytest.CaptureFixture[str]) -> None:
    """The contract's keys stay: days with date, rest, capacity and tasks."""
    init(capsys)
    payload = plan_json(capsys)
    assert payload.keys() >= {"start", "onsite", "seniority", "pack", "days"}
    assert payload["days"][0].keys() >= {"date", "rest", "capacity_minutes", "tasks"}


def test_exports_name_each_sessions_question(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The Markdown checklist and the calendar say which question a session works on; the
    calendar's log command for a timed session carries it."""
    init(capsys)
    practice = _first_linked(capsys, "practice")
    timed = _first_linked(capsys)
    md = ok(capsys, "export", "--format", "md").out
    assert f"`{practice['id']}`, question `{practice['question']}`" in md
    target = tmp_path / "plan.ics"
    ok(capsys, "export", "--format", "ics", "-o", str(target))
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    text = "\n".join(str(e.get("description", "")) for e in events)
    assert f"{practice['id']}), question {practice['question']}" in text
    assert f"--round {timed['rounds'][0]} --question {timed['question']}" in text


def test_a_drill_avoids_the_question_of_the_session_the_mock_fulfilled(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A mock logged without --question ticks a planned session: that session's question was
    just practised, so the drills take other ones (here the best other one was reviewed
    today, so only the ticked session's question would be left without this rule)."""
    init(capsys)
    session = _first_linked(capsys)
    assert session["rounds"] == ["execution"]
    ok(capsys, "practice", "ex-partner-cert-decline", "--rating", "good")
    ok(
        capsys,
        "mock",
        "add",
        "--round",
        "execution",
        "--score",
        "hypothesis-first=1",
        "--score",
        "metric-decomposition=5",
        "--score",
        "decisive-on-partial-data=5",
        "--score",
        "long-term-value=5",
    )
    tasks = {t["id"]: t for t in all_tasks(capsys)}
    assert tasks[session["id"]]["done"]
    [drill] = [t for t in tasks.values() if t["kind"] == "drill"]
    assert drill["question"] not in (session["question"], "ex-partner-cert-decline")
    assert "hypothesis-first" in _pack().question(drill["question"]).dimensions


def test_replan_gives_an_old_plans_open_sessions_their_questions(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """A plan saved before sessions named questions: `replan` links the open practice and
    timed sessions (done ones stay as they were), says so, and a second replan has nothing
    to do."""
    init(capsys)
    done = _first_linked(capsys, "practice")
    ok(capsys, "done", done["id"])
    path = data_dir / "planner.json"
    data = json.loads(path.read_bytes())
    for doc in data["tasks"].values():
        doc.pop("question", None)
    path.write_text(json.dumps(data))
    assert all(t["question"] is None for t in all_tasks(capsys))
    result = ok(capsys, "replan", "--json").json()
    tasks = {t["id"]: t for t in all_tasks(capsys)}
    assert tasks[done["id"]]["question"] is None
    open_sessions = {
        i for i, t in tasks.items() if t["kind"] in ("practice", "timed", "mock") and not t["done"]
    }
    assert set(result["linked"]) == open_sessions
    assert all(tasks[i]["question"] for i in open_sessions)
    again = ok(capsys, "replan").out
    assert again == "Nothing to move: the plan is on track.\n"
