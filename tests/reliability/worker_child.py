"""Child of the concurrency tests: waits for `go` on stdin, then writes, then reports.

Usage: worker_child.py DATA_DIR MODE COUNT TAG, MODE one of `service-mocks` (Planner.add_mock),
`records-mocks` (Records.put_mock with next_id), `counter` (read-modify-write of a counter
inside store.transaction()), `counter-unlocked` (the same with the lock disabled: a negative
control) or `hold-lock` (hold planner.lock until killed or COUNT seconds).
The last line is a JSON summary: {"done": N, "errors": [...]}.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path
from typing import Any

from planner.domain.models import Mock
from planner.service import ContentLibrary, Planner
from planner.service.inputs import MockInput
from planner.storage import RecordStore
from planner.storage.lock import file_lock

ROOT = Path(__file__).resolve().parent.parent.parent
TODAY = dt.date(2026, 11, 25)


def _one(store: RecordStore, planner: Planner | None, mode: str, n: int, tag: str) -> None:
    if mode == "service-mocks" and planner is not None:
        planner.mocks.add(MockInput("product-sense", minutes=30, notes=f"{tag}-{n}"))
    elif mode == "records-mocks":
        with store.session() as records:
            records.put_mock(
                Mock(
                    id=records.next_id("m"),
                    date=TODAY,
                    round="execution",
                    minutes=30,
                    scores={},
                    notes=f"{tag}-{n}",
                )
            )
    elif mode in ("counter", "counter-unlocked"):
        with store.transaction() as db:
            table = db.table("counter")
            doc = table.get(doc_id=1)
            if doc is None:
                table.insert({"value": 1})
            else:
                table.update({"value": int(doc["value"]) + 1}, doc_ids=[1])
    else:
        raise ValueError(f"unknown mode {mode}")


def main(argv: list[str]) -> None:
    """Wait for the go line, do COUNT writes, print the summary."""
    data_dir, mode, count, tag = Path(argv[1]), argv[2], int(argv[3]), argv[4]
    store = RecordStore(data_dir, lock_timeout=60)
    if mode == "hold-lock":
        data_dir.mkdir(parents=True, exist_ok=True)
        with file_lock(data_dir / "planner.lock", timeout=5):
            print("locked", flush=True)
            time.sleep(count)  # the holder's job is to sit on the lock
        return
    if mode == "counter-unlocked":
        # Negative control: without the lock, read-modify-write must lose updates.
        import contextlib

        import planner.storage.store as store_module

        monkey: Any = store_module
        monkey.file_lock = lambda *args, **kwargs: contextlib.nullcontext()
    planner = None
    if mode == "service-mocks":
        planner = Planner(store, ContentLibrary(ROOT / "content", ROOT / "plans"), TODAY)
    print("ready", flush=True)
    sys.stdin.readline()
    errors: list[str] = []
    done = 0
    for n in range(count):
        try:
            _one(store, planner, mode, n, tag)
            done += 1
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
    print(json.dumps({"done": done, "errors": errors[:5], "error_count": len(errors)}))


if __name__ == "__main__":
    main(sys.argv)
