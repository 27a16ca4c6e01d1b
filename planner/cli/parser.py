"""The argparse definition of every command (the public CLI contract in DESIGN.md)."""

from __future__ import annotations

import argparse
from typing import NoReturn

from planner import __version__


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors are one line and exit 2."""

    def error(self, message: str) -> NoReturn:
        from planner.cli.output import error

        error(f"{message} (see `{self.prog} --help`)")
        raise SystemExit(2)


def build_parser() -> Parser:
    """Every command, flag and choice."""
    # argparse asks gettext for a translation of every help string, and each miss searches
    # the locale folders again: about 20 ms a run. The CLI's texts are English only.
    argparse._ = str  # type: ignore[attr-defined]
    p = Parser(prog="planner", description="Get ready for a product-manager interview loop.")
    p.add_argument("--version", action="version", version=f"planner {__version__}")
    p.add_argument("--data-dir", metavar="DIR", help="data folder (else $PLANNER_HOME)")
    p.add_argument("--today", metavar="DATE", help="pretend today is DATE (else $PLANNER_TODAY)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def cmd(name: str, help_text: str, handler: str) -> Parser:
        parser: Parser = sub.add_parser(name, help=help_text, description=help_text)
        parser.set_defaults(handler=handler)
        return parser

    def json_flag(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--json", action="store_true", help="machine-readable output")

    init = cmd("init", "build the plan", "plan:init")
    init.add_argument(
        "--seniority", required=True, metavar="S", help="early, mid, senior or transition"
    )
    init.add_argument("--onsite", required=True, metavar="DATE", help="the onsite date")
    init.add_argument("--start", metavar="DATE", help="first day (default today)")
    init.add_argument("--days", type=str, default="30", metavar="N", help="plan length (30)")
    init.add_argument("--hours", type=str, metavar="H", help="hours a day (template default)")
    init.add_argument("--rest-days", default="", metavar="DAYS", help="e.g. sat,sun")
    init.add_argument("--pack", default="coursera-pm", metavar="ID", help="content pack")
    init.add_argument(
        "--skip-round",
        action="append",
        default=[],
        metavar="R",
        help="a round you do not have (repeatable)",
    )
    init.add_argument("--force", action="store_true", help="replace an existing plan")
    json_flag(init)

    plan = cmd("plan", "the whole plan, day by day", "plan:plan")
    json_flag(plan)
    today = cmd("today", "today's tasks and overdue ones", "plan:today")
    json_flag(today)
    done = cmd("done", "mark tasks done", "plan:done")
    done.add_argument("task_ids", nargs="+", metavar="TASK_ID")
    undo = cmd("undo", "mark tasks not done", "plan:undo")
    undo.add_argument("task_ids", nargs="+", metavar="TASK_ID")
    replan = cmd("replan", "move unfinished past tasks forward", "plan:replan")
    json_flag(replan)

    mock = cmd("mock", "mock interviews", "trackers:mock_help")
    mock_sub = mock.add_subparsers(dest="mock_command", metavar="ACTION", parser_class=Parser)
    madd = mock_sub.add_parser("add", help="log a mock")
    madd.set_defaults(handler="trackers:mock_add")
    madd.add_argument("--round", required=True, metavar="R")
    _mock_fields(madd)
    json_flag(madd)
    mlist = mock_sub.add_parser("list", help="list mocks")
    mlist.set_defaults(handler="trackers:mock_list")
    mlist.add_argument("--round", metavar="R")
    json_flag(mlist)
    medit = mock_sub.add_parser("edit", help="change a mock")
    medit.set_defaults(handler="trackers:mock_edit")
    medit.add_argument("mock_id", metavar="ID")
    medit.add_argument("--round", metavar="R")
    _mock_fields(medit)
    json_flag(medit)
    mdel = mock_sub.add_parser("delete", help="delete a mock")
    mdel.set_defaults(handler="trackers:mock_delete")
    mdel.add_argument("mock_id", metavar="ID")

    research = cmd("research", "company research", "trackers:research_help")
    rsub = research.add_subparsers(dest="research_command", metavar="ACTION", parser_class=Parser)
    rlist = rsub.add_parser("list", help="research items and their status")
    rlist.set_defaults(handler="trackers:research_list")
    json_flag(rlist)
    rset = rsub.add_parser("set", help="set an item's status")
    rset.set_defaults(handler="trackers:research_set")
    rset.add_argument("item", metavar="ITEM")
    rset.add_argument("status", choices=("todo", "doing", "done"))
    rset.add_argument("--note", metavar="T")
    rset.add_argument("--source", metavar="URL")

    story = cmd("story", "STAR stories", "trackers:story_help")
    ssub = story.add_subparsers(dest="story_command", metavar="ACTION", parser_class=Parser)
    sadd = ssub.add_parser("add", help="add a story")
    sadd.set_defaults(handler="trackers:story_add")
    sadd.add_argument("--title", required=True, metavar="T")
    _story_fields(sadd)
    json_flag(sadd)
    slist = ssub.add_parser("list", help="the story bank")
    slist.set_defaults(handler="trackers:story_list")
    json_flag(slist)
    sshow = ssub.add_parser("show", help="one story in full")
    sshow.set_defaults(handler="trackers:story_show")
    sshow.add_argument("story_id", metavar="ID")
    json_flag(sshow)
    sset = ssub.add_parser("set", help="change a story")
    sset.set_defaults(handler="trackers:story_set")
    sset.add_argument("story_id", metavar="ID")
    sset.add_argument("--title", metavar="T")
    sset.add_argument("--readiness", choices=("draft", "outlined", "rehearsed", "ready"))
    _story_fields(sset)
    sreh = ssub.add_parser("rehearse", help="record a rehearsal")
    sreh.set_defaults(handler="trackers:story_rehearse")
    sreh.add_argument("story_id", metavar="ID")
    sreh.add_argument("--date", metavar="D")
    slint = ssub.add_parser("lint", help="check stories against the pitfalls")
    slint.set_defaults(handler="trackers:story_lint")
    slint.add_argument("story_id", nargs="?", metavar="ID")
    json_flag(slint)
    sdel = ssub.add_parser("delete", help="delete a story")
    sdel.set_defaults(handler="trackers:story_delete")
    sdel.add_argument("story_id", metavar="ID")

    rubric = cmd("rubric", "what each round is scored on", "trackers:rubric")
    rubric.add_argument("round", nargs="?", metavar="ROUND")
    json_flag(rubric)
    comps = cmd(
        "competencies", "story competencies and which stories cover them", "trackers:competencies"
    )
    json_flag(comps)
    questions = cmd("questions", "the question bank and what is due", "trackers:questions")
    questions.add_argument("--round", metavar="R")
    questions.add_argument("--due", action="store_true", help="only questions due today")
    json_flag(questions)
    practice = cmd("practice", "record practising a question", "trackers:practice")
    practice.add_argument("question_id", metavar="QID")
    practice.add_argument("--rating", required=True, choices=("again", "hard", "good", "easy"))
    json_flag(practice)

    brief = cmd("brief", "the loop at a glance, or one round in depth", "brief:brief")
    brief.add_argument("round", nargs="?", metavar="ROUND")
    json_flag(brief)

    gaps = cmd("gaps", "readiness per round with gaps and next actions", "reports:gaps")
    gaps.add_argument("--explain", action="store_true", help="show each component's share")
    json_flag(gaps)
    check = cmd(
        "check", "before the onsite: verdict and what to do with the days left", "reports:check"
    )
    json_flag(check)

    export = cmd("export", "the plan as Markdown or a calendar, or all data as JSON", "plan:export")
    export.add_argument("--format", required=True, choices=("md", "ics", "json"))
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (else stdout)")
    imp = cmd("import", "restore a JSON export into this data folder", "plan:import_")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--replace", action="store_true", help="overwrite existing data")

    restore = cmd("restore", "list backups or restore one", "plan:restore")
    restore.add_argument("backup", nargs="?", metavar="BACKUP")
    restore.add_argument("--list", action="store_true", help="list the backups")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    content = cmd("content", "content packs", "plan:content_help")
    csub = content.add_subparsers(dest="content_command", metavar="ACTION", parser_class=Parser)
    cval = csub.add_parser("validate", help="check a pack and the plan templates")
    cval.set_defaults(handler="plan:content_validate")
    cval.add_argument("dir", nargs="?", metavar="DIR")

    demo = cmd(
        "demo", "open the app on a throwaway data folder with a mid-way candidate", "plan:demo"
    )
    demo.add_argument("--keep", metavar="DIR", help="fill DIR instead of a temporary folder")
    demo.add_argument("--no-tui", action="store_true", help="only fill the folder")
    return p


def _mock_fields(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", metavar="D")
    parser.add_argument("--minutes", metavar="N")
    parser.add_argument("--score", action="append", default=[], metavar="DIM=N")
    parser.add_argument("--partner", metavar="P")
    parser.add_argument("--question", metavar="QID")
    parser.add_argument("--notes", metavar="TEXT")
    parser.add_argument("--follow-ups", metavar="TEXT")


def _story_fields(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--situation", metavar="S")
    parser.add_argument("--task", metavar="T")
    parser.add_argument("--action", metavar="A")
    parser.add_argument("--result", metavar="R")
    parser.add_argument(
        "--competency", action="append", metavar="C", help="a competency id (repeatable)"
    )
