"""The 32 MB limit holds on write too: a save or an import that would pass it is refused.

Reading refuses a file over 32 MB (exit 3), so a write that took the file over the limit
would lock the user out of their own data. Such a write is refused before anything is
written: exit 2, one line, the data folder byte-identical.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli import main
from planner.storage.backups import MAX_FILE_BYTES
from planner.storage.fileformat import parse, serialize

HEADROOM = 64
"""Bytes left under the limit: less than any new record needs."""


def _files(data_dir: Path) -> dict[str, bytes]:
    """Every file under the data folder but the lock, with its bytes."""
    return {
        str(p.relative_to(data_dir)): p.read_bytes()
        for p in sorted(data_dir.rglob("*"))
        if p.is_file() and p.name != "planner.lock"
    }


def _refused(argv: list[str], data_dir: Path, capsys: pytest.CaptureFixture[str]) -> str:
    before = _files(data_dir)
    capsys.readouterr()
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.count("\n") == 1, err
    assert err.startswith("planner: error: "), err
    assert "Traceback" not in err
    assert _files(data_dir) == before, f"{argv} wrote to the data folder"
    return err


@pytest.fixture
def near_limit(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A data file HEADROOM bytes under the limit: a mock carries a huge unknown field."""
    assert main(["mock", "add", "--round", "execution"]) == 0
    assert main(["mock", "add", "--round", "execution"]) == 0
    path = data_dir / "planner.json"
    data = parse(path.read_bytes())
    mock = data["mocks"]["1"]
    mock["padding"] = ""
    size = len(serialize(data))
    mock["padding"] = "x" * (MAX_FILE_BYTES - HEADROOM - size)
    payload = serialize(data)
    assert len(payload) == MAX_FILE_BYTES - HEADROOM
    path.write_bytes(payload)
    capsys.readouterr()
    return path


def test_a_write_that_would_pass_the_limit_is_refused(
    near_limit: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`mock add` and `story add` on a file just under 32 MB: exit 2, nothing written; the file
    stays readable, and a write that shrinks it still works."""
    err = _refused(["mock", "add", "--round", "execution"], data_dir, capsys)
    assert "32 MB" in err
    assert "nothing was saved" in err
    _refused(["story", "add", "--title", "One more story"], data_dir, capsys)
    assert main(["mock", "list", "--json"]) == 0
    assert [m["id"] for m in json.loads(capsys.readouterr().out)] == ["m1", "m2"]
    assert main(["mock", "delete", "m2"]) == 0
    assert near_limit.stat().st_size < MAX_FILE_BYTES - HEADROOM


def test_an_import_that_would_pass_the_limit_is_refused(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An export holding a 33 MB story is refused at import (exit 2), with or without data
    already in the folder, and nothing is written."""
    huge = tmp_path / "huge.json"
    export = {
        "format": "loop-planner-export",
        "version": 1,
        "data": {
            "stories": [
                {"id": "s1", "title": "Long", "result": "y" * (MAX_FILE_BYTES + 1024 * 1024)}
            ]
        },
    }
    huge.write_text(json.dumps(export), encoding="utf-8")
    _refused(["import", str(huge)], data_dir, capsys)
    assert not (data_dir / "planner.json").exists()
    assert main(["story", "add", "--title", "Kept"]) == 0
    err = _refused(["import", str(huge), "--replace"], data_dir, capsys)
    assert "32 MB" in err
