"""Which pack research item a research task of the plan works on, found by their words.

The checklist's research items (`research-launches`, "Research recent launches and
strategy shifts") and the research tracker's items (`recent-launches`, "Recent launches and
strategy shifts") are written separately in a pack and name each other nowhere. A research
task is linked to the one tracker item of its rounds that shares the most words with its
checklist item, and only when that item is the single best: a tie links none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the content types load on first use (`planner today` needs none)
    from planner.domain.models import Pack, ResearchItem, ResearchState, Task

STOP_WORDS = frozenset(
    {"a", "an", "and", "the", "of", "to", "for", "on", "in", "your", "with", "from", "into"}
    | {"out", "loud", "run", "do", "how", "what", "interview", "interviews"}
)
"""Words too common to link two texts."""


def words(text: str) -> set[str]:
    """The lower-case words of a text, without the stop words."""
    return {w for w in re.split(r"[^a-z0-9]+", text.lower()) if w and w not in STOP_WORDS}


def linked_research(pack: Pack, checklist_item: str) -> ResearchItem | None:
    """The research tracker item a research checklist item works on (its `research` field in
    checklist.toml); None when it names none."""
    try:
        item = pack.item(checklist_item)
    except KeyError:
        return None
    if item.kind != "research" or not item.research:
        return None
    return next((r for r in pack.research if r.id == item.research), None)


def status_after_tick(
    current: ResearchState, sessions: Sequence[Task], done_ids: set[str]
) -> str | None:
    """The linked item's status once tasks `done_ids` are ticked: done when every session of
    its checklist item is done, doing when some are; None when it stays as it is (a tick
    never moves an item back, and an item already done stays done)."""
    finished = sum(1 for t in sessions if t.done or t.id in done_ids)
    if current.status == "done" or finished == 0:
        return None
    wanted = "done" if finished == len(sessions) else "doing"
    if wanted == current.status:
        return None
    return wanted
