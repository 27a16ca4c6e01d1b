"""Attacks on the state cache through the data file: whatever happened to it (saves here
or elsewhere, a restore, a migration, a symlink, a hand edit, breakage), the records shown
are those of the file as it is now, a broken file is still refused and damaged records
are still named. `MIN_BYTES` is lowered so that a small file counts as large.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import state_cache_support as support
from state_cache_support import cache_folder, data_file, large

from planner.cli import main
from planner.content.library import ContentLibrary
from planner.demo import fill_demo
from planner.service import Planner
from planner.storage import CorruptDatabase, RecordStore, state_cache

TODAY = dt.date(2026, 11, 25)
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
POSIX = pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
pytestmark = pytest.mark.usefixtures("large")
__all__ = ["cache_folder", "data_file", "large"]  # fixtures


# -- the records are those of the file as it is now ----------------------------------------


def test_two_folders_whose_entry_names_collide_never_get_each_others_records(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    cache_folder: Path,
) -> None:
    """A CRC-32 of the path names the entry: two folders may share it (and PLANNER_HOME
    may move); the key is the bytes, so each folder still gets its own records."""
    monkeypatch.setattr(state_cache, "entry_name", lambda data_file: "state-collide.bin")
    one, two = tmp_path / "one", tmp_path / "two"
    monkeypatch.setenv("PLANNER_HOME", str(one))
    support.fill(capsys, mocks=1)
    monkeypatch.setenv("PLANNER_HOME", str(two))
    support.fill(capsys, mocks=3)
    for _ in range(2):
        for folder, count in ((one, 1), (two, 3)):
            state = RecordStore(folder).state()
            assert len(state.mocks) == count
            assert state == support.decoded(folder)
            assert RecordStore(folder).cached_state() == state


def test_a_restore_is_seen_by_a_new_process_and_by_a_session_that_read_before(
    data_dir: Path,
    data_file: Path,
    capsys: pytest.CaptureFixture[str],
    make_planner: Callable[..., Planner],
) -> None:
    before = make_planner().session
    assert len(before.state().mocks) == 2
    assert main(["mock", "add", "--round", "execution"]) == 0
    assert len(support.cached(data_dir).mocks) == 3
    assert len(before.state().mocks) == 3
    assert main(["restore", "latest", "--yes"]) == 0
    capsys.readouterr()
    assert len(support.decoded(data_dir).mocks) == 2
    assert support.cached(data_dir) == support.decoded(data_dir)
    assert before.state() == support.decoded(data_dir)
    assert main(["mock", "list", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2


def test_an_old_schema_file_is_read_migrated_and_its_migration_still_written(
    data_dir: Path, cache_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A v2 file's records come from the cache as migrated; reading writes nothing, and the
    first change still migrates the file with its pre-migration backup."""
    data_dir.mkdir(mode=0o700)
    data_file = data_dir / "planner.json"
    shutil.copyfile(FIXTURES / "schema-v2.json", data_file)
    data_file.chmod(0o600)
    old = data_file.read_bytes()
    assert support.cached(data_dir) == support.decoded(data_dir)
    assert data_file.read_bytes() == old
    assert main(["mock", "add", "--round", "execution"]) == 0
    capsys.readouterr()
    assert data_file.read_bytes() != old
    assert list((data_dir / "backups").glob("*pre-migration-v2*"))
    assert support.cached(data_dir) == support.decoded(data_dir)


def test_a_data_file_replaced_by_a_symlink_shows_the_linked_files_records(
    tmp_path: Path, data_dir: Path, data_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert len(support.cached(data_dir).mocks) == 2
    elsewhere = tmp_path / "elsewhere"
    os.environ["PLANNER_HOME"] = str(elsewhere)  # restored by clean_env's monkeypatch
    support.fill(capsys, mocks=4)
    data_file.unlink()
    data_file.symlink_to(elsewhere / "planner.json")
    state = RecordStore(data_dir).state()
    assert len(state.mocks) == 4
    assert state == support.decoded(elsewhere)
    assert RecordStore(data_dir).cached_state() == state


def test_a_hand_edit_keeping_size_and_mtime_is_seen_by_the_next_process(
    data_dir: Path, data_file: Path
) -> None:
    assert [m.minutes for m in support.cached(data_dir).mocks] == [45, 45]
    st = data_file.stat()
    raw = data_file.read_bytes()
    at = raw.index(b'"minutes":45', raw.index(b'"id":"m1"'))
    edited = raw[:at] + b'"minutes":46' + raw[at + len(b'"minutes":45') :]
    assert len(edited) == len(raw)
    assert edited != raw
    with open(data_file, "r+b") as fh:  # in place: same inode
        fh.write(edited)
    os.utime(data_file, ns=(st.st_atime_ns, st.st_mtime_ns))
    now = data_file.stat()
    assert (now.st_ino, now.st_size, now.st_mtime_ns) == (st.st_ino, st.st_size, st.st_mtime_ns)
    assert sorted(m.minutes for m in RecordStore(data_dir).state().mocks) == [45, 46]
    assert sorted(m.minutes for m in support.cached(data_dir).mocks) == [45, 46]


def test_records_kept_after_this_processs_own_saves_equal_a_fresh_parse(
    tmp_path: Path, cache_folder: Path, library: ContentLibrary
) -> None:
    """After its own save a process decodes the tables it wrote (not a parse of the file):
    what it keeps for the next process must be what the file's bytes decode to."""
    folder = tmp_path / "demo"
    planner = fill_demo(folder, library, TODAY)
    plan = planner.session.state().plan
    assert plan is not None
    for task in plan.tasks[:4]:
        planner.tasks.set_done([task.id], not task.done)
        assert planner.session.state() == support.decoded(folder)
        assert RecordStore(folder).cached_state() == support.decoded(folder)


# -- a broken file is refused, damaged records named ---------------------------------------


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda b: b[: len(b) // 2], id="truncated"),
        pytest.param(lambda b: b[:-1] + b"]", id="same-size-last-brace"),
        pytest.param(lambda b: b"\0" * len(b), id="zeroed"),
    ],
)
def test_a_broken_large_file_still_exits_3_after_a_good_version_was_cached(
    data_dir: Path,
    data_file: Path,
    capsys: pytest.CaptureFixture[str],
    spoil: Callable[[bytes], bytes],
) -> None:
    assert main(["today"]) == 0
    assert support.cached(data_dir) == support.decoded(data_dir)
    st = data_file.stat()
    data_file.write_bytes(spoil(data_file.read_bytes()))
    os.utime(data_file, ns=(st.st_atime_ns, st.st_mtime_ns))
    capsys.readouterr()
    assert main(["today"]) == 3
    err = capsys.readouterr().err
    assert str(data_file) in err
    assert RecordStore(data_dir).cached_state() is None
    with pytest.raises(CorruptDatabase):
        RecordStore(data_dir).state()


def test_the_first_screen_meets_a_broken_file_not_the_cached_records(
    data_dir: Path, data_file: Path, make_planner: Callable[..., Planner]
) -> None:
    """What the TUI asks before its first paint raises CorruptDatabase (its recovery
    screen), whatever an earlier start kept."""
    make_planner().session.state()
    assert make_planner().session.plan_alone() is not None  # from the entry
    data_file.write_bytes(data_file.read_bytes()[:-1])
    session = make_planner().session
    with pytest.raises(CorruptDatabase):
        session.plan_alone()
    with pytest.raises(CorruptDatabase):
        session.state()


def test_damaged_records_are_still_warned_of_through_the_cache(
    data_dir: Path,
    data_file: Path,
    capsys: pytest.CaptureFixture[str],
    make_planner: Callable[..., Planner],
) -> None:
    data = json.loads(data_file.read_bytes())
    next(iter(data["mocks"].values()))["date"] = "2024-13-45"
    data_file.write_text(json.dumps(data))
    for _ in range(2):  # the second run reads the entry the first one kept
        assert main(["mock", "list"]) == 0
        assert "could not be read" in capsys.readouterr().err
    session = make_planner().session
    assert session.plan_alone() is not None  # from the entry
    assert len(session.damaged()) == 1
