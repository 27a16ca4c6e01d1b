"""`planner init` calendar and stage options, the settings file, and `planner screen`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cli_support import all_tasks, init, ok, plan_json, rejected

ONSITE = "2026-12-25"
"""The onsite of `init`: 30 days after the suite's today (Wed 25 Nov 2026)."""


def write_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> Path:
    """A settings file holding `text`, pointed at by PLANNER_CONFIG."""
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("PLANNER_CONFIG", str(path))
    return path


# -- screens -----------------------------------------------------------------------------


def test_screens_without_a_date_are_taken_as_passed_and_said(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """No --screen: both screens passed, and init says so with the way to change it."""
    out = init(capsys).out
    assert "Taken as passed" in out
    assert "recruiter" in out
    assert "hiring-manager" in out
    assert "planner screen ROUND --date D" in out
    payload = plan_json(capsys)
    assert payload["screens"] == {}
    assert payload["passed_screens"] == ["recruiter", "hiring-manager"]


def test_a_dated_screen_is_ahead_and_the_other_passed(capsys: pytest.CaptureFixture[str]) -> None:
    """--screen ROUND=DATE keeps that screen ahead with its date; the other is passed."""
    out = init(capsys, "--screen", "hiring-manager=2026-12-04").out
    assert "Screens ahead: Hiring-manager screen on Fri 04 Dec" in out
    payload = plan_json(capsys)
    assert payload["screens"] == {"hiring-manager": "2026-12-04"}
    assert payload["passed_screens"] == ["recruiter"]


def test_a_skipped_screen_is_passed(capsys: pytest.CaptureFixture[str]) -> None:
    """--skip-round on a screen means passed, and it stays in skip_rounds."""
    init(capsys, "--skip-round", "recruiter", "--screen", "hiring-manager=2026-12-04")
    payload = plan_json(capsys)
    assert payload["passed_screens"] == ["recruiter"]
    assert payload["skip_rounds"] == ["recruiter"]


SCREEN_REJECTIONS = [
    (["--screen", "recruiter=2026-12-25"], "must be before the onsite"),
    (["--screen", "recruiter=2027-01-05"], "must be before the onsite"),
    (["--screen", "recruiter=2026-11-25"], "must be after today"),
    (["--screen", "recruiter=2026-11-20"], "must be after today"),
    (["--screen", "product-sense=2026-12-01"], "not a screen of this loop"),
    (["--screen", "lunch=2026-12-01"], "not a screen of this loop"),
    (["--screen", "recruiter"], "must look like ROUND=DATE"),
    (["--screen", "=2026-12-01"], "must look like ROUND=DATE"),
    (["--screen", "recruiter=soon"], "is not a date"),
    (
        ["--screen", "recruiter=2026-12-01", "--screen", "recruiter=2026-12-02"],
        "given twice",
    ),
    (
        ["--screen", "recruiter=2026-12-01", "--skip-round", "recruiter"],
        "both skipped and dated",
    ),
]


@pytest.mark.parametrize(("args", "message"), SCREEN_REJECTIONS)
def test_bad_screens_are_refused(
    capsys: pytest.CaptureFixture[str], data_dir: Path, args: list[str], message: str
) -> None:
    """A screen date on the onsite or after it, in the past, or for an onsite round: exit 2."""
    rejected(
        capsys, data_dir, "init", "--seniority", "mid", "--onsite", ONSITE, *args, match=message
    )
    assert not (data_dir / "planner.json").exists()


def test_a_screen_before_a_late_start_is_refused(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """Onsite 60 days out, plan from day 30: a screen on day 10 cannot be prepared for."""
    rejected(
        capsys,
        data_dir,
        "init",
        "--seniority",
        "mid",
        "--onsite",
        "2027-01-24",
        "--screen",
        "recruiter=2026-12-05",
        match="--start today",
    )


# -- rest days ---------------------------------------------------------------------------


def test_rest_days_default_to_the_template(capsys: pytest.CaptureFixture[str]) -> None:
    """No flag and no settings file: the template's rest day (Sunday)."""
    out = init(capsys).out
    assert "rest days: Sun" in out
    payload = plan_json(capsys)
    assert payload["rest_days"] == ["sun"]
    assert payload["rest_weekdays"] == [6]
    sundays = [d for d in payload["days"] if dt.date.fromisoformat(d["date"]).weekday() == 6]
    assert sundays
    assert all(d["rest"] for d in sundays)


def test_rest_days_none_and_full_names(capsys: pytest.CaptureFixture[str]) -> None:
    """`none` means no rest day; full names and spaces around commas are read."""
    init(capsys, "--rest-days", "none")
    assert plan_json(capsys)["rest_days"] == []
    init(capsys, "--force", "--rest-days", " Saturday , sun ")
    assert plan_json(capsys)["rest_days"] == ["sat", "sun"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("mon tue", "unknown weekday 'mon tue'"),
        ("sun;mon", "unknown weekday 'sun;mon'"),
        ("satxyz", "unknown weekday 'satxyz'"),
        ("sat,,sun", "an empty weekday"),
        ("", "give weekdays separated by commas"),
        ("none,sat", "unknown weekday 'none'"),
    ],
)
def test_rest_days_are_parsed_strictly(
    capsys: pytest.CaptureFixture[str], data_dir: Path, value: str, message: str
) -> None:
    """Anything but comma-separated weekdays (or none) is refused, never misread."""
    rejected(
        capsys,
        data_dir,
        "init",
        "--seniority",
        "mid",
        "--onsite",
        ONSITE,
        f"--rest-days={value}",
        match=message,
    )


# -- away days ---------------------------------------------------------------------------


def test_away_days_and_ranges_are_kept_clipped_to_the_plan(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Single days and inclusive ranges; a range starting before the plan is clipped."""
    init(
        capsys,
        "--away",
        "2026-12-01..2026-12-03",
        "--away",
        "2026-12-10",
        "--away",
        "2026-11-20..2026-11-26",
    )
    payload = plan_json(capsys)
    assert payload["away"] == [
        "2026-11-25",
        "2026-11-26",
        "2026-12-01",
        "2026-12-02",
        "2026-12-03",
        "2026-12-10",
    ]
    assert "away" in ok(capsys, "plan").out


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2026-12-10..2026-12-08", "ends before it starts"),
        ("2027-02-01", "outside the plan"),
        ("2026-11-01..2026-11-10", "outside the plan"),
        ("2026-12-25", "outside the plan"),
        ("someday", "is not a date"),
        ("2026-12-01..", "a date is needed"),
        ("2026-12-01..2026-12-02..2026-12-03", "more than one '..'"),
    ],
)
def test_bad_away_days_are_refused(
    capsys: pytest.CaptureFixture[str], data_dir: Path, value: str, message: str
) -> None:
    """An away range that ends before it starts, or lies outside the plan: exit 2."""
    rejected(
        capsys,
        data_dir,
        "init",
        "--seniority",
        "mid",
        "--onsite",
        ONSITE,
        f"--away={value}",
        match=message,
    )


def test_away_over_every_working_day_is_refused(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """Nothing left to prepare on: refused rather than an empty plan."""
    rejected(
        capsys,
        data_dir,
        "init",
        "--seniority",
        "mid",
        "--onsite",
        ONSITE,
        "--away",
        "2026-11-01..2026-12-31",
        match="leave at least one day",
    )


# -- holidays ----------------------------------------------------------------------------


def test_holidays_resolve_inside_the_plan(capsys: pytest.CaptureFixture[str]) -> None:
    """US holidays between 25 Nov and 24 Dec 2026: Thanksgiving (26 Nov) only."""
    out = init(capsys, "--holidays", "us").out
    assert "holidays (US): Thu 26 Nov" in out
    payload = plan_json(capsys)
    assert payload["holiday_country"] == "US"
    assert payload["holidays"] == ["2026-11-26"]
    assert "Thu 26 Nov" in ok(capsys, "plan").out
    assert "public holiday" in ok(capsys, "plan").out


@pytest.mark.parametrize("value", ["XX", "Germany", "U", "", "us1"])
def test_an_unknown_holiday_country_is_refused(
    capsys: pytest.CaptureFixture[str], data_dir: Path, value: str
) -> None:
    """An unknown code: one line saying how to find the valid ones."""
    if not value:
        init(capsys, "--holidays=")  # empty: no calendar, like `none`
        assert plan_json(capsys)["holidays"] == []
        return
    line = rejected(
        capsys,
        data_dir,
        "init",
        "--seniority",
        "mid",
        "--onsite",
        ONSITE,
        "--holidays",
        value,
        match="unknown holiday country",
    )
    assert "planner holidays" in line


def test_holidays_command_lists_codes(capsys: pytest.CaptureFixture[str]) -> None:
    """`planner holidays` lists the codes; --json as a list."""
    assert "US" in ok(capsys, "holidays").out
    codes = ok(capsys, "holidays", "--json").json()
    assert {"US", "GB", "DE", "IN"} <= set(codes)


# -- settings file -----------------------------------------------------------------------


def test_settings_file_gives_defaults_and_flags_beat_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """rest_days and holidays from the file beat the template; a flag beats the file."""
    write_settings(tmp_path, monkeypatch, 'rest_days = ["sat", "sun"]\nholidays = "US"\n')
    init(capsys)
    payload = plan_json(capsys)
    assert payload["rest_days"] == ["sat", "sun"]
    assert payload["holiday_country"] == "US"
    init(capsys, "--force", "--rest-days", "wed", "--holidays", "none")
    payload = plan_json(capsys)
    assert payload["rest_days"] == ["wed"]
    assert (payload["holiday_country"], payload["holidays"]) == ("", [])


def test_settings_file_with_no_rest_days(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`rest_days = []` means no rest day (not the template's)."""
    write_settings(tmp_path, monkeypatch, "rest_days = []\n")
    init(capsys)
    assert plan_json(capsys)["rest_days"] == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rest_days = [", "not valid TOML"),
        ('rest_days = "sat"', "rest_days must be a list"),
        ('rest_days = ["caturday"]', "rest_days: unknown weekday 'caturday'"),
        ("holidays = 1", "holidays must be a country code"),
        ('holidays = "XX"', "unknown holiday country 'XX'"),
        ('rest-days = ["sat"]', "unknown key 'rest-days'"),
    ],
)
def test_a_broken_settings_file_is_refused_naming_file_and_key(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    text: str,
    message: str,
) -> None:
    """Never silently ignored: exit 2, the file and the key named, even with flags given."""
    path = write_settings(tmp_path, monkeypatch, text)
    line = rejected(
        capsys,
        data_dir,
        "init",
        "--seniority",
        "mid",
        "--onsite",
        ONSITE,
        "--rest-days",
        "sun",
        "--holidays",
        "none",
        match=message,
    )
    assert str(path) in line


def test_an_empty_planner_config_is_refused(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PLANNER_CONFIG="" does not quietly fall back to the default file."""
    monkeypatch.setenv("PLANNER_CONFIG", "")
    rejected(
        capsys, data_dir, "init", "--seniority", "mid", "--onsite", ONSITE, match="PLANNER_CONFIG"
    )


# -- long runways --------------------------------------------------------------------------


def test_a_far_onsite_names_start_today(capsys: pytest.CaptureFixture[str]) -> None:
    """Onsite 60 days out: the plan covers the last 30 and init names --start today."""
    out = ok(capsys, "init", "--seniority", "mid", "--onsite", "2027-01-24").out
    assert "--start today" in out
    assert "the plan covers the last 30" in out
    ok(
        capsys,
        "init",
        "--seniority",
        "mid",
        "--onsite",
        "2027-01-24",
        "--start",
        "today",
        "--force",
    )
    payload = plan_json(capsys)
    assert (payload["start"], len(payload["days"])) == ("2026-11-25", 60)
    assert "--start today" not in init(capsys, "--force").out


def test_the_onsite_is_at_most_a_year_ahead(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """365 days ahead is fine; 366 is refused."""
    ok(capsys, "init", "--seniority", "mid", "--onsite", "2027-11-25")
    rejected(
        capsys,
        data_dir,
        "init",
        "--seniority",
        "mid",
        "--onsite",
        "2027-11-26",
        "--force",
        match="more than 365 days",
    )


def test_init_help_documents_the_options(capsys: pytest.CaptureFixture[str]) -> None:
    """`planner init --help` names every new option."""
    result = ok(capsys, "init", "--help")
    for flag in ("--screen", "--rest-days", "--away", "--holidays", "--start", "settings file"):
        assert flag in result.out


# -- planner screen ------------------------------------------------------------------------


def test_screen_date_then_passed_round_trip(capsys: pytest.CaptureFixture[str]) -> None:
    """A passed screen given a date is ahead; passed again, its unfinished tasks go."""
    init(capsys)
    out = ok(capsys, "screen", "recruiter", "--date", "2026-12-04").out
    assert out.count("\n") == 1
    assert "recruiter screen on Fri 04 Dec 2026" in out
    payload = plan_json(capsys)
    assert payload["screens"] == {"recruiter": "2026-12-04"}
    assert payload["passed_screens"] == ["hiring-manager"]
    result = ok(capsys, "screen", "recruiter", "--passed", "--json").json()
    assert (result["status"], result["date"], result["changed"]) == ("passed", None, True)
    payload = plan_json(capsys)
    assert payload["screens"] == {}
    assert payload["passed_screens"] == ["recruiter", "hiring-manager"]
    assert not [t for t in all_tasks(capsys) if t["rounds"] == ["recruiter"]]
    again = ok(capsys, "screen", "recruiter", "--passed").out
    assert "nothing changed" in again


def test_screen_keeps_done_work_where_it_is(capsys: pytest.CaptureFixture[str]) -> None:
    """Ten days in, some work done: a screen change keeps every done task and its day."""
    init(capsys, "--screen", "recruiter=2026-12-10")
    first = [t for t in all_tasks(capsys) if t["date"] <= "2026-11-28"]
    ok(capsys, "done", *(t["id"] for t in first))
    screen_only = {t["id"] for t in first if t["rounds"] == ["recruiter"]}
    ok(capsys, "--today", "2026-12-05", "screen", "recruiter", "--passed")
    after = {t["id"]: t for t in all_tasks(capsys)}
    for task in first:
        assert after[task["id"]]["done"] is True
        assert after[task["id"]]["date"] == task["date"]
    assert screen_only <= after.keys()
    undone_screen = [t for t in after.values() if t["rounds"] == ["recruiter"] and not t["done"]]
    assert undone_screen == []
    ids = [t["id"] for t in all_tasks(capsys)]
    assert len(ids) == len(set(ids))


def test_screen_given_a_date_puts_nothing_before_today(capsys: pytest.CaptureFixture[str]) -> None:
    """Rebuilding on day 5: the days before today keep their old tasks (less the unfinished
    ones of the screen still passed, recruiter)."""
    init(capsys)
    before = {
        t["id"]: t["date"]
        for t in all_tasks(capsys)
        if t["date"] < "2026-11-30" and t["rounds"] != ["recruiter"]
    }
    ok(capsys, "--today", "2026-11-30", "screen", "hiring-manager", "--date", "2026-12-12")
    after = {t["id"]: t["date"] for t in all_tasks(capsys) if t["date"] < "2026-11-30"}
    assert after == before
    payload = plan_json(capsys)
    assert payload["start"] == "2026-11-25"
    assert len(payload["days"]) == 30


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["product-sense", "--passed"], "not a screen of this loop"),
        (["recruiter", "--date", "2026-12-25"], "must be before the onsite"),
        (["recruiter", "--date", "2026-11-20"], "must be after today"),
        (["recruiter", "--date", "whenever"], "is not a date"),
        (["recruiter"], "one of the arguments --date --passed is required"),
        (["recruiter", "--date", "2026-12-01", "--passed"], "not allowed with"),
    ],
)
def test_screen_refuses_bad_input(
    capsys: pytest.CaptureFixture[str], data_dir: Path, args: list[str], message: str
) -> None:
    """Bad screen changes: exit 2 and the plan untouched."""
    init(capsys)
    rejected(capsys, data_dir, "screen", *args, match=message)


def test_screen_without_a_plan_says_how_to_start(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """Before init, `planner screen` points at init."""
    rejected(capsys, data_dir, "screen", "recruiter", "--passed", match="planner init")


def _timed_by_round(tasks: list[dict[str, object]]) -> dict[str, list[dict[str, object]]]:
    out: dict[str, list[dict[str, object]]] = {}
    for t in sorted(tasks, key=lambda t: str(t["date"])):
        if t["kind"] in ("mock", "timed"):
            out.setdefault(str(t["rounds"][0]), []).append(t)  # type: ignore[index]
    return out


def test_screen_rebuild_counts_the_timed_sessions_already_done(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The coach's case: two weeks in with everything done (the execution and mission
    baselines among it), the hiring-manager screen gets a date. The rebuilt future planned
    each onsite round's baseline again from scratch (and a fresh session whose id matched a
    done one was silently lost). Now a round already run under time gets its retest, not a
    second baseline; the peer mocks done count toward the budget of 3; ids stay unique."""
    init(capsys)
    done = [t for t in all_tasks(capsys) if t["date"] < "2026-12-09"]
    ok(capsys, "done", *(str(t["id"]) for t in done))
    ran = _timed_by_round(done)
    assert {"execution", "mission"} <= ran.keys()
    ok(capsys, "--today", "2026-12-09", "screen", "hiring-manager", "--date", "2026-12-18")
    after = all_tasks(capsys)
    ids = [t["id"] for t in after]
    assert len(ids) == len(set(ids))
    for round_id, sessions in _timed_by_round(after).items():
        labels = [str(t["title"]).rsplit("(", 1)[-1] for t in sessions]
        assert labels[0] == "baseline)", (round_id, labels)
        assert "baseline)" not in labels[1:], (round_id, labels)
        if round_id in ran:
            first = [t["id"] for t in sessions[: len(ran[round_id])]]
            assert first == [t["id"] for t in ran[round_id]], round_id
    assert sum(1 for t in after if t["kind"] == "mock") <= 3
    assert _timed_by_round(after).keys() >= ran.keys()
