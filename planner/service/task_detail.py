"""What one planned task involves: what to do, why it is on its day, how long, and links."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.domain.models import TIMED_KINDS, Pack, Task
from planner.service.research_link import linked_research, words

if TYPE_CHECKING:
    from planner.service import Planner

MAX_LINKS = 3
"""Links of each kind shown for one task."""
_LABEL = re.compile(r"\((baseline|retest|run \d+)\)\s*$")
_SESSION = re.compile(r"\((\d+)/(\d+)\)\s*$")
_QUESTION = re.compile(r"with question (\S+)$")


@dataclass(frozen=True)
class TaskLink:
    """Where the work of a task is done: a research item, a story, a question, a mock log."""

    kind: str
    """`research`, `stories`, `questions` or `log` (log a timed session's scores)."""
    target: str
    """The research item, story, competency or question id (for a log: the question the
    plan set for the session, or '')."""
    round: str
    """The round the link is about ('' when none)."""
    label: str
    """What the link says, e.g. `Research: Scale figures (todo)`."""


@dataclass(frozen=True)
class TaskDetail:
    """Everything the detail pane shows about one task."""

    task: Task
    what: str
    """What to do: the checklist item's description."""
    why: tuple[str, ...]
    """Why it is planned, and why on its day (one sentence each)."""
    how_long: str
    """The minutes, with a timed session's split between the session and its scoring."""
    round_names: tuple[str, ...]
    timed: bool
    """A peer mock or a solo timed drill: it counts once its scores are logged."""
    links: tuple[TaskLink, ...]


def describe_task(planner: Planner, task: Task) -> TaskDetail:
    """The detail of one task of the current plan, from the pack and the trackers as they are."""
    pack = planner.session.pack()
    names = {r.id: r.name for r in pack.rounds}
    round_names = tuple(names.get(r, r) for r in task.rounds)
    try:
        item = pack.item(task.item)
        what = item.description
    except KeyError:  # drills are made from a mock, not from a checklist item
        what = ""
    timed = task.kind in TIMED_KINDS
    if task.kind == "drill" and not what:
        what = (
            "Work on the weak rubric dimension under time: answer the question out loud, then "
            "score yourself against the rubric's anchors (`planner rubric`)."
        )
    return TaskDetail(
        task=task,
        what=what,
        why=tuple(_why(planner, pack, task, round_names)),
        how_long=_how_long(task),
        round_names=round_names,
        timed=timed,
        links=tuple(_links(planner, pack, task)),
    )


def _why(planner: Planner, pack: Pack, task: Task, round_names: tuple[str, ...]) -> list[str]:
    rounds = _join(round_names) or "the loop"
    lines: list[str] = []
    label = _LABEL.search(task.title)
    if task.kind == "drill" and task.reason:
        lines.append(f"A drill added after a mock: {task.reason}.")
    elif task.kind in TIMED_KINDS:
        who = "a peer mock" if task.kind == "mock" else "a solo timed drill"
        step = label.group(1) if label else ""
        if step == "baseline":
            lines.append(
                f"The baseline: {who}, the first timed session on {rounds}, early in the plan "
                "so its weakest rubric dimensions can still be drilled."
            )
        elif step == "retest":
            lines.append(
                f"The retest: {who} on {rounds} after its baseline, to see whether the drills "
                "moved the scores."
            )
        else:
            lines.append(f"Practice under time: {who} on {rounds}.")
    else:
        lines.append(f"Prepares you for {rounds}.")
        session = _SESSION.search(task.title)
        if session:
            lines.append(f"Session {session.group(1)} of {session.group(2)} of this item.")
    today = planner.today
    if task.day < today and not task.done:
        lines.append(
            f"Planned for {task.day:%a} {task.day.day} {task.day:%b} and not done yet: "
            "replan (r) moves it into free time."
        )
    return lines


def _how_long(task: Task) -> str:
    text = f"{task.minutes} minutes"
    if task.kind in TIMED_KINDS and task.reason:
        text += f": {task.reason.split(';')[0]}"
    return text


def _links(planner: Planner, pack: Pack, task: Task) -> list[TaskLink]:
    links: list[TaskLink] = []
    if task.kind in TIMED_KINDS and task.rounds:
        name = next((r.name for r in pack.rounds if r.id == task.rounds[0]), task.rounds[0])
        links.append(
            TaskLink("log", task.question, task.rounds[0], f"Log this session's scores ({name})")
        )
    if task.kind == "research":
        links += _research_links(planner, task)
    elif task.kind == "story":
        links += _story_links(planner, pack, task)
    elif task.kind == "study":
        links += _research_links(planner, task, matching_only=True)
        links += _question_links(planner, task)[: MAX_LINKS - len(links)]
    else:
        links += _question_links(planner, task)
    return links


def _research_links(planner: Planner, task: Task, matching_only: bool = False) -> list[TaskLink]:
    """Research items that share words with the task's item, else those of its rounds."""
    wanted = words(f"{task.item} {task.title}") - words(planner.session.pack().company)
    scored = []
    for n, (item, state) in enumerate(planner.research.items()):
        shared = len(wanted & words(f"{item.id} {item.title}"))
        overlap = len(set(item.rounds) & set(task.rounds))
        if (shared and overlap) or (overlap and not matching_only):
            scored.append((-shared, state.status == "done", -overlap, n, item, state))
    scored.sort(key=lambda row: row[:4])
    linked = linked_research(planner.session.pack(), task.item) if task.kind == "research" else None
    return [
        TaskLink(
            "research",
            item.id,
            "",
            f"Research: {item.title} ({state.status})"
            + (", moved by ticking this task" if linked and linked.id == item.id else ""),
        )
        for *_, item, state in scored[:MAX_LINKS]
    ]


def _story_links(planner: Planner, pack: Pack, task: Task) -> list[TaskLink]:
    """Stories for the task's rounds, least ready first; else a competency still uncovered."""
    competencies = {c.id for c in pack.competencies if set(c.rounds) & set(task.rounds)}
    order = {level: n for n, level in enumerate(("draft", "outlined", "rehearsed", "ready"))}
    stories = sorted(
        (s for s in planner.session.state().stories if set(s.competencies) & competencies),
        key=lambda s: (order.get(s.readiness, 0), s.id),
    )
    links = [
        TaskLink("stories", s.id, "", f"Story: {s.title} ({s.readiness})")
        for s in stories[:MAX_LINKS]
    ]
    uncovered = [
        c for c in planner.stories.coverage() if c.competency.id in competencies and not c.covered
    ]
    if uncovered and len(links) < MAX_LINKS:
        first = uncovered[0].competency
        links.append(TaskLink("stories", first.id, "", f"New story for: {first.name}"))
    return links


def _question_links(planner: Planner, task: Task) -> list[TaskLink]:
    """The task's own question first (a drill stored before tasks named theirs says it in
    its title), then the rounds' questions due for practice."""
    named = _QUESTION.search(task.title)
    first = task.question or (named.group(1) if named else "")
    statuses = [s for s in planner.practice.questions() if s.question.round in task.rounds]
    today = planner.today
    statuses.sort(key=lambda s: (s.question.id != first, not s.is_due(today), s.due, s.question.id))
    return [
        TaskLink(
            "questions",
            s.question.id,
            s.question.round,
            f"Question: {s.question.prompt}" + (" (due)" if s.is_due(today) else ""),
        )
        for s in statuses[:MAX_LINKS]
    ]


def _join(names: tuple[str, ...]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
