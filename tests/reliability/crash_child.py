"""Child of the crash-point sweep: saves (or migrates, or restores) until PLANNER_CRASH_AT fires.

Usage: crash_child.py DATA_DIR MODE SAVES, MODE one of `save`, `migrate`, `restore`. Prints
`ready`, then `intent SEQ DIGEST` inside each transaction and `ack SEQ` after it; exits 0 when
the crash point was never reached.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from reliability_harness import install_fake_migration, make_mock, records_digest

from planner.storage import RecordStore


def main(argv: list[str]) -> None:
    """Run the saves; the crash point (if reached) ends the process with status 137."""
    store = RecordStore(Path(argv[1]))
    mode, saves = argv[2], int(argv[3])
    rng = random.Random(4)
    if mode == "migrate":
        install_fake_migration()
    print("ready", flush=True)
    if mode == "restore":
        latest = store.latest_backup()
        assert latest is not None
        store.restore(latest)
        print("restored", flush=True)
        return
    for seq in range(1, saves + 1):
        with store.session() as records:
            records.put_mock(make_mock(rng, records.next_id("m")))
            print(f"intent {seq} {records_digest(records)}", flush=True)
        print(f"ack {seq}", flush=True)


if __name__ == "__main__":
    main(sys.argv)
