"""Research items of your own from the CLI: add, set, edit, remove, and every refusal."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import init, ok, rejected

RESEARCH_KEYS = {"id", "title", "rounds", "status", "note"}
LONG = "x" * 20_001


def _add(capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, object]:
    result: dict[str, object] = ok(
        capsys,
        "research",
        "add",
        "--title",
        "Read Coursera's Q3 earnings call",
        "--round",
        "execution",
        *extra,
        "--json",
    ).json()
    return result


def _listed(capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, object]]:
    return {i["id"]: i for i in ok(capsys, "research", "list", "--json").json()}


def test_add_prints_the_new_id_and_lists_the_item_as_yours(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`research add` says the id; the list shows the item after the pack's, marked own."""
    out = ok(
        capsys,
        "research",
        "add",
        "--title",
        "Find the hiring manager's talks",
        "--round",
        "product-sense",
        "--round",
        "execution",
        "--round",
        "product-sense",
        "--note",
        "YouTube first",
        "--source",
        "https://youtube.com",
    ).out
    assert out == (
        "added research item my-1: Find the hiring manager's talks (product-sense, execution)\n"
    )
    listed = ok(capsys, "research", "list", "--json").json()
    assert all(i.keys() >= RESEARCH_KEYS for i in listed)
    mine = listed[-1]
    assert mine == {
        "id": "my-1",
        "title": "Find the hiring manager's talks",
        "rounds": ["product-sense", "execution"],
        "status": "todo",
        "note": "YouTube first",
        "sources": ["https://youtube.com"],
        "own": True,
    }
    assert not any(i["own"] for i in listed[:-1])
    text = ok(capsys, "research", "list").out
    assert "my-1" in text
    assert "yours: 0 of 1 done" in text


def test_add_json_and_ids_are_stable_and_never_reused(capsys: pytest.CaptureFixture[str]) -> None:
    """The JSON names the id and the day it was added; a removed id is not handed out again."""
    first = _add(capsys)
    assert first == {
        "id": "my-1",
        "title": "Read Coursera's Q3 earnings call",
        "rounds": ["execution"],
        "status": "todo",
        "note": "",
        "sources": [],
        "own": True,
        "created": "2026-11-25",
    }
    assert _add(capsys)["id"] == "my-2"
    ok(capsys, "research", "remove", "my-2")
    assert _add(capsys)["id"] == "my-3"
    assert list(_listed(capsys))[-2:] == ["my-1", "my-3"]


def test_set_moves_an_own_item_like_a_pack_item(capsys: pytest.CaptureFixture[str]) -> None:
    """Status, note and an added source, exactly as for the pack's items."""
    _add(capsys, "--source", "https://investor.coursera.com")
    out = ok(capsys, "research", "set", "my-1", "doing", "--note", "Margins", "--source", "b")
    assert out.out == "my-1: doing\n"
    ok(capsys, "research", "set", "my-1", "done", "--source", "b")
    mine = _listed(capsys)["my-1"]
    assert (mine["status"], mine["note"]) == ("done", "Margins")
    assert mine["sources"] == ["https://investor.coursera.com", "b"]
    assert "yours: 1 of 1 done" in ok(capsys, "research", "list").out


def test_edit_changes_title_and_rounds_and_keeps_the_progress(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`research edit` renames and re-rounds an own item; its status and note stay."""
    _add(capsys, "--note", "kept")
    ok(capsys, "research", "set", "my-1", "doing")
    out = ok(capsys, "research", "edit", "my-1", "--title", "Q3 call", "--round", "mission").out
    assert out == "edited research item my-1: Q3 call (mission)\n"
    mine = _listed(capsys)["my-1"]
    assert (mine["title"], mine["rounds"], mine["status"], mine["note"]) == (
        "Q3 call",
        ["mission"],
        "doing",
        "kept",
    )


def test_remove_takes_an_own_item_away(capsys: pytest.CaptureFixture[str]) -> None:
    """`research remove` (or `delete`) drops the item; the pack's items are untouched."""
    _add(capsys)
    _add(capsys)
    before = _listed(capsys)
    assert ok(capsys, "research", "remove", "my-1").out.startswith("removed research item my-1")
    ok(capsys, "research", "delete", "my-2")
    after = _listed(capsys)
    assert set(before) - set(after) == {"my-1", "my-2"}
    assert all(not i["own"] for i in after.values())


def test_an_own_item_is_a_next_action_of_its_round(capsys: pytest.CaptureFixture[str]) -> None:
    """`planner gaps` lists it under its round with no points; `set done` clears it."""
    init(capsys)
    before = ok(capsys, "gaps", "--json").json()
    _add(capsys)
    gaps = ok(capsys, "gaps", "--json").json()
    execution = next(r for r in gaps["rounds"] if r["id"] == "execution")
    [mine] = [g for g in execution["gaps"] if g.get("target") == "my-1"]
    assert mine["action"] == "finish your research item my-1 (Read Coursera's Q3 earnings call)"
    assert [r["score"] for r in gaps["rounds"]] == [r["score"] for r in before["rounds"]]
    explained = ok(capsys, "gaps", "--explain").out
    assert "yours: 0 of 1 done (listed, not scored)" in explained
    ok(capsys, "research", "set", "my-1", "done")
    gaps = ok(capsys, "gaps", "--json").json()
    assert not [g for r in gaps["rounds"] for g in r["gaps"] if g.get("target") == "my-1"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--title", "", "--round", "execution"], "title must not be empty"),
        (["--title", "  \x1b  ", "--round", "execution"], "title must not be empty"),
        (["--title", "two\nlines", "--round", "execution"], "title must be one line"),
        (["--title", "x" * 201, "--round", "execution"], "the limit is 200"),
        (["--title", "T", "--round", "nope"], "unknown round 'nope'"),
        (["--title", "T"], "required: --round"),
        (["--round", "execution"], "required: --title"),
        (["--title", "T", "--round", "execution", "--note", LONG], "20,000"),
        (["--title", "T", "--round", "execution", "--source", ""], "source must not be empty"),
        (["--title", "T", "--round", "execution", "--source", "y" * 2001], "the limit is 2,000"),
    ],
)
def test_add_refuses_bad_input(
    capsys: pytest.CaptureFixture[str], data_dir: Path, args: list[str], message: str
) -> None:
    """Each bad input: one line, exit 2, nothing written."""
    rejected(capsys, data_dir, "research", "add", *args, match=message)


def test_add_refuses_a_round_behind_you(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    """A screen already passed takes no new research; nothing is written."""
    init(capsys)
    ok(capsys, "screen", "recruiter", "--passed")
    rejected(
        capsys,
        data_dir,
        "research",
        "add",
        "--title",
        "T",
        "--round",
        "recruiter",
        match="round 'recruiter' is behind you",
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["remove", "business-lines"], "comes from the pack"),
        (["edit", "business-lines", "--title", "T"], "comes from the pack"),
        (["remove", "my-9"], "unknown research item 'my-9' (your own items: my-1)"),
        (["edit", "my-1"], "say what to change"),
        (["edit", "my-1", "--title", ""], "title must not be empty"),
        (["edit", "my-1", "--round", "nope"], "unknown round 'nope'"),
        (["set", "my-9", "done"], "unknown research item 'my-9'"),
        (["set", "my-1", "done", "--note", LONG], "20,000"),
    ],
)
def test_changes_refuse_pack_items_unknown_ids_and_bad_values(
    capsys: pytest.CaptureFixture[str], data_dir: Path, argv: list[str], message: str
) -> None:
    """Pack items cannot be edited or removed; unknown ids and bad values change nothing."""
    _add(capsys)
    rejected(capsys, data_dir, "research", *argv, match=message)


def test_escapes_in_a_title_are_stored_clean(capsys: pytest.CaptureFixture[str]) -> None:
    """Terminal escapes are stripped before the title is stored or printed."""
    out = ok(
        capsys, "research", "add", "--title", "Q3 \x1b[2Jcall\u202e", "--round", "execution"
    ).out
    assert "\x1b" not in out
    assert _listed(capsys)["my-1"]["title"] == "Q3 [2Jcall"


def test_own_items_survive_an_export_and_an_import(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    """A JSON export carries your items and their id counter: imported elsewhere, the list
    reads the same and the next id is not one handed out before the export."""
    _add(capsys, "--note", "n", "--source", "s")
    _add(capsys)
    ok(capsys, "research", "remove", "my-2")
    ok(capsys, "research", "set", "my-1", "done")
    dump = tmp_path / "all.json"
    ok(capsys, "export", "--format", "json", "-o", str(dump))
    other = tmp_path / "other"
    ok(capsys, "--data-dir", str(other), "import", str(dump))
    theirs = ok(capsys, "--data-dir", str(other), "research", "list", "--json").json()
    assert theirs == ok(capsys, "research", "list", "--json").json()
    again = ok(
        capsys, "--data-dir", str(other), "research", "add", "--title", "T", "--round", "mission"
    )
    assert again.out.startswith("added research item my-3")
