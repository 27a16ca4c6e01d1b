"""Which bank question each practice, solo timed and peer mock session of a plan works on.

Pure and deterministic: the sessions are taken in day order and each gets the best question
for it by these rules, in this order:

1. only questions of the session's rounds that the seniority may be offered (a senior-only
   prompt never reaches an early plan), of the item's `questions` or `question_types` when
   the checklist names them;
2. not one a session of the plan already used in the last `RECENT_DAYS` days, nor one
   another item of the plan names as its own prompt (a whiteboard's);
3. the question type the item (timed sessions: the round) has used least, so a round's
   sessions spread over its types;
4. the question used least in the plan;
5. between types used as often, the round's core type (the one with most questions) first,
   then the types held for some seniorities (strategy and people management for a senior),
   then the pack's order of types;
6. one held for the seniority before an open one, the one used longest ago, the item's
   first round, bank order;
7. then every type with questions held for the seniority that some session could use
   (strategy and people management for a senior) gets at least one: the latest session
   that may take one does, unless it already carries a held question or is its round's
   first timed session (a baseline stays on the round's core type).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from planner.domain.choice import RECENT_DAYS
from planner.domain.models import SENIORITIES, TIMED_KINDS, ChecklistItem, Pack, Question, Task

LINKED_KINDS = ("practice", *TIMED_KINDS)
"""Task kinds whose sessions answer a bank question (drills get theirs from the mock)."""
TIMED_GROUP = "timed sessions"
"""Peer mocks and solo timed drills of a round spread their types together."""
_Ranks = dict[tuple[str, str], int]
"""Per round and question type, its place among the round's types."""


def is_seniority_specific(question: Question) -> bool:
    """Whether the question is held for some seniorities only (not open to all four)."""
    return any(s not in question.seniority for s in SENIORITIES)


def candidates(pack: Pack, task: Task, seniority: str) -> list[Question]:
    """The questions a session may be linked to, in bank order (rule 1)."""
    item = _item(pack, task.item)
    named = item.questions if item else ()
    types = item.question_types if item else ()
    return [
        q
        for q in pack.questions
        if q.round in task.rounds
        and q.fits(seniority)
        and (q.id in named if named else not types or q.type in types)
    ]


def link_questions(
    tasks: Sequence[Task], pack: Pack, seniority: str, recent_days: int = RECENT_DAYS
) -> tuple[Task, ...]:
    """The tasks with a question on every practice, solo timed and peer mock session.

    A task that already names a question keeps it (links are stable), and counts as a use of
    it; done tasks and other kinds are left as they are. The order of `tasks` is kept.
    """
    linker = _Linker(pack, seniority, recent_days, {t.item for t in tasks})
    linked: dict[str, str] = {}
    in_order = sorted(tasks, key=lambda t: (t.day, t.id))
    for task in in_order:
        if task.kind not in LINKED_KINDS:
            continue
        if not task.question and not task.done:
            chosen = linker.choose(task)
            if chosen is not None:
                linked[task.id] = chosen.id
        linker.use(task, linked.get(task.id, task.question))
    _held_types(in_order, linked, linker)
    return tuple(replace(t, question=linked[t.id]) if t.id in linked else t for t in tasks)


def _held_types(in_order: Sequence[Task], linked: dict[str, str], linker: _Linker) -> None:
    """Rule 7: every type with questions held for the seniority that a session could use
    (strategy and people management for a senior) is used at least once.

    A type no session got takes over the latest session newly linked here that may use one
    of its held questions, not used elsewhere in the recent window, unless that session
    already carries a held question or is its round's first timed session.
    """
    pack = linker.pack
    by_id = {q.id: q for q in pack.questions}

    def question_of(task: Task) -> Question | None:
        return by_id.get(linked.get(task.id, task.question))

    linked_tasks = [t for t in in_order if question_of(t) is not None]
    firsts = {t.id for t in first_timed(in_order)}
    open_to_it = [t for t in linked_tasks if t.id in linked and t.id not in firsts]
    types = dict.fromkeys(
        q.type for t in open_to_it for q in linker.pool(t)[0] if is_seniority_specific(q)
    )
    for qtype in types:
        if any(_held(question_of(t), qtype) for t in linked_tasks):
            continue
        for task in reversed(open_to_it):
            current = question_of(task)
            if current is None or is_seniority_specific(current):
                continue
            others = [t for t in linked_tasks if t.id != task.id]
            free = [
                q
                for q in linker.pool(task)[0]
                if _held(q, qtype)
                and q.id not in linker.reserved
                and not any(
                    question_of(t) == q and abs((task.day - t.day).days) <= linker.recent_days
                    for t in others
                )
            ]
            if free:
                linked[task.id] = free[0].id
                break


def first_timed(tasks: Sequence[Task]) -> list[Task]:
    """Each round's first timed session (its baseline stays on the round's core type)."""
    firsts: dict[tuple[str, ...], Task] = {}
    for task in tasks:
        if task.kind in TIMED_KINDS:
            seen = firsts.get(task.rounds)
            if seen is None or (task.day, task.id) < (seen.day, seen.id):
                firsts[task.rounds] = task
    return list(firsts.values())


def _held(question: Question | None, qtype: str) -> bool:
    """Whether the question is of the type and held for some seniorities only."""
    return question is not None and question.type == qtype and is_seniority_specific(question)


class _Linker:
    """The uses so far, in day order, and the choice of the next session's question."""

    def __init__(self, pack: Pack, seniority: str, recent_days: int, items: set[str]) -> None:
        self.pack = pack
        self.seniority = seniority
        self.recent_days = recent_days
        self.type_order = {t.id: n for n, t in enumerate(pack.question_types)}
        self.bank_order = {q.id: n for n, q in enumerate(pack.questions)}
        self.questions = {q.id: q for q in pack.questions}
        self.items = {i.id: i for i in pack.checklist}
        self.used_on: dict[str, list[dt.date]] = {}
        self.type_uses: dict[tuple[str, str, str], int] = {}
        # A whiteboard of one named prompt owns it: other sessions take it only when nothing
        # else fits.
        self.reserved = {q for i in pack.checklist if i.id in items for q in i.questions}
        self._pools: dict[tuple[str, tuple[str, ...]], tuple[list[Question], _Ranks]] = {}

    def pool(self, task: Task) -> tuple[list[Question], _Ranks]:
        """The session's candidates (rule 1) and their types' places (rule 5), cached per
        item and rounds."""
        key = (task.item, task.rounds)
        if key not in self._pools:
            pool = candidates(self.pack, task, self.seniority)
            self._pools[key] = (pool, _type_ranks(pool, self.type_order))
        return self._pools[key]

    def use(self, task: Task, question_id: str) -> None:
        """Count the session's question as used on its day."""
        question = self.questions.get(question_id)
        if question is None:
            return
        self.used_on.setdefault(question.id, []).append(task.day)
        counter = (_group(task), question.round, question.type)
        self.type_uses[counter] = self.type_uses.get(counter, 0) + 1

    def choose(self, task: Task) -> Question | None:
        """The best question for the session (the rules in the module docstring)."""
        pool, ranks = self.pool(task)
        if not pool:
            return None
        item = self.items.get(task.item)
        own = set(item.questions) if item else set()
        group = _group(task)

        def key(q: Question) -> tuple[object, ...]:
            days = self.used_on.get(q.id, [])
            return (
                any((task.day - d).days <= self.recent_days for d in days),
                q.id in self.reserved and q.id not in own,
                self.type_uses.get((group, q.round, q.type), 0),
                len(days),
                ranks[(q.round, q.type)],
                not is_seniority_specific(q),
                max(days, default=dt.date.min),
                task.rounds.index(q.round),
                self.bank_order[q.id],
            )

        return min(pool, key=key)


def _group(task: Task) -> str:
    """Whose types spread together: a round's timed sessions, else the checklist item's."""
    return TIMED_GROUP if task.kind in TIMED_KINDS else task.item


def _type_ranks(pool: Sequence[Question], type_order: dict[str, int]) -> _Ranks:
    """Per round and type in the pool, its place among the round's types (rule 3's ties)."""
    out: dict[tuple[str, str], int] = {}
    for round_id in dict.fromkeys(q.round for q in pool):
        own = [q for q in pool if q.round == round_id]
        sizes: dict[str, int] = {}
        for q in own:
            sizes[q.type] = sizes.get(q.type, 0) + 1
        specific = {q.type for q in own if is_seniority_specific(q)}
        core = min(sizes, key=lambda t: (-sizes[t], type_order.get(t, len(type_order))))
        ordered = sorted(
            sizes,
            key=lambda t: (t != core, t not in specific, type_order.get(t, len(type_order))),
        )
        out.update({(round_id, t): n for n, t in enumerate(ordered)})
    return out


def _item(pack: Pack, item_id: str) -> ChecklistItem | None:
    return next((i for i in pack.checklist if i.id == item_id), None)
