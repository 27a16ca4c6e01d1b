"""Checks of user input shared by the CLI and the TUI; each raises InputError in one line.

`field` is the input the error is about (see InputError); `name`/`what` is how the message
calls it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from planner.domain.models import Pack
from planner.domain.text import MAX_TEXT, clean_field
from planner.errors import InputError


def choice(what: str, value: str, valid: Iterable[str], *, field: str = "") -> str:
    """`value` when it is one of `valid`; else an error listing the valid choices."""
    options = list(valid)
    if value not in options:
        raise InputError(f"unknown {what} '{value}' (valid: {', '.join(options)})", field=field)
    return value


def round_id(pack: Pack, value: str, *, field: str = "round") -> str:
    """A round id of the pack."""
    return choice("round", value, pack.round_ids, field=field)


def text(
    name: str,
    value: str | None,
    required: bool = False,
    limit: int = MAX_TEXT,
    *,
    field: str = "",
) -> str:
    """Normalised text within the length limit."""
    try:
        return clean_field(name, value or "", required=required, limit=limit)
    except ValueError as exc:
        raise InputError(str(exc), field=field) from None


def whole_number(name: str, value: object, low: int, high: int, *, field: str = "") -> int:
    """An integer from `low` to `high` (accepts an int or its decimal text)."""
    if isinstance(value, bool):
        raise InputError(f"{name} must be a whole number from {low} to {high}", field=field)
    if isinstance(value, float):
        if math.isnan(value) or not value.is_integer():
            raise InputError(
                f"{name} must be a whole number from {low} to {high}, not {value}", field=field
            )
        value = int(value)
    if isinstance(value, str):
        raw = value.strip()
        if not raw.isascii() or not raw.lstrip("-").isdigit():
            raise InputError(
                f"{name} must be a whole number from {low} to {high}, not '{raw}'", field=field
            )
        value = int(raw)
    if not isinstance(value, int) or not low <= value <= high:
        raise InputError(
            f"{name} must be a whole number from {low} to {high}, not {value}", field=field
        )
    return value


def scores(pack: Pack, round_: str, raw: Mapping[str, object]) -> dict[str, int]:
    """Rubric scores 1-5 keyed by the round's dimension ids (errors name `scores.<dim>`)."""
    dims = [d.id for d in pack.rubric(round_).dimensions]
    out: dict[str, int] = {}
    for dim, value in raw.items():
        choice(f"{round_} rubric dimension", dim, dims, field="scores")
        out[dim] = whole_number(f"score for {dim}", value, 1, 5, field=f"scores.{dim}")
    return out


def parse_score_pairs(pairs: Sequence[str]) -> dict[str, str]:
    """`DIM=N` strings as a mapping; an error names the malformed one."""
    out: dict[str, str] = {}
    for pair in pairs:
        dim, sep, value = pair.partition("=")
        if not sep or not dim.strip():
            raise InputError(
                f"score '{pair}' must look like DIMENSION=N (for example clarity=4)",
                field="scores",
            )
        if dim.strip() in out:
            raise InputError(f"score for '{dim.strip()}' is given twice", field="scores")
        out[dim.strip()] = value
    return out
