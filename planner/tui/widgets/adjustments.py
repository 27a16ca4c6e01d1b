"""What did not fit in a new plan, said once: the items under the reason they share."""

from __future__ import annotations

import re
from collections.abc import Sequence

from textual.content import Content

from planner.domain.models import Adjustment

_ONE = re.compile(r"\bto 1 sessions\b")


def grouped_adjustments(adjustments: Sequence[Adjustment]) -> list[tuple[str, list[str]]]:
    """Each distinct reason with the changes it explains, in plan order, each change once."""
    groups: dict[str, list[str]] = {}
    for adjustment in adjustments:
        what, _, why = adjustment.detail.partition(": ")
        what = _ONE.sub("to 1 session", what.rstrip("."))
        changes = groups.setdefault(why.rstrip(".") if why else "", [])
        if what not in changes:
            changes.append(what)
    return list(groups.items())


def adjustments_content(adjustments: Sequence[Adjustment]) -> Content:
    """The grouped changes as text for a dialog: the reason, then one line per change."""
    lines: list[Content] = []
    for why, changes in grouped_adjustments(adjustments):
        if lines:
            lines.append(Content(""))
        if why:
            lines.append(Content.styled(f"Because {why}:", "bold"))
        lines += [Content(f"  • {change}") for change in changes]
    return Content("\n").join(lines)
