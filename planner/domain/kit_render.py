"""The mock partner kit as text for a terminal (`render_text`) and as Markdown
(`render_markdown`): the same sections, in the same order, from one `Kit`."""

from __future__ import annotations

import re
import textwrap
from typing import TYPE_CHECKING

from planner.domain.performance import fmt
from planner.domain.text import one_line

if TYPE_CHECKING:
    from planner.domain.kit import Kit, WeakSpot

WIDTH = 88
"""Line width of the plain-text kit."""
STOP = "Stop. Score every row of the grid before any feedback."


def _wrap_at(text: str, indent: str, hang: str | None = None, width: int = WIDTH) -> list[str]:
    return textwrap.wrap(
        one_line(text),
        width=width,
        initial_indent=indent,
        subsequent_indent=hang if hang is not None else indent,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


def _length(kit: Kit) -> str:
    if kit.minutes_stated:
        return f"{kit.minutes}-minute round"
    return f"{kit.minutes}-minute block (a planning length: the source gives none)"


def _about(kit: Kit) -> str:
    """Who the candidate is, the session's length, the veto, the date."""
    facts = [f"candidate: {kit.seniority or 'no plan yet'}", _length(kit)]
    if kit.veto:
        facts.append(f"a Strong No here (under {fmt(kit.strong_no_below)}) can veto the loop")
    if not kit.counts_performance:
        facts.append("practice only: timed sessions do not count towards this round's readiness")
    facts.append(f"prepared {kit.prepared.isoformat()}")
    return " · ".join(facts)


def _score(kit: Kit, weak: WeakSpot) -> str:
    """A weak dimension's score: the one mock's, or the average of several."""
    if kit.earlier_mocks == 1:
        return f"scored {fmt(weak.average)}"
    return f"{fmt(weak.average)} on average"


def _mark(minute: int) -> str:
    return f"{minute:02d}"


def render_text(kit: Kit, width: int = WIDTH, log_it: bool = True) -> str:
    """The kit as plain text for a terminal or a printout (about one page), wrapped at
    `width`; without `log_it` it ends at the scoring grid (a front end that logs the scores
    itself says how)."""
    out: list[str] = []

    def wrap(text: str, indent: str, hang: str | None = None) -> list[str]:
        return _wrap_at(text, indent, hang, max(20, width))

    title = f"PARTNER KIT: {kit.round_name} ({kit.company} {kit.role})"
    out += wrap(title, "", "  ")
    out += wrap(_about(kit), "")
    out.append("")
    out.append(f"PROMPT  {kit.question.id} ({one_line(kit.question_type.name)})")
    out += wrap(kit.question.prompt, "  ")
    out += wrap(f"Why this one: {kit.why}.", "  ")
    out.append("")
    out.append("FOLLOW-UPS")
    for n, text in enumerate(kit.follow_ups, 1):
        out += wrap(text, f"  {n}. ", "     ")
    out.append("")
    out.append("A STRONG ANSWER COVERS")
    for text in kit.strong_points:
        out += wrap(text, "  - ", "    ")
    out.append("")
    out.append(f"TIME CUES ({kit.minutes} min)")
    for cue in kit.cues:
        head = f"  {_mark(cue.start)}-{_mark(cue.end)}  "
        out += wrap(f"{cue.phase}: {cue.cue}", head, " " * len(head))
    out += wrap(STOP, f"  {_mark(kit.minutes)}     ", " " * 9)
    if kit.extra:
        out.append("")
        out.append("EXTRA PROMPTS (if time is left)")
        for q in kit.extra:
            out += wrap(f"{q.id}: {q.prompt}", "  - ", "    ")
    out.append("")
    out.append("PROBE FIRST")
    out += wrap(_weak_head(kit), "  ")
    for w in kit.weakest:
        out += wrap(f"{w.name} ({w.id}): {_score(kit, w)}", "  - ", "    ")
    out.append("")
    out.append("WHAT WEAK AND STRONG SOUND LIKE")
    for d in kit.dimensions:
        mark = "  [probe]" if d.probe else ""
        out.append(f"  {one_line(d.name)} ({d.id}){mark}")
        for score, text in ((1, d.weak), (3, d.middle), (5, d.strong)):
            if text:
                out += wrap(text, f"    {score}  ", "       ")
    out.append("")
    out.append("SCORING GRID (1-5, one --score per row)")
    column = max(len(d) for d in kit.score_ids)
    out.append(f"  {'dimension'.ljust(column)}  1  2  3  4  5  score")
    for dim in kit.score_ids:
        out.append(f"  {dim.ljust(column)}  o  o  o  o  o  ___")
    if log_it:
        out.append("")
        out.append("LOG IT")
        out += wrap(FILL_IN, "  ")
        out += _command_lines(kit)
    return "\n".join(out) + "\n"


def _weak_head(kit: Kit) -> str:
    """The line above the weak dimensions (or instead of them)."""
    bar = fmt(kit.bar)
    if not kit.earlier_mocks:
        return f"No scored mock of this round yet: probe every dimension evenly (bar {bar})."
    mocks = (
        "the last scored mock"
        if kit.earlier_mocks == 1
        else f"the last {kit.earlier_mocks} scored mocks"
    )
    if not kit.weakest:
        return f"Every dimension at or above the bar ({bar}) in {mocks}: push for 5s."
    return f"Under the bar ({bar}) in {mocks} of this round:"


def _command_lines(kit: Kit, indent: str = "  ") -> list[str]:
    """The log command over lines joined with a backslash: one `--score` per line."""
    parts = re.split(r" (?=--score |--question )", kit.log_command)
    lines = [indent + parts[0]] + [f"{indent}  {part}" for part in parts[1:]]
    return [line + " \\" for line in lines[:-1]] + lines[-1:]


FILL_IN = "Put each score in place of N and the partner's name in place of NAME."


# -- Markdown -------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~!])")
_MD_LEADING = re.compile(r"^(\d+)([.)])|^([+\-=>])")


def md_escape(text: str) -> str:
    """Text shown literally in Markdown: one line, every markup character escaped."""
    flat = _MD_SPECIAL.sub(r"\\\1", one_line(text))
    return _MD_LEADING.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", flat)


def render_markdown(kit: Kit) -> str:
    """The kit as Markdown: content text is escaped, ids sit in code spans."""
    e = md_escape
    out = [
        f"# Partner kit: {e(kit.round_name)}",
        "",
        e(f"{kit.company} {kit.role} · {_about(kit)}"),
    ]
    out += ["", f"## Prompt (`{kit.question.id}`, {e(kit.question_type.name)})", ""]
    out += [f"> {e(kit.question.prompt)}", "", f"Why this one: {e(kit.why)}.", ""]
    out += ["## Follow-ups", ""]
    out += [f"{n}. {e(text)}" for n, text in enumerate(kit.follow_ups, 1)]
    out += ["", "## A strong answer covers", ""]
    out += [f"- {e(text)}" for text in kit.strong_points]
    out += ["", f"## Time cues ({kit.minutes} min)", ""]
    out += ["| Minutes | Phase | What to do |", "| --- | --- | --- |"]
    for cue in kit.cues:
        span = f"{_mark(cue.start)}–{_mark(cue.end)}"
        out.append(f"| {span} | {e(cue.phase)} | {e(cue.cue)} |")
    out.append(f"| {_mark(kit.minutes)} | Score | {e(STOP)} |")
    if kit.extra:
        out += ["", "## Extra prompts (if time is left)", ""]
        out += [f"- `{q.id}`: {e(q.prompt)}" for q in kit.extra]
    out += ["", "## Probe first", "", e(_weak_head(kit))]
    if kit.weakest:
        out.append("")
        out += [f"- {e(w.name)} (`{w.id}`): {_score(kit, w)}" for w in kit.weakest]
    out += ["", "## What weak and strong sound like", ""]
    out += ["| Dimension | 1 (weak) | 3 | 5 (strong) |", "| --- | --- | --- | --- |"]
    for d in kit.dimensions:
        probe = " **probe**" if d.probe else ""
        out.append(
            f"| {e(d.name)} (`{d.id}`){probe} | {e(d.weak)} | {e(d.middle)} | {e(d.strong)} |"
        )
    out += ["", "## Scoring grid (one `--score` per row)", ""]
    out += ["| Dimension | 1 | 2 | 3 | 4 | 5 |", "| --- | --- | --- | --- | --- | --- |"]
    out += [f"| `{dim}` | ☐ | ☐ | ☐ | ☐ | ☐ |" for dim in kit.score_ids]
    out += ["", "## Log it", "", e(FILL_IN), "", "```sh", *_command_lines(kit, indent=""), "```"]
    return "\n".join(out) + "\n"
