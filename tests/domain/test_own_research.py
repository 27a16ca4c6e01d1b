"""The candidate's own research items in readiness: listed, never scored, never a drag.

The coach's rule: the pack's research checklist is what the interviewers expect of every
candidate, so it alone sets a round's research points. An item the candidate adds is extra
preparation: it shows in the round's research line and, while not done, as a next action
ranked after every action that moves a score; adding one, in any status, or moving any item
forward never lowers a round's score or the verdict (DESIGN.md: more preparation never
lowers a score), and finishing extras never stands in for the checklist.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st
from plan_rules import real_pack
from test_readiness import TODAY, _all_done, _assess, _plan, _scores, evidence

from planner.domain.models import RESEARCH_STATUSES, OwnResearch, ResearchState
from planner.domain.readiness import Evidence

PROPERTIES = settings(max_examples=60, deadline=None)
VERDICT_ORDER = ("no-go", "not yet", "go")
ROUND = "product-sense"
"""A round with pack research items, a research weight and a timed-session gate."""


def _own(
    number: int, *rounds: str, status: str = "todo", title: str = "Read the Q3 earnings call"
) -> OwnResearch:
    return OwnResearch(
        id=f"my-{number}",
        title=title,
        rounds=rounds or (ROUND,),
        created=TODAY - dt.timedelta(days=2),
        status=status,
    )


def _pack_items(round_id: str) -> list[str]:
    return [i.id for i in real_pack().research if round_id in i.rounds]


def _research(evidence: Evidence, round_id: str) -> str:
    result = _assess(evidence).round(round_id)
    return next(c.detail for c in result.components if c.name == "research")


# -- coach cases: evidence in, score / detail / actions out -----------------------------------


def test_the_round_and_the_rule_exist_in_the_pack() -> None:
    """The cases below need a round with pack research and a research weight."""
    rnd = real_pack().round(ROUND)
    assert _pack_items(ROUND)
    assert rnd.readiness.weights.get("research", 0) > 0


def test_own_items_done_never_stand_in_for_the_checklist() -> None:
    """No pack research done, five own items done: the score is that of no research at all."""
    bare = Evidence(tasks=_plan().tasks)
    padded = replace(bare, own_research=tuple(_own(n, status="done") for n in range(1, 6)))
    assert _scores(padded) == _scores(bare)
    assert _assess(padded).verdict == _assess(bare).verdict


def test_an_own_item_left_todo_costs_nothing_when_the_checklist_is_done() -> None:
    """Every pack item done and an own item still todo: the research part is full."""
    done = Evidence(tasks=_plan().tasks, research=_all_done())
    with_todo = replace(done, own_research=(_own(1),))
    assert _scores(with_todo) == _scores(done)
    result = _assess(with_todo).round(ROUND)
    research = next(c for c in result.components if c.name == "research")
    assert research.value == 1.0


def test_the_research_line_counts_own_items_apart() -> None:
    """`3 of 3 done; yours: 1 of 2 done (listed, not scored)` - the pack first, then yours."""
    pack_items = _pack_items(ROUND)
    base = Evidence(research=tuple(ResearchState(i, "done") for i in pack_items))
    assert _research(base, ROUND) == f"{len(pack_items)} of {len(pack_items)} done"
    mine = replace(base, own_research=(_own(1, status="done"), _own(2)))
    assert _research(mine, ROUND) == (
        f"{len(pack_items)} of {len(pack_items)} done; yours: 1 of 2 done (listed, not scored)"
    )


def test_an_unfinished_own_item_is_a_next_action_after_every_scoring_one() -> None:
    """An own item not done is a gap of its round naming the item, worth no points, ranked
    after every action that moves a score; a done one is no gap."""
    evidence = Evidence(
        tasks=_plan().tasks, own_research=(_own(1, status="doing"), _own(2, status="done"))
    )
    result = _assess(evidence)
    gaps = result.round(ROUND).gaps
    mine = [g for g in gaps if g.target == "my-1"]
    assert [(g.kind, g.detail, g.action, g.gain) for g in mine] == [
        (
            "research",
            "your research not done: Read the Q3 earnings call",
            "finish your research item my-1 (Read the Q3 earnings call)",
            0.0,
        )
    ]
    assert not [g for g in gaps if g.target == "my-2"]
    actions = result.gaps_by_impact()
    first_own = next(n for n, g in enumerate(actions) if g.target == "my-1")
    assert all(g.gain == 0 for g in actions[first_own:])
    assert any(g.gain > 0 for g in actions[:first_own])


def test_an_own_item_of_two_rounds_is_one_action_naming_both() -> None:
    """Tied to two rounds: one next action, listed under each round."""
    evidence = Evidence(own_research=(_own(1, ROUND, "execution"),))
    result = _assess(evidence)
    for round_id in (ROUND, "execution"):
        assert [g.target for g in result.round(round_id).gaps if g.target == "my-1"] == ["my-1"]
    [merged] = [g for g in result.gaps_by_impact() if g.target == "my-1"]
    assert set(merged.rounds) == {ROUND, "execution"}


def test_a_round_without_pack_research_still_lists_an_own_item() -> None:
    """A round the pack gives no research item still shows the candidate's own, unscored."""
    from planner.domain.readiness import assess

    full = real_pack()
    pack = replace(full, research=tuple(i for i in full.research if "leadership" not in i.rounds))
    settings = _plan().settings
    bare = assess(pack, Evidence(), TODAY, settings)
    mine = assess(pack, Evidence(own_research=(_own(1, "leadership"),)), TODAY, settings)
    assert [g.target for g in mine.round("leadership").gaps if g.kind == "research"] == ["my-1"]
    assert [r.score for r in mine.rounds] == [r.score for r in bare.rounds]
    assert "research" not in {c.name for c in mine.round("leadership").components}


def test_an_own_item_of_a_round_behind_you_is_not_an_action() -> None:
    """A screen behind the candidate is not assessed: its own items propose nothing."""
    settings = replace(_plan().settings, passed_screens=("recruiter",))
    from planner.domain.readiness import assess

    result = assess(real_pack(), Evidence(own_research=(_own(1, "recruiter"),)), TODAY, settings)
    assert "recruiter" not in {r.round.id for r in result.rounds}
    assert not [g for g in result.gaps_by_impact() if g.target == "my-1"]


# -- the contract as properties ---------------------------------------------------------------


@st.composite
def own_items(draw: st.DrawFn, first: int = 1) -> tuple[OwnResearch, ...]:
    """Up to four own items of any rounds in any status."""
    rounds = real_pack().round_ids
    count = draw(st.integers(0, 4))
    return tuple(
        _own(
            first + n,
            *draw(st.lists(st.sampled_from(rounds), min_size=1, max_size=3, unique=True)),
            status=draw(st.sampled_from(RESEARCH_STATUSES)),
        )
        for n in range(count)
    )


def _never_lower(before: Evidence, after: Evidence) -> None:
    old, new = _assess(before), _assess(after)
    lowered = {
        r.round.id: (r.score, new.round(r.round.id).score)
        for r in old.rounds
        if new.round(r.round.id).score < r.score
    }
    assert lowered == {}
    assert VERDICT_ORDER.index(new.verdict) >= VERDICT_ORDER.index(old.verdict)
    assert new.overall >= old.overall


@PROPERTIES
@given(base=evidence(), mine=own_items(), extra=own_items(first=10))
def test_adding_own_items_in_any_status_never_lowers_a_round(
    base: Evidence, mine: tuple[OwnResearch, ...], extra: tuple[OwnResearch, ...]
) -> None:
    """Own items added todo, doing or done never lower any round's score or the verdict."""
    start = replace(base, own_research=mine)
    _never_lower(start, replace(start, own_research=(*mine, *extra)))


@PROPERTIES
@given(
    base=evidence(),
    mine=own_items(),
    pick=st.integers(0, 10_000),
    own=st.booleans(),
    status=st.sampled_from(("doing", "done")),
)
def test_moving_any_item_forward_never_lowers_a_round(
    base: Evidence, mine: tuple[OwnResearch, ...], pick: int, own: bool, status: str
) -> None:
    """One item, the pack's or the candidate's, moving to doing or done never lowers any
    round's score or the verdict."""
    start = replace(base, own_research=mine)
    if own and mine:
        item = mine[pick % len(mine)]
        if RESEARCH_STATUSES.index(status) < RESEARCH_STATUSES.index(item.status):
            return
        moved = tuple(replace(o, status=status) if o.id == item.id else o for o in mine)
        _never_lower(start, replace(start, own_research=moved))
        return
    ids = [i.id for i in real_pack().research]
    item_id = ids[pick % len(ids)]
    current = {r.item: r.status for r in base.research}.get(item_id, "todo")
    if RESEARCH_STATUSES.index(status) < RESEARCH_STATUSES.index(current):
        return
    others = tuple(r for r in base.research if r.item != item_id)
    _never_lower(start, replace(start, research=(*others, ResearchState(item_id, status))))
