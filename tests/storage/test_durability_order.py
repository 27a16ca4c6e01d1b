"""The order of system calls in a save: fsync of the temp, then rename, then fsync of the dir."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest

from planner.domain.models import Mock
from planner.storage import RecordStore

SAVES = 6


def test_every_save_fsyncs_temp_then_renames_then_fsyncs_dir(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On every save: last write to the temp < fsync(temp) < replace(temp, db) < fsync(dir)."""
    events: list[tuple[str, str]] = []
    paths: dict[int, str] = {}
    real_open, real_write, real_fsync, real_replace = os.open, os.write, os.fsync, os.replace

    def rec_open(path: Any, flags: int, mode: int = 0o777, **kw: Any) -> int:
        fd = real_open(path, flags, mode, **kw)
        paths[fd] = str(path)
        return fd

    def rec_write(fd: int, data: Any) -> int:
        events.append(("write", paths.get(fd, "?")))
        return real_write(fd, data)

    def rec_fsync(fd: int) -> None:
        events.append(("fsync", paths.get(fd, "?")))
        real_fsync(fd)

    def rec_replace(src: Any, dst: Any) -> None:
        events.append(("replace", f"{src}->{dst}"))
        real_replace(src, dst)

    monkeypatch.setattr(os, "open", rec_open)
    monkeypatch.setattr(os, "write", rec_write)
    monkeypatch.setattr(os, "fsync", rec_fsync)
    monkeypatch.setattr(os, "replace", rec_replace)
    store = RecordStore(data_dir)
    db = str(data_dir / "planner.json")
    for n in range(SAVES):
        events.clear()
        with store.session() as records:
            records.put_mock(
                Mock(
                    id=f"m{n}", date=dt.date(2026, 11, 1), round="execution", minutes=30, scores={}
                )
            )
        replace_at = [i for i, e in enumerate(events) if e[0] == "replace" and e[1].endswith(db)]
        assert len(replace_at) == 1, events
        temp = events[replace_at[0]][1].split("->")[0]
        last_write = max(i for i, e in enumerate(events) if e == ("write", temp))
        temp_sync = [i for i, e in enumerate(events) if e == ("fsync", temp)]
        dir_sync = [i for i, e in enumerate(events) if e == ("fsync", str(data_dir))]
        assert len(temp_sync) == 1, events
        assert len(dir_sync) == 1, events
        assert last_write < temp_sync[0] < replace_at[0] < dir_sync[0], events
    print(f"\ndurability order checked on {SAVES} saves")
