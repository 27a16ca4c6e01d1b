"""Plan-rule helpers shared by the checkers: the real content, what a plan should hold, and
how much each item is worth (re-exported by `plan_rules`)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from planner.content.pack import load_pack
from planner.content.templates import load_templates
from planner.domain.models import Pack, Plan, PlanSettings, Task, Template
from planner.domain.stages import rounds_ahead

ROOT = Path(__file__).resolve().parents[2]


@cache
def real_pack() -> Pack:
    """The repository's Coursera PM pack (loaded once; kept out of hypothesis reports)."""
    return load_pack(ROOT / "content" / "coursera-pm")


@cache
def real_templates() -> dict[str, Template]:
    """The repository's seniority templates."""
    return load_templates(ROOT / "plans", real_pack())


def session_index(task: Task) -> int:
    """The session number of a task (`draft-stories-3` is session 3)."""
    tail = task.id.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def ahead(pack: Pack, settings: PlanSettings) -> set[str]:
    """The rounds a plan prepares: not passed screens, not skipped rounds."""
    return set(rounds_ahead(pack, settings, settings.start))


def performance_rounds(pack: Pack, settings: PlanSettings) -> set[str]:
    """Rounds ahead whose readiness counts timed performance (rule 4 and 8)."""
    return {r for r in ahead(pack, settings) if pack.round(r).readiness.counts_performance}


def expected_sessions(pack: Pack, template: Template, settings: PlanSettings) -> dict[str, int]:
    """Each applicable checklist item with the session count the template asks for.

    Solo timed drills (`kind` `timed`) have no fixed count: rule 4 and 8 check them. Peer mocks
    count as the template's `mocks` when any round ahead counts performance.
    """
    rounds = ahead(pack, settings)
    wanted: dict[str, int] = {}
    for item in pack.checklist:
        override = template.items.get(item.id)
        if settings.seniority not in item.seniority or (override is not None and override.skip):
            continue
        if not [r for r in item.rounds if r in rounds] or item.kind == "timed":
            continue
        if item.kind == "mock" and not performance_rounds(pack, settings) & set(item.rounds):
            continue
        sessions = item.sessions
        if item.per == "story":
            sessions = template.stories
        elif item.per == "mock":
            sessions = template.mocks
        if override is not None and override.sessions is not None:
            sessions = override.sessions
        if sessions > 0:
            wanted[item.id] = sessions
    return wanted


def repeats_allowed(pack: Pack, item_id: str, plan: Plan) -> int:
    """Extra spaced sessions a plan may add (checklist `repeat_every`): on a long runway, and
    on working days a shorter plan would leave empty."""
    every = pack.item(item_id).repeat_every
    return len(plan.days) // every if every else 0


def prep_items(pack: Pack, template: Template, settings: PlanSettings) -> dict[str, set[str]]:
    """Per round ahead: the practice and story items that serve it (practice before a mock)."""
    wanted = expected_sessions(pack, template, settings)
    out: dict[str, set[str]] = {}
    for item_id in wanted:
        item = pack.item(item_id)
        if item.kind in ("practice", "story"):
            for r in item.rounds:
                out.setdefault(r, set()).add(item_id)
    return out


def prep_for(pack: Pack, template: Template, settings: PlanSettings, round_id: str) -> str | None:
    """The practice a timed session of a round follows: the round's most focused practice or
    story item (fewest rounds), then the highest priority, then file order; never a pair."""
    wanted = expected_sessions(pack, template, settings)
    rounds = ahead(pack, settings)
    candidates = [
        (len(item.rounds), -_own_priority(pack, template, rounds, item.id), n, item.id)
        for n, item in enumerate(pack.checklist)
        if item.id in wanted
        and item.kind in ("practice", "story")
        and item.pairs_with is None
        and round_id in item.rounds
    ]
    return min(candidates)[3] if candidates else None


def _own_priority(pack: Pack, template: Template, rounds: set[str], item_id: str) -> float:
    item = pack.item(item_id)
    override = template.items.get(item_id)
    base = override.priority if override is not None and override.priority else item.priority
    return base * max(template.round_emphasis.get(r, 1.0) for r in item.rounds if r in rounds)


def needed_by_must_haves(pack: Pack, template: Template, settings: PlanSettings) -> set[str]:
    """Items that must-haves or timed practice need first (their worth is lent, not own)."""
    wanted = expected_sessions(pack, template, settings)
    todo = [i for i in wanted if pack.item(i).must_have]
    for items in prep_items(pack, template, settings).values():
        todo += items
    seen: set[str] = set()
    while todo:
        item_id = todo.pop()
        if item_id in seen:
            continue
        seen.add(item_id)
        todo += [d for d in pack.item(item_id).depends_on if d in wanted]
    return seen


def effective_priority(
    pack: Pack, template: Template, settings: PlanSettings, item_id: str
) -> float:
    """An item's priority weighted by its rounds' emphasis, raised to that of what needs it.

    Work that needs every session of an item first (`after = "all"`) lends it its priority:
    the frameworks matter as much as the practice built on them.
    """
    wanted = expected_sessions(pack, template, settings)
    rounds_ahead_ = ahead(pack, settings)

    def own(item_id: str) -> float:
        item = pack.item(item_id)
        override = template.items.get(item_id)
        base = override.priority if override is not None and override.priority else item.priority
        rounds = [r for r in item.rounds if r in rounds_ahead_]
        return base * max(template.round_emphasis.get(r, 1.0) for r in rounds)

    def lent(item_id: str, seen: frozenset[str]) -> float:
        needers = [
            i.id
            for i in pack.checklist
            if i.id in wanted and i.after == "all" and item_id in i.depends_on
        ]
        return max(
            [own(item_id)] + [lent(n, seen | {n}) for n in needers if n not in seen],
        )

    return lent(item_id, frozenset({item_id}))


def tasks_by_item(tasks: Iterable[Task]) -> dict[str, list[Task]]:
    """Tasks grouped by checklist item, each group in session order."""
    groups: dict[str, list[Task]] = {}
    for task in tasks:
        groups.setdefault(task.item, []).append(task)
    for group in groups.values():
        group.sort(key=session_index)
    return groups


def last_working_day(plan: Plan) -> int:
    """Index of the plan's last day that is neither a rest day nor an away day."""
    away = set(plan.settings.away)
    return max(i for i, d in enumerate(plan.days) if not d.rest and d.date not in away)
