"""Typed reads and writes of the planner's tables inside one store transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from tinydb import Query, TinyDB

from planner.domain.models import Mock, Plan, ResearchState, Review, State, Story, Task
from planner.storage import codec

T = TypeVar("T")

META = "_meta"
PROFILE = "profile"
TASKS = "tasks"
MOCKS = "mocks"
RESEARCH = "research"
STORIES = "stories"
REVIEWS = "reviews"
TABLES = (PROFILE, TASKS, MOCKS, RESEARCH, STORIES, REVIEWS)


def _numeric(record_id: str) -> tuple[int, str]:
    digits = "".join(ch for ch in record_id if ch.isdigit())
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

    def state(self) -> State:
        """Decode every table; a damaged record is reported, skipped and kept on disk."""
        damaged: list[str] = []
        plan: Plan | None = None
        profile = self.db.table(PROFILE).get(doc_id=1)
        if isinstance(profile, dict):
            try:
                settings = codec.settings_from_record(profile["settings"])
                days = tuple(codec.day_from_record(d) for d in profile["days"])
                adjustments = tuple(
                    codec.adjustment_from_record(a) for a in profile.get("adjustments", [])
                )
                tasks = self._decode_all(TASKS, codec.task_from_record, damaged)
                tasks.sort(key=lambda t: (t.day, t.id))
                plan = Plan(
                    settings=settings, days=days, tasks=tuple(tasks), adjustments=adjustments
                )
            except (KeyError, ValueError, TypeError) as exc:
                damaged.append(f"profile: {exc}")
        mocks = self._decode_all(MOCKS, codec.mock_from_record, damaged)
        mocks.sort(key=lambda m: (m.date, _numeric(m.id)))
        stories = self._decode_all(STORIES, codec.story_from_record, damaged)
        stories.sort(key=lambda s: _numeric(s.id))
        return State(
            plan=plan,
            mocks=tuple(mocks),
            research=tuple(self._decode_all(RESEARCH, codec.research_from_record, damaged)),
            stories=tuple(stories),
            reviews=tuple(self._decode_all(REVIEWS, codec.review_from_record, damaged)),
            damaged=tuple(damaged),
        )

    def has_plan(self) -> bool:
        """Whether a plan has been made."""
        return self.db.table(PROFILE).get(doc_id=1) is not None

    # -- ids -------------------------------------------------------------------------------

    def next_id(self, prefix: str) -> str:
        """A new record id like `m12`; ids are never reused, even after a delete."""
        meta = self.db.table(META)
        doc = meta.get(doc_id=1)
        counters = dict(doc.get("counters", {})) if isinstance(doc, dict) else {}
        counters[prefix] = int(counters.get(prefix, 0)) + 1
        meta.update({"counters": counters}, doc_ids=[1])
        return f"{prefix}{counters[prefix]}"

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
        """Store this exact list of tasks."""
        table = self.db.table(TASKS)
        table.truncate()
        table.insert_multiple(codec.task_to_record(t) for t in tasks)

    def set_adjustments(self, plan: Plan) -> None:
        """Store the plan's adjustments (after a replan)."""
        self.db.table(PROFILE).update(
            {"adjustments": [codec.adjustment_to_record(a) for a in plan.adjustments]},
            doc_ids=[1],
        )

    def set_done(self, task_ids: Iterable[str], done: bool) -> None:
        """Mark tasks done or not done."""
        q = Query()
        ids = list(task_ids)
        self.db.table(TASKS).update({"done": done}, q.id.one_of(ids))

    # -- trackers --------------------------------------------------------------------------

    def put_mock(self, mock: Mock) -> None:
        """Insert or replace a mock (by id), keeping fields this version does not know."""
        self._upsert(MOCKS, mock.id, codec.mock_to_record(mock))

    def delete_mock(self, mock_id: str) -> None:
        """Delete a mock."""
        self.db.table(MOCKS).remove(Query().id == mock_id)

    def put_research(self, state: ResearchState) -> None:
        """Insert or replace a research item's state."""
        q = Query()
        self.db.table(RESEARCH).upsert(codec.research_to_record(state), q.item == state.item)

    def put_story(self, story: Story) -> None:
        """Insert or replace a story (by id)."""
        self._upsert(STORIES, story.id, codec.story_to_record(story))

    def delete_story(self, story_id: str) -> None:
        """Delete a story."""
        self.db.table(STORIES).remove(Query().id == story_id)

    def add_review(self, review: Review) -> None:
        """Append a practice review."""
        self.db.table(REVIEWS).insert(codec.review_to_record(review))

    def _upsert(self, table: str, record_id: str, record: dict[str, Any]) -> None:
        self.db.table(table).upsert(record, Query().id == record_id)

    # -- whole data ------------------------------------------------------------------------

    def dump(self) -> dict[str, list[dict[str, Any]]]:
        """Every table's records as plain lists (for export)."""
        return {name: [dict(doc) for doc in self.db.table(name).all()] for name in TABLES}

    def load_dump(self, dump: dict[str, list[dict[str, Any]]]) -> None:
        """Replace every table with the records of an export."""
        for name in TABLES:
            table = self.db.table(name)
            table.truncate()
            table.insert_multiple(dump.get(name, []))

    def is_empty(self) -> bool:
        """Whether the store holds no plan and no tracker records."""
        return all(len(self.db.table(name)) == 0 for name in TABLES)

    def reset_counters(self, dump: dict[str, list[dict[str, Any]]]) -> None:
        """Set id counters past the highest imported ids, so new ids never collide."""
        counters: dict[str, int] = {}
        for table, prefix in ((MOCKS, "m"), (STORIES, "s")):
            numbers = [_numeric(str(r.get("id", "")))[0] for r in dump.get(table, [])]
            counters[prefix] = max(numbers, default=0)
        self.db.table(META).update({"counters": counters}, doc_ids=[1])
