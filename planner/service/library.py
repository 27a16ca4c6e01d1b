"""Content packs and seniority templates, loaded once per process and cached."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from planner.domain.models import SENIORITIES

if TYPE_CHECKING:
    from planner.domain.models import Pack, Template


class ContentLibrary:
    """Finds and caches the packs in a content folder and the templates in a plans folder."""

    def __init__(self, content_dir: Path, plans_dir: Path) -> None:
        self.content_dir = content_dir
        self.plans_dir = plans_dir
        self._packs: dict[str, Pack] = {}
        self._templates: dict[str, dict[str, Template]] = {}

    def pack_ids(self) -> list[str]:
        """The ids of the packs available (folders holding a pack.toml)."""
        if not self.content_dir.is_dir():
            return []
        return sorted(p.name for p in self.content_dir.iterdir() if (p / "pack.toml").is_file())

    def pack(self, pack_id: str) -> Pack:
        """The pack with this id, validated; ContentError when it is unknown or broken."""
        from planner.domain.content import ContentError, Problem, load_pack

        if pack_id not in self._packs:
            if pack_id not in self.pack_ids():
                choices = ", ".join(self.pack_ids()) or "none installed"
                raise ContentError(
                    [Problem("content", "", "", f"unknown pack '{pack_id}' (valid: {choices})")]
                )
            self._packs[pack_id] = load_pack(self.content_dir / pack_id)
        return self._packs[pack_id]

    def templates(self, pack_id: str) -> dict[str, Template]:
        """Every seniority template, checked against the pack."""
        from planner.domain.content import load_templates

        if pack_id not in self._templates:
            self._templates[pack_id] = load_templates(self.plans_dir, self.pack(pack_id))
        return self._templates[pack_id]

    def template(self, pack_id: str, seniority: str) -> Template:
        """The template for one seniority."""
        from planner.domain.content import ContentError, Problem

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

        A cheap path for `planner today`, which needs only these texts; the full pack is
        validated when a plan is made and by `planner content validate`.
        """
        import tomllib

        if pack_id in self._packs:
            return {i.id: i.description for i in self._packs[pack_id].checklist}
        try:
            raw = tomllib.loads((self.content_dir / pack_id / "checklist.toml").read_text("utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return {}
        items = raw.get("items", [])
        return {
            str(i["id"]): str(i["description"])
            for i in items
            if isinstance(i, dict)
            and isinstance(i.get("id"), str)
            and isinstance(i.get("description"), str)
        }
