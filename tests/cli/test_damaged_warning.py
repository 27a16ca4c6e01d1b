"""A record the CLI cannot read is reported on stderr, skipped, and left in the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli import main


def test_a_damaged_mock_is_reported_and_kept(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """`mock list` warns about the unreadable record, lists the rest, and writes nothing."""
    assert main(["init", "--seniority", "mid", "--onsite", "2026-12-20"]) == 0
    for score in ("3", "4"):
        assert (
            main(["mock", "add", "--round", "execution", "--score", f"hypothesis-first={score}"])
            == 0
        )
    path = data_dir / "planner.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["mocks"]["1"]["date"] = "2024-13-45"
    path.write_text(json.dumps(doc), encoding="utf-8")
    before = path.read_bytes()
    capsys.readouterr()
    assert main(["mock", "list", "--json"]) == 0
    out, err = capsys.readouterr()
    assert [m["id"] for m in json.loads(out)] == ["m2"]
    assert err.startswith("planner: warning: 1 record(s) could not be read")
    assert "2024-13-45" in err
    assert path.read_bytes() == before
