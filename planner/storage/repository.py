"""Typed reads and writes of the planner's tables inside one store transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from tinydb import Query, TinyDB

from planner.domain.models import (
    Mock,
    OwnResearch,
    Plan,
    PlanSettings,
    ResearchState,
    Review,
    State,
    Story,
    Task,
)
from planner.storage import codec
from planner.storage.errors import RecordGone, Refused

T = TypeVar("T")

META = "_meta"
PROFILE = "profile"
TASKS = "tasks"
MOCKS = "mocks"
RESEARCH = "research"
STORIES = "stories"
REVIEWS = "reviews"
OWN_RESEARCH = "own_research"
"""Research items the candidate added (schema 3)."""
TABLES = (PROFILE, TASKS, MOCKS, RESEARCH, STORIES, REVIEWS, OWN_RESEARCH)


UNIQUE_KEYS = {TASKS: "id", MOCKS: "id", STORIES: "id", RESEARCH: "item", OWN_RESEARCH: "id"}
"""The field that names each record of a table: two records never share it."""


MAX_ID_NUMBER = 10**15
"""Above any id number the planner hands out; a bigger one (a hand edit) is not counted."""


def _numeric(record_id: str) -> tuple[int, str]:
    digits = "".join(ch for ch in record_id if ch in "0123456789").lstrip("0")
    if len(digits) > 16:  # a hostile id: sorts last, never converted
        return (MAX_ID_NUMBER, record_id)
    return (int(digits) if digits else 0, record_id)


class Records:
    """The planner's tables over one TinyDB (a read snapshot or a write transaction)."""

    def __init__(self, db: TinyDB) -> None:
        self.db = db

    # -- reading ---------------------------------------------------------------------------

    def _decode_all(
        self, table: str, decode: Callable[[dict[str, Any]], T], damaged: list[str]
    ) -> list[T]:
        out: list[T] = []
        for doc in self.db.table(table).all():
            try:
                out.append(decode(dict(doc)))
            except (ValueError, TypeError, AttributeError, KeyError) as exc:
                damaged.append(f"{table} record {doc.doc_id}: {exc}")
        return out

    def plan(self, damaged: list[str] | None = None) -> Plan | None:
        """The plan with its tasks (None before `init`)."""
        damaged = [] if damaged is None else damaged
        profile = self.db.table(PROFILE).get(doc_id=1)
        if not isinstance(profile, dict):
            return None
        try:
            settings = codec.settings_from_record(profile["settings"])
            days = codec.days_from_record(profile["days"])
        except (KeyError, ValueError, TypeError, AttributeError) as exc:
            damaged.append(f"profile: {exc}")
            return None
        try:
            adjustments = codec.adjustments_from_record(profile.get("adjustments", []))
        except (ValueError, TypeError, AttributeError) as exc:
            # Only a note of what did not fit: the plan stands without it (a replan rewrites it).
            damaged.append(f"profile adjustments: {exc}")
            adjustments = ()
        tasks = self._decode_all(TASKS, codec.task_from_record, damaged)
        # Stable by day: within a day the stored order is the plan's own order.
        tasks.sort(key=lambda t: t.day)
        return Plan(settings=settings, days=days, tasks=tuple(tasks), adjustments=adjustments)

    def settings(self) -> PlanSettings | None:
        """Only the plan's settings (cheap: no task is decoded)."""
        profile = self.db.table(PROFILE).get(doc_id=1)
        if not isinstance(profile, dict):
            return None
        try:
            return codec.settings_from_record(profile["settings"])
        except (KeyError, ValueError, TypeError, AttributeError):
            return None

    def mocks(self, round_id: str | None = None, damaged: list[str] | None = None) -> list[Mock]:
        """Mocks, oldest first, optionally only one round's (others are not decoded)."""
        damaged = [] if damaged is None else damaged
        table = self.db.table(MOCKS)
        docs = table.all() if round_id is None else table.search(Query().round == round_id)
        out: list[Mock] = []
        for doc in docs:
            try:
                out.append(codec.mock_from_record(dict(doc)))
            except (ValueError, TypeError, AttributeError, KeyError) as exc:
                damaged.append(f"{MOCKS} record {doc.doc_id}: {exc}")
        out.sort(key=lambda m: (m.date, _numeric(m.id)))
        return out

    def research(self, damaged: list[str] | None = None) -> list[ResearchState]:
        """Research states."""
        return self._decode_all(
            RESEARCH, codec.research_from_record, [] if damaged is None else damaged
        )

    def own_research(self, damaged: list[str] | None = None) -> list[OwnResearch]:
        """The research items the candidate added, oldest first."""
        items = self._decode_all(
            OWN_RESEARCH, codec.own_research_from_record, [] if damaged is None else damaged
        )
        items.sort(key=lambda o: _numeric(o.id))
        return items

    def stories(self, damaged: list[str] | None = None) -> list[Story]:
        """Stories, by id number."""
        stories = self._decode_all(
            STORIES, codec.story_from_record, [] if damaged is None else damaged
        )
        stories.sort(key=lambda s: _numeric(s.id))
        return stories

    def reviews(self, damaged: list[str] | None = None) -> list[Review]:
        """Practice reviews."""
        return self._decode_all(
            REVIEWS, codec.review_from_record, [] if damaged is None else damaged
        )

    def state(self) -> State:
        """Decode every table; a damaged record is reported, skipped and kept on disk."""
        damaged: list[str] = []
        return State(
            plan=self.plan(damaged),
            mocks=tuple(self.mocks(damaged=damaged)),
            research=tuple(self.research(damaged)),
            stories=tuple(self.stories(damaged)),
            reviews=tuple(self.reviews(damaged)),
            own_research=tuple(self.own_research(damaged)),
            damaged=tuple(damaged),
        )

    def has_plan(self) -> bool:
        """Whether a plan has been made."""
        return self.db.table(PROFILE).get(doc_id=1) is not None

    # -- ids -------------------------------------------------------------------------------

    def next_id(self, prefix: str) -> str:
        """A new record id like `m12`; ids are never reused, even after a delete.

        The counter never falls behind the highest id in the table, so a hand-edited or
        damaged counter cannot hand out an id that is already taken.
        """
        from planner.storage import ids  # only when a record is added (see `ids`)

        return ids.next_id(self.db, prefix)

    # -- plan ------------------------------------------------------------------------------

    def replace_plan(self, plan: Plan) -> None:
        """Store a new plan, replacing the old plan and its tasks."""
        profile = self.db.table(PROFILE)
        profile.truncate()
        profile.insert(
            {
                "settings": codec.settings_to_record(plan.settings),
                "days": [codec.day_to_record(d) for d in plan.days],
                "adjustments": [codec.adjustment_to_record(a) for a in plan.adjustments],
            }
        )
        self.replace_tasks(plan.tasks)

    def replace_tasks(self, tasks: Iterable[Task]) -> None:
        """Store this list of tasks, keeping fields this version does not know.

        A stored record that cannot be decoded is damaged, not replaced: it is kept as it is
        unless a new task takes its id.
        """
        table = self.db.table(TASKS)
        old: dict[str, dict[str, Any]] = {}
        damaged: list[dict[str, Any]] = []
        for doc in table.all():
            record = dict(doc)
            try:
                codec.task_from_record(record)
            except (ValueError, TypeError, AttributeError, KeyError):
                damaged.append(record)
                continue
            old[record["id"]] = record
        new = [{**old.get(t.id, {}), **codec.task_to_record(t)} for t in tasks]
        ids = {r["id"] for r in new}
        kept = [r for r in damaged if r.get("id") not in ids]
        table.truncate()
        table.insert_multiple([*new, *kept])

    def set_adjustments(self, plan: Plan) -> None:
        """Store the plan's adjustments (after a replan)."""
        self.db.table(PROFILE).update(
            {"adjustments": [codec.adjustment_to_record(a) for a in plan.adjustments]},
            doc_ids=[1],
        )

    def set_done(self, task_ids: Iterable[str], done: bool, on: dt.date | None = None) -> None:
        """Mark tasks done (ticked on the day `on`) or not done."""
        q = Query()
        ids = list(task_ids)
        ticked = on.isoformat() if done and on is not None else None
        self.db.table(TASKS).update({"done": done, "done_on": ticked}, q.id.one_of(ids))

    # -- trackers --------------------------------------------------------------------------

    def _existing(
        self, table: str, record_id: str, decode: Callable[[dict[str, Any]], T], kind: str
    ) -> T:
        """The record `record_id` as it is now (inside this transaction's lock).

        RecordGone when there is none (another process deleted it since the caller last
        looked); Refused when it is there but damaged (it is kept as it is).
        """
        docs = self.db.table(table).search(Query().id == record_id)
        if not docs:
            raise RecordGone(
                f"{kind} {record_id} no longer exists (another planner process deleted it "
                "just now); nothing was changed"
            )
        try:
            return decode(dict(docs[0]))
        except (ValueError, TypeError, AttributeError, KeyError) as exc:
            raise Refused(
                f"{kind} {record_id} is damaged in the data file ({exc}); nothing was changed"
            ) from None

    def mock(self, mock_id: str) -> Mock | None:
        """One mock by id as it is now; None when there is none or it cannot be read."""
        try:
            return self._existing(MOCKS, mock_id, codec.mock_from_record, "mock")
        except Refused:
            return None

    def add_mock(self, mock: Mock) -> None:
        """Insert a new mock (its id is fresh from `next_id`)."""
        self.db.table(MOCKS).insert(codec.mock_to_record(mock))

    def put_mock(self, mock: Mock) -> None:
        """Insert or replace a mock (by id), keeping fields this version does not know."""
        self._upsert(MOCKS, mock.id, codec.mock_to_record(mock))

    def update_mock(self, mock_id: str, change: Callable[[Mock], Mock]) -> Mock:
        """Replace mock `mock_id` with `change(mock)`, the mock read in this transaction.

        Read, change and write happen under one hold of the lock, so a change never rests
        on a copy another process has since edited or deleted (RecordGone if it is gone).
        """
        new = change(self._existing(MOCKS, mock_id, codec.mock_from_record, "mock"))
        if new.id != mock_id:
            raise ValueError(f"a change of mock {mock_id} may not change its id")
        self.put_mock(new)
        return new

    def delete_mock(self, mock_id: str) -> Mock:
        """Delete a mock; returns it as it was (RecordGone when it is already gone)."""
        old = self._existing(MOCKS, mock_id, codec.mock_from_record, "mock")
        self.db.table(MOCKS).remove(Query().id == mock_id)
        return old

    def put_research(self, state: ResearchState) -> None:
        """Insert or replace a research item's state."""
        q = Query()
        self.db.table(RESEARCH).upsert(codec.research_to_record(state), q.item == state.item)

    def put_own_research(self, item: OwnResearch) -> None:
        """Insert or replace an own research item (by id), keeping fields this version does
        not know."""
        self._upsert(OWN_RESEARCH, item.id, codec.own_research_to_record(item))

    def update_own_research(
        self, item_id: str, change: Callable[[OwnResearch], OwnResearch]
    ) -> OwnResearch:
        """Replace own item `item_id` with `change(item)`, read in this transaction (see
        `update_mock`)."""
        old = self._existing(OWN_RESEARCH, item_id, codec.own_research_from_record, "research item")
        new = change(old)
        if new.id != item_id:
            raise ValueError(f"a change of research item {item_id} may not change its id")
        self.put_own_research(new)
        return new

    def delete_own_research(self, item_id: str) -> OwnResearch:
        """Delete an own research item; returns it as it was (RecordGone when gone)."""
        old = self._existing(OWN_RESEARCH, item_id, codec.own_research_from_record, "research item")
        self.db.table(OWN_RESEARCH).remove(Query().id == item_id)
        return old

    def story(self, story_id: str) -> Story | None:
        """One story by id as it is now; None when there is none or it cannot be read."""
        try:
            return self._existing(STORIES, story_id, codec.story_from_record, "story")
        except Refused:
            return None

    def put_story(self, story: Story) -> None:
        """Insert or replace a story (by id)."""
        self._upsert(STORIES, story.id, codec.story_to_record(story))

    def update_story(self, story_id: str, change: Callable[[Story], Story]) -> Story:
        """Replace story `story_id` with `change(story)`, the story read in this transaction
        (see `update_mock`)."""
        new = change(self._existing(STORIES, story_id, codec.story_from_record, "story"))
        if new.id != story_id:
            raise ValueError(f"a change of story {story_id} may not change its id")
        self.put_story(new)
        return new

    def delete_story(self, story_id: str) -> Story:
        """Delete a story; returns it as it was (RecordGone when it is already gone)."""
        old = self._existing(STORIES, story_id, codec.story_from_record, "story")
        self.db.table(STORIES).remove(Query().id == story_id)
        return old

    def add_review(self, review: Review) -> None:
        """Append a practice review."""
        self.db.table(REVIEWS).insert(codec.review_to_record(review))

    def _upsert(self, table: str, record_id: str, record: dict[str, Any]) -> None:
        self.db.table(table).upsert(record, Query().id == record_id)

    # -- whole data ------------------------------------------------------------------------

    def dump(self) -> dict[str, list[dict[str, Any]]]:
        """Every table's records as plain lists (for export), and the id counters, so an
        import never hands out the id of a record deleted before the export."""
        from planner.storage import ids  # only on export (see `ids`)

        out = {name: [dict(doc) for doc in self.db.table(name).all()] for name in TABLES}
        return {META: [{"counters": ids.issued(self.db)}], **out}

    def load_dump(self, dump: dict[str, list[dict[str, Any]]]) -> None:
        """Replace every table with the records of an export.

        Refused (nothing changes) when two records of a table share their id (a later write
        would overwrite one with the other) or when there is more than one plan.
        """
        for name, key in UNIQUE_KEYS.items():
            seen: set[str] = set()
            for record in dump.get(name, []):
                value = record.get(key)
                if not isinstance(value, str):
                    continue  # not a record id at all: the record's own check refuses it
                if value in seen:
                    shown = value if len(value) <= 100 else f"{value[:100]}..."
                    raise Refused(
                        f"the export has two {name} records with {key} {shown}: ids must be "
                        "unique; nothing was imported"
                    )
                seen.add(value)
        if len(dump.get(PROFILE, [])) > 1:
            raise Refused("the export has more than one plan; nothing was imported")
        for name in TABLES:
            table = self.db.table(name)
            table.truncate()
            table.insert_multiple(dump.get(name, []))

    def is_empty(self) -> bool:
        """Whether the store holds no plan and no tracker records."""
        return all(len(self.db.table(name)) == 0 for name in TABLES)

    def reset_counters(self, dump: dict[str, list[dict[str, Any]]]) -> None:
        """Set id counters past every id issued, so new ids never reuse one.

        Call after `load_dump`: the counters cover the imported records (drills included),
        the export's own counters (ids deleted before it was made) and this folder's
        counters (ids issued here before an import with --replace).
        """
        from planner.storage import ids  # only on import (see `ids`)

        ids.reset_counters(self.db, dump)
