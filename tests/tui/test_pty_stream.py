"""The byte stream a real terminal receives never carries escape payloads from the data file."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from pty_support import terminal

from planner.demo import fill_demo
from planner.service import ContentLibrary

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 25)

PAYLOADS = {
    "title": "\x1b]0;PWNED\x07Title escape",
    "clipboard": "\x1b]52;c;cGF5bG9hZA==\x07Clipboard",
    "dcs": "\x1bPq#0;2;0;0;0\x1b\\DCS",
    "csi": "\x1b[2J\x9b31mClear",
    "link": "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
}
MARKERS = (
    b"\x1b]0;PWNED",
    b"\x1b]52;",
    b"\x1bPq",
    b"\x1b]8;;https://evil",
    b"\xc2\x9b31m",
    b"\x1b[2JClear",
)
"""Payloads as a terminal would act on them (the escape character included); the same
characters shown as plain text are harmless."""
SCREENS = (
    (b"m", b"Weakest dimension"),
    (b"e", b"listed under each round"),
    (b"s", b"Coverage ("),
    (b"d", b"days to the onsite"),
)
"""Each screen's key and a text it draws once it is shown (waited for, not a fixed time)."""


def _poison(data_file: Path) -> None:
    """Write escape payloads straight into the file, as a hand edit could."""
    doc = json.loads(data_file.read_text(encoding="utf-8"))
    for story in doc["stories"].values():
        story["title"] = PAYLOADS["title"] + " " + story["title"]
        story["result"] = PAYLOADS["dcs"] + story["result"]
    for mock in doc["mocks"].values():
        mock["notes"] = PAYLOADS["clipboard"] + PAYLOADS["link"]
        mock["partner"] = PAYLOADS["csi"]
    for state in doc["research"].values():
        state["note"] = PAYLOADS["title"] + PAYLOADS["clipboard"]
    data_file.write_text(json.dumps(doc), encoding="utf-8")


def test_escape_payloads_in_the_data_never_reach_the_terminal(tmp_path: Path) -> None:
    """Dashboard, mocks, research and stories drawn in a pty: no payload marker in the bytes."""
    data = tmp_path / "pty-data"
    fill_demo(data, ContentLibrary(ROOT / "content", ROOT / "plans"), TODAY)
    _poison(data / "planner.json")
    env = {"PLANNER_HOME": str(data), "PLANNER_TODAY": TODAY.isoformat()}
    with terminal([sys.executable, "-m", "planner"], env) as term:
        assert term.read_until(b"days to", 60), term.stream[-400:]
        for key, shows in SCREENS:
            assert term.press(key, shows), (key, term.stream[-400:])
        term.type(b"q")
        term.read_until(None, 20)
        term.proc.wait(timeout=20)
        stream = term.stream
    print(f"pty stream: {len(stream):,} bytes checked for {len(MARKERS)} markers")
    assert len(stream) > 10_000
    assert b"Title escape" in stream  # the poisoned text was drawn, as plain text
    found = [m for m in MARKERS if m in stream]
    assert found == []
