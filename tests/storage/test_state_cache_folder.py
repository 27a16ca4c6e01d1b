"""Attacks on the state cache through the cache folder, other processes and threads: the
cache never raises, hangs, leaks the records or leaves the collector paused, and an entry
never outlives the code that decoded it. `MIN_BYTES` is lowered so that a small file counts
as large.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import state_cache_support as support
from state_cache_support import JOIN, cache_folder, data_file, large

from planner import cache
from planner.cli import main
from planner.domain.models import Mock, State
from planner.storage import RecordStore, codec, state_cache

POSIX = pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
pytestmark = pytest.mark.usefixtures("large")
__all__ = ["cache_folder", "data_file", "large"]  # fixtures


# -- the cache folder: never raises, hangs or leaks ----------------------------------------


def _works_without_an_entry(data_dir: Path) -> None:
    state = RecordStore(data_dir).state()
    assert state == support.decoded(data_dir)
    assert RecordStore(data_dir).cached_state() is None


@pytest.mark.parametrize("where", ["a-file", "under-a-file", "unknown-user-home"])
def test_an_unusable_cache_folder_only_costs_the_cache(
    data_dir: Path,
    data_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    where: str,
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    value = {
        "a-file": str(blocker),
        "under-a-file": str(blocker / "cache"),
        "unknown-user-home": "~no-such-user-of-the-planner/cache",
    }[where]
    monkeypatch.setenv(cache.ENV_CACHE, value)
    _works_without_an_entry(data_dir)
    assert main(["today"]) == 0
    assert capsys.readouterr().err == ""
    assert blocker.read_text() == "not a folder"


@POSIX
def test_a_fifo_in_place_of_the_entry_does_not_hang_the_start(
    data_dir: Path, data_file: Path, cache_folder: Path
) -> None:
    """In a cache folder others can write (PLANNER_CACHE=/tmp/shared) anybody can put a
    FIFO where the entry goes (its name is predictable): the start must not wait on it."""
    entry = support.entry(cache_folder, data_file)
    os.mkfifo(entry, 0o600)
    found: list[object] = []
    reader = threading.Thread(
        target=lambda: found.append(RecordStore(data_dir).cached_state()), daemon=True
    )
    reader.start()
    reader.join(JOIN)
    if reader.is_alive():  # free the thread: a writer at the other end lets open() return
        os.close(os.open(entry, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(JOIN)
        pytest.fail("reading the cache entry blocked on a FIFO")
    assert found == [None]
    assert stat.S_ISFIFO(os.lstat(entry).st_mode) or entry.is_file()
    assert RecordStore(data_dir).state() == support.decoded(data_dir)


@POSIX
def test_a_symlinked_cache_folder_open_to_others_gets_no_records(
    data_dir: Path, data_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o755)
    link = tmp_path / "private-looking"
    link.symlink_to(shared, target_is_directory=True)
    monkeypatch.setenv(cache.ENV_CACHE, str(link))
    _works_without_an_entry(data_dir)
    assert not list(shared.glob("*state-*"))


@POSIX
def test_a_symlinked_entry_is_replaced_not_written_through(
    data_dir: Path, data_file: Path, cache_folder: Path, tmp_path: Path
) -> None:
    target = tmp_path / "somebody-elses-file"
    target.write_text("keep me")
    target.chmod(0o644)
    entry = support.entry(cache_folder, data_file)
    entry.symlink_to(target)
    assert RecordStore(data_dir).cached_state() is None
    assert RecordStore(data_dir).state() == support.decoded(data_dir)
    assert target.read_text() == "keep me"
    assert target.stat().st_mode & 0o777 == 0o644
    assert not entry.is_symlink()
    assert entry.stat().st_mode & 0o777 == 0o600
    assert RecordStore(data_dir).cached_state() == support.decoded(data_dir)


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root (chown)")
def test_entries_and_folders_of_another_user_are_not_used(
    data_dir: Path, data_file: Path, cache_folder: Path
) -> None:
    nobody = 65534
    RecordStore(data_dir).state()
    entry = support.entry(cache_folder, data_file)
    good = entry.read_bytes()
    os.chown(entry, nobody, nobody)
    assert RecordStore(data_dir).cached_state() is None  # an entry someone else wrote
    os.chown(entry, 0, 0)
    assert entry.read_bytes() == good
    os.chown(cache_folder, nobody, nobody)  # a folder that is not the user's
    entry.unlink()
    _works_without_an_entry(data_dir)
    assert not entry.exists()


def _child(code: str, env: dict[str, str], **kw: object) -> subprocess.Popen[str]:
    """A Python process running `code` with every data file counted as large."""
    prelude = "from planner.storage import state_cache; state_cache.MIN_BYTES = 1\n"
    return subprocess.Popen(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-c", prelude + code],
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kw,
    )


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_FSIZE and SIGXFSZ")
def test_a_full_disk_only_costs_the_cache(data_dir: Path, data_file: Path) -> None:
    """Writing the entry fails (a limit on file sizes, as a full disk would): the records
    are read, nothing raises and no half entry is left behind."""
    size = data_file.stat().st_size
    code = (
        "import resource, signal\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({size // 2}, {size // 2}))\n"
        "from pathlib import Path\n"
        "from planner.storage import RecordStore\n"
        f"print(len(RecordStore(Path({str(data_dir)!r})).state().mocks))\n"
    )
    child = _child(code, dict(os.environ))
    out, err = child.communicate(timeout=JOIN)
    assert (child.returncode, out, err) == (0, "2\n", "")
    folder = cache.cache_dir()
    assert folder is not None
    assert not list(folder.glob("*state-*"))


def test_processes_writing_the_same_entry_at_once_leave_one_whole_entry(
    data_dir: Path, data_file: Path, cache_folder: Path
) -> None:
    code = (
        "from pathlib import Path\n"
        "from planner.storage import RecordStore\n"
        f"print(len(RecordStore(Path({str(data_dir)!r})).state().mocks))\n"
    )
    children = [_child(code, dict(os.environ)) for _ in range(4)]
    for child in children:
        out, err = child.communicate(timeout=JOIN)
        assert (child.returncode, out, err) == (0, "2\n", "")
    assert RecordStore(data_dir).cached_state() == support.decoded(data_dir)
    assert [p.name for p in cache_folder.glob("*state-*")] == [state_cache.entry_name(data_file)]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_writer_killed_mid_entry_leaves_a_temp_that_is_never_read_and_later_removed(
    data_dir: Path, data_file: Path, cache_folder: Path
) -> None:
    code = (
        "import os, sys, threading\n"
        "def stuck(src, dst):\n"
        "    print('written', flush=True)\n"
        "    threading.Event().wait()\n"
        "os.replace = stuck\n"
        "from pathlib import Path\n"
        "from planner.storage import RecordStore\n"
        f"RecordStore(Path({str(data_dir)!r})).state()\n"
    )
    child = _child(code, dict(os.environ))
    assert child.stdout is not None
    assert child.stdout.readline() == "written\n"
    child.kill()
    child.communicate(timeout=JOIN)
    (tmp,) = cache_folder.glob(".state-*.tmp")
    assert tmp.stat().st_mode & 0o777 == 0o600
    assert not support.entry(cache_folder, data_file).exists()
    assert RecordStore(data_dir).cached_state() is None  # the temp is never read
    old = tmp.stat().st_mtime - cache.STALE_TEMP_SECONDS - 1
    os.utime(tmp, (old, old))
    assert RecordStore(data_dir).state() == support.decoded(data_dir)
    assert not tmp.exists()
    assert list(cache_folder.glob("*state-*")) == [support.entry(cache_folder, data_file)]


# -- threads of one process ----------------------------------------------------------------


def test_readers_in_threads_while_another_saves_see_only_whole_versions(
    data_dir: Path, data_file: Path
) -> None:
    """The TUI's workers: reads through one shared store and through fresh ones (as other
    processes) while saves go on; every read is one version of the file, none raises."""
    shared = RecordStore(data_dir)
    versions = [support.decoded(data_dir)]
    done = threading.Event()
    seen: list[State] = []
    errors: list[BaseException] = []

    def read() -> None:
        try:
            while not done.is_set():
                seen.append(shared.state())
                seen.append(RecordStore(data_dir).state())
                cached = RecordStore(data_dir).cached_state()
                if cached is not None:
                    seen.append(cached)
        except BaseException as exc:  # reported below
            errors.append(exc)

    readers = [threading.Thread(target=read) for _ in range(3)]
    for reader in readers:
        reader.start()
    try:
        for n in range(15):
            mock = Mock(
                id=f"m{100 + n}", date=dt.date(2026, 11, 24), round="mission", minutes=30, scores={}
            )
            with shared.session() as records:
                records.db.table("mocks").insert(codec.mock_to_record(mock))
            versions.append(support.decoded(data_dir))
    finally:
        done.set()
        for reader in readers:
            reader.join(JOIN)
    assert errors == []
    assert seen
    assert all(state in versions for state in seen)


def test_loads_in_two_threads_leave_the_collector_running(
    data_dir: Path, data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first screen's read (main thread) and the dashboard worker's may load the entry
    at once. A switch between one's look at the collector and its pause must not leave
    the collector paused for good (the TUI would then never free a cycle)."""
    import gc
    import pickle

    RecordStore(data_dir).state()
    raw = data_file.read_bytes()
    in_worker = threading.Event()
    release = threading.Event()
    real_loads, real_isenabled = pickle.loads, gc.isenabled
    worker: threading.Thread

    def loads(payload: bytes) -> object:
        if threading.current_thread() is worker:
            in_worker.set()
            release.wait(JOIN)
        return real_loads(payload)

    def isenabled() -> bool:
        enabled = real_isenabled()
        if threading.current_thread() is threading.main_thread() and not release.is_set():
            release.set()  # the switch: the worker ends its load here
            worker.join(JOIN)
        return enabled

    got: list[object] = []
    worker = threading.Thread(target=lambda: got.append(state_cache.Entry(data_file, raw).load()))
    monkeypatch.setattr(pickle, "loads", loads)
    monkeypatch.setattr(gc, "isenabled", isenabled)
    assert real_isenabled()
    try:
        worker.start()
        if not in_worker.wait(JOIN):
            release.set()  # the worker never got to its load: nothing to race with
        main_got = state_cache.Entry(data_file, raw).load()
        release.set()
        worker.join(JOIN)
        assert real_isenabled(), "the collector was left paused"
    finally:
        gc.enable()
    assert main_got is not None
    assert got == [main_got]


def test_the_entry_key_names_all_the_code_that_decodes_the_records() -> None:
    """Every planner module the decoding imports (codec's date limits and text
    normalising too) is part of the key: an entry never outlives a change to them."""
    import ast

    package = Path(cache.__file__).resolve().parent
    decoding = ["storage/repository.py", "storage/codec.py", "storage/fileformat.py"]
    needed: set[str] = set()
    while decoding:
        module = decoding.pop()
        if module in needed:
            continue
        needed.add(module)
        tree = ast.parse((package / module).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                name = node.module
                if not name.startswith("planner."):
                    continue
                path = name.removeprefix("planner.").replace(".", "/")
                for candidate in (f"{path}.py", *(f"{path}/{a.name}.py" for a in node.names)):
                    if (package / candidate).is_file():
                        decoding.append(candidate)
    needed -= {"errors.py", "storage/errors.py"}  # raised, never part of what a record decodes to
    assert needed <= set(state_cache.STATE_CODE)
