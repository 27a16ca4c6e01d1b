"""Content packs and seniority templates, loaded once per process and cached."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.domain.models import SENIORITIES

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from planner.content.reader import Problem
    from planner.domain.models import Pack, Template


@dataclass(frozen=True)
class PackCheck:
    """One pack folder validated with the templates: the pack, or every problem found."""

    name: str
    pack: Pack | None
    problems: tuple[Problem, ...] = ()


class ContentLibrary:
    """Finds and caches the packs in a content folder and the templates in a plans folder."""

    def __init__(self, content_dir: Traversable, plans_dir: Traversable) -> None:
        self.content_dir = content_dir
        self.plans_dir = plans_dir
        self._packs: dict[str, Pack] = {}
        self._templates: dict[str, dict[str, Template]] = {}

    @classmethod
    def shipped(cls) -> ContentLibrary:
        """The packs and templates that ship with the planner (or the folders the
        environment names instead)."""
        from planner.content import bundled

        return cls(bundled.packs_dir(), bundled.plans_dir())

    def pack_ids(self) -> list[str]:
        """The ids of the packs available (folders holding a pack.toml)."""
        if not self.content_dir.is_dir():
            return []
        return sorted(p.name for p in self.content_dir.iterdir() if (p / "pack.toml").is_file())

    def pack(self, pack_id: str) -> Pack:
        """The pack with this id, validated; ContentError when it is unknown or broken."""
        from planner.content import compiled
        from planner.content.reader import ContentError, Problem

        if pack_id not in self._packs:
            if pack_id not in self.pack_ids():
                choices = ", ".join(self.pack_ids()) or "none installed"
                raise ContentError(
                    [Problem("content", "", "", f"unknown pack '{pack_id}' (valid: {choices})")]
                )
            self._packs[pack_id] = compiled.pack(self.content_dir / pack_id)
        return self._packs[pack_id]

    def check(self, pack_dir: Traversable | None = None) -> list[PackCheck]:
        """Validate one pack folder, or every pack folder here, with the templates.

        An empty list when there is no pack folder to check.
        """
        from planner.content.pack import load_pack
        from planner.content.reader import ContentError
        from planner.content.templates import load_templates

        if pack_dir is not None:
            folders = [pack_dir]
        elif self.content_dir.is_dir():
            folders = sorted((p for p in self.content_dir.iterdir() if p.is_dir()), key=_name)
        else:
            folders = []
        checks: list[PackCheck] = []
        for folder in folders:
            try:
                pack = load_pack(folder)
                load_templates(self.plans_dir, pack)
            except ContentError as exc:
                checks.append(PackCheck(folder.name, None, tuple(exc.problems)))
            else:
                checks.append(PackCheck(folder.name, pack))
        return checks

    def templates(self, pack_id: str) -> dict[str, Template]:
        """Every seniority template, checked against the pack."""
        from planner.content.templates import load_templates

        if pack_id not in self._templates:
            self._templates[pack_id] = load_templates(self.plans_dir, self.pack(pack_id))
        return self._templates[pack_id]

    def template(self, pack_id: str, seniority: str) -> Template:
        """The template for one seniority."""
        from planner.content.reader import ContentError, Problem

        if seniority not in SENIORITIES:
            raise ContentError(
                [
                    Problem(
                        "plans",
                        "",
                        "",
                        f"unknown seniority '{seniority}' (valid: {', '.join(SENIORITIES)})",
                    )
                ]
            )
        return self.templates(pack_id)[seniority]

    def task_notes(self, pack_id: str) -> dict[str, str]:
        """Checklist item descriptions by id, read from checklist.toml alone.

        A cheap path for `planner today`, which needs only these texts (kept in the
        compiled cache); the full pack is validated when a plan is made and by
        `planner content validate`.
        """
        if pack_id in self._packs:
            return {i.id: i.description for i in self._packs[pack_id].checklist}
        from planner.content import compiled

        return compiled.task_notes(self.content_dir / pack_id / "checklist.toml")

    def question_notes(self, pack_id: str) -> dict[str, tuple[str, str]]:
        """Each bank question's type name and prompt by id, read from questions.toml alone
        (the cheap path `planner today` takes, like `task_notes`)."""
        if pack_id in self._packs:
            pack = self._packs[pack_id]
            names = {t.id: t.name for t in pack.question_types}
            return {q.id: (names.get(q.type, ""), q.prompt) for q in pack.questions}
        from planner.content import compiled

        return compiled.question_notes(self.content_dir / pack_id / "questions.toml")


def _name(folder: Traversable) -> str:
    return folder.name
