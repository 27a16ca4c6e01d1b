"""Child of the disk-full test: saves under RLIMIT_FSIZE (SIGXFSZ ignored) and reports.

Usage: fsize_child.py DATA_DIR LIMIT_BYTES. Prints one JSON line: the error type and message
of the save, or {"error": null} when it succeeded.
"""

from __future__ import annotations

import json
import random
import resource
import signal
import sys
from pathlib import Path

from reliability_harness import make_story

from planner.storage import RecordStore


def main(argv: list[str]) -> None:
    """Limit file size, try one save that grows the file, report what happened."""
    store = RecordStore(Path(argv[1]))
    limit = int(argv[2])
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    try:
        with store.session() as records:
            records.put_story(make_story(random.Random(1), "s-big", 2000))
    except Exception as exc:
        print(json.dumps({"error": type(exc).__name__, "message": str(exc)}))
        return
    print(json.dumps({"error": None}))


if __name__ == "__main__":
    main(sys.argv)
