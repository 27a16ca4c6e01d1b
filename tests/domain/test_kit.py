"""The mock partner kit: its prompt, follow-ups, time cues, anchors, weak spots and grid; the
rendered kit of every round compared with the approved files in kit_snapshots/.

After an intended change, regenerate the approved files and review the diff:

    .venv/bin/python tests/domain/test_kit.py
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from plan_rules import real_pack

from planner.domain.choice import rank_questions
from planner.domain.kit import Kit, partner_kit, time_cues
from planner.domain.kit_render import md_escape, render_markdown, render_text
from planner.domain.models import SENIORITIES, Mock, Pack, Review

TODAY = dt.date(2026, 11, 25)
SNAPSHOTS = Path(__file__).resolve().parent / "kit_snapshots"


def _day(days_ago: int) -> dt.date:
    return TODAY - dt.timedelta(days=days_ago)


def scenario(pack: Pack, round_id: str, seniority: str = "mid") -> tuple[list[Mock], list[Review]]:
    """Two earlier mocks of the round (its last dimension weakest, the second one under the
    bar too), a mock of another round, and the best-fitting question practised two days ago."""
    dims = [d.id for d in pack.rubric(round_id).dimensions]
    first = {d: 4 for d in dims} | {dims[1]: 3, dims[-1]: 2}
    second = {d: 4 for d in dims} | {dims[1]: 3, dims[-1]: 3}
    other = next(r for r in pack.round_ids if r != round_id)
    mocks = [
        Mock("m1", _day(9), round_id, 45, first, partner="Sam"),
        Mock("m2", _day(4), round_id, 45, second, partner="Ana"),
        Mock("m3", _day(3), other, 45, {d.id: 1 for d in pack.rubric(other).dimensions}),
    ]
    weakest = (dims[-1], dims[1])
    best = rank_questions(pack, round_id, seniority, [], TODAY, weakest, mocks)[0]
    reviews = [Review(best.id, _day(2), "good", _day(-2))]
    return mocks, reviews


def _cases() -> dict[str, str]:
    """Every approved file: name -> rendered kit."""
    pack = real_pack()
    out: dict[str, str] = {}
    for round_id in pack.round_ids:
        mocks, reviews = scenario(pack, round_id)
        kit = partner_kit(pack, round_id, "mid", mocks, reviews, TODAY)
        out[f"{round_id}.txt"] = render_text(kit)
        out[f"{round_id}.md"] = render_markdown(kit)
    given = partner_kit(pack, "leadership", "senior", [], [], TODAY, "ld-vision-several-teams")
    out["leadership-senior-given.txt"] = render_text(given)
    out["recruiter-no-plan.txt"] = render_text(partner_kit(pack, "recruiter", None, [], [], TODAY))
    return out


CASES = sorted(_cases())


@pytest.mark.parametrize("name", CASES)
def test_the_rendered_kit_matches_the_approved_file(name: str) -> None:
    """Byte for byte; regenerate with `python tests/domain/test_kit.py` after a wanted change."""
    approved = SNAPSHOTS / name
    assert approved.is_file(), f"{approved} is missing: run python tests/domain/test_kit.py"
    assert _cases()[name] == approved.read_text(encoding="utf-8")


def test_every_approved_file_is_still_produced() -> None:
    """No stale approved file lingers."""
    assert sorted(p.name for p in SNAPSHOTS.iterdir()) == CASES


def test_every_round_has_a_text_and_a_markdown_snapshot() -> None:
    """The issue's bar: `mock kit` output for every round is snapshot-tested."""
    for round_id in real_pack().round_ids:
        assert f"{round_id}.txt" in CASES
        assert f"{round_id}.md" in CASES


def _kit(round_id: str, question_id: str | None = None) -> Kit:
    """The kit of the snapshot scenario for a mid-level candidate."""
    pack = real_pack()
    mocks, reviews = scenario(pack, round_id)
    return partner_kit(pack, round_id, "mid", mocks, reviews, TODAY, question_id)


@pytest.mark.parametrize("round_id", real_pack().round_ids)
def test_the_grid_maps_one_to_one_to_the_rubric_and_the_log_command(round_id: str) -> None:
    """Grid rows are the round's dimension ids in rubric order, each once in the command."""
    kit = _kit(round_id)
    dims = tuple(d.id for d in real_pack().rubric(round_id).dimensions)
    assert kit.score_ids == dims
    assert re.findall(r"--score (\S+)=N", kit.log_command) == list(dims)
    assert f"--round {round_id} " in kit.log_command
    assert f"--question {kit.question.id} " in kit.log_command
    assert f"--minutes {real_pack().round(round_id).minutes} " in kit.log_command
    text = render_text(kit)
    grid = text[text.index("SCORING GRID") : text.index("LOG IT")]
    assert [line.split()[0] for line in grid.splitlines()[2:] if line.strip()] == list(dims)


@pytest.mark.parametrize("round_id", real_pack().round_ids)
def test_the_kit_aims_at_the_weakest_dimension_and_skips_recent_practice(round_id: str) -> None:
    """Weak spots come from this round's mocks, weakest first; the prompt probes the weakest
    and is not the question practised two days ago."""
    pack = real_pack()
    dims = [d.id for d in pack.rubric(round_id).dimensions]
    kit = _kit(round_id)
    bar = pack.round(round_id).readiness.bar_for("mid")
    expected = [d for d in (dims[-1], dims[1]) if {dims[-1]: 2.5, dims[1]: 3.0}[d] < bar]
    assert [w.id for w in kit.weakest] == expected
    assert kit.earlier_mocks == 2
    assert [d.id for d in kit.dimensions if d.probe] == [d for d in dims if d in expected]
    _, reviews = scenario(pack, round_id)
    assert kit.question.id != reviews[0].question
    assert kit.question.fits("mid")
    assert kit.question.round == round_id
    if any(dims[-1] in q.dimensions and q.id != reviews[0].question for q in kit.extra):
        assert dims[-1] in kit.question.dimensions


@pytest.mark.parametrize("round_id", real_pack().round_ids)
def test_the_kit_carries_follow_ups_points_and_anchors(round_id: str) -> None:
    """3-5 follow-ups and strong points; every dimension with its 1, 3 and 5 anchors."""
    kit = _kit(round_id)
    assert 3 <= len(kit.follow_ups) <= 5
    assert 3 <= len(kit.strong_points) <= 5
    rubric = real_pack().rubric(round_id)
    for guide, dim in zip(kit.dimensions, rubric.dimensions, strict=True):
        assert (guide.weak, guide.middle, guide.strong) == (
            dim.anchors[1],
            dim.anchors[3],
            dim.anchors[5],
        )
    assert len(kit.extra) <= 2
    assert kit.question.id not in {q.id for q in kit.extra}


def test_time_cues_cover_the_round_for_every_type_and_length() -> None:
    """Contiguous from 0 to the round's minutes, never going back, for any length."""
    pack = real_pack()
    for qtype in pack.question_types:
        for minutes in (5, 20, 30, 45, 60, 90):
            cues = time_cues(qtype, minutes)
            assert cues[0].start == 0
            assert cues[-1].end == minutes
            assert [c.phase for c in cues] == [p.name for p in qtype.phases]
            for before, after in itertools.pairwise(cues):
                assert before.end == after.start
                assert before.start <= before.end


def test_a_45_minute_case_has_the_documented_minute_marks() -> None:
    """0.15, 0.15, 0.5, 0.2 of 45 minutes: 00-07, 07-14, 14-36, 36-45 (halves round up)."""
    cues = time_cues(real_pack().question_type("case"), 45)
    assert [(c.start, c.end) for c in cues] == [(0, 7), (7, 14), (14, 36), (36, 45)]


def test_a_given_question_is_used_as_it_is() -> None:
    """`question_id` wins over the choice; the kit says it was chosen."""
    kit = _kit("execution", question_id="ex-offline-download")
    assert kit.question.id == "ex-offline-download"
    assert kit.why == "chosen for this mock"


@pytest.mark.parametrize(
    ("round_id", "seniority", "question_id", "message"),
    [
        ("lunch", "mid", None, "unknown round 'lunch'"),
        ("execution", "mid", "ps-emerging-markets", "unknown execution question"),
        ("execution", "mid", "nope", "(valid: ex-partner-cert-decline"),
        ("leadership", "early", "ld-grow-a-pm", "is for senior candidates, not an early one"),
        ("mission", "mid", "mi-access-vision", "is for senior candidates"),
    ],
)
def test_a_bad_round_or_question_is_refused(
    round_id: str, seniority: str, question_id: str | None, message: str
) -> None:
    """One-line ValueError naming the problem (the CLI turns it into exit 2)."""
    with pytest.raises(ValueError, match=re.escape(message)):
        partner_kit(real_pack(), round_id, seniority, [], [], TODAY, question_id)


def test_no_plan_picks_only_questions_open_to_everyone_but_accepts_any_given() -> None:
    """Without a seniority the kit never picks a senior-only prompt, yet one can be asked for."""
    pack = real_pack()
    for round_id in pack.round_ids:
        kit = partner_kit(pack, round_id, None, [], [], TODAY)
        assert set(kit.question.seniority) == set(SENIORITIES)
        assert all(set(q.seniority) == set(SENIORITIES) for q in kit.extra)
    given = partner_kit(pack, "mission", None, [], [], TODAY, "mi-access-vision")
    assert given.question.id == "mi-access-vision"


@pytest.mark.parametrize("seniority", SENIORITIES)
def test_no_kit_offers_a_question_above_the_candidates_seniority(seniority: str) -> None:
    """Whatever the weak spots, the prompt and the extra prompts fit the seniority."""
    pack = real_pack()
    for round_id in pack.round_ids:
        for dim in pack.rubric(round_id).dimensions:
            mock = Mock("m1", _day(5), round_id, 45, {dim.id: 1})
            kit = partner_kit(pack, round_id, seniority, [mock], [], TODAY)
            assert kit.question.fits(seniority)
            assert all(q.fits(seniority) for q in kit.extra)
            assert [w.id for w in kit.weakest] == [dim.id]


def test_without_earlier_mocks_every_dimension_is_probed_evenly() -> None:
    """No weak spot, no probe mark; the text says so."""
    kit = partner_kit(real_pack(), "execution", "mid", [], [], TODAY)
    assert kit.weakest == ()
    assert not any(d.probe for d in kit.dimensions)
    assert "probe every dimension evenly" in render_text(kit)


def test_a_round_length_the_source_does_not_state_is_called_a_planning_block() -> None:
    """Fact-faithful: 45-minute onsite rounds are planning blocks, the HM screen is stated."""
    assert "a planning length: the source gives none" in render_text(_kit("execution"))
    hm = render_text(_kit("hiring-manager"))
    assert "30-minute round" in hm
    assert "planning length" not in hm


def test_markdown_escapes_markup_and_text_stays_plain() -> None:
    """Markup characters in content are escaped in Markdown; the text kit keeps them as they
    are but drops control characters."""
    pack = real_pack()
    tricky = "*Bold* _it_ [link](x) <b>tag</b> a|b `code` # no heading\x1b[31m"
    questions = tuple(
        replace(q, prompt=tricky, follow_ups=("1. not a list", "- nor this", "+ nor that"))
        if q.id == "ex-offline-download"
        else q
        for q in pack.questions
    )
    kit = partner_kit(
        replace(pack, questions=questions),
        "execution",
        "mid",
        [],
        [],
        TODAY,
        "ex-offline-download",
    )
    md = render_markdown(kit)
    assert r"> \*Bold\* \_it\_ \[link\](x) \<b\>tag\</b\> a\|b \`code\` \# no heading\[31m" in md
    assert "1. 1\\. not a list" in md
    assert "2. \\- nor this" in md
    assert "3. \\+ nor that" in md
    text = render_text(kit)
    assert "\x1b" not in text
    assert "*Bold* _it_ [link](x) <b>tag</b> a|b `code` # no heading[31m" in text


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("plain words", "plain words"),
        ("a*b", r"a\*b"),
        ("1. first", r"1\. first"),
        ("12) twelve", r"12\) twelve"),
        ("> quote", r"\> quote"),
        ("line\nbreak", "line break"),
        ("back\\slash", r"back\\slash"),
    ],
)
def test_md_escape(raw: str, escaped: str) -> None:
    """One line, markup characters and list or quote starts escaped."""
    assert md_escape(raw) == escaped


def regenerate() -> None:
    """Write every approved file again (and remove stale ones)."""
    SNAPSHOTS.mkdir(exist_ok=True)
    cases = _cases()
    for stale in SNAPSHOTS.iterdir():
        if stale.name not in cases:
            stale.unlink()
    for name, text in cases.items():
        (SNAPSHOTS / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(cases)} files to {SNAPSHOTS}", file=sys.stderr)


if __name__ == "__main__":
    regenerate()
