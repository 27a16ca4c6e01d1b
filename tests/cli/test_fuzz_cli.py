"""Arbitrary text, numbers and dates into CLI options: exit 0 or 2, never a traceback.

A rejection (exit 2) leaves the data file byte for byte; accepted text comes back exactly
(after normalize_text and trimming) in the `--json` output and on the next read.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn

from planner.cli import main
from planner.domain.text import normalize_text
from planner.service import ContentLibrary

FAST = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SLOW = settings(FAST, max_examples=1000)
FUZZED = 20
"""Runs above which a test counts as a fuzz run."""
ROUNDS = ("product-sense", "execution", "hiring-manager", "behavioral")


def clean(text: str) -> str:
    """What a text field is stored as."""
    return normalize_text(text).strip()


texts = st.text(max_size=60)
numbers = st.one_of(
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["", " ", "3", "45", "0", "-1", "1e3", "٣", "３", "4.0", "NaN", "10**9"]),
    texts,
)
dates = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(
        [
            "today",
            "yesterday",
            "tomorrow",
            "2023-02-29",
            "2026-02-30",
            "Feb 30",
            "",
            " ",
            "0",
            "99999999999999999999",
            "2026-11-24",
            "24 Nov 2026",
            "1/2/3",
            "9999-12-31",
        ]
    ),
    texts,
)


class Cli:
    """Runs main() in-process and checks the exit-code and no-write contract."""

    def __init__(self, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.path = data_dir / "planner.json"
        self.capsys = capsys
        self.codes: Counter[int] = Counter()

    def _bytes(self) -> bytes | None:
        return self.path.read_bytes() if self.path.exists() else None

    def run(self, argv: list[str]) -> tuple[int, str]:
        """Exit code and stdout; fails on a traceback, exit 1, or a write on rejection."""
        before = self._bytes()
        self.capsys.readouterr()
        code = main(argv)
        out = self.capsys.readouterr()
        assert "Traceback" not in out.err
        assert code in (0, 2), (argv, code, out.err)
        self.codes[code] += 1
        if code == 2:
            assert out.err.startswith("planner: error:"), out.err
            assert self._bytes() == before, argv
        return code, out.out

    def json(self, argv: list[str]) -> Any:
        """The JSON printed by a read command that must succeed."""
        code, out = self.run(argv)
        assert code == 0
        return json.loads(out)


@pytest.fixture
def cli(
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    library: ContentLibrary,
    pytestconfig: pytest.Config,
) -> Iterator[Cli]:
    """A CLI over a data folder with a plan; content loaded once for the whole session."""
    monkeypatch.setattr(ContentLibrary, "shipped", lambda: library)
    runner = Cli(data_dir, capsys)
    code, _ = runner.run(["init", "--seniority", "mid", "--onsite", "2026-12-20"])
    assert code == 0
    yield runner
    if pytestconfig.getoption("capture") == "no":
        with capsys.disabled():
            print(f"\nCLI fuzz: exit codes {dict(runner.codes)}")
    if sum(runner.codes.values()) > FUZZED:
        # A fuzz run that never got past validation (or never hit it) tested half the contract.
        assert runner.codes[0] > 1
        assert runner.codes[2] > 0


def _opt(name: str, value: str | None) -> list[str]:
    return [] if value is None else [f"--{name}={value}"]


def _iso(day: dt.date) -> str:
    return day.isoformat()


INIT_GOOD: dict[str, st.SearchStrategy[str | None]] = {
    "seniority": st.sampled_from(["early", "mid", "senior", "transition"]),
    "onsite": st.dates(dt.date(2026, 11, 27), dt.date(2027, 3, 1)).map(_iso),
    "start": st.none() | st.dates(dt.date(2026, 11, 1), dt.date(2026, 11, 25)).map(_iso),
    "days": st.none() | st.integers(1, 60).map(str),
    "hours": st.none() | st.floats(0.5, 8).map(lambda h: f"{h:.2f}"),
    "rest-days": st.none() | st.sampled_from(["sat,sun", "sun", "none", "Saturday"]),
}
INIT_ANY: dict[str, st.SearchStrategy[str | None]] = {
    "seniority": texts,
    "onsite": dates,
    "start": st.none() | dates,
    "days": st.none() | numbers,
    "hours": st.none() | numbers,
    "rest-days": st.none() | texts,
}


@st.composite
def init_args(draw: DrawFn) -> list[str]:
    """Arguments for `planner init`: valid, or with one or every option fuzzed."""
    fuzzed = draw(st.sampled_from([None, "all", *INIT_GOOD]))
    args = ["init", "--force"]
    for name in INIT_GOOD:
        source = INIT_ANY if fuzzed in ("all", name) else INIT_GOOD
        args += _opt(name, draw(source[name]))
    return args


def _check_init(cli: Cli, args: list[str]) -> None:
    code, out = cli.run([*args, "--json"])
    if code == 0:
        plan = json.loads(out)
        assert plan["days"]
        assert cli.json(["plan", "--json"])["onsite"] == plan["onsite"]


DIMENSIONS = ("hypothesis-first", "metric-decomposition", "decisive-on-partial-data")
MOCK_GOOD: dict[str, st.SearchStrategy[Any]] = {
    "round": st.just("execution"),
    "minutes": st.none() | st.integers(1, 600).map(str),
    "date": st.none() | st.dates(dt.date(2026, 11, 1), dt.date(2026, 11, 25)).map(_iso),
    "score": st.lists(
        st.tuples(st.sampled_from(DIMENSIONS), st.integers(1, 5)).map(lambda p: f"{p[0]}={p[1]}"),
        max_size=3,
        unique_by=lambda pair: pair.split("=")[0],
    ),
}
MOCK_ANY: dict[str, st.SearchStrategy[Any]] = {
    "round": st.sampled_from(ROUNDS) | texts,
    "minutes": st.none() | numbers,
    "date": st.none() | dates,
    "score": st.lists(
        st.tuples(st.sampled_from(DIMENSIONS) | texts, numbers).map(lambda p: f"{p[0]}={p[1]}")
        | texts,
        max_size=3,
    ),
}


@st.composite
def mock_args(draw: DrawFn) -> tuple[list[str], dict[str, str | None]]:
    """Arguments for `planner mock add` (one or every option fuzzed), and the text given."""
    fuzzed = draw(st.sampled_from([None, "all", *MOCK_GOOD]))
    args = ["mock", "add"]
    for name in MOCK_GOOD:
        value = draw((MOCK_ANY if fuzzed in ("all", name) else MOCK_GOOD)[name])
        if isinstance(value, list):
            args += [f"--{name}={v}" for v in value]
        else:
            args += _opt(name, value)
    text = {name: draw(st.none() | texts) for name in ("notes", "partner", "follow-ups")}
    for name, value in text.items():
        args += _opt(name, value)
    return args, text


def _check_mock(cli: Cli, drawn: tuple[list[str], dict[str, str | None]]) -> None:
    args, text = drawn
    code, out = cli.run([*args, "--json"])
    if code != 0:
        return
    mock = json.loads(out)
    stored = next(m for m in cli.json(["mock", "list", "--json"]) if m["id"] == mock["id"])
    for name, value in text.items():
        key = name.replace("-", "_")
        assert mock[key] == stored[key] == clean(value or "")


story_fields = ("title", "situation", "task", "action", "result")


@st.composite
def story_args(draw: DrawFn) -> tuple[list[str], dict[str, str | None]]:
    """Arguments for `planner story add` with every field, and the text fields given."""
    text: dict[str, str | None] = {"title": draw(texts)}
    text.update({name: draw(st.none() | texts) for name in story_fields[1:]})
    args = ["story", "add"]
    for name, value in text.items():
        args += _opt(name, value)
    comps = draw(st.lists(st.sampled_from(["shipping-under-deadline"]) | texts, max_size=2))
    args += [f"--competency={c}" for c in comps]
    return args, text


def _check_story(cli: Cli, drawn: tuple[list[str], dict[str, str | None]]) -> None:
    args, text = drawn
    code, out = cli.run([*args, "--json"])
    if code != 0:
        return
    story = json.loads(out)
    shown = cli.json(["story", "show", story["id"], "--json"])
    for name, value in text.items():
        assert story[name] == shown[name] == clean(value or "")


@st.composite
def research_args(draw: DrawFn) -> tuple[list[str], str | None]:
    """Arguments for `planner research set`, and the note given."""
    item = draw(st.sampled_from(["business-lines", "recent-launches"]) | texts)
    status = draw(st.sampled_from(["todo", "doing", "done"]) | texts)
    note = draw(st.none() | texts)
    args = ["research", "set", item, status, *_opt("note", note)]
    args += _opt("source", draw(st.none() | texts))
    return args, note


def _check_research(cli: Cli, drawn: tuple[list[str], str | None]) -> None:
    args, note = drawn
    code, _ = cli.run(args)
    if code == 0 and note is not None:
        items = {i["id"]: i for i in cli.json(["research", "list", "--json"])}
        assert items[args[2]]["note"] == clean(note)


@st.composite
def own_research_args(draw: DrawFn) -> tuple[list[str], dict[str, str | None]]:
    """Arguments for `planner research add`: title, rounds, note and sources, any text."""
    title = draw(st.sampled_from(["Read the Q3 call"]) | texts)
    rounds = draw(st.lists(st.sampled_from(ROUNDS) | texts, min_size=1, max_size=3))
    note = draw(st.none() | texts)
    source = draw(st.none() | texts)
    args = ["research", "add", f"--title={title}", *(f"--round={r}" for r in rounds)]
    args += [*_opt("note", note), *_opt("source", source), "--json"]
    return args, {"title": title, "note": note}


def _check_own_research(cli: Cli, drawn: tuple[list[str], dict[str, str | None]]) -> None:
    args, text = drawn
    code, out = cli.run(args)
    if code != 0:
        return
    added = json.loads(out)
    listed = {i["id"]: i for i in cli.json(["research", "list", "--json"])}[added["id"]]
    assert listed["own"] is True
    for name, value in text.items():
        assert added[name] == listed[name] == clean(value or "")


@st.composite
def practice_args(draw: DrawFn) -> list[str]:
    """Arguments for `planner practice`."""
    question = draw(st.sampled_from(["ps-improve-engagement", "ex-partner-cert-decline"]) | texts)
    rating = draw(st.sampled_from(["again", "hard", "good", "easy"]) | texts)
    return ["practice", question, f"--rating={rating}", "--json"]


@st.composite
def done_args(draw: DrawFn) -> list[str]:
    """Arguments for `planner done`: task ids, real or not."""
    ids = draw(st.lists(st.sampled_from(["study-business-model-1"]) | texts, min_size=1))
    return ["done", *ids]


def _check_plain(cli: Cli, args: list[str]) -> None:
    cli.run(args)


@FAST
@given(args=init_args())
def test_init_options_never_crash(cli: Cli, args: list[str]) -> None:
    """Any values for init's options: a plan (exit 0) or exit 2 with the file untouched."""
    _check_init(cli, args)


@FAST
@given(drawn=mock_args())
def test_mock_add_options_never_crash_and_text_round_trips(
    cli: Cli, drawn: tuple[list[str], dict[str, str | None]]
) -> None:
    """Any mock options: exit 0 or 2; accepted notes, partner and follow-ups come back exactly."""
    _check_mock(cli, drawn)


@FAST
@given(drawn=story_args())
def test_story_add_fields_never_crash_and_round_trip(
    cli: Cli, drawn: tuple[list[str], dict[str, str | None]]
) -> None:
    """Any story fields: exit 0 or 2; accepted text comes back exactly from `story show`."""
    _check_story(cli, drawn)


@FAST
@given(drawn=research_args())
def test_research_set_note_never_crashes_and_round_trips(
    cli: Cli, drawn: tuple[list[str], str | None]
) -> None:
    """Any research item, status and note: exit 0 or 2; an accepted note comes back exactly."""
    _check_research(cli, drawn)


@FAST
@given(drawn=own_research_args())
def test_research_add_never_crashes_and_round_trips(
    cli: Cli, drawn: tuple[list[str], dict[str, str | None]]
) -> None:
    """Any own item's title, rounds, note and source: exit 0 or 2; accepted text comes back."""
    _check_own_research(cli, drawn)


@FAST
@given(args=practice_args())
def test_practice_never_crashes(cli: Cli, args: list[str]) -> None:
    """Any question id and rating: exit 0 or 2, nothing written on rejection."""
    _check_plain(cli, args)


@FAST
@given(args=done_args())
def test_done_never_crashes(cli: Cli, args: list[str]) -> None:
    """Any task ids: exit 0 or 2, nothing written on rejection."""
    _check_plain(cli, args)


def test_text_over_the_limit_is_rejected_without_writing(cli: Cli) -> None:
    """A 20,001-character note is refused with exit 2 and the file is unchanged."""
    code, _ = cli.run(["mock", "add", "--round=execution", f"--notes={'x' * 20_001}"])
    assert code == 2


@pytest.mark.slow
@SLOW
@given(args=init_args())
def test_init_options_never_crash_long(cli: Cli, args: list[str]) -> None:
    """Long run of the init fuzz."""
    _check_init(cli, args)


@pytest.mark.slow
@SLOW
@given(drawn=mock_args())
def test_mock_add_options_never_crash_long(
    cli: Cli, drawn: tuple[list[str], dict[str, str | None]]
) -> None:
    """Long run of the mock add fuzz."""
    _check_mock(cli, drawn)


@pytest.mark.slow
@SLOW
@given(drawn=story_args())
def test_story_add_fields_never_crash_long(
    cli: Cli, drawn: tuple[list[str], dict[str, str | None]]
) -> None:
    """Long run of the story add fuzz."""
    _check_story(cli, drawn)


@pytest.mark.slow
@SLOW
@given(drawn=research_args())
def test_research_set_note_never_crashes_long(
    cli: Cli, drawn: tuple[list[str], str | None]
) -> None:
    """Long run of the research set fuzz."""
    _check_research(cli, drawn)


@pytest.mark.slow
@SLOW
@given(args=st.one_of(practice_args(), done_args()))
def test_practice_and_done_never_crash_long(cli: Cli, args: list[str]) -> None:
    """Long run of the practice and done fuzz."""
    _check_plain(cli, args)
