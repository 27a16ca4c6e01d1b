"""`planner gaps`, `check`, `export` and `import`: JSON shapes, advice, round trips."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

import pytest
from cli_support import all_tasks, init, ok, rejected, run, snapshot
from icalendar import Calendar

from planner.demo import fill_demo
from planner.service import ContentLibrary

GAPS_KEYS = {"as_of", "onsite", "days_left", "overall", "rounds"}
ROUND_KEYS = {"id", "name", "score", "status", "gaps"}
GAP_KEYS = {"kind", "detail", "action"}
CHECK_KEYS = {"as_of", "onsite", "days_left", "overall", "verdict", "top_gaps", "next_days"}
TODAY = dt.date(2026, 11, 25)
ROUND_IDS = (
    "recruiter",
    "hiring-manager",
    "product-sense",
    "execution",
    "system-design",
    "leadership",
    "mission",
)


@pytest.fixture
def midway(data_dir: Path, library: ContentLibrary) -> Path:
    """A candidate 14 days into a 30-day mid-level plan (the demo data), as of today."""
    fill_demo(data_dir, library, TODAY)
    return data_dir


# ------------------------------------------------------------------------------ gaps


def test_gaps_on_a_fresh_plan_are_all_gaps(capsys: pytest.CaptureFixture[str]) -> None:
    """gaps --json: the screens taken as passed (no score), then the five onsite rounds, all
    gaps, each with what is missing and what to do."""
    init(capsys)
    payload = ok(capsys, "gaps", "--json").json()
    assert payload.keys() >= GAPS_KEYS
    assert (payload["as_of"], payload["onsite"], payload["days_left"]) == (
        "2026-11-25",
        "2026-12-25",
        30,
    )
    assert [r["id"] for r in payload["rounds"]] == list(ROUND_IDS)
    for r in payload["rounds"]:
        assert r.keys() >= ROUND_KEYS
        if r["id"] in ("recruiter", "hiring-manager"):
            assert (r["status"], r["score"], r["gaps"]) == ("passed", None, [])
            continue
        assert r["status"] == "gap"
        assert r["gaps"]
        assert all(g.keys() >= GAP_KEYS and g["action"] for g in r["gaps"])


def test_gaps_text_leads_with_the_biggest_wins(capsys: pytest.CaptureFixture[str]) -> None:
    """The text shows one line per round and gaps ordered by what they gain per minute."""
    init(capsys)
    out = ok(capsys, "gaps").out
    assert out.startswith("Readiness 0/100 (not yet), 30 days to the onsite")
    assert "Next actions, the ones that move the verdict most per minute first:" in out
    assert "next:" in out


def test_gaps_explain_shows_the_components(
    capsys: pytest.CaptureFixture[str], midway: Path
) -> None:
    """--explain breaks each score into its components, lists each session with its weight,
    says why each status is what it is, and adds the forecast of following the plan."""
    out = ok(capsys, "gaps", "--explain").out
    assert "mocks" in out
    assert "weight" in out
    assert "sessions (latest first" in out
    assert "ready needs a" in out
    assert "Forecast:" in out
    assert "current estimate" in out
    payload = ok(capsys, "gaps", "--explain", "--json").json()
    assert {"forecast", "what_if", "vetoed_by", "next_actions"} <= payload.keys()
    scored = [r for r in payload["rounds"] if r.get("performance")]
    assert scored
    for r in scored:
        perf = r["performance"]
        assert {"estimate", "bar", "sessions", "at_bar", "strong_no"} <= perf.keys()
        weights = [s["weight"] for s in perf["sessions"]]
        assert weights == sorted(weights, reverse=True) or any(
            not s["full"] for s in perf["sessions"]
        )


def test_a_strong_no_on_the_mission_round_is_a_no_go(capsys: pytest.CaptureFixture[str]) -> None:
    """One full mission session at 1/5: check says no-go and names the vetoing round; a later
    full session at the bar lifts the veto."""
    init(capsys)
    dims = ["belief-in-access", "learners-as-people", "mission-in-work", "learner-data-fluency"]
    ok(capsys, "mock", "add", "--round", "mission", *[f"--score={d}=1" for d in dims])
    payload = ok(capsys, "check", "--json").json()
    assert payload["verdict"] == "no-go"
    assert payload["vetoed_by"] == ["mission"]
    mission = next(r for r in payload["rounds"] if r["id"] == "mission")
    assert mission["status"] == "gap"
    text = ok(capsys, "check").out
    assert "NO-GO (vetoed by Mission alignment check)" in text
    assert "Start with this: drill" in text
    ok(capsys, "mock", "add", "--round", "mission", *[f"--score={d}=4" for d in dims])
    payload = ok(capsys, "check", "--json").json()
    assert payload["verdict"] == "not yet"
    assert payload["vetoed_by"] == []


def test_gaps_work_before_a_plan(capsys: pytest.CaptureFixture[str]) -> None:
    """Without a plan, gaps still scores every round (no onsite yet)."""
    payload = ok(capsys, "gaps", "--json").json()
    assert payload["onsite"] is None
    assert len(payload["rounds"]) == 7


def test_more_evidence_raises_the_cli_scores(capsys: pytest.CaptureFixture[str]) -> None:
    """A strong product-sense mock raises product sense and lowers nothing."""
    init(capsys)
    before = {r["id"]: r["score"] for r in ok(capsys, "gaps", "--json").json()["rounds"]}
    ok(
        capsys,
        "mock",
        "add",
        "--round",
        "product-sense",
        *[
            x
            for d in ("user-focus", "integration-thinking", "prioritization", "tradeoffs-metrics")
            for x in ("--score", f"{d}=5")
        ],
    )
    after = {r["id"]: r["score"] for r in ok(capsys, "gaps", "--json").json()["rounds"]}
    assert after["product-sense"] > before["product-sense"]
    assert all(after[r] >= before[r] for r in before if before[r] is not None)


# ------------------------------------------------------------------------------ check


def test_check_json_has_the_contract_keys(capsys: pytest.CaptureFixture[str], midway: Path) -> None:
    """check --json: as_of, onsite, days_left, overall, verdict, top_gaps, next_days."""
    payload = ok(capsys, "check", "--json").json()
    assert payload.keys() >= CHECK_KEYS
    assert payload["days_left"] == 16
    assert payload["verdict"] in ("go", "go with risks", "not yet")
    assert 1 <= len(payload["top_gaps"]) <= 5
    assert all(g.keys() >= GAP_KEYS for g in payload["top_gaps"])
    assert len(payload["next_days"]) == 16
    assert payload["next_days"][0]["date"] == "2026-11-25"


def test_check_reads_like_advice(capsys: pytest.CaptureFixture[str], midway: Path) -> None:
    """Verdict first, then rounds, plain advice, the top gaps and the days that remain."""
    out = ok(capsys, "check").out
    lines = out.splitlines()
    assert lines[0].startswith("16 days to the onsite (Fri 11 Dec). Readiness ")
    assert "Verdict: NOT YET" in lines[0]
    assert "pass/fail" in out
    assert "Top gaps:" in out
    assert "The days that remain:" in out
    assert "Wed 25 Nov:" in out
    assert "Thu 10 Dec:" in out
    top = out.split("Top gaps:")[1].splitlines()[1]
    assert top.startswith("  - ")
    assert "->" in top
    assert "min)" in top


def test_check_lists_each_days_actions_one_a_line(
    capsys: pytest.CaptureFixture[str], midway: Path
) -> None:
    """The days that remain: a line per day (date and minutes planned), then each action
    proposed for it on its own line with its minutes, each action once (issue 15 item 14)."""
    payload = ok(capsys, "check", "--json").json()
    out = ok(capsys, "check").out
    days = out.split("The days that remain:")[1].splitlines()[1:]
    actions = [a for d in payload["next_days"] for a in d["actions"]]
    assert actions
    listed = [line for line in days if line.startswith("      + ")]
    assert len(listed) == len(actions)
    assert len(set(listed)) == len(listed)
    assert all(line.endswith("m)") for line in listed)
    assert all(" + " not in line for line in days if not line.startswith("      + "))


def test_check_never_books_more_than_a_day_holds(
    capsys: pytest.CaptureFixture[str], midway: Path
) -> None:
    """Suggested actions fit each day's free time; suggested mocks keep two days apart."""
    payload = ok(capsys, "check", "--json").json()
    plan = ok(capsys, "plan", "--json").json()
    capacity = {d["date"]: d["capacity_minutes"] for d in plan["days"]}
    mock_days = [t["date"] for d in plan["days"] for t in d["tasks"] if t["kind"] == "mock"]
    for day in payload["next_days"]:
        extra = sum(a["minutes"] for a in day["actions"])
        assert day["planned_minutes"] + extra <= capacity[day["date"]]
        if any(a["kind"] == "mocks" for a in day["actions"]):
            mock_days.append(day["date"])
    dates = sorted(dt.date.fromisoformat(d) for d in mock_days)
    assert all((b - a).days >= 2 for a, b in itertools.pairwise(dates))


def test_check_needs_a_plan(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    """Without a plan, check says how to make one."""
    rejected(capsys, data_dir, "check", match="planner init")


def test_check_on_the_onsite_day_says_stop(
    capsys: pytest.CaptureFixture[str], midway: Path
) -> None:
    """On the onsite day there are no days left and the advice is to rest."""
    out = ok(capsys, "--today", "2026-12-11", "check").out
    assert out.startswith("0 days to the onsite")
    assert "no more preparation fits" in out


# ------------------------------------------------------------------------------ export


def test_markdown_export_has_weeks_and_ticks(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The Markdown checklist is grouped by week and ticks done tasks."""
    init(capsys)
    first = all_tasks(capsys)[0]
    ok(capsys, "done", first["id"])
    target = tmp_path / "plan.md"
    ok(capsys, "export", "--format", "md", "-o", str(target))
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Loop plan: Coursera")
    assert "## Week 1" in text
    assert "## Week 5" in text
    assert f"- [x] {first['title']}" in text
    assert text.count("- [x]") == 1
    assert "- [ ] " in text


def test_markdown_export_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    """Without -o the export goes to stdout."""
    init(capsys)
    result = run(capsys, "export", "--format", "md")
    assert result.code == 0
    assert "## Week 1" in result.out


def _calendar(path: Path) -> Any:
    return Calendar.from_ical(path.read_bytes())


def test_ics_export_parses_back_with_one_event_per_day_and_mock(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """An all-day event for each day with untimed work, one per timed session (peer mock or
    solo drill), and the onsite."""
    init(capsys)
    plan = ok(capsys, "plan", "--json").json()
    target = tmp_path / "plan.ics"
    ok(capsys, "export", "--format", "ics", "-o", str(target))
    events = list(_calendar(target).walk("VEVENT"))
    timed = ("mock", "timed")
    work_days = {d["date"] for d in plan["days"] if any(t["kind"] not in timed for t in d["tasks"])}
    sessions = [t for d in plan["days"] for t in d["tasks"] if t["kind"] in timed]
    assert len(events) == len(work_days) + len(sessions) + 1
    starts = [e.decoded("dtstart") for e in events]
    assert all(isinstance(s, dt.date) and not isinstance(s, dt.datetime) for s in starts)
    titles = {t["title"] for t in sessions}
    session_events = [e for e in events if str(e.get("summary")) in titles]
    assert len(session_events) == len(sessions)
    assert any(str(e.get("summary")).endswith("onsite") for e in events)


def test_ics_uids_are_stable_across_exports(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Exporting again, even on another day after ticking work, keeps every UID."""
    init(capsys)
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    ok(capsys, "export", "--format", "ics", "-o", str(first))
    ok(capsys, "done", all_tasks(capsys)[0]["id"])
    ok(capsys, "--today", "2026-11-26", "export", "--format", "ics", "-o", str(second))
    uids = [sorted(str(e["uid"]) for e in _calendar(p).walk("VEVENT")) for p in (first, second)]
    assert uids[0] == uids[1]
    assert len(set(uids[0])) == len(uids[0])


@pytest.mark.parametrize("fmt", ["md", "ics"])
def test_export_needs_a_plan(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path, fmt: str
) -> None:
    """Exporting the plan before there is one says how to make one and writes no file."""
    target = tmp_path / f"plan.{fmt}"
    rejected(capsys, data_dir, "export", "--format", fmt, "-o", str(target), match="init")
    assert not target.exists()


def test_export_to_a_missing_folder_is_refused(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    """A target in a folder that does not exist is a usage error."""
    init(capsys)
    target = tmp_path / "nowhere" / "plan.md"
    rejected(capsys, data_dir, "export", "--format", "md", "-o", str(target), match="nowhere")


# ------------------------------------------------------------------------------ import

READ_BACK = (
    ("plan", "--json"),
    ("mock", "list", "--json"),
    ("story", "list", "--json"),
    ("research", "list", "--json"),
    ("questions", "--json"),
)


def _views(capsys: pytest.CaptureFixture[str], *prefix: str) -> list[Any]:
    return [ok(capsys, *prefix, *command).json() for command in READ_BACK]


def test_json_export_round_trips_into_an_empty_folder(
    capsys: pytest.CaptureFixture[str], midway: Path, tmp_path: Path
) -> None:
    """Export everything, import into a new folder: plan, mocks, stories, research, practice
    read back the same."""
    dump = tmp_path / "all.json"
    ok(capsys, "export", "--format", "json", "-o", str(dump))
    other = tmp_path / "other"
    out = ok(capsys, "--data-dir", str(other), "import", str(dump)).out
    assert out.startswith("imported ")
    assert _views(capsys, "--data-dir", str(other)) == _views(capsys)


def test_import_refuses_a_folder_with_data(
    capsys: pytest.CaptureFixture[str], midway: Path, tmp_path: Path
) -> None:
    """Importing over existing data needs --replace; without it nothing changes."""
    dump = tmp_path / "all.json"
    ok(capsys, "export", "--format", "json", "-o", str(dump))
    ok(capsys, "story", "add", "--title", "Written after the export")
    rejected(capsys, midway, "import", str(dump), match="--replace")
    ok(capsys, "import", str(dump), "--replace")
    titles = [s["title"] for s in ok(capsys, "story", "list", "--json").json()]
    assert "Written after the export" not in titles


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not json", "not a JSON export"),
        (b'{"hello": 1}', "not a Loop Planner export"),
        (b'{"format": "loop-planner-export", "version": 99, "data": {}}', "not supported"),
        (
            b'{"format": "loop-planner-export", "version": 1, "data": {"mocks": [{"id": 1}]}}',
            "record 1 of 'mocks'",
        ),
    ],
)
def test_import_rejects_a_bad_file(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    tmp_path: Path,
    content: bytes,
    message: str,
) -> None:
    """A file that is not a valid export is refused and nothing is written."""
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    rejected(capsys, data_dir, "import", str(bad), match=message)
    assert snapshot(data_dir) == {}


# ------------------------------------------------------------------ coach review 4


def test_day_one_check_starts_with_the_plan_s_first_step(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Coach finding 9: on day one `check` proposed a timed session while the plan puts
    research and frameworks first; "Start with this" now names the plan's first task."""
    init(capsys)
    plan = ok(capsys, "plan", "--json").json()
    first = next(t for d in plan["days"] for t in d["tasks"] if not t["done"])
    out = ok(capsys, "check").out
    start = next(line for line in out.splitlines() if "Start with this:" in line)
    assert first["title"] in start, start


def test_a_partial_strong_no_session_on_a_veto_round_is_named_as_a_risk(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Coach finding 9 (case V3): a 20-minute mission session averaging 1.0 is partial, so
    no veto by the contract, but `check` names it as a risk."""
    init(capsys)
    dims = ["belief-in-access", "learners-as-people", "mission-in-work", "learner-data-fluency"]
    ok(
        capsys,
        "mock",
        "add",
        "--round",
        "mission",
        "--minutes",
        "20",
        *[f"--score={d}=1" for d in dims],
    )
    payload = ok(capsys, "check", "--json").json()
    assert payload["verdict"] == "not yet"
    assert payload["vetoed_by"] == []
    out = ok(capsys, "check").out
    risk = [line for line in out.splitlines() if line.startswith("Risk:")]
    assert risk, out
    assert "Mission alignment check" in risk[0]
    assert "Strong No" in risk[0]


def test_gaps_json_names_the_sessions_too_old_to_count(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Coach finding 2 in JSON: a mission session 18 months old is listed as stale, is not
    in `sessions`, and the pass/fail round says how many full sessions it still needs."""
    init(capsys)
    dims = ["belief-in-access", "learners-as-people", "mission-in-work", "learner-data-fluency"]
    scores = [f"--score={d}=4" for d in dims]
    ok(capsys, "mock", "add", "--round", "mission", "--date", "2025-05-25", *scores)
    ok(capsys, "mock", "add", "--round", "mission", *scores)
    rounds = ok(capsys, "gaps", "--json").json()["rounds"]
    perf = next(r for r in rounds if r["id"] == "mission")["performance"]
    assert len(perf["stale_sessions"]) == 1
    assert len(perf["sessions"]) == 1
    assert perf["max_age_days"] == 60
    assert perf["min_full_sessions"] == 2
    assert perf["sessions_short"] == 1


def test_a_knock_out_answer_vetoes_the_loop_through_the_cli(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Coach review 5, finding 1: a full mission session "1 5 5 5" (belief in access 1)
    averages 4.0 and is still a Strong No: `check --json` says no-go, vetoed by mission, and
    the round's gap names the knock-out. The same scores in a 20-minute session are a risk."""
    init(capsys)
    dims = ["belief-in-access", "learners-as-people", "mission-in-work", "learner-data-fluency"]
    scores = [f"--score={d}={s}" for d, s in zip(dims, (1, 5, 5, 5), strict=True)]
    ok(capsys, "mock", "add", "--round", "mission", "--minutes", "20", *scores)
    out = ok(capsys, "check").out
    risk = [line for line in out.splitlines() if line.startswith("Risk:")]
    assert risk, out
    assert "Genuine belief in access 1, a knock-out" in risk[0]
    ok(capsys, "mock", "add", "--round", "mission", *scores)
    payload = ok(capsys, "check", "--json").json()
    assert payload["verdict"] == "no-go"
    assert payload["vetoed_by"] == ["mission"]
    mission = next(r for r in payload["rounds"] if r["id"] == "mission")
    assert mission["status"] == "gap"
    assert mission["performance"]["strong_no"] is True
    assert "knock-out" in mission["why"]


def test_skipping_a_pass_fail_round_is_said_loudly(capsys: pytest.CaptureFixture[str]) -> None:
    """Coach review 5, finding 3: `--skip-round mission --skip-round execution` used to pass
    without a word, and `check` judged the loop on the other three rounds. Now init warns,
    and check says it right after the verdict (text and JSON advice)."""
    out = init(capsys, "--skip-round", "mission", "--skip-round", "execution").out
    warning = [line for line in out.splitlines() if line.startswith("Warning:")]
    assert len(warning) == 1, out
    assert "Mission alignment check and Execution" in warning[0]
    assert "pass/fail rounds" in warning[0]
    assert "recruiter" in warning[0]
    advice = ok(capsys, "check", "--json").json()["advice"]
    assert "You skipped Mission alignment check and Execution" in advice[1]
    text = ok(capsys, "check").out
    assert "You skipped Mission alignment check and Execution" in text


def test_skipping_a_round_that_cannot_veto_warns_of_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = init(capsys, "--skip-round", "system-design").out
    assert "Warning:" not in out
    assert not any("You skipped" in a for a in ok(capsys, "check", "--json").json()["advice"])


def test_a_screen_whose_day_passed_is_said_to_be_taken_as_passed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Coach review 5, finding 8: after its date the hiring-manager screen left readiness
    without a word. check now says it was taken as passed and how to put it back if it
    moved; before its day, nothing is said."""
    init(capsys, "--screen", "hiring-manager=2026-11-28")
    before = ok(capsys, "check", "--json").json()["advice"]
    assert not any("taken as passed" in a for a in before)
    after = ok(capsys, "--today", "2026-11-30", "check", "--json").json()["advice"]
    note = [a for a in after if "taken as passed" in a]
    assert note == [
        "Hiring-manager screen was on Sat 28 Nov: taken as passed. If it moved, "
        "`planner screen hiring-manager --date D` puts it back in the plan."
    ]
