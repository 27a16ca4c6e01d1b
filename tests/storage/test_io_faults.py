"""I/O errors injected into the save's system calls: a typed error, the old bytes, recovery."""

from __future__ import annotations

import datetime as dt
import errno
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from planner.cli import main
from planner.domain.models import Mock
from planner.storage import RecordStore, StorageError

ERRNOS = {
    "open": (errno.EACCES, errno.EROFS, errno.ENOSPC, errno.EIO),
    "write": (errno.EIO, errno.ENOSPC),
    "fsync": (errno.EIO, errno.EROFS),
    "replace": (errno.EACCES, errno.EROFS, errno.ENOSPC),
}


def _mock(n: int) -> Mock:
    return Mock(id=f"m{n}", date=dt.date(2026, 11, 20), round="execution", minutes=45, scores={})


def _save(store: RecordStore, n: int) -> None:
    with store.session() as records:
        records.put_mock(_mock(n))


def _ids(data_dir: Path) -> list[str]:
    with RecordStore(data_dir).snapshot() as records:
        return [m.id for m in records.state().mocks]


@dataclass
class Fault:
    """Makes `os.<name>` fail with `code` on call `at` (and after it, when persistent)."""

    name: str
    code: int
    at: int
    persistent: bool
    calls: int = 0
    replaced: bool = False

    def wrap(self, real: Callable[..., Any]) -> Callable[..., Any]:
        """The failing stand-in for the real function."""

        def fake(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            if self.calls == self.at or (self.persistent and self.calls > self.at):
                raise OSError(self.code, os.strerror(self.code))
            return real(*args, **kwargs)

        return fake


@contextmanager
def _injected(monkeypatch: pytest.MonkeyPatch, fault: Fault) -> Iterator[Fault]:
    real_replace = os.replace

    def spy_replace(src: Any, dst: Any) -> None:
        real_replace(src, dst)
        fault.replaced = True

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", spy_replace)
        patch.setattr(os, fault.name, fault.wrap(getattr(os, fault.name)))
        yield fault


def _calls_per_save(monkeypatch: pytest.MonkeyPatch, name: str, data_dir: Path) -> int:
    """How many times one ordinary save calls `os.<name>`."""
    store = RecordStore(data_dir)
    _save(store, 1)
    counter = Fault(name, 0, at=-1, persistent=False)
    with _injected(monkeypatch, counter):
        _save(store, 2)
    return counter.calls


@pytest.mark.parametrize("name", sorted(ERRNOS))
def test_injected_io_error_keeps_last_commit_and_recovers(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each failing call raises StorageError, leaves the last commit and no temp; then recovers."""
    calls = _calls_per_save(monkeypatch, name, tmp_path / "count")
    assert calls >= 1
    trials = 0
    for code in ERRNOS[name]:
        for at in range(1, calls + 1):
            for persistent in (False, True):
                data_dir = tmp_path / f"{name}-{code}-{at}-{persistent}"
                store = RecordStore(data_dir)
                _save(store, 1)
                before = (data_dir / "planner.json").read_bytes()
                with (
                    _injected(monkeypatch, Fault(name, code, at, persistent)) as fault,
                    pytest.raises(StorageError) as caught,
                ):
                    _save(store, 2)
                after = (data_dir / "planner.json").read_bytes()
                if fault.replaced:
                    # Only the folder flush came after the rename: the new state is in place.
                    assert "saved" in str(caught.value)
                    assert _ids(data_dir) == ["m1", "m2"]
                else:
                    assert after == before, (name, code, at, persistent)
                assert list(data_dir.rglob(".*.tmp-*")) == []
                _save(store, 3)
                assert _ids(data_dir)[-1] == "m3"
                assert "m1" in _ids(data_dir)
                trials += 1
    print(f"\nI/O faults on os.{name}: {trials} injected, {calls} calls per save")
    assert trials == len(ERRNOS[name]) * calls * 2


@pytest.mark.parametrize("name", ["fsync", "replace", "write"])
def test_cli_reports_io_error_in_one_line_and_exits_1(
    name: str,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The CLI turns a failing save into one `planner: error:` line, exit 1, bytes unchanged."""
    assert main(["mock", "add", "--round", "execution"]) == 0
    before = (data_dir / "planner.json").read_bytes()
    capsys.readouterr()
    with _injected(monkeypatch, Fault(name, errno.ENOSPC, at=1, persistent=True)):
        code = main(["mock", "add", "--round", "execution"])
    out = capsys.readouterr()
    assert code == 1
    assert out.err.startswith("planner: error: could not save")
    assert out.err.count("\n") == 1
    assert "Traceback" not in out.err
    assert (data_dir / "planner.json").read_bytes() == before
    assert main(["mock", "add", "--round", "execution"]) == 0
