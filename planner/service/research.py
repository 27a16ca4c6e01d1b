"""Company research: the pack's items and the candidate's own, each todo, doing or done,
with a note and sources.

Own items (ids `my-N`, never a pack id) are added, edited and removed here; the pack's items
can only have their status, note and sources changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from planner.domain.models import (
    OWN_RESEARCH_PREFIX,
    RESEARCH_STATUSES,
    OwnResearch,
    ResearchItem,
    ResearchState,
    is_own_research,
)
from planner.errors import InputError
from planner.service import validate
from planner.service.inputs import (
    SOURCE_LIMIT,
    TITLE_LIMIT,
    OwnResearchChange,
    OwnResearchInput,
    ResearchChange,
)
from planner.service.session import Session

MAX_SOURCES = 50
"""The most sources one own item is added with at once."""


class Research:
    """The research tracker over one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def items(self) -> list[tuple[ResearchItem, ResearchState]]:
        """Every research item with its state: the pack's, then the candidate's own."""
        state = self.session.state()
        states = {s.item: s for s in state.research}
        pack = [
            (i, states.get(i.id, ResearchState(item=i.id))) for i in self.session.pack().research
        ]
        return pack + [(o.item, o.state) for o in state.own_research]

    def own(self) -> tuple[OwnResearch, ...]:
        """The research items the candidate added, oldest first."""
        return self.session.state().own_research

    def get_own(self, item_id: str) -> OwnResearch:
        """One own item by id; a pack item or an unknown id is refused in one line."""
        own = self.own()
        for item in own:
            if item.id == item_id:
                return item
        if item_id in {i.id for i in self.session.pack().research}:
            raise InputError(
                f"research item '{item_id}' comes from the pack: only your own items "
                f"({OWN_RESEARCH_PREFIX}N) can be edited or removed; `planner research set` "
                "changes its status, note and sources",
                field="item",
            )
        known = ", ".join(o.id for o in own) or "none yet"
        raise InputError(
            f"unknown research item '{item_id}' (your own items: {known})", field="item"
        )

    # -- own items ---------------------------------------------------------------------------

    def add(self, entry: OwnResearchInput) -> OwnResearch:
        """Add a research item of the candidate's own, todo, to the rounds it serves."""
        title = self._title(entry.title)
        rounds = self._rounds(entry.rounds)
        note = validate.text("note", entry.note, field="note")
        sources = self._sources(entry.sources)
        with self.session.write() as records:
            item = OwnResearch(
                id=records.next_id(OWN_RESEARCH_PREFIX),
                title=title,
                rounds=rounds,
                created=self.session.today,
                note=note,
                sources=sources,
            )
            records.put_own_research(item)
        return item

    def edit(self, item_id: str, change: OwnResearchChange) -> OwnResearch:
        """Change an own item's title or rounds (None leaves each as it is)."""
        self.get_own(item_id)  # a pack item or an unknown id is refused naming why
        title = None if change.title is None else self._title(change.title)
        rounds = None if change.rounds is None else self._rounds(change.rounds)

        def edited(old: OwnResearch) -> OwnResearch:
            return replace(
                old,
                title=old.title if title is None else title,
                rounds=old.rounds if rounds is None else rounds,
            )

        # Read, change and write under one lock hold: a concurrent status change is kept.
        with self.session.write() as records:
            return records.update_own_research(item_id, edited)

    def remove(self, item_id: str) -> OwnResearch:
        """Remove an own item (a pack item cannot be removed)."""
        self.get_own(item_id)
        with self.session.write() as records:
            return records.delete_own_research(item_id)

    # -- any item ----------------------------------------------------------------------------

    def set(self, item_id: str, change: ResearchChange) -> ResearchState:
        """Set a research item's status and note, and add a source (pack or own item)."""
        if is_own_research(item_id):
            self.get_own(item_id)
        else:
            pack = self.session.pack()
            ids = [i.id for i in pack.research] + [o.id for o in self.own()]
            validate.choice("research item", item_id, ids, field="item")
        if change.status is not None:
            validate.choice("status", change.status, RESEARCH_STATUSES, field="status")
        note = None if change.note is None else validate.text("note", change.note, field="note")
        source = (
            None
            if change.source is None
            else validate.text("source", change.source, True, SOURCE_LIMIT, field="source")
        )

        def changed(current: ResearchState) -> ResearchState:
            sources = current.sources
            if source and source not in sources:
                sources = (*sources, source)
            return ResearchState(
                item=item_id,
                status=change.status or current.status,
                note=current.note if note is None else note,
                sources=sources,
            )

        with self.session.write() as records:
            if is_own_research(item_id):

                def own_changed(old: OwnResearch) -> OwnResearch:
                    new = changed(old.state)
                    return replace(old, status=new.status, note=new.note, sources=new.sources)

                return records.update_own_research(item_id, own_changed).state
            current = next(
                (s for s in records.research() if s.item == item_id),
                ResearchState(item=item_id),
            )
            new = changed(current)
            records.put_research(new)
        return new

    # -- checks ------------------------------------------------------------------------------

    @staticmethod
    def _title(value: str) -> str:
        title = validate.text("title", value, True, TITLE_LIMIT, field="title")
        if "\n" in title or "\t" in title:
            raise InputError("title must be one line", field="title")
        return title

    def _rounds(self, values: Sequence[str]) -> tuple[str, ...]:
        """Known rounds still ahead (a screen behind you or a skipped round is refused)."""
        if not values:
            raise InputError("name at least one round the item is for", field="rounds")
        pack = self.session.pack()
        ahead = self.session.rounds_ahead()
        rounds: list[str] = []
        for value in values:
            round_id = validate.round_id(pack, value.strip(), field="rounds")
            if round_id not in ahead:
                raise InputError(
                    f"round '{round_id}' is behind you or skipped in this plan: research is for "
                    f"rounds ahead ({', '.join(ahead)})",
                    field="rounds",
                )
            if round_id not in rounds:
                rounds.append(round_id)
        return tuple(rounds)

    @staticmethod
    def _sources(values: Sequence[str]) -> tuple[str, ...]:
        if len(values) > MAX_SOURCES:
            raise InputError(
                f"{len(values)} sources at once; the limit is {MAX_SOURCES}", field="sources"
            )
        sources = [validate.text("source", v, True, SOURCE_LIMIT, field="sources") for v in values]
        return tuple(dict.fromkeys(sources))
