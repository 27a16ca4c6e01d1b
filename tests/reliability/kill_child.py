"""Child of the SIGKILL harness: saves in a loop and acknowledges each committed save.

Usage: kill_child.py DATA_DIR SEED. One action is one transaction: add, edit or delete a
mock or a story, or rewrite the long STAR story in place. Inside each transaction it prints
`intent SEQ DIGEST` (the state about to be committed); after the save returns, `ack SEQ`.
"""

from __future__ import annotations

import random
import sys
from dataclasses import replace
from pathlib import Path

from reliability_harness import LONG_STORY_ID, make_mock, make_story, records_digest, words

from planner.domain.models import Story
from planner.storage import Records, RecordStore


def act(
    records: Records, rng: random.Random, mocks: list[str], stories: list[str], long: list[Story]
) -> None:
    """Apply one random change (`long` holds the long story as last written)."""
    roll = rng.random()
    if roll < 0.2 or not mocks:
        mock_id = records.next_id("m")
        records.put_mock(make_mock(rng, mock_id))
        mocks.append(mock_id)
    elif roll < 0.35:
        records.delete_mock(mocks.pop(rng.randrange(len(mocks))))
    elif roll < 0.5:
        records.put_mock(make_mock(rng, rng.choice(mocks)))
    elif roll < 0.6 or not stories:
        story_id = records.next_id("s")
        records.put_story(make_story(rng, story_id, rng.randrange(10, 200)))
        stories.append(story_id)
    elif roll < 0.7:
        records.delete_story(stories.pop(rng.randrange(len(stories))))
    else:
        size = rng.randrange(200, 4000)
        long[0] = replace(long[0], action=words(rng, size), result=words(rng, size // 3))
        records.put_story(long[0])


def main(argv: list[str]) -> None:
    """Save forever (the parent kills the process)."""
    store = RecordStore(Path(argv[1]))
    rng = random.Random(int(argv[2]))
    with store.snapshot() as records:
        mocks = [str(d["id"]) for d in records.db.table("mocks").all()]
        stories = [
            str(d["id"]) for d in records.db.table("stories").all() if d["id"] != LONG_STORY_ID
        ]
        long = [s for s in records.state().stories if s.id == LONG_STORY_ID]
    print("ready", flush=True)
    seq = 0
    while True:
        seq += 1
        with store.session() as records:
            act(records, rng, mocks, stories, long)
            print(f"intent {seq} {records_digest(records)}", flush=True)
        print(f"ack {seq}", flush=True)


if __name__ == "__main__":
    main(sys.argv)
