"""The story bank: STAR stories, their rehearsals, the pitfall lint and competency coverage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from planner.domain.models import READINESS_LEVELS, Story
from planner.errors import InputError
from planner.service import validate
from planner.service.inputs import TITLE_LIMIT, StoryChange, StoryInput
from planner.service.session import Session

if TYPE_CHECKING:
    from planner.domain.stories import Coverage, Finding


class Stories:
    """The story bank over one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def bank(self) -> tuple[Story, ...]:
        """Every story, oldest first."""
        return self.session.state().stories

    def get(self, story_id: str) -> Story:
        """One story by id."""
        stories = self.session.state().stories
        for s in stories:
            if s.id == story_id:
                return s
        known = ", ".join(s.id for s in stories) or "no stories yet"
        raise InputError(f"unknown story '{story_id}' (known: {known})", field="story_id")

    def add(self, entry: StoryInput) -> Story:
        """Add a story to the bank."""
        validate.choice("readiness", entry.readiness, READINESS_LEVELS, field="readiness")
        title = validate.text("title", entry.title, required=True, limit=TITLE_LIMIT, field="title")
        situation = validate.text("situation", entry.situation, field="situation")
        task = validate.text("task", entry.task, field="task")
        action = validate.text("action", entry.action, field="action")
        result = validate.text("result", entry.result, field="result")
        competencies = self._competencies(entry.competencies)
        with self.session.write() as records:
            story = Story(
                id=records.next_id("s"),
                title=title,
                situation=situation,
                task=task,
                action=action,
                result=result,
                competencies=competencies,
                readiness=entry.readiness,
            )
            records.put_story(story)
        return story

    def update(self, story_id: str, change: StoryChange) -> Story:
        """Change a story's fields (None leaves a field as it is)."""
        self.get(story_id)  # an unknown id is refused naming the known ones
        if change.readiness is not None:
            validate.choice("readiness", change.readiness, READINESS_LEVELS, field="readiness")

        def text(name: str, value: str | None, current: str) -> str:
            return current if value is None else validate.text(name, value, field=name)

        def edited(old: Story) -> Story:
            return replace(
                old,
                title=old.title
                if change.title is None
                else validate.text("title", change.title, True, TITLE_LIMIT, field="title"),
                situation=text("situation", change.situation, old.situation),
                task=text("task", change.task, old.task),
                action=text("action", change.action, old.action),
                result=text("result", change.result, old.result),
                competencies=old.competencies
                if change.competencies is None
                else self._competencies(change.competencies),
                readiness=old.readiness if change.readiness is None else change.readiness,
            )

        # Read, change and write under one lock hold: a concurrent rehearsal is kept.
        with self.session.write() as records:
            return records.update_story(story_id, edited)

    def rehearse(self, story_id: str, date: dt.date | None = None) -> Story:
        """Record a rehearsal; an outlined or draft story moves up to rehearsed."""
        self.get(story_id)  # an unknown id is refused naming the known ones
        today = self.session.today
        day = date or today
        if day > today:
            raise InputError(f"the rehearsal date {day.isoformat()} is in the future", field="date")

        def rehearsed(old: Story) -> Story:
            level = old.readiness if old.readiness in ("rehearsed", "ready") else "rehearsed"
            return replace(old, rehearsals=tuple(sorted({*old.rehearsals, day})), readiness=level)

        # Read, change and write under one lock hold: a concurrent edit is kept.
        with self.session.write() as records:
            return records.update_story(story_id, rehearsed)

    def delete(self, story_id: str) -> Story:
        """Delete a story."""
        self.get(story_id)  # an unknown id is refused naming the known ones
        with self.session.write() as records:
            return records.delete_story(story_id)

    def lint(self, story: Story) -> list[Finding]:
        """The pack's pitfall findings for a story."""
        from planner.domain.stories import lint

        return lint(story, self.session.pack().pitfalls)

    def coverage(self) -> list[Coverage]:
        """Each competency with the stories that cover it."""
        from planner.domain.stories import coverage

        return coverage(self.session.pack().competencies, self.session.state().stories)

    def _competencies(self, values: Iterable[str]) -> tuple[str, ...]:
        valid = [c.id for c in self.session.pack().competencies]
        return tuple(
            dict.fromkeys(
                validate.choice("competency", v, valid, field="competencies") for v in values
            )
        )
