"""Child of the record-race tests: changes one record per line read, through the service.

Usage: race_child.py DATA_DIR ROLE, ROLE one of `edit-mock` (Planner.mocks.edit mN --notes),
`delete-mock` (Planner.mocks.delete mN), `edit-story` (Planner.stories.update sN --title) or
`rehearse-story` (Planner.stories.rehearse sN). Prints `ready`, then for each line `N` on stdin
does its change to record N and prints `done N ok` or `done N TYPE: MESSAGE`.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from planner.service import ContentLibrary, Planner
from planner.service.inputs import MockChange, StoryChange
from planner.storage import RecordStore

ROOT = Path(__file__).resolve().parent.parent.parent
TODAY = dt.date(2026, 11, 25)


def _change(planner: Planner, role: str, n: int) -> None:
    if role == "edit-mock":
        planner.mocks.edit(f"m{n}", MockChange(notes=f"edited {n}"))
    elif role == "delete-mock":
        planner.mocks.delete(f"m{n}")
    elif role == "edit-story":
        planner.stories.update(f"s{n}", StoryChange(title=f"edited {n}"))
    elif role == "rehearse-story":
        planner.stories.rehearse(f"s{n}")
    else:
        raise ValueError(f"unknown role {role}")


def main(argv: list[str]) -> None:
    """Serve lines until stdin closes."""
    data_dir, role = Path(argv[1]), argv[2]
    store = RecordStore(data_dir, lock_timeout=60)
    planner = Planner(store, ContentLibrary(ROOT / "content", ROOT / "plans"), TODAY)
    print("ready", flush=True)
    for line in sys.stdin:
        n = int(line)
        try:
            _change(planner, role, n)
        except Exception as exc:
            print(f"done {n} {type(exc).__name__}: {exc}", flush=True)
        else:
            print(f"done {n} ok", flush=True)


if __name__ == "__main__":
    main(sys.argv)
