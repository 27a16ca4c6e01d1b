"""Question practice: the pack's bank on a spaced-repetition schedule of days."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

from planner.domain.models import RATINGS, Plan, Review, Task
from planner.errors import InputError
from planner.service import validate
from planner.service.session import Session

if TYPE_CHECKING:
    from planner.domain.kit import Kit
    from planner.domain.practice import QuestionStatus


class Practice:
    """The question bank and its reviews over one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def questions(
        self, round_id: str | None = None, due_only: bool = False
    ) -> list[QuestionStatus]:
        """The question bank with practice state, optionally of one round or only due ones:
        the questions offered to the plan's seniority, for the rounds still ahead (a screen
        behind the candidate needs no more practice)."""
        from planner.domain import practice
        from planner.domain.stages import rounds_ahead

        pack = self.session.pack()
        today = self.session.today
        if round_id is not None:
            validate.round_id(pack, round_id)
        plan = self.session.state().plan
        settings = plan.settings if plan else None
        seniority = settings.seniority if settings else None
        ahead = set(rounds_ahead(pack, settings, today))
        out = practice.statuses(pack.questions, self.session.state().reviews, today)
        return [
            s
            for s in out
            if (round_id is None or s.question.round == round_id)
            and s.question.round in ahead
            and (seniority is None or s.question.fits(seniority))
            and (not due_only or s.is_due(today))
        ]

    def record(self, question_id: str, rating: str) -> Review:
        """Record a practice of a question; returns the review with its next due day."""
        from planner.domain import practice

        pack = self.session.pack()
        validate.choice("question", question_id, [q.id for q in pack.questions], field="question")
        validate.choice("rating", rating, RATINGS, field="rating")
        with self.session.write() as records:
            history = practice.history_of(records.reviews(), question_id)
            review = replace(
                practice.next_review(history, rating, self.session.today), question=question_id
            )
            records.add_review(review)
        return review

    def kit(self, round_id: str, question_id: str | None = None) -> Kit:
        """The partner's one-page script for a timed mock of `round_id`, for the plan's
        seniority and the candidate's weak spots (a question may be given). Without one, the
        question the plan set for the round's timed session (`planned_session`) is used."""
        from planner.domain.kit import partner_kit

        pack = self.session.pack()
        rid = validate.round_id(pack, round_id)
        state = self.session.state()
        seniority = state.plan.settings.seniority if state.plan else None
        why = "chosen for this mock"
        if question_id is None and state.plan is not None:
            task = planned_session(state.plan, rid, self.session.today)
            known = {q.id for q in pack.questions if q.round == rid and q.fits(seniority)}
            if task is not None and task.question in known:
                question_id = task.question
                when = f"{task.day:%a} {task.day.day} {task.day:%b}"
                why = f"the question the plan set for {task.id} ({when})"
        try:
            return partner_kit(
                pack,
                rid,
                seniority,
                state.mocks,
                state.reviews,
                self.session.today,
                question_id,
                why=why,
            )
        except ValueError as exc:
            raise InputError(str(exc), field="question") from None


def planned_session(plan: Plan, round_id: str, today: dt.date) -> Task | None:
    """The round's timed session (peer mock or solo drill) not done yet that is due now: the
    latest one up to today, else the next one ahead; None when the plan has none left."""
    own = [
        t for t in plan.tasks if t.kind in ("mock", "timed") and not t.done and round_id in t.rounds
    ]
    due = [t for t in own if t.day <= today]
    if due:
        return max(due, key=lambda t: (t.day, t.id))
    return min(own, key=lambda t: (t.day, t.id), default=None)
