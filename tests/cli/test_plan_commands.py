"""`planner init`, `plan`, `today`, `done`, `undo`, `replan`: success, JSON and refusals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cli_support import all_tasks, init, ok, plan_json, rejected, run, snapshot

PLAN_KEYS = {"start", "onsite", "seniority", "pack", "days"}
DAY_KEYS = {"date", "rest", "capacity_minutes", "tasks"}
TASK_KEYS = {"id", "title", "item", "kind", "rounds", "minutes", "done"}


@pytest.mark.parametrize("seniority", ["early", "mid", "senior", "transition"])
def test_init_builds_a_thirty_day_plan(
    capsys: pytest.CaptureFixture[str], data_dir: Path, seniority: str
) -> None:
    """Each seniority gets a 30-day plan ending the day before the onsite."""
    result = init(capsys, seniority=seniority)
    assert "over 30 days" in result.out
    assert "Wed 25 Nov to Thu 24 Dec; onsite Fri 25 Dec 2026" in result.out
    assert (data_dir / "planner.json").is_file()
    payload = plan_json(capsys)
    assert payload["seniority"] == seniority
    assert len(payload["days"]) == 30


def test_init_json_is_the_plan(capsys: pytest.CaptureFixture[str]) -> None:
    """`init --json` prints the plan that `plan --json` reads back (same tasks each day)."""
    made = init(capsys, "--json").json()
    stored = plan_json(capsys)

    def by_day(payload: dict[str, Any]) -> dict[str, list[str]]:
        return {d["date"]: sorted(t["id"] for t in d["tasks"]) for d in payload["days"]}

    assert by_day(made) == by_day(stored)
    assert made["unreachable"] == []
    assert {k: v for k, v in made.items() if k not in ("days", "unreachable")} == {
        k: v for k, v in stored.items() if k != "days"
    }


def test_init_refuses_to_replace_a_plan_without_force(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """A second init is refused and changes nothing; --force replaces the plan."""
    init(capsys)
    rejected(
        capsys,
        data_dir,
        "init",
        "--seniority",
        "senior",
        "--onsite",
        "2026-12-25",
        match="pass --force",
    )
    assert plan_json(capsys)["seniority"] == "mid"
    init(capsys, "--force", seniority="senior")
    assert plan_json(capsys)["seniority"] == "senior"


def test_init_with_force_keeps_the_trackers(capsys: pytest.CaptureFixture[str]) -> None:
    """Replacing the plan keeps logged mocks and stories."""
    init(capsys)
    ok(capsys, "story", "add", "--title", "Shipped under a freeze")
    ok(capsys, "mock", "add", "--round", "execution", "--score", "hypothesis-first=4")
    init(capsys, "--force", seniority="early")
    assert len(ok(capsys, "story", "list", "--json").json()) == 1
    assert len(ok(capsys, "mock", "list", "--json").json()) == 1


def test_a_far_onsite_is_back_planned_unless_days_says_otherwise(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Onsite 60 days out: 30 days ending the eve of the onsite; --days 60 starts today."""
    ok(capsys, "init", "--seniority", "mid", "--onsite", "2027-01-24")
    payload = plan_json(capsys)
    assert (payload["start"], len(payload["days"])) == ("2026-12-25", 30)
    assert "Your plan starts on Fri 25 Dec (in 30 days)" in ok(capsys, "today").out
    ok(capsys, "init", "--seniority", "mid", "--onsite", "2027-01-24", "--days", "60", "--force")
    payload = plan_json(capsys)
    assert (payload["start"], len(payload["days"])) == ("2026-11-25", 60)


def test_init_accepts_loose_dates_and_options(capsys: pytest.CaptureFixture[str]) -> None:
    """Dates dateutil reads, hours, rest days and skipped rounds are all honoured."""
    ok(
        capsys,
        "init",
        "--seniority",
        "senior",
        "--onsite",
        "Dec 18 2026",
        "--hours",
        "2.5",
        "--rest-days",
        "sat,sun",
        "--skip-round",
        "recruiter",
    )
    payload = plan_json(capsys)
    assert payload["onsite"] == "2026-12-18"
    assert payload["skip_rounds"] == ["recruiter"]
    weekend = [d for d in payload["days"] if d["rest"]]
    assert weekend
    assert all(d["tasks"] == [] and d["capacity_minutes"] == 0 for d in weekend)
    assert max(d["capacity_minutes"] for d in payload["days"]) == 150
    assert not [t for d in payload["days"] for t in d["tasks"] if t["rounds"] == ["recruiter"]]


INIT_REJECTIONS = [
    (["--seniority", "boss", "--onsite", "2026-12-25"], "unknown seniority 'boss'"),
    (["--seniority", "mid", "--onsite", "2026-12-25", "--pack", "nope"], "unknown pack 'nope'"),
    (["--seniority", "mid", "--onsite", "2026-12-25", "--skip-round", "x"], "unknown round 'x'"),
    (["--seniority", "mid", "--onsite", "2026-11-25"], "must be after today"),
    (["--seniority", "mid", "--onsite", "2026-11-01"], "must be after today"),
    (["--seniority", "mid", "--onsite", "someday"], "'someday' is not a date"),
    (["--seniority", "mid", "--onsite", "2026-13-45"], "is not a date"),
    (["--seniority", "mid", "--onsite", "2026-12-25", "--start", "soon"], "is not a date"),
    (["--seniority", "mid", "--onsite", "2026-12-25", "--start", "2027-01-01"], "after the start"),
    (["--seniority", "mid", "--onsite", "2026-12-25", "--hours", "0"], "--hours"),
    (["--seniority", "mid", "--onsite", "2026-12-25", "--hours", "-2"], "--hours"),
    (["--seniority", "mid", "--onsite", "2026-12-25", "--hours", "16.5"], "at most 16"),
    (["--seniority", "mid", "--onsite", "2026-12-25", "--hours", "nan"], "--hours"),
    (["--seniority", "mid", "--onsite", "2026-12-25", "--hours", "lots"], "--hours"),
    (["--seniority", "mid", "--onsite", "2026-12-25", "--days", "0"], "--days"),
    (["--seniority", "mid", "--onsite", "2026-12-25", "--days", "two"], "--days"),
    (
        [
            "--seniority",
            "mid",
            "--onsite",
            "2026-12-25",
            "--rest-days",
            "mon,tue,wed,thu,fri,sat,sun",
        ],
        "every weekday is a rest day",
    ),
    (["--seniority", "mid", "--onsite", "2026-12-25", "--rest-days", "funday"], "unknown weekday"),
    (
        ["--seniority", "mid", "--onsite", "2026-11-30", "--rest-days", "wed,thu,fri,sat,sun"],
        "rest day",
    ),
    (
        [
            "--seniority",
            "mid",
            "--onsite",
            "2026-12-25",
            *[
                x
                for r in (
                    "recruiter",
                    "hiring-manager",
                    "product-sense",
                    "execution",
                    "system-design",
                    "leadership",
                    "mission",
                )
                for x in ("--skip-round", r)
            ],
        ],
        "every round is skipped",
    ),
    (["--seniority", "mid"], "required: --onsite"),
]


@pytest.mark.parametrize(("args", "message"), INIT_REJECTIONS)
def test_init_rejects_bad_input_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, args: list[str], message: str
) -> None:
    """Bad init input: exit 2, one `planner: error:` line naming the problem, no data file."""
    rejected(capsys, data_dir, "init", *args, match=message)
    assert not (data_dir / "planner.json").exists()


@pytest.mark.parametrize("command", [["plan"], ["today"], ["done", "x-1"], ["replan"]])
def test_plan_commands_without_a_plan_say_how_to_start(
    capsys: pytest.CaptureFixture[str], data_dir: Path, command: list[str]
) -> None:
    """Before init, plan commands point at `planner init`."""
    rejected(capsys, data_dir, *command, match="planner init")


def test_plan_json_has_the_contract_keys(capsys: pytest.CaptureFixture[str]) -> None:
    """plan --json: start, onsite, seniority, pack, days with their tasks."""
    init(capsys)
    payload = plan_json(capsys)
    assert payload.keys() >= PLAN_KEYS
    assert (payload["start"], payload["onsite"], payload["pack"]) == (
        "2026-11-25",
        "2026-12-25",
        "coursera-pm",
    )
    kinds = set()
    for day in payload["days"]:
        assert day.keys() >= DAY_KEYS
        for task in day["tasks"]:
            assert task.keys() >= TASK_KEYS
            assert isinstance(task["rounds"], list)
            kinds.add(task["kind"])
    assert {"mock", "story"} <= kinds


def test_plan_reads_by_week_with_today_marked(capsys: pytest.CaptureFixture[str]) -> None:
    """The text plan has week headings, minutes per day and a marker on today."""
    init(capsys)
    out = ok(capsys, "plan").out
    assert "Week 1  Wed 25 Nov – Sun 29 Nov" in out
    assert "Week 5" in out
    assert "» Wed 25 Nov" in out
    assert "Thu 24 Dec   30/45 min" in out
    assert "Do a light final review" in out


def test_today_json_has_the_contract_keys(capsys: pytest.CaptureFixture[str]) -> None:
    """today --json: date, tasks and overdue, each task with the task keys."""
    init(capsys)
    payload = ok(capsys, "today", "--json").json()
    assert {"date", "tasks", "overdue"} <= payload.keys()
    assert payload["date"] == "2026-11-25"
    assert payload["tasks"]
    assert payload["overdue"] == []
    assert all(t.keys() >= TASK_KEYS for t in payload["tasks"])


def test_today_offers_a_replan_when_yesterday_was_missed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Two days in with nothing ticked: overdue work is listed and a replan suggested."""
    init(capsys)
    out = ok(capsys, "--today", "2026-11-27", "today").out
    assert "Overdue" in out
    assert "planner replan" in out
    payload = ok(capsys, "--today", "2026-11-27", "today", "--json").json()
    assert payload["overdue"]
    assert payload["missed_yesterday"] is True


def test_today_after_a_done_day_does_not_nag(capsys: pytest.CaptureFixture[str]) -> None:
    """With yesterday's tasks done, no replan is suggested."""
    init(capsys)
    first_two = [t["id"] for t in all_tasks(capsys) if t["date"] <= "2026-11-26"]
    ok(capsys, "done", *first_two)
    out = ok(capsys, "--today", "2026-11-27", "today").out
    assert "planner replan" not in out
    assert "Overdue" not in out


def test_done_and_undo_tick_tasks(capsys: pytest.CaptureFixture[str]) -> None:
    """done marks tasks done in the plan; undo clears them again."""
    init(capsys)
    task_id = all_tasks(capsys)[0]["id"]
    assert task_id in ok(capsys, "done", task_id).out
    assert next(t for t in all_tasks(capsys) if t["id"] == task_id)["done"] is True
    ok(capsys, "undo", task_id)
    assert next(t for t in all_tasks(capsys) if t["id"] == task_id)["done"] is False


def test_done_with_an_unknown_id_writes_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """One unknown id among known ones refuses the whole command."""
    init(capsys)
    known = all_tasks(capsys)[0]["id"]
    rejected(capsys, data_dir, "done", known, "no-such-task-1", match="unknown task id no-such")
    rejected(capsys, data_dir, "undo", "nope-2", match="unknown task id nope-2")
    assert not any(t["done"] for t in all_tasks(capsys))


def test_replan_on_track_moves_nothing(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    """On the first day the plan is on track; replan says so and writes nothing."""
    init(capsys)
    before = snapshot(data_dir)
    assert "on track" in ok(capsys, "replan").out
    assert snapshot(data_dir) == before


def test_replan_moves_missed_work_forward(capsys: pytest.CaptureFixture[str]) -> None:
    """Three days in with nothing done, replan moves the missed tasks to today or later,
    or leaves out missed reading so that no timed session is lost."""
    init(capsys)
    before = {t["id"]: t for t in all_tasks(capsys)}
    missed = {i for i, t in before.items() if t["date"] < "2026-11-28"}
    payload = ok(capsys, "--today", "2026-11-28", "replan", "--json").json()
    moved = {m["id"]: m["to"] for m in payload["moved"]}
    dropped = {d["id"] for d in payload["dropped"]}
    assert missed <= moved.keys() | dropped
    assert {before[i]["kind"] for i in dropped} <= {"study", "research", "review", "practice"}
    assert all(day >= "2026-11-28" for day in moved.values())
    after = {t["id"]: t["date"] for t in all_tasks(capsys)}
    assert all(after[i] >= "2026-11-28" for i in missed - dropped)
    overdue = ok(capsys, "--today", "2026-11-28", "today", "--json").json()["overdue"]
    assert overdue == []


def test_replan_text_says_where_work_went(capsys: pytest.CaptureFixture[str]) -> None:
    """The text replan lists each move as `moved ID: old -> new`."""
    init(capsys)
    out = ok(capsys, "--today", "2026-11-27", "replan").out
    assert "moved study-business-model-1: Wed 25 Nov ->" in out


def test_a_bad_today_is_refused(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    """An unparseable --today is a usage error, not a crash."""
    rejected(capsys, data_dir, "--today", "yesterday-ish", "plan", match="--today")


def test_usage_errors_are_one_line(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    """argparse errors follow the same one-line convention."""
    rejected(capsys, data_dir, "frobnicate", match="invalid choice")
    rejected(capsys, data_dir, "replan", "--bogus", match="unrecognized arguments")


def test_version_prints_and_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    """--version works without a data folder."""
    result = run(capsys, "--version")
    assert result.code == 0
    assert result.out.startswith("planner ")


def test_today_tells_a_rest_day_from_a_free_day(capsys: pytest.CaptureFixture[str]) -> None:
    """A rest weekday says rest; a working day with nothing planned says it is free (a long
    plan has some: a 30-day one fills its working days)."""
    ok(
        capsys,
        "init",
        "--seniority",
        "mid",
        "--onsite",
        "2027-01-24",
        "--days",
        "60",
        "--rest-days",
        "sun",
    )
    plan = plan_json(capsys)
    rest = next(d["date"] for d in plan["days"] if d["rest"])
    free = next(d["date"] for d in plan["days"] if not d["rest"] and not d["tasks"])
    assert "a rest day" in ok(capsys, "--today", rest, "today").out
    free_out = ok(capsys, "--today", free, "today").out
    assert "a free day" in free_out
    assert "rest day" not in free_out


def test_a_screen_set_too_close_says_it_cannot_be_made_ready(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Coach review 5, finding 6: `planner screen hiring-manager --date` two days out
    rebuilt the plan without the warning `init` gives for a round it cannot get ready. Now
    it names the round and why, in text and JSON, also when asked again."""
    init(capsys)
    out = ok(capsys, "screen", "hiring-manager", "--date", "2026-11-27").out
    assert "Cannot get Hiring-manager screen to ready in time:" in out
    again = ok(capsys, "screen", "hiring-manager", "--date", "2026-11-27", "--json").json()
    assert again["changed"] is False
    assert [u["round"] for u in again["unreachable"]] == ["hiring-manager"]
    later = ok(capsys, "screen", "hiring-manager", "--date", "2026-12-12", "--json").json()
    assert later["unreachable"] == []
