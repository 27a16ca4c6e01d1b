"""What a round's timed sessions still need to show, with the next session to do.

The gaps of the performance part (see `performance.py` for the estimate and its gate): a
round never practised, practised only partly or long ago, under the bar, short of the
full sessions a pass/fail round needs, or held by a Strong No.
"""

from __future__ import annotations

from planner.domain.gaps import DRILL_MINUTES, SCORING_MINUTES, Gap
from planner.domain.models import Pack, Round
from planner.domain.performance import Performance, fmt, holds, weak_dimensions
from planner.domain.performance_gate import held_reason, stale_note, strong_no_note


def drill_question(pack: Pack, round_id: str, dimension: str) -> str:
    """A question of the round that drills the dimension (or any question of the round)."""
    fallback = ""
    for q in pack.questions:
        if q.round != round_id:
            continue
        if dimension and dimension in q.dimensions:
            return q.id
        fallback = fallback or q.id
    return fallback


def performance_gaps(
    pack: Pack, round_: Round, perf: Performance, weight: float, days_left: int | None
) -> list[Gap]:
    """What the round's timed sessions still need to show, with the next session to do."""
    if holds(perf):
        return []
    name = round_.name
    rid = round_.id
    session = round_.minutes + SCORING_MINUTES
    gain = weight * (1 - perf.value)
    bar = fmt(perf.bar)
    log = f"`planner mock add --round {rid}`"
    if days_left is not None and days_left <= 1:
        missing = (
            held_reason(perf)
            if perf.at_bar and not perf.strong_no
            else f"{stale_note(perf)}: re-baseline"
            if perf.estimate is None and perf.stale
            else f"not at the bar ({bar})"
        )
        return [
            Gap(
                rid,
                "mocks",
                f"{missing}, and no timed session fits before the onsite (none the day before)",
                f"reread the {name} rubric anchors and your last session's follow-ups; no new "
                "timed session today",
                15,
                0.0,
                target=rid,
            )
        ]
    dims = {d.id: d.name for d in pack.rubric(rid).dimensions}
    weak = weak_dimensions(perf, dims)
    if perf.estimate is None:
        return [
            Gap(
                rid,
                "mocks",
                f"{stale_note(perf)}: re-baseline" if perf.stale else "never practised under time",
                f"do a timed {name} session ({round_.minutes} min, with a partner or solo), "
                f"score every rubric dimension and log it: {log}",
                session,
                gain,
                target=rid,
                gate=True,
            )
        ]
    if not perf.full_sessions:
        return [
            Gap(
                rid,
                "mocks",
                f"only partial sessions so far ({perf.sessions[0].why_partial})",
                f"do a full {round_.minutes}-min timed {name} session scoring every rubric "
                f"dimension: {log}",
                session,
                gain,
                target=rid,
                gate=True,
            )
        ]
    latest = perf.latest_full
    assert latest is not None
    assert perf.estimate is not None
    focus = weak[0] if weak else None
    question = drill_question(pack, rid, focus[0] if focus else "")
    drill = (
        f"drill {focus[1].lower()} with question {question}"
        if focus and question
        else f"practise question {question}"
        if question
        else "review the rubric anchors"
    )
    if perf.strong_no:
        veto = ": one Strong No here vetoes the loop" if round_.veto else ""
        return [
            Gap(
                rid,
                "strong-no",
                f"{strong_no_note(perf, latest)}{veto}",
                f"{drill}, then redo a full timed {name} session and log it",
                DRILL_MINUTES + session,
                gain,
                target=rid,
                gate=True,
            )
        ]
    if perf.at_bar:
        reason = held_reason(perf)
        assert reason
        first = f"{drill}, then " if perf.latest_under_bar is not None else ""
        return [
            Gap(
                rid,
                "mocks",
                reason,
                f"{first}do another full timed {name} session (a retest, {round_.minutes} "
                f"min), score every rubric dimension and log it: {log}",
                session,
                weight * 0.5,
                target=rid,
                gate=True,
            )
        ]
    weakest = f"; weakest: {focus[1].lower()} at {fmt(focus[2])}" if focus else ""
    return [
        Gap(
            rid,
            "mock-quality",
            f"estimate {fmt(min(perf.estimate, perf.full_estimate or perf.estimate))} "
            f"against a bar of {bar}{weakest}",
            f"{drill} ({name}), then a timed {name} session at the bar",
            DRILL_MINUTES + session,
            gain,
            target=rid,
            gate=True,
        )
    ]
