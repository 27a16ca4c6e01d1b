"""Peak resident memory of loading a 10k-mock store and scoring readiness."""

from __future__ import annotations

import datetime as dt
import json
import resource
import sys
from pathlib import Path

from planner.service import ContentLibrary, Planner
from planner.storage import RecordStore

if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    planner = Planner(
        RecordStore(Path(sys.argv[1])),
        ContentLibrary(root / "content", root / "plans"),
        dt.date(2026, 11, 25),
    )
    planner.readiness.assess()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"peak_mb": round(peak_kb / 1024, 1)}))
