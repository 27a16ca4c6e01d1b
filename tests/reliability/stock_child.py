"""Positive control: the SIGKILL harness's child over stock TinyDB (JSONStorage, in place).

Usage: stock_child.py DB_FILE SEED. Each action is applied first to an in-memory copy (whose
digest is printed as `intent SEQ DIGEST`), then to the file, then `ack SEQ` is printed.
"""

from __future__ import annotations

import random
import sys
from typing import Any

from reliability_harness import raw_digest, words
from tinydb import TinyDB
from tinydb.storages import MemoryStorage
from tinydb.table import Table


def act(table: Table, rng: random.Random, doc_ids: list[int], choice: float, size: int) -> None:
    """Insert, rewrite or remove one document (the same choice for both copies)."""
    text = words(random.Random(size), size)
    if choice < 0.35 or not doc_ids:
        table.insert({"text": text})
    elif choice < 0.7:
        table.update({"text": text}, doc_ids=[doc_ids[int(choice * 1000) % len(doc_ids)]])
    else:
        table.remove(doc_ids=[doc_ids[int(choice * 1000) % len(doc_ids)]])


def main(argv: list[str]) -> None:
    """Save forever (the parent kills the process)."""
    rng = random.Random(int(argv[2]))
    db = TinyDB(argv[1])
    mirror = TinyDB(storage=MemoryStorage)
    data: Any = db.storage.read()
    mirror.storage.write(data)
    print("ready", flush=True)
    seq = 0
    while True:
        seq += 1
        ids = sorted(doc.doc_id for doc in mirror.table("_default").all())
        choice, size = rng.random(), rng.randrange(5, 300)
        act(mirror.table("_default"), rng, ids, choice, size)
        print(f"intent {seq} {raw_digest(mirror.storage.read())}", flush=True)
        act(db.table("_default"), rng, ids, choice, size)
        print(f"ack {seq}", flush=True)


if __name__ == "__main__":
    main(sys.argv)
