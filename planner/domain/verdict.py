"""The verdict before the onsite, from the readiness of the rounds ahead."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from planner.domain.models import Pack

if TYPE_CHECKING:
    from planner.domain.readiness import RoundReadinessResult


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
