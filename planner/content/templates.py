"""Load the seniority templates (plans/<seniority>.toml), checked against a pack."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.content.reader import ContentError, Problem, Reader, check_refs, read_toml
from planner.domain.models import (
    KINDS,
    SENIORITIES,
    ItemOverride,
    Pack,
    Template,
)

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


def load_template(path: Traversable, pack: Pack | None = None) -> Template:
    """Load one seniority template, checking its references against `pack` when given."""
    problems: list[Problem] = []
    label = f"plans/{path.name}"
    data = read_toml(path, problems, label)
    if data is None:
        raise ContentError(problems)
    r = Reader(problems, label, "", data)
    template_id = r.text("id")
    if template_id and template_id not in SENIORITIES:
        r.fail("id", f"unknown seniority '{template_id}' (valid: {', '.join(SENIORITIES)})")
    if template_id and template_id != path.name.removesuffix(".toml"):
        r.fail(
            "id", f"'{template_id}' must equal the file name '{path.name.removesuffix('.toml')}'"
        )
    emphasis: dict[str, float] = {}
    for key, value in r.table("round_emphasis").items():
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 5:
            r.fail(f"round_emphasis.{key}", f"must be a number in (0, 5], not {value!r}")
        else:
            emphasis[key] = float(value)
    windows: dict[str, tuple[float, float]] = {}
    for key, value in r.table("kind_window").items():
        if key not in KINDS:
            r.fail("kind_window", f"unknown kind '{key}' (valid: {', '.join(KINDS)})")
            continue
        ok = (
            isinstance(value, list)
            and len(value) == 2
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
            and 0 <= value[0] < value[1] <= 1
        )
        if not ok:
            r.fail(
                f"kind_window.{key}",
                f"must be [start, end] with 0 <= start < end <= 1, not {value!r}",
            )
            continue
        windows[key] = (float(value[0]), float(value[1]))
    items: dict[str, ItemOverride] = {}
    for key, value in r.table("items", required=False).items():
        if not isinstance(value, dict):
            r.fail(f"items.{key}", "must be a table")
            continue
        ir = Reader(problems, label, f"items.{key}", value)
        unknown = set(value) - {"sessions", "minutes", "priority", "skip"}
        if unknown:
            ir.fail("", f"unknown keys: {', '.join(sorted(unknown))}")
        items[key] = ItemOverride(
            sessions=ir.integer("sessions", required=False, low=1, high=60)
            if "sessions" in value
            else None,
            minutes=ir.integer("minutes", required=False, low=5, high=480)
            if "minutes" in value
            else None,
            priority=ir.integer("priority", required=False, low=1, high=5)
            if "priority" in value
            else None,
            skip=ir.boolean("skip"),
        )
    template = Template(
        id=template_id,
        name=r.text("name"),
        years=r.text("years"),
        summary=r.text("summary"),
        hours_per_day=r.number("hours_per_day", 1.5, low=0.25, high=16),
        stories=r.integer("stories", 5, low=1, high=20),
        mocks=r.integer("mocks", 3, low=0, high=20),
        slack=r.number("slack", 0.15, low=0, high=0.5),
        round_emphasis=emphasis,
        kind_window=windows,
        items=items,
        rest_weekdays=_weekdays(r, "rest_days"),
    )
    if pack is not None:
        check_refs(problems, label, "", "round_emphasis", emphasis, pack.round_ids, "round")
        check_refs(problems, label, "", "items", items, [i.id for i in pack.checklist], "item")
    if problems:
        raise ContentError(problems)
    return template


WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _weekdays(r: Reader, name: str) -> tuple[int, ...]:
    """`rest_days = ["sun"]` as weekday numbers (Monday is 0)."""
    names = r.texts(name, required=False)
    days: set[int] = set()
    for day in names:
        if day not in WEEKDAY_NAMES:
            r.fail(name, f"unknown weekday '{day}' (valid: {', '.join(WEEKDAY_NAMES)})")
        else:
            days.add(WEEKDAY_NAMES.index(day))
    if len(days) >= 7:
        r.fail(name, "every weekday is a rest day")
    return tuple(sorted(days))


def load_templates(plans_dir: Traversable, pack: Pack | None = None) -> dict[str, Template]:
    """Load every seniority template in `plans_dir`, collecting all problems."""
    problems: list[Problem] = []
    templates: dict[str, Template] = {}
    for seniority in SENIORITIES:
        try:
            templates[seniority] = load_template(plans_dir / f"{seniority}.toml", pack)
        except ContentError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ContentError(problems)
    return templates
