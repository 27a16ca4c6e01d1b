"""Checkers for the questions a plan links its sessions to (issue 18), shared by the
generation and replanning tests. Each returns readable violations (empty when all hold)."""

from __future__ import annotations

from planner.domain.choice import RECENT_DAYS
from planner.domain.models import Pack, Plan, Task
from planner.domain.schedule.links import (
    LINKED_KINDS,
    candidates,
    first_timed,
    is_seniority_specific,
)


def check_question_links(plan: Plan, pack: Pack) -> list[str]:
    """Every practice, timed and mock session names a question of its round that the
    seniority may be offered (and that its checklist item allows); other work names none."""
    problems: list[str] = []
    seniority = plan.settings.seniority
    questions = {q.id: q for q in pack.questions}
    items = {i.id: i for i in pack.checklist}
    for task in plan.tasks:
        if task.kind not in (*LINKED_KINDS, "drill"):
            if task.question:
                problems.append(f"{task.id}: a {task.kind} task names question {task.question}")
            continue
        if not task.question:
            if task.kind != "drill" and candidates(pack, task, seniority):
                problems.append(f"{task.id}: names no question though its round has some")
            continue
        question = questions.get(task.question)
        if question is None:
            problems.append(f"{task.id}: question {task.question} is not in the bank")
            continue
        if question.round not in task.rounds:
            problems.append(f"{task.id}: {question.id} is a {question.round} question")
        if not question.fits(seniority):
            problems.append(f"{task.id}: {question.id} is not for a {seniority} candidate")
        item = items.get(task.item)
        if item and item.questions and question.id not in item.questions:
            problems.append(f"{task.id}: {question.id} is not one of {item.questions}")
        elif item and item.question_types and question.type not in item.question_types:
            problems.append(f"{task.id}: {question.id} is a {question.type} question")
    return problems


def check_question_spacing(plan: Plan, pack: Pack) -> list[str]:
    """A question comes back within `RECENT_DAYS` days only when every question the later
    session could use was used in that window too (or is another item's own prompt)."""
    problems: list[str] = []
    linked = sorted(
        (t for t in plan.tasks if t.kind in LINKED_KINDS and t.question),
        key=lambda t: (t.day, t.id),
    )
    in_plan = {t.item for t in plan.tasks}
    items = {i.id: i for i in pack.checklist}
    reserved = {q for i in pack.checklist if i.id in in_plan for q in i.questions}
    for n, task in enumerate(linked):

        def used_near(question_id: str, task: Task = task) -> bool:
            return any(
                o.question == question_id and abs((task.day - o.day).days) <= RECENT_DAYS
                for o in linked
                if o.id != task.id
            )

        earlier = linked[:n]
        repeated = any(
            o.question == task.question and (task.day - o.day).days <= RECENT_DAYS for o in earlier
        )
        if not repeated:
            continue
        own = items[task.item].questions if task.item in items else ()
        unused = [
            q.id
            for q in candidates(pack, task, plan.settings.seniority)
            if not used_near(q.id) and (q.id not in reserved or q.id in own)
        ]
        if unused:
            problems.append(
                f"{task.id}: repeats {task.question} within {RECENT_DAYS} days while "
                f"{unused[0]} was free"
            )
    return problems


def check_seniority_questions(plan: Plan, pack: Pack) -> list[str]:
    """Questions held for some seniorities: never outside them (strategy and people
    management never reach an early plan), and a plan whose sessions could use one (its
    rounds' first timed sessions aside) has at least one."""
    problems: list[str] = []
    seniority = plan.settings.seniority
    questions = {q.id: q for q in pack.questions}
    linked = [t for t in plan.tasks if t.question in questions]
    held = [t for t in linked if is_seniority_specific(questions[t.question])]
    for task in held:
        if not questions[task.question].fits(seniority):
            problems.append(f"{task.id}: {task.question} is held for other seniorities")
    if seniority == "early":
        problems += [
            f"{t.id}: {t.question} is a {questions[t.question].type} question for an early plan"
            for t in linked
            if questions[t.question].type in ("strategy-vision", "people-management")
        ]
    firsts = {t.id for t in first_timed(plan.tasks)}
    could = [
        t
        for t in linked
        if t.kind in LINKED_KINDS
        and t.id not in firsts
        and any(is_seniority_specific(q) for q in candidates(pack, t, seniority))
    ]
    if could and not held:
        problems.append(
            f"no question held for {seniority} candidates, though {could[0].id} could take one"
        )
    return problems


def check_questions(plan: Plan, pack: Pack) -> list[str]:
    """Every rule of the question links."""
    return (
        check_question_links(plan, pack)
        + check_question_spacing(plan, pack)
        + check_seniority_questions(plan, pack)
    )
