"""The state cache: a large data file's decoded records are reused only for the same bytes.

Most tests lower `MIN_BYTES` so that a small file counts as large; one test builds a file
over the real threshold.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from planner import cache
from planner.cli import main
from planner.domain.models import Mock, State
from planner.service import Planner
from planner.storage import RecordStore, codec, state_cache
from planner.storage import store as store_module


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every data file counts as large (its records are cached)."""
    monkeypatch.setattr(state_cache, "MIN_BYTES", 1)


@pytest.fixture
def plan_and_mocks(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A plan and two scored mocks; the data file's path."""
    assert main(["init", "--seniority", "mid", "--onsite", "2026-12-20"]) == 0
    for score in ("2", "4"):
        assert (
            main(["mock", "add", "--round", "execution", "--score", f"hypothesis-first={score}"])
            == 0
        )
        assert main(["mock", "add", "--round", "execution"]) == 0
    capsys.readouterr()
    return data_dir / "planner.json"


def _entries(content_cache: Path) -> list[Path]:
    return sorted(content_cache.glob("state-*.bin"))


@pytest.fixture
def no_parse(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the data file's parses (a read from the cache makes none)."""
    parses: list[int] = []
    real = store_module.parse

    def counted(raw: bytes) -> object:
        parses.append(len(raw))
        return real(raw)

    monkeypatch.setattr(store_module, "parse", counted)
    return parses


def _decoded(data_dir: Path) -> State:
    """The records decoded straight from the file (no cache involved)."""
    with RecordStore(data_dir).snapshot() as records:
        return records.state()


@pytest.mark.usefixtures("large")
def test_a_second_process_reads_the_records_without_parsing(
    data_dir: Path, plan_and_mocks: Path, content_cache: Path, no_parse: list[int]
) -> None:
    first = RecordStore(data_dir).state()  # decodes and keeps them
    assert no_parse
    assert _entry(content_cache, plan_and_mocks).is_file()  # (the folder is shared by tests)
    no_parse.clear()
    again = RecordStore(data_dir).state()  # a new store: as a new process would
    assert again == first == _decoded(data_dir)
    assert no_parse == [len(plan_and_mocks.read_bytes())]  # only _decoded parsed


@pytest.mark.usefixtures("large")
def test_one_byte_changed_is_never_given_the_old_records(
    data_dir: Path, plan_and_mocks: Path
) -> None:
    RecordStore(data_dir).state()
    data = json.loads(plan_and_mocks.read_bytes())
    mock = next(d for d in data["mocks"].values() if d["id"] == "m1")
    mock["minutes"] = 46  # "minutes":45 -> 46: same size, one byte apart
    plan_and_mocks.write_text(json.dumps(data, separators=(",", ":")))
    state = RecordStore(data_dir).state()
    assert next(m for m in state.mocks if m.id == "m1").minutes == 46
    assert state == _decoded(data_dir)


@pytest.mark.usefixtures("large")
def test_a_write_after_a_cached_read_is_seen(data_dir: Path, plan_and_mocks: Path) -> None:
    RecordStore(data_dir).state()
    store = RecordStore(data_dir)
    assert len(store.state().mocks) == 4  # from the cache: nothing parsed in this store yet
    mock = Mock(id="m99", date=dt.date(2026, 11, 24), round="mission", minutes=30, scores={})
    with store.session() as records:
        records.db.table("mocks").insert(codec.mock_to_record(mock))
    assert "m99" in [m.id for m in store.state().mocks]
    assert RecordStore(data_dir).state() == _decoded(data_dir)


@pytest.mark.usefixtures("large")
def test_damaged_records_stay_named_through_the_cache(data_dir: Path, plan_and_mocks: Path) -> None:
    data = json.loads(plan_and_mocks.read_bytes())
    next(d for d in data["mocks"].values() if d["id"] == "m2")["date"] = "2024-13-45"
    plan_and_mocks.write_text(json.dumps(data))
    first = RecordStore(data_dir).state()
    again = RecordStore(data_dir).state()
    assert again.damaged == first.damaged
    assert len(again.damaged) == 1
    assert [m.id for m in again.mocks] == ["m1", "m3", "m4"]


def test_a_small_file_gets_no_entry(
    data_dir: Path, plan_and_mocks: Path, content_cache: Path
) -> None:
    """A candidate's file (tens of KB) is parsed each time: the entry would cost more."""
    assert plan_and_mocks.stat().st_size < state_cache.MIN_BYTES
    before = _entries(content_cache)
    RecordStore(data_dir).state()
    assert _entries(content_cache) == before
    assert RecordStore(data_dir).cached_state() is None


def _entry(content_cache: Path, data_file: Path) -> Path:
    return content_cache / state_cache.entry_name(data_file)


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda b: b[: len(b) // 2], id="truncated"),
        pytest.param(lambda b: b[:-1] + bytes([b[-1] ^ 1]), id="payload-flipped"),
        pytest.param(lambda b: b"", id="empty"),
    ],
)
@pytest.mark.usefixtures("large")
def test_a_spoilt_entry_is_ignored_and_rebuilt(
    data_dir: Path, plan_and_mocks: Path, content_cache: Path, spoil: Callable[[bytes], bytes]
) -> None:
    RecordStore(data_dir).state()
    entry = _entry(content_cache, plan_and_mocks)
    good = entry.read_bytes()
    entry.write_bytes(spoil(good))
    assert RecordStore(data_dir).cached_state() is None
    assert RecordStore(data_dir).state() == _decoded(data_dir)
    assert entry.read_bytes() == good


@pytest.mark.usefixtures("large")
def test_an_entry_that_is_not_records_is_ignored(
    data_dir: Path, plan_and_mocks: Path, content_cache: Path
) -> None:
    """A well-formed entry for these bytes whose payload is something else (another
    version's classes, say) is not taken for the records."""
    import pickle

    raw = plan_and_mocks.read_bytes()
    key = cache.key([raw], state_cache.STATE_CODE)
    cache.write(state_cache.entry_name(plan_and_mocks), key, pickle.dumps({"mocks": []}))
    assert RecordStore(data_dir).cached_state() is None
    assert RecordStore(data_dir).state() == _decoded(data_dir)


@pytest.mark.usefixtures("large")
def test_entries_built_by_other_code_are_not_used(
    data_dir: Path,
    plan_and_mocks: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_parse: list[int],
) -> None:
    RecordStore(data_dir).state()
    monkeypatch.setattr(state_cache, "STATE_CODE", (*state_cache.STATE_CODE, "storage/atomic.py"))
    no_parse.clear()
    RecordStore(data_dir).state()
    assert no_parse  # parsed again: the entry's key named other code


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
@pytest.mark.usefixtures("large")
def test_records_are_not_copied_into_a_folder_others_can_read(
    data_dir: Path, plan_and_mocks: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared-cache"
    shared.mkdir()
    shared.chmod(0o755)
    monkeypatch.setenv("PLANNER_CACHE", str(shared))
    RecordStore(data_dir).state()
    assert not list(shared.glob("state-*"))
    shared.chmod(0o700)
    RecordStore(data_dir).state()
    (entry,) = shared.glob("state-*")
    assert entry.stat().st_mode & 0o777 == 0o600


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
@pytest.mark.usefixtures("large")
def test_an_entry_others_could_have_written_is_not_used(
    data_dir: Path, plan_and_mocks: Path, content_cache: Path, no_parse: list[int]
) -> None:
    RecordStore(data_dir).state()
    entry = _entry(content_cache, plan_and_mocks)
    entry.chmod(0o666)
    no_parse.clear()
    assert RecordStore(data_dir).cached_state() is None
    RecordStore(data_dir).state()
    assert no_parse


@pytest.mark.usefixtures("large")
def test_the_first_screen_reads_plan_and_pack_without_a_parse(
    plan_and_mocks: Path, make_planner: Callable[..., Planner], no_parse: list[int]
) -> None:
    """What the TUI asks before its first paint (the plan alone, the pack for the header)
    and what its worker asks (every record) come from one cached read."""
    make_planner().session.state()  # an earlier process: keeps the records
    no_parse.clear()
    session = make_planner().session
    plan = session.plan_alone()
    assert plan is not None
    assert session.pack().id == plan.settings.pack
    assert len(session.state().mocks) == 4
    assert no_parse == []


def test_a_file_over_the_threshold_is_cached(
    data_dir: Path, plan_and_mocks: Path, content_cache: Path, no_parse: list[int]
) -> None:
    """With the real threshold: a file of some thousands of mocks gets an entry."""
    store = RecordStore(data_dir)
    extra = [
        codec.mock_to_record(
            Mock(
                id=f"x{n}",
                date=dt.date(2026, 11, 1) + dt.timedelta(days=n % 20),
                round="execution",
                minutes=45,
                scores={},
                notes="a note long enough to make the file large " * 2,
            )
        )
        for n in range(2_500)
    ]
    with store.session() as records:
        tables = records.dump()
        tables["mocks"] = [*tables["mocks"], *extra]
        records.load_dump(tables)
    assert plan_and_mocks.stat().st_size >= state_cache.MIN_BYTES
    first = RecordStore(data_dir).state()
    no_parse.clear()
    assert RecordStore(data_dir).cached_state() == first
    assert no_parse == []
    assert len(first.mocks) == 2_504


@pytest.mark.usefixtures("large")
def test_a_killed_writers_temporary_file_is_removed(
    data_dir: Path, plan_and_mocks: Path, content_cache: Path
) -> None:
    """A writer killed mid-entry leaves its temporary file: an old one goes at the next
    write of that entry, a fresh one (a writer at work right now) stays."""
    name = state_cache.entry_name(plan_and_mocks)
    old = content_cache / f".{name}.999999.aaaa.tmp"
    fresh = content_cache / f".{name}.999998.bbbb.tmp"
    for tmp in (old, fresh):
        tmp.write_bytes(b"half an entry")
    stale = os.stat(old).st_mtime - cache.STALE_TEMP_SECONDS - 1
    os.utime(old, (stale, stale))
    RecordStore(data_dir).state()
    assert not old.exists()
    assert fresh.exists()


@pytest.mark.usefixtures("large")
def test_entries_not_written_for_a_month_are_pruned(
    data_dir: Path, plan_and_mocks: Path, content_cache: Path
) -> None:
    """The copy of a data folder moved or deleted does not stay forever: a state entry not
    written for 30 days goes at the next write of another; a recent one stays."""
    old = content_cache / "state-0000dead.bin"
    recent = content_cache / "state-0000beef.bin"
    for entry in (old, recent):
        entry.write_bytes(b"someone's records")
    stale = os.stat(old).st_mtime - state_cache.UNUSED_DAYS * 86400 - 1
    os.utime(old, (stale, stale))
    RecordStore(data_dir).state()
    assert not old.exists()
    assert recent.exists()
    assert (content_cache / state_cache.entry_name(plan_and_mocks)).exists()


def test_a_relative_and_an_absolute_data_folder_share_one_entry(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(data_dir.parent)
    relative = Path(data_dir.name) / "planner.json"
    assert state_cache.entry_name(relative) == state_cache.entry_name(data_dir / "planner.json")
