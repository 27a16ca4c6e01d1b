"""Which rounds are still ahead of the candidate: screens behind them are passed.

A pack's rounds belong to stages (rounds.toml `stage`): screens come before the onsite and
may be behind the candidate already. A screen is passed when the plan says so
(`passed_screens`, or `--skip-round` on a screen) or when its date has gone by; an onsite
round is left out only when skipped. A plan made before stages existed names no screens at
all, so its screens stay ahead until `planner screen` changes them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from planner.domain.models import TIMED_KINDS, Pack, PlanSettings, Task


def passed_rounds(pack: Pack, settings: PlanSettings | None, today: dt.date) -> tuple[str, ...]:
    """The screens behind the candidate, in loop order."""
    if settings is None:
        return ()
    behind = set(settings.passed_screens) | set(settings.skip_rounds)
    behind |= {rid for rid, day in settings.screens if day < today}
    return tuple(rid for rid in pack.screen_rounds if rid in behind)


def skipped_rounds(pack: Pack, settings: PlanSettings | None) -> tuple[str, ...]:
    """Onsite rounds the candidate skips (not part of their loop), in loop order."""
    if settings is None:
        return ()
    screens = set(pack.screen_rounds)
    return tuple(r for r in pack.round_ids if r in settings.skip_rounds and r not in screens)


def rounds_ahead(pack: Pack, settings: PlanSettings | None, today: dt.date) -> tuple[str, ...]:
    """The rounds still ahead (the ones readiness and the verdict are about), in loop order."""
    out = set(passed_rounds(pack, settings, today)) | set(skipped_rounds(pack, settings))
    return tuple(r for r in pack.round_ids if r not in out)


def next_session_round(
    pack: Pack, plan_tasks: Sequence[Task], ahead: Sequence[str], today: dt.date
) -> str:
    """The round a new session most likely serves: that of the plan's next timed session
    still to do (today's or later first, then overdue ones), else the first round ahead,
    else the pack's first round. A screen behind the candidate is never chosen while a
    round is ahead."""
    upcoming = sorted(
        (t for t in plan_tasks if t.kind in TIMED_KINDS and not t.done),
        key=lambda t: (t.day < today, t.day),
    )
    for task in upcoming:
        for round_id in task.rounds:
            if round_id in ahead:
                return round_id
    return next((r for r in pack.round_ids if r in ahead), pack.round_ids[0])
