"""The gate performance evidence puts on a round's readiness, and its reasons in words.

`gate` caps a round's score while its timed sessions do not make it ready (a Strong No, no
session yet, under the bar, short of full sessions, the latest one under the bar on a
pass/fail round, or sessions too old by the onsite); the reasons are shared with the gaps
(`session_gaps.py`). The estimate itself is in `performance.py`.
"""

from __future__ import annotations

from planner.domain.models import Mock
from planner.domain.performance import Performance, fmt


def gate(perf: Performance | None, ready: int, close: int) -> tuple[int | None, str]:
    """The limit the performance evidence puts on a round's score, and why.

    Under the Strong No line (the estimate, or the latest full session): at most `close - 1`
    (a gap); below the bar or without a full-credit session: at most `ready - 1`.
    """
    if perf is None:
        return None, ""
    bar = fmt(perf.bar)
    if perf.below_strong_no:
        assert perf.estimate is not None
        return close - 1, (
            f"a gap while the estimate ({fmt(perf.estimate)}) is under the Strong No line "
            f"of {fmt(perf.strong_no_below)}, whatever the preparation"
        )
    if perf.strong_no:
        latest = perf.latest_full
        assert latest is not None
        return (
            close - 1,
            f"a gap: {strong_no_note(perf, latest)}; a full session at {bar} or better lifts it",
        )
    if perf.estimate is None:
        if perf.stale:
            return ready - 1, (
                f"ready needs a timed session at {bar} or better; {stale_note(perf)}: re-baseline"
            )
        return ready - 1, f"ready needs a timed session at {bar} or better; none logged yet"
    if not perf.full_sessions:
        return ready - 1, (
            "ready needs a full-credit session (every rubric dimension scored, at least half "
            "the round's length); only partial ones so far"
        )
    if not perf.at_bar:
        full = perf.full_estimate
        assert full is not None
        if perf.estimate >= perf.bar and full < perf.bar:
            return ready - 1, (
                f"ready needs full sessions at {bar} or better; the full ones average "
                f"{fmt(full)} (short or partly scored sessions cannot carry a round)"
            )
        latest = perf.sessions[0].mock
        return ready - 1, (
            f"ready needs the estimate at {bar} or better; it is {fmt(perf.estimate)} "
            f"(latest session {fmt(latest.average)}, older ones weigh less)"
        )
    reason = held_reason(perf)
    if reason:
        return ready - 1, reason
    return None, ""


def held_reason(perf: Performance) -> str:
    """Why a round whose estimate is at the bar is still not ready ('' when nothing holds
    it): more full sessions, a latest session under the bar on a pass/fail round, or
    sessions too old by the onsite."""
    if perf.sessions_short:
        return short_reason(perf)
    latest = perf.latest_under_bar
    if latest is not None:
        return (
            f"on a pass/fail round the latest full session counts most: {latest.id} "
            f"({latest.date.isoformat()}) averaged {fmt(latest.average)}, under the bar of "
            f"{fmt(perf.bar)}; a full session at the bar after the drills makes it ready"
        )
    if perf.fresh_from is not None:
        return (
            f"the sessions that make it ready will be over {perf.max_age_days} days old at "
            f"the onsite and no longer count then; a full session at {fmt(perf.bar)} or "
            f"better on or after {perf.fresh_from.isoformat()} keeps it ready"
        )
    return ""


def strong_no_note(perf: Performance, mock: Mock) -> str:
    """What makes a full session a Strong No, in words."""
    knock_out = perf.knock_out(mock)
    if knock_out is not None and mock.average >= perf.strong_no_below:
        name, score = knock_out
        return (
            f"the latest full session ({mock.id}) is a Strong No: {name} scored {score}, a "
            f"knock-out whatever the average ({fmt(mock.average)})"
        )
    return (
        f"the latest full session ({mock.id}, {fmt(mock.average)}) is a Strong No (under "
        f"{fmt(perf.strong_no_below)})"
    )


def short_reason(perf: Performance) -> str:
    """Why a round at the bar still needs more full sessions (one sentence)."""
    bar = fmt(perf.bar)
    strong_no = perf.last_strong_no
    if strong_no is not None and perf.clean_since_strong_no < perf.after_strong_no:
        return (
            f"after the Strong No of {strong_no.id} ({strong_no.date.isoformat()}, "
            f"{fmt(strong_no.average)}), ready needs {perf.after_strong_no} full sessions at "
            f"{bar} or better on different days; {perf.clean_since_strong_no} so far"
        )
    return (
        f"ready needs {perf.min_full} full-credit sessions on different days on this "
        "pass/fail round (one is a data point, the retest confirms it); "
        f"{perf.full_days} day{'s' * (perf.full_days != 1)} with one so far"
    )


def stale_note(perf: Performance) -> str:
    """The sessions too old to count, in words ('' without any)."""
    if not perf.stale or perf.as_of is None:
        return ""
    days = (perf.as_of - perf.stale[0].date).days
    return (
        f"last session {days} days ago (sessions older than {perf.max_age_days} days no "
        "longer count)"
    )


def describe(perf: Performance) -> str:
    """The estimate in one line, for the round's explanation."""
    old = (
        f"; {len(perf.stale)} older than {perf.max_age_days} days not counted" if perf.stale else ""
    )
    if perf.estimate is None:
        return f"no timed session yet (bar {fmt(perf.bar)}{old})"
    full = perf.full_sessions
    partial = len(perf.sessions) - full
    counts = f"{full} full-credit" + (f", {partial} partial" if partial else "") + old
    return f"estimate {fmt(perf.estimate)} against a bar of {fmt(perf.bar)} ({counts})"
