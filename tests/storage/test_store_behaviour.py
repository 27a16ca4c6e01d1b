"""Store details the fault harnesses rely on: fresh reads, clean failures, temps, backups."""

from __future__ import annotations

import datetime as dt
import os
import threading
from functools import partial
from pathlib import Path

import pytest

from planner.cli import main
from planner.storage import BusyError, CorruptDatabase, RecordStore, Store
from planner.storage.fileformat import parse
from planner.storage.lock import file_lock


def _insert(store: Store, value: int) -> None:
    with store.transaction() as db:
        db.table("things").insert({"value": value})


def _values(store: Store) -> list[int]:
    with store.read() as db:
        return [int(doc["value"]) for doc in db.table("things").all()]


def test_file_changed_in_place_with_same_size_and_mtime_is_reread(data_dir: Path) -> None:
    """A file rewritten with the same inode, size and mtime is never served from the cache."""
    store = Store(data_dir)
    _insert(store, 1)
    assert _values(store) == [1]
    path = data_dir / "planner.json"
    st = path.stat()
    raw = path.read_bytes()
    with path.open("r+b") as handle:
        handle.write(raw.replace(b'"value":1', b'"value":7'))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns, after.st_size) == (
        st.st_ino,
        st.st_mtime_ns,
        st.st_size,
    )
    assert _values(store) == [7]
    _insert(store, 2)
    assert _values(Store(data_dir)) == [7, 2]


def test_failed_transaction_leaves_no_trace_in_memory(data_dir: Path) -> None:
    """An error inside the block, or while encoding the save, forgets the half-made change."""
    store = Store(data_dir)
    _insert(store, 1)

    def fail_midway() -> None:
        with store.transaction() as db:
            db.table("things").insert({"value": 2})
            raise RuntimeError("stop")

    with pytest.raises(RuntimeError):
        fail_midway()
    assert _values(store) == [1]
    with pytest.raises(TypeError), store.transaction() as db:
        db.table("things").insert({"value": 3, "not json": {1, 2}})
    assert _values(store) == [1]
    _insert(store, 4)
    assert _values(Store(data_dir)) == [1, 4]


def test_writer_waiting_for_the_lock_leaves_the_holders_temp_file(data_dir: Path) -> None:
    """Stale temps are swept only under the lock, so a waiting writer never deletes a live one."""
    store = Store(data_dir, lock_timeout=0.1)
    _insert(store, 1)
    live = data_dir / ".planner.json.tmp-424242"
    with file_lock(data_dir / "planner.lock", timeout=1):
        live.write_bytes(b"half a save")
        with pytest.raises(BusyError):
            _insert(Store(data_dir, lock_timeout=0.1), 2)
        assert live.exists()
    _insert(Store(data_dir), 3)
    assert not live.exists()
    assert _values(store) == [1, 3]


def test_backups_rotate_and_the_newest_is_the_previous_commit(data_dir: Path) -> None:
    """Twelve saves leave five backups, each parses and is 0600; the newest is the last commit."""
    store = Store(data_dir, keep_backups=5)
    previous = b""
    for n in range(12):
        if (data_dir / "planner.json").exists():
            previous = (data_dir / "planner.json").read_bytes()
        _insert(store, n)
    backups = store.backups()
    assert len(backups) == 5
    assert backups[0].read_bytes() == previous
    for backup in backups:
        parse(backup.read_bytes())
        assert backup.stat().st_mode & 0o777 == 0o600
    assert [b.name for b in backups] == sorted((b.name for b in backups), reverse=True)


def test_data_folder_that_is_a_file_is_reported(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A plain file where the data folder should be: exit 3 naming it, the file untouched."""
    data_dir.write_bytes(b"not a folder")
    with pytest.raises(CorruptDatabase, match="it is a file, not a folder"), Store(data_dir).read():
        pass
    assert main(["today"]) == 3
    assert str(data_dir) in capsys.readouterr().err
    assert main(["mock", "add", "--round", "execution"]) == 3
    assert data_dir.read_bytes() == b"not a folder"


def test_cli_while_another_process_holds_the_lock_says_busy(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write that cannot get the lock prints one `busy` line, exits 1 and writes nothing."""
    assert main(["mock", "add", "--round", "execution"]) == 0
    before = (data_dir / "planner.json").read_bytes()
    monkeypatch.setattr("planner.service.RecordStore", partial(RecordStore, lock_timeout=0.1))
    capsys.readouterr()
    with file_lock(data_dir / "planner.lock", timeout=1):
        code = main(["mock", "add", "--round", "execution"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("planner: error: the data is busy")
    assert err.count("\n") == 1
    assert (data_dir / "planner.json").read_bytes() == before


def test_reads_in_one_thread_never_see_another_threads_half_done_transaction(
    data_dir: Path,
) -> None:
    """A reader thread sharing the Store sees only whole commits, in order, without errors."""
    store = Store(data_dir)
    _insert(store, 0)
    errors: list[BaseException] = []
    seen: list[int] = []

    def write() -> None:
        try:
            for n in range(1, 150):
                with store.transaction() as db:
                    db.table("things").insert({"value": n})
                    db.table("things").insert({"value": -n})
        except BaseException as exc:
            errors.append(exc)

    writer = threading.Thread(target=write)
    writer.start()
    while writer.is_alive():
        values = _values(store)
        assert len(values) % 2 == 1, values  # a committed state holds 0 and whole pairs
        seen.append(len(values))
    writer.join()
    assert errors == []
    assert seen == sorted(seen)
    assert len(_values(store)) == 299


def test_a_running_session_sees_an_edit_that_keeps_size_and_mtime(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """The service caches its decoded records per version of the file (the TUI's watcher
    looks at the same signature). An edit in place that keeps the inode, the size and the
    mtime still moves the ctime, so the session reads the file again."""
    from planner.content.library import ContentLibrary
    from planner.service import Planner
    from planner.storage import RecordStore

    assert main(["init", "--seniority", "mid", "--onsite", "2026-12-20"]) == 0
    assert main(["mock", "add", "--round", "execution", "--minutes", "45"]) == 0
    capsys.readouterr()
    root = Path(__file__).resolve().parents[2]
    planner = Planner(
        RecordStore(data_dir),
        ContentLibrary(root / "content", root / "plans"),
        dt.date(2026, 11, 25),
    )
    assert [m.minutes for m in planner.session.state().mocks] == [45]
    path = data_dir / "planner.json"
    st = path.stat()
    raw = path.read_bytes()
    mocks_at = raw.index(b'"mocks"')
    at = raw.index(b'"minutes":45', mocks_at)
    with path.open("r+b") as handle:  # in place: the same inode and size
        handle.write(raw[:at] + b'"minutes":46' + raw[at + len(b'"minutes":45') :])
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size
    assert [m.minutes for m in planner.session.state().mocks] == [46]
