"""Performance evidence: timed sessions (peer mocks and solo drills) scored on a rubric.

The estimate is a recency-weighted average: the latest session counts 1, the one before it
1/2, then 1/4, and each older one half the one after it. A full-credit session scores every
rubric dimension and lasts at least half the round; a partial one counts half its weight.
Every new session pulls the estimate towards its own average, so a session at or above
the estimate never lowers it and one below always does. (A hard cut after three sessions
would break that: with 5, 5 and then 1, a fourth session at the estimate would push a 5
out and lower it. Older sessions keep a shrinking weight instead: the last three carry
1.75 of the at most 2.0 in all.)
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Sequence
from dataclasses import dataclass, replace

from planner.domain.models import Mock, Round, Rubric

RECENCY = 0.5
"""Each older session counts this share of the one after it."""
PARTIAL_WEIGHT = 0.5
FULL_LENGTH_SHARE = 0.5
"""A full-credit session lasts at least this share of the round's length."""
MAX_SESSIONS = 20
"""Older sessions weigh under a millionth of the latest: they no longer change the estimate."""


@dataclass(frozen=True)
class Session:
    """One logged session as the estimate reads it."""

    mock: Mock
    full: bool
    weight: float
    """Its weight in the estimate: recency times 1 (full) or 1/2 (partial)."""
    why_partial: str = ""


@dataclass(frozen=True)
class Performance:
    """A round's performance estimate and what it rests on."""

    bar: float
    strong_no_below: float
    sessions: tuple[Session, ...]
    """Latest first, with their weights (only the sessions that still count)."""
    min_full: int = 1
    """Full-credit sessions `ready` needs (content data: 2 on a pass/fail round)."""
    after_strong_no: int = 1
    """Full-credit sessions at the bar `ready` needs after the latest Strong No."""
    stale: tuple[Mock, ...] = ()
    """Sessions older than the round's age limit: shown, never counted (latest first)."""
    max_age_days: int = 0
    """The round's age limit in days (0: none)."""
    as_of: dt.date | None = None
    veto: bool = False
    """A pass/fail round: its latest full session must be at the bar too."""
    knockouts: tuple[tuple[str, str, int], ...] = ()
    """Rubric dimensions (id, name, score) where a score at or under the given one makes a
    full session a Strong No whatever its average (content data: `knockout_at`)."""
    fresh_from: dt.date | None = None
    """Set when the sessions that make the round ready now will be too old to count at the
    onsite: a full session on or after this day is needed (None: they still count then)."""

    @property
    def estimate(self) -> float | None:
        """The recency-weighted average, None with no session."""
        total = sum(s.weight for s in self.sessions)
        if not total:
            return None
        return sum(s.weight * s.mock.average for s in self.sessions) / total

    @property
    def full_estimate(self) -> float | None:
        """The same average over the full-credit sessions only (None without one)."""
        full = [s for s in self.sessions if s.full]
        total = sum(s.weight for s in full)
        if not total:
            return None
        return sum(s.weight * s.mock.average for s in full) / total

    @property
    def full_sessions(self) -> int:
        """How many full-credit sessions there are."""
        return sum(1 for s in self.sessions if s.full)

    @property
    def latest_full(self) -> Mock | None:
        """The latest full-credit session."""
        return next((s.mock for s in self.sessions if s.full), None)

    def knock_out(self, mock: Mock) -> tuple[str, int] | None:
        """The first knock-out score of a session: (dimension name, score), else None."""
        for dim, name, at in self.knockouts:
            score = mock.scores.get(dim)
            if score is not None and score <= at:
                return name, score
        return None

    def is_strong_no(self, mock: Mock) -> bool:
        """Whether a full session is a Strong No: its average under the line, or a knock-out
        score on one dimension (an average never hides it)."""
        return mock.average < self.strong_no_below or self.knock_out(mock) is not None

    @property
    def strong_no(self) -> bool:
        """Whether the latest full-credit session is a Strong No."""
        latest = self.latest_full
        return latest is not None and self.is_strong_no(latest)

    @property
    def last_strong_no(self) -> Mock | None:
        """The latest full-credit session that is a Strong No (None without one)."""
        return next((s.mock for s in self.sessions if s.full and self.is_strong_no(s.mock)), None)

    @property
    def full_days(self) -> int:
        """On how many different days full-credit sessions were logged (a retest the same
        day as its baseline confirms nothing)."""
        return len({s.mock.date for s in self.sessions if s.full})

    @property
    def clean_since_strong_no(self) -> int:
        """Days with a full-credit session at the bar after the latest Strong No."""
        days: set[dt.date] = set()
        for s in self.sessions:
            if s.full and self.is_strong_no(s.mock):
                break
            if s.full and s.mock.average >= self.bar - 1e-9:
                days.add(s.mock.date)
        return len(days)

    @property
    def sessions_short(self) -> int:
        """How many more full-credit sessions (on days of their own) `ready` needs: the
        round's minimum, and after a Strong No its count of sessions at the bar (0 when
        neither holds it)."""
        short = max(0, self.min_full - self.full_days)
        if self.last_strong_no is not None:
            short = max(short, self.after_strong_no - self.clean_since_strong_no)
        return short

    @property
    def latest_under_bar(self) -> Mock | None:
        """On a pass/fail round, the latest full session when it is under the bar (the
        estimate may still be over it: older sessions keep a weight)."""
        latest = self.latest_full
        if self.veto and latest is not None and latest.average < self.bar - 1e-9:
            return latest
        return None

    @property
    def below_strong_no(self) -> bool:
        """Whether the estimate itself is below the Strong No line."""
        estimate = self.estimate
        return estimate is not None and estimate < self.strong_no_below

    @property
    def at_bar(self) -> bool:
        """The estimate at or above the bar, and so is the estimate of the full-credit
        sessions alone: a partial session can pull a round down, never carry it up."""
        estimate = self.estimate
        full = self.full_estimate
        return (
            estimate is not None
            and full is not None
            and estimate >= self.bar - 1e-9
            and full >= self.bar - 1e-9
        )

    @property
    def value(self) -> float:
        """0-1: 1 at or above the bar, 0 at 1/5; halved while every session is partial."""
        estimate = self.estimate
        if estimate is None:
            return 0.0
        value = max(0.0, min(1.0, (estimate - 1) / max(0.01, self.bar - 1)))
        return value if self.full_sessions else value * PARTIAL_WEIGHT


def why_partial(mock: Mock, round_: Round, rubric: Rubric) -> str:
    """Why a session counts half ('' for a full-credit one)."""
    reasons = []
    dims = {d.id for d in rubric.dimensions}
    missing = len(dims - set(mock.scores))
    if missing:
        reasons.append(f"{missing} of {len(dims)} rubric dimensions not scored")
    if mock.minutes < round_.minutes * FULL_LENGTH_SHARE:
        reasons.append(f"{mock.minutes} min, under half the round's {round_.minutes}")
    return "; ".join(reasons)


def performance(
    round_: Round,
    rubric: Rubric,
    mocks: Sequence[Mock],
    seniority: str | None,
    today: dt.date | None = None,
    onsite: dt.date | None = None,
) -> Performance:
    """The round's estimate from its sessions (mocks of other rounds are ignored).

    With `today`, sessions older than the round's `session_max_age_days` do not count: skills
    under a clock fade, and a session from an earlier search is not this loop's evidence.
    With `onsite` too, the sessions are also judged as they will be on the onsite's day:
    when those that make the round ready now will be too old by then, `fresh_from` says
    from which day a new one counts (readiness is for the onsite, not for today)."""
    cfg = round_.readiness
    limit = cfg.session_max_age_days
    scored = [m for m in mocks if m.round == round_.id and m.scores]
    stale: list[Mock] = []
    if today is not None and limit > 0:
        stale = sorted(
            (m for m in scored if (today - m.date).days > limit),
            key=lambda m: (m.date, m.id),
            reverse=True,
        )
        scored = [m for m in scored if (today - m.date).days <= limit]
    own = heapq.nlargest(MAX_SESSIONS, scored, key=lambda m: (m.date, m.id))
    sessions: list[Session] = []
    recency = 1.0
    for mock in own:
        partial = why_partial(mock, round_, rubric)
        weight = recency * (PARTIAL_WEIGHT if partial else 1.0)
        sessions.append(Session(mock, not partial, weight, partial))
        recency *= RECENCY
    now = Performance(
        bar=cfg.bar_for(seniority),
        strong_no_below=cfg.strong_no_below,
        sessions=tuple(sessions),
        min_full=cfg.min_full_sessions,
        after_strong_no=cfg.after_strong_no,
        stale=tuple(stale[:3]),
        max_age_days=limit,
        as_of=today,
        veto=round_.veto,
        knockouts=tuple((d.id, d.name, d.knockout_at) for d in rubric.dimensions if d.knockout_at),
    )
    if today is None or onsite is None or limit <= 0 or onsite <= today or not holds(now):
        return now
    if holds(performance(round_, rubric, mocks, seniority, onsite)):
        return now
    return replace(now, fresh_from=max(today, onsite - dt.timedelta(days=limit)))


def holds(perf: Performance) -> bool:
    """Whether the sessions make the round ready as of the day they were judged (the
    estimate at the bar, no Strong No, the full sessions it needs, the latest full one at
    the bar on a pass/fail round)."""
    return (
        perf.at_bar
        and not perf.strong_no
        and not perf.sessions_short
        and perf.latest_under_bar is None
    )


def weak_dimensions(
    perf: Performance, names: dict[str, str], limit: int = 3
) -> list[tuple[str, str, float]]:
    """Rubric dimensions under the bar over the last three sessions: (id, name, average)."""
    sums: dict[str, list[int]] = {}
    for s in perf.sessions[:3]:
        for dim, score in s.mock.scores.items():
            sums.setdefault(dim, []).append(score)
    weak = [
        (dim, names.get(dim, dim), sum(v) / len(v))
        for dim, v in sums.items()
        if sum(v) / len(v) < perf.bar
    ]
    return sorted(weak, key=lambda w: (w[2], w[0]))[:limit]


def fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")
