"""What an assessment says: each round's score, status and gaps, the verdict before the
onsite and the next actions (`readiness.py` works them out from the evidence)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from planner.domain.gaps import Gap, merge_actions
from planner.domain.models import Pack, Round
from planner.domain.performance import Performance

READY = 80
CLOSE = 60


def status_for(score: int) -> str:
    """`ready` (>= 80), `close` (60-79) or `gap` (< 60)."""
    if score >= READY:
        return "ready"
    if score >= CLOSE:
        return "close"
    return "gap"


@dataclass(frozen=True)
class Component:
    """One part of a round's score: its value (0-1), weight and what it is made of."""

    name: str
    value: float
    weight: float
    detail: str

    def points(self, total_weight: float) -> float:
        """What the component adds to the 0-100 score."""
        return 100 * self.weight * self.value / total_weight if total_weight else 0.0


@dataclass(frozen=True)
class RoundReadinessResult:
    """A round's score, status, components, performance, the gate applied and the gaps."""

    round: Round
    score: int
    components: tuple[Component, ...]
    gaps: tuple[Gap, ...]
    performance: Performance | None = None
    """None when the round's readiness gives performance no part (e.g. a recruiter screen)."""
    cap: int | None = None
    """The limit a gate put on the score (None when no gate held it down)."""
    why: str = ""
    """Why the status is what it is, in one sentence."""

    @property
    def status(self) -> str:
        """`ready`, `close` or `gap`."""
        return status_for(self.score)

    @property
    def uncapped(self) -> int:
        """The components' sum before any gate."""
        total = sum(c.weight for c in self.components)
        return round(sum(c.points(total) for c in self.components))


@dataclass(frozen=True)
class Readiness:
    """Readiness of every round ahead, the overall score, the verdict and the next actions."""

    as_of: dt.date
    rounds: tuple[RoundReadinessResult, ...]
    overall: int
    verdict: str
    """`go`, `not yet` or `no-go` (a veto)."""
    veto_note: str = ""
    vetoed_by: tuple[str, ...] = ()
    passed: tuple[Round, ...] = ()
    """Screens behind the candidate: no score, not in the overall or the verdict."""
    days_left: int | None = None
    notes: tuple[str, ...] = field(default=())

    def round(self, round_id: str) -> RoundReadinessResult:
        """The result for one round ahead."""
        for r in self.rounds:
            if r.round.id == round_id:
                return r
        raise KeyError(round_id)

    def vetoed_by_names(self) -> str:
        """The vetoing rounds by name, for people ('' when nothing vetoes)."""
        names = {r.round.id: r.round.name for r in self.rounds}
        return ", ".join(names.get(v, v) for v in self.vetoed_by)

    def gaps_by_impact(self) -> list[Gap]:
        """The next actions: one per thing to do, feasible in the days left, the ones that
        move the verdict most per minute first."""
        return merge_actions([g for r in self.rounds for g in r.gaps])


def verdict_for(
    pack: Pack, results: Sequence[RoundReadinessResult]
) -> tuple[str, str, tuple[str, ...]]:
    """`go`, `not yet` or `no-go`, with a note and the vetoing rounds.

    NO-GO while the latest full-credit session of a pass/fail round is a Strong No; GO only
    when every round ahead is ready; NOT YET otherwise.
    """
    vetoed = tuple(
        r.round.id
        for r in results
        if r.round.veto and r.performance is not None and r.performance.strong_no
    )
    if vetoed:
        names = ", ".join(pack.round(v).name for v in vetoed)
        return (
            "no-go",
            (
                f"{names}: the latest full session is a Strong No, and one Strong No on a "
                "pass/fail round vetoes the loop whatever the other rounds say"
            ),
            vetoed,
        )
    if not results:
        return "not yet", "no round is ahead: check the plan's screens and skipped rounds", ()
    if all(r.status == "ready" for r in results):
        return "go", "", ()
    weak_veto = [r for r in results if r.round.veto and r.status != "ready"]
    note = ""
    if weak_veto:
        names = " and ".join(r.round.name for r in weak_veto)
        verb, them = ("are", "them") if len(weak_veto) > 1 else ("is", "it")
        note = f"{names} {verb} pass/fail and not ready yet: make {them} ready first"
    return "not yet", note, ()
