"""Mocks, research, stories, rubric, competencies, questions and practice from the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import all_tasks, init, ok, rejected

MOCK_KEYS = {"id", "date", "round", "minutes", "scores", "average"}
STORY_KEYS = {"id", "title", "competencies", "readiness", "lint"}
RESEARCH_KEYS = {"id", "title", "rounds", "status", "note"}
QUESTION_KEYS = {"id", "round", "prompt", "due"}
LONG = "x" * 20_001

# ------------------------------------------------------------------------------ mocks


def test_mock_add_logs_scores_and_lists_them(capsys: pytest.CaptureFixture[str]) -> None:
    """A logged mock shows in `mock list --json` with its scores and average."""
    ok(
        capsys,
        "mock",
        "add",
        "--round",
        "product-sense",
        "--score",
        "user-focus=4",
        "--score",
        "prioritization=3",
        "--partner",
        "Sam",
        "--question",
        "ps-emerging-markets",
        "--minutes",
        "45",
    )
    [mock] = ok(capsys, "mock", "list", "--json").json()
    assert mock.keys() >= MOCK_KEYS
    assert mock["round"] == "product-sense"
    assert mock["scores"] == {"user-focus": 4, "prioritization": 3}
    assert mock["average"] == 3.5
    assert (mock["date"], mock["minutes"]) == ("2026-11-25", 45)


def test_mock_list_filters_by_round(capsys: pytest.CaptureFixture[str]) -> None:
    """`mock list --round R` keeps only that round's mocks."""
    ok(capsys, "mock", "add", "--round", "execution", "--score", "hypothesis-first=4")
    ok(capsys, "mock", "add", "--round", "mission", "--score", "belief-in-access=5")
    listed = ok(capsys, "mock", "list", "--round", "mission", "--json").json()
    assert [m["round"] for m in listed] == ["mission"]
    text = ok(capsys, "mock", "list").out
    assert "execution" in text
    assert "mission" in text


def test_mock_add_ticks_the_planned_mock(capsys: pytest.CaptureFixture[str]) -> None:
    """Logging a mock on or after a planned timed session's day ticks that planned task
    (the plan's first timed session: a round's baseline, a solo drill or a peer mock)."""
    init(capsys)
    planned = next(t for t in all_tasks(capsys) if t["kind"] in ("mock", "timed"))
    day = planned["date"]
    out = ok(
        capsys,
        "--today",
        day,
        "mock",
        "add",
        "--round",
        planned["rounds"][0],
        "--score",
        f"{_first_dimension(capsys, planned['rounds'][0])}=4",
        "--json",
    ).json()
    assert out["ticked"] == planned["id"]
    ticked = next(t for t in all_tasks(capsys) if t["id"] == planned["id"])
    assert ticked["done"] is True


def _first_dimension(capsys: pytest.CaptureFixture[str], round_id: str) -> str:
    [rubric] = ok(capsys, "rubric", round_id, "--json").json()
    return str(rubric["dimensions"][0]["id"])


def test_weak_dimensions_become_drills(capsys: pytest.CaptureFixture[str]) -> None:
    """Two dimensions under the bar add two drills in the coming days, each with its reason."""
    init(capsys)
    out = ok(
        capsys,
        "mock",
        "add",
        "--round",
        "execution",
        "--score",
        "hypothesis-first=2",
        "--score",
        "metric-decomposition=3",
        "--score",
        "decisive-on-partial-data=5",
        "--json",
    ).json()
    drills = out["drills"]
    assert len(drills) == 2
    assert all(d["date"] >= "2026-11-25" for d in drills)
    assert "hypothesis" in drills[0]["title"].lower()
    assert "2/5" in drills[0]["reason"]
    planned = [t for t in all_tasks(capsys) if t["kind"] == "drill"]
    assert {t["id"] for t in planned} == {d["id"] for d in drills}


def test_drills_after_a_weak_baseline_come_before_its_retest(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A coach's case: plan made 1 Dec (onsite 31 Dec), a weak execution baseline logged on
    7 Dec; its drills take the next days' free time, before execution's retest."""
    ok(capsys, "--today", "2026-12-01", "init", "--seniority", "mid", "--onsite", "2026-12-31")
    out = ok(
        capsys,
        "--today",
        "2026-12-07",
        "mock",
        "add",
        "--round",
        "execution",
        "--score",
        "hypothesis-first=2",
        "--score",
        "metric-decomposition=3",
        "--score",
        "decisive-on-partial-data=2",
        "--score",
        "long-term-value=3",
        "--json",
    ).json()
    tasks = all_tasks(capsys)
    retest = min(
        t["date"]
        for t in tasks
        if t["kind"] in ("mock", "timed") and t["rounds"] == ["execution"] and not t["done"]
    )
    assert len(out["drills"]) >= 2
    assert all("2026-12-08" <= d["date"] < retest for d in out["drills"])
    assert min(d["date"] for d in out["drills"]) <= "2026-12-11"


def test_a_weak_session_on_a_passed_screen_adds_no_drills(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The hiring-manager screen is behind the candidate: a weak session logged for it adds
    no drills to the plan."""
    init(capsys)
    out = ok(
        capsys,
        "mock",
        "add",
        "--round",
        "hiring-manager",
        "--score",
        f"{_first_dimension(capsys, 'hiring-manager')}=1",
        "--json",
    ).json()
    assert out["drills"] == []
    assert not [t for t in all_tasks(capsys) if t["kind"] == "drill"]


def test_a_strong_mock_adds_no_drills(capsys: pytest.CaptureFixture[str]) -> None:
    """Scores at or above the bar add nothing to the plan."""
    init(capsys)
    out = ok(
        capsys, "mock", "add", "--round", "execution", "--score", "hypothesis-first=5", "--json"
    ).json()
    assert out["drills"] == []


MOCK_REJECTIONS = [
    (["--round", "nope"], "unknown round 'nope' (valid: recruiter,"),
    (["--round", "execution", "--score", "hypothesis-first=6"], "from 1 to 5"),
    (["--round", "execution", "--score", "hypothesis-first=0"], "from 1 to 5"),
    (["--round", "execution", "--score", "hypothesis-first=3.5"], "from 1 to 5"),
    (["--round", "execution", "--score", "hypothesis-first"], "DIMENSION=N"),
    (["--round", "execution", "--score", "charm=4"], "valid: hypothesis-first,"),
    (
        ["--round", "execution", "--score", "hypothesis-first=3", "--score", "hypothesis-first=4"],
        "given twice",
    ),
    (["--round", "execution", "--minutes", "0"], "from 1 to 600"),
    (["--round", "execution", "--minutes", "601"], "from 1 to 600"),
    (["--round", "execution", "--minutes", "an hour"], "from 1 to 600"),
    (["--round", "execution", "--question", "nope"], "unknown question 'nope' (valid: ex-"),
    (["--round", "execution", "--date", "2026-12-01"], "in the future"),
    (["--round", "execution", "--date", "last tuesdayish"], "is not a date"),
    (["--round", "execution", "--notes", LONG], "20,000"),
    (["--round", "execution", "--partner", "p" * 201], "limit is 200"),
]


@pytest.mark.parametrize(("args", "message"), MOCK_REJECTIONS)
def test_mock_add_rejects_bad_input(
    capsys: pytest.CaptureFixture[str], data_dir: Path, args: list[str], message: str
) -> None:
    """Bad mock input: one error line naming the problem, nothing logged."""
    init(capsys)
    rejected(capsys, data_dir, "mock", "add", *args, match=message)
    assert ok(capsys, "mock", "list", "--json").json() == []


def test_mock_list_rejects_an_unknown_round(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """Filtering by a round the pack lacks lists the valid rounds."""
    rejected(capsys, data_dir, "mock", "list", "--round", "lunch", match="valid: recruiter")


def test_mock_edit_and_delete(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    """A mock's scores can be changed and the mock deleted; unknown ids are refused."""
    ok(capsys, "mock", "add", "--round", "execution", "--score", "hypothesis-first=2")
    ok(capsys, "mock", "edit", "m1", "--score", "hypothesis-first=4")
    assert ok(capsys, "mock", "list", "--json").json()[0]["scores"] == {"hypothesis-first": 4}
    rejected(capsys, data_dir, "mock", "edit", "m9", "--minutes", "30", match="unknown mock 'm9'")
    rejected(capsys, data_dir, "mock", "edit", "m1", "--score", "hypothesis-first=9")
    ok(capsys, "mock", "delete", "m1")
    assert ok(capsys, "mock", "list", "--json").json() == []
    rejected(capsys, data_dir, "mock", "delete", "m1", match="unknown mock")


# ------------------------------------------------------------------------------ research


def test_research_list_and_set(capsys: pytest.CaptureFixture[str]) -> None:
    """Every pack item is listed as todo; set moves one to done with a note."""
    items = ok(capsys, "research", "list", "--json").json()
    assert len(items) >= 10
    assert all(i.keys() >= RESEARCH_KEYS and i["status"] == "todo" for i in items)
    first = items[0]["id"]
    ok(capsys, "research", "set", first, "done", "--note", "Read the Q3 call.")
    after = {i["id"]: i for i in ok(capsys, "research", "list", "--json").json()}
    assert (after[first]["status"], after[first]["note"]) == ("done", "Read the Q3 call.")
    assert "1 of" in ok(capsys, "research", "list").out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope", "done"], "unknown research item 'nope' (valid: "),
        (["business-lines", "finished"], "invalid choice: 'finished'"),
        (["business-lines", "done", "--note", LONG], "20,000"),
    ],
)
def test_research_set_rejects_bad_input(
    capsys: pytest.CaptureFixture[str], data_dir: Path, args: list[str], message: str
) -> None:
    """Unknown items or statuses and over-long notes are refused."""
    rejected(capsys, data_dir, "research", "set", *args, match=message)


# ------------------------------------------------------------------------------ stories


def test_story_add_list_show_and_lint(capsys: pytest.CaptureFixture[str]) -> None:
    """A story with no number in its result is listed with that lint finding."""
    ok(
        capsys,
        "story",
        "add",
        "--title",
        "Holiday freeze",
        "--situation",
        "Marketing booked media early.",
        "--task",
        "Own the scope.",
        "--action",
        "I ran a one-week discovery sprint with data science and cut polish to keep the "
        "learner-facing signals we trusted most.",
        "--result",
        "We shipped on time and learners liked it.",
        "--competency",
        "shipping-under-deadline",
    )
    [story] = ok(capsys, "story", "list", "--json").json()
    assert story.keys() >= STORY_KEYS
    assert story["competencies"] == ["shipping-under-deadline"]
    assert story["readiness"] == "draft"
    assert "result-without-number" in {f["rule"] for f in story["lint"]}
    assert "Holiday freeze" in ok(capsys, "story", "show", story["id"]).out
    lint = ok(capsys, "story", "lint", story["id"]).out
    assert "[result-without-number]" in lint
    assert "fix:" in lint


def test_story_set_and_rehearse_move_readiness(capsys: pytest.CaptureFixture[str]) -> None:
    """Rehearsing a draft makes it rehearsed; set can make it ready; coverage follows."""
    ok(capsys, "story", "add", "--title", "Principle", "--competency", "principled-stand")
    ok(capsys, "story", "rehearse", "s1")
    assert ok(capsys, "story", "list", "--json").json()[0]["readiness"] == "rehearsed"
    ok(capsys, "story", "set", "s1", "--readiness", "ready")
    comps = {c["id"]: c for c in ok(capsys, "competencies", "--json").json()}
    assert comps["principled-stand"]["stories"] == ["s1"]
    assert comps["product-failure"]["stories"] == []


STORY_REJECTIONS = [
    (["add", "--title", ""], "title must not be empty"),
    (["add", "--title", "  \t "], "title must not be empty"),
    (["add", "--title", "ok", "--situation", LONG], "20,000"),
    (["add", "--title", "ok", "--result", LONG], "20,000"),
    (["add", "--title", "ok", "--competency", "charm"], "unknown competency 'charm' (valid: "),
    (["show", "s9"], "unknown story 's9'"),
    (["set", "s9", "--readiness", "ready"], "unknown story 's9'"),
    (["set", "s1", "--readiness", "perfect"], "invalid choice: 'perfect'"),
    (["set", "s1", "--title", ""], "title must not be empty"),
    (["rehearse", "s9"], "unknown story 's9'"),
    (["rehearse", "s1", "--date", "2027-01-01"], "in the future"),
    (["rehearse", "s1", "--date", "whenever"], "is not a date"),
    (["lint", "s9"], "unknown story 's9'"),
    (["delete", "s9"], "unknown story 's9'"),
]


@pytest.mark.parametrize(("args", "message"), STORY_REJECTIONS)
def test_story_commands_reject_bad_input(
    capsys: pytest.CaptureFixture[str], data_dir: Path, args: list[str], message: str
) -> None:
    """Empty titles, over-long text, unknown ids and levels are refused; nothing changes."""
    ok(capsys, "story", "add", "--title", "Existing story")
    rejected(capsys, data_dir, "story", *args, match=message)


def test_unknown_story_lists_the_known_ones(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """The error for an unknown story names the stories there are."""
    ok(capsys, "story", "add", "--title", "One")
    ok(capsys, "story", "add", "--title", "Two")
    rejected(capsys, data_dir, "story", "show", "s7", match="(known: s1, s2)")


# ------------------------------------------------------------------------------ rubric etc.


def test_rubric_json_lists_every_round_with_anchors(capsys: pytest.CaptureFixture[str]) -> None:
    """rubric --json: each round with dimensions, each with 1/3/5 anchors."""
    rubric = ok(capsys, "rubric", "--json").json()
    assert [r["round"] for r in rubric] == [
        "recruiter",
        "hiring-manager",
        "product-sense",
        "execution",
        "system-design",
        "leadership",
        "mission",
    ]
    for r in rubric:
        assert r.keys() >= {"round", "dimensions"}
        for d in r["dimensions"]:
            assert d.keys() >= {"id", "name", "anchors"}
            assert {"1", "3", "5"} <= d["anchors"].keys()


def test_rubric_of_one_round(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    """`rubric mission` prints only the mission round; an unknown round is refused."""
    out = ok(capsys, "rubric", "mission").out
    assert out.startswith("Mission alignment check")
    assert "Product sense" not in out
    rejected(capsys, data_dir, "rubric", "lunch", match="valid: recruiter")


def test_competencies_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    """competencies --json: id, name, rounds and the stories covering each."""
    comps = ok(capsys, "competencies", "--json").json()
    assert len(comps) >= 7
    assert all(c.keys() >= {"id", "name", "rounds", "stories"} for c in comps)
    assert "without a rehearsed or ready story" in ok(capsys, "competencies").out


def test_questions_and_practice(capsys: pytest.CaptureFixture[str]) -> None:
    """Practising a question rated good moves its due day past today; --due hides it."""
    questions = ok(capsys, "questions", "--json").json()
    assert len(questions) >= 25
    assert all(q.keys() >= QUESTION_KEYS for q in questions)
    qid = questions[0]["id"]
    review = ok(capsys, "practice", qid, "--rating", "good", "--json").json()
    assert review["due"] > "2026-11-25"
    due_now = {q["id"] for q in ok(capsys, "questions", "--due", "--json").json()}
    assert qid not in due_now
    assert len(due_now) == len(questions) - 1


def test_questions_filter_by_round(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    """`questions --round mission` lists only mission questions; a bad round is refused."""
    listed = ok(capsys, "questions", "--round", "mission", "--json").json()
    assert listed
    assert {q["round"] for q in listed} == {"mission"}
    rejected(capsys, data_dir, "questions", "--round", "lunch", match="valid: recruiter")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope", "--rating", "good"], "unknown question 'nope' (valid: rec-"),
        (["rec-salary-expectations", "--rating", "perfect"], "invalid choice: 'perfect'"),
        (["rec-salary-expectations"], "required: --rating"),
    ],
)
def test_practice_rejects_bad_input(
    capsys: pytest.CaptureFixture[str], data_dir: Path, args: list[str], message: str
) -> None:
    """Unknown questions and ratings are refused."""
    rejected(capsys, data_dir, "practice", *args, match=message)


@pytest.mark.parametrize("group", ["mock", "research", "story", "content"])
def test_a_command_group_without_an_action_says_what_to_do(
    capsys: pytest.CaptureFixture[str], data_dir: Path, group: str
) -> None:
    """`planner mock` alone lists its actions instead of failing obscurely."""
    rejected(capsys, data_dir, group, match="say what to do")


def test_user_text_with_escapes_is_stored_clean(capsys: pytest.CaptureFixture[str]) -> None:
    """Terminal escapes in a title are stripped before they are stored or shown."""
    ok(capsys, "story", "add", "--title", "Evil \x1b[2J\x1b]0;pwned\x07 title\u202e")
    [story] = ok(capsys, "story", "list", "--json").json()
    assert "\x1b" not in story["title"]
    assert "\u202e" not in story["title"]
    assert "\x1b" not in ok(capsys, "story", "list").out


def _timed(capsys: pytest.CaptureFixture[str], round_id: str) -> dict[str, dict[str, object]]:
    return {
        t["kind"]: t
        for t in all_tasks(capsys)
        if t["kind"] in ("mock", "timed") and t["rounds"] == [round_id] and not t["done"]
    }


def test_a_mock_with_a_partner_ticks_a_peer_mock_alone_a_solo_drill(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Logging a session ticks a planned one of its round: a peer mock when a partner is
    named, a solo timed drill otherwise (never a session of another round)."""
    init(capsys)
    timed = [t for t in all_tasks(capsys) if t["kind"] in ("mock", "timed")]
    rounds = {t["rounds"][0] for t in timed}
    both = next(
        r for r in rounds if {t["kind"] for t in timed if t["rounds"] == [r]} >= {"mock", "timed"}
    )
    dims = [d["id"] for d in ok(capsys, "rubric", both, "--json").json()[0]["dimensions"]]
    scores = [f"--score={d}=4" for d in dims]
    solo = _timed(capsys, both)["timed"]["id"]
    ok(capsys, "mock", "add", "--round", both, *scores)
    done = {t["id"]: t["done"] for t in all_tasks(capsys)}
    assert done[solo]
    peer = _timed(capsys, both)["mock"]
    day = str(peer["date"])
    ok(capsys, "--today", day, "mock", "add", "--round", both, "--partner", "Ana", *scores)
    assert {t["id"]: t["done"] for t in all_tasks(capsys)}[peer["id"]]


def test_ticking_a_timed_session_says_to_log_its_scores(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`done` on a timed session reminds that readiness counts it once scores are logged."""
    init(capsys)
    task = next(t for t in all_tasks(capsys) if t["kind"] == "timed")
    out = ok(capsys, "done", task["id"]).out
    assert f"planner mock add --round {task['rounds'][0]}" in out


def test_a_first_mock_ticks_the_rounds_baseline_not_a_later_retest(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A new user's first execution mock, with a partner and before the plan's sessions,
    ticked the peer-mock retest three weeks ahead and left the solo baseline open. The
    earliest open session of the round is the one a first session fulfils."""
    init(capsys)
    sessions = sorted(
        (
            t
            for t in all_tasks(capsys)
            if t["kind"] in ("mock", "timed") and "execution" in t["rounds"]
        ),
        key=lambda t: str(t["date"]),
    )
    first, last = sessions[0], sessions[-1]
    assert (first["date"], last["kind"]) < (last["date"], "mock"), "a plan with a later mock"
    dims = [d["id"] for d in ok(capsys, "rubric", "execution", "--json").json()[0]["dimensions"]]
    out = ok(
        capsys,
        "mock",
        "add",
        "--round",
        "execution",
        "--partner",
        "Ana",
        *[f"--score={d}=2" for d in dims],
        "--json",
    ).json()
    assert out["ticked"] == first["id"]
    done = {t["id"]: t["done"] for t in all_tasks(capsys)}
    assert done[first["id"]]
    assert not done[last["id"]]
    # A second session the same day ticks no retest planned days ahead: it stays, and the
    # text says so (coach review 5, finding 11).
    second = next(t for t in sessions if not done[t["id"]])
    scores = [f"--score={d}=4" for d in dims]
    text = ok(capsys, "mock", "add", "--round", "execution", *scores).out
    assert "ticked planned task" not in text
    assert f"no planned session ticked: the next one, {second['id']} ({second['title']}" in text
    # Logged on its planned day, it is ticked; the text names its id, title and planned day.
    day = str(second["date"])
    text = ok(capsys, "--today", day, "mock", "add", "--round", "execution", *scores).out
    assert f"ticked planned task {second['id']}: {second['title']} (planned " in text


def test_an_early_second_session_keeps_the_retest_and_adds_no_drill_twice(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Coach review 5, finding 11: execution "1 5 5 5" logged twice, four days apart, well
    before the plan's sessions. The first ticks the baseline; the second used to tick the
    peer-mock retest two weeks ahead and add the same hypothesis drill again. Now the retest
    stays planned (after the drills it checks) and no dimension is drilled twice at once."""
    init(capsys)
    dims = [d["id"] for d in ok(capsys, "rubric", "execution", "--json").json()[0]["dimensions"]]
    scores = [f"--score={d}={s}" for d, s in zip(dims, (1, 5, 5, 5), strict=True)]
    first = ok(capsys, "mock", "add", "--round", "execution", *scores, "--json").json()
    assert first["ticked"]
    assert [d["title"].split(" (")[0] for d in first["drills"]] == ["Drill hypothesis before data"]
    second = ok(
        capsys, "--today", "2026-11-29", "mock", "add", "--round", "execution", *scores, "--json"
    ).json()
    assert second["ticked"] is None
    assert second["drills"] == []
    open_sessions = [
        t
        for t in all_tasks(capsys)
        if t["kind"] in ("mock", "timed") and "execution" in t["rounds"] and not t["done"]
    ]
    assert open_sessions, "the retest is still planned"
