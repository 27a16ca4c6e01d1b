"""Company research: the pack's items, each todo, doing or done, with a note and sources."""

from __future__ import annotations

from planner.domain.models import RESEARCH_STATUSES, ResearchItem, ResearchState
from planner.service import validate
from planner.service.inputs import SOURCE_LIMIT, ResearchChange
from planner.service.session import Session


class Research:
    """The research tracker over one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def items(self) -> list[tuple[ResearchItem, ResearchState]]:
        """Every research item of the pack with its state."""
        states = {s.item: s for s in self.session.state().research}
        return [
            (i, states.get(i.id, ResearchState(item=i.id))) for i in self.session.pack().research
        ]

    def set(self, item_id: str, change: ResearchChange) -> ResearchState:
        """Set a research item's status and note, and add a source."""
        pack = self.session.pack()
        validate.choice("research item", item_id, [i.id for i in pack.research], field="item")
        if change.status is not None:
            validate.choice("status", change.status, RESEARCH_STATUSES, field="status")
        note = None if change.note is None else validate.text("note", change.note, field="note")
        source = (
            None
            if change.source is None
            else validate.text("source", change.source, True, SOURCE_LIMIT, field="source")
        )
        with self.session.write() as records:
            current = next(
                (s for s in records.research() if s.item == item_id),
                ResearchState(item=item_id),
            )
            sources = current.sources
            if source and source not in sources:
                sources = (*sources, source)
            new = ResearchState(
                item=item_id,
                status=change.status or current.status,
                note=current.note if note is None else note,
                sources=sources,
            )
            records.put_research(new)
        return new
