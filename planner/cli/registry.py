"""Every command of the command line (the public contract in DESIGN.md) and its parser.

`COMMANDS` is the registry: each command's name, help text, handler and a function that adds
its arguments. `build_parser` builds the parser of the invoked command only: `planner today`
does not pay for the parsers and flags of the twenty other commands. Without a known command
(`planner --help`, a typo) every command is registered, so that the help and the error list
them all, but none of their arguments is added. Only public argparse API.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NoReturn

from planner import __version__


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors are one line and exit 2."""

    def error(self, message: str) -> NoReturn:
        from planner.cli.output import error

        error(f"{message} (see `{self.prog} --help`)")
        raise SystemExit(2)


class _Unparsable(Exception):
    """The look-ahead could not read the global options; the real parse will say why."""


class _LookAhead(argparse.ArgumentParser):
    """Reads only the global options, to find the command; never prints or exits."""

    def error(self, message: str) -> NoReturn:
        raise _Unparsable(message)


Arguments = Callable[[argparse.ArgumentParser], None]
"""Adds one command's arguments to its parser."""


@dataclass(frozen=True)
class Command:
    """One top-level command: `planner NAME ...`."""

    name: str
    help: str
    handler: str
    """`module:function` in planner.cli.commands; the function returns a result to render."""
    arguments: Arguments


def _globals(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", metavar="DIR", help="data folder (else $PLANNER_HOME)")
    parser.add_argument(
        "--today", metavar="DATE", help="pretend today is DATE (else $PLANNER_TODAY)"
    )


def invoked(argv: Sequence[str]) -> str | None:
    """The command named in `argv` (after the global options), or None."""
    look = _LookAhead(add_help=False)
    _globals(look)
    try:
        _, rest = look.parse_known_args(list(argv))
    except _Unparsable:
        return None
    names = {c.name for c in COMMANDS}
    return rest[0] if rest and rest[0] in names else None


def build_parser(argv: Sequence[str] = (), *, every: bool = False) -> Parser:
    """The parser for `argv`: the invoked command with its arguments, else every command
    listed (without arguments).

    `every` adds every command's arguments (what the help would show with all of them built).
    """
    wanted = invoked(argv)
    p = Parser(prog="planner", description="Get ready for a product-manager interview loop.")
    p.add_argument("--version", action="version", version=f"planner {__version__}")
    _globals(p)
    commands = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for command in COMMANDS:
        if wanted is not None and not every and command.name != wanted:
            continue  # the others would only be listed by help or by an unknown command
        parser = commands.add_parser(command.name, help=command.help, description=command.help)
        parser.set_defaults(handler=command.handler)
        if every or command.name == wanted:
            command.arguments(parser)
    return p


def _json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="machine-readable output")


def _init(init: argparse.ArgumentParser) -> None:
    init.epilog = (
        "Rest days and the holiday country default to the settings file "
        '($PLANNER_CONFIG, else config.toml in the platform\'s config folder: rest_days = ["sat", '
        '"sun"], holidays = "US"), else to the seniority template. Dates: YYYY-MM-DD, '
        '"dec 31" or "tomorrow".'
    )
    init.add_argument(
        "--seniority", required=True, metavar="S", help="early, mid, senior or transition"
    )
    init.add_argument("--onsite", required=True, metavar="DATE", help="the onsite date")
    init.add_argument(
        "--start",
        metavar="DATE",
        help="first day (default today); without --days the plan runs from DATE to the onsite",
    )
    init.add_argument(
        "--days",
        type=str,
        metavar="N",
        help="plan length, ending the day before the onsite (30)",
    )
    init.add_argument("--hours", type=str, metavar="H", help="hours a day (template default)")
    init.add_argument(
        "--rest-days",
        metavar="DAYS",
        help="weekdays off, comma-separated: sat,sun, or none (default: settings file, "
        "else the template's)",
    )
    init.add_argument(
        "--away",
        action="append",
        default=[],
        metavar="DATE[..DATE]",
        help="a day or inclusive range with no time to prepare (repeatable); clipped to "
        "the plan, refused when wholly outside it",
    )
    init.add_argument(
        "--holidays",
        metavar="CC",
        help="country code for public holidays, no peer mock on them (e.g. US; none to "
        "turn off; default: settings file); `planner holidays` lists the codes",
    )
    init.add_argument(
        "--screen",
        action="append",
        default=[],
        metavar="ROUND=DATE",
        help="a screen still ahead, with its date (repeatable); screens without a date "
        "are taken as passed",
    )
    init.add_argument("--pack", default="coursera-pm", metavar="ID", help="content pack")
    init.add_argument(
        "--skip-round",
        action="append",
        default=[],
        metavar="R",
        help="a round you do not have (repeatable); on a screen: passed",
    )
    init.add_argument("--force", action="store_true", help="replace an existing plan")
    _json_flag(init)


def _screen(screen: argparse.ArgumentParser) -> None:
    screen.add_argument("round", metavar="ROUND", help="a screen round, e.g. recruiter")
    which = screen.add_mutually_exclusive_group(required=True)
    which.add_argument("--date", metavar="D", help="the screen is still ahead, on D")
    which.add_argument("--passed", action="store_true", help="the screen is behind you")
    _json_flag(screen)


def _task_ids(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("task_ids", nargs="+", metavar="TASK_ID")


def _mock(mock: argparse.ArgumentParser) -> None:
    mock_sub = mock.add_subparsers(dest="mock_command", metavar="ACTION", parser_class=Parser)
    madd = mock_sub.add_parser("add", help="log a mock")
    madd.set_defaults(handler="mocks:add")
    madd.add_argument("--round", required=True, metavar="R")
    _mock_fields(madd)
    _json_flag(madd)
    mlist = mock_sub.add_parser("list", help="list mocks")
    mlist.set_defaults(handler="mocks:list_")
    mlist.add_argument("--round", metavar="R")
    _json_flag(mlist)
    medit = mock_sub.add_parser("edit", help="change a mock")
    medit.set_defaults(handler="mocks:edit")
    medit.add_argument("mock_id", metavar="ID")
    medit.add_argument("--round", metavar="R")
    _mock_fields(medit)
    _json_flag(medit)
    mdel = mock_sub.add_parser("delete", help="delete a mock")
    mdel.set_defaults(handler="mocks:delete")
    mdel.add_argument("mock_id", metavar="ID")
    mkit = mock_sub.add_parser("kit", help="a one-page script for the partner who runs a mock")
    mkit.set_defaults(handler="kit:mock_kit")
    mkit.add_argument("round", metavar="ROUND")
    mkit.add_argument("--question", metavar="QID", help="the prompt (else the kit picks one)")
    mkit.add_argument("--format", choices=("text", "md"), help="text, or md (-o FILE.md)")
    mkit.add_argument("-o", "--output", metavar="FILE", help="write to FILE (else stdout)")


def _research(research: argparse.ArgumentParser) -> None:
    rsub = research.add_subparsers(dest="research_command", metavar="ACTION", parser_class=Parser)
    rlist = rsub.add_parser("list", help="research items and their status")
    rlist.set_defaults(handler="research:list_")
    _json_flag(rlist)
    rset = rsub.add_parser("set", help="set an item's status")
    rset.set_defaults(handler="research:set_")
    rset.add_argument("item", metavar="ITEM")
    rset.add_argument("status", choices=("todo", "doing", "done"))
    rset.add_argument("--note", metavar="T")
    rset.add_argument("--source", metavar="URL")
    radd = rsub.add_parser("add", help="add a research item of your own (prints its id)")
    radd.set_defaults(handler="research:add")
    radd.add_argument("--title", required=True, metavar="T")
    radd.add_argument(
        "--round", action="append", required=True, metavar="R", help="a round (repeatable)"
    )
    radd.add_argument("--note", metavar="T")
    radd.add_argument("--source", action="append", metavar="URL", help="a source (repeatable)")
    _json_flag(radd)
    redit = rsub.add_parser("edit", help="change the title or rounds of one of your items")
    redit.set_defaults(handler="research:edit")
    redit.add_argument("item", metavar="ITEM")
    redit.add_argument("--title", metavar="T")
    redit.add_argument(
        "--round", action="append", metavar="R", help="the rounds it is for (replace; repeatable)"
    )
    _json_flag(redit)
    rrem = rsub.add_parser(
        "remove", aliases=["delete"], help="remove one of your own items (not the pack's)"
    )
    rrem.set_defaults(handler="research:remove")
    rrem.add_argument("item", metavar="ITEM")
    _json_flag(rrem)


def _story(story: argparse.ArgumentParser) -> None:
    ssub = story.add_subparsers(dest="story_command", metavar="ACTION", parser_class=Parser)
    sadd = ssub.add_parser("add", help="add a story")
    sadd.set_defaults(handler="stories:add")
    sadd.add_argument("--title", required=True, metavar="T")
    _story_fields(sadd)
    _json_flag(sadd)
    slist = ssub.add_parser("list", help="the story bank")
    slist.set_defaults(handler="stories:list_")
    _json_flag(slist)
    sshow = ssub.add_parser("show", help="one story in full")
    sshow.set_defaults(handler="stories:show")
    sshow.add_argument("story_id", metavar="ID")
    _json_flag(sshow)
    sset = ssub.add_parser("set", help="change a story")
    sset.set_defaults(handler="stories:set_")
    sset.add_argument("story_id", metavar="ID")
    sset.add_argument("--title", metavar="T")
    sset.add_argument("--readiness", choices=("draft", "outlined", "rehearsed", "ready"))
    _story_fields(sset)
    sreh = ssub.add_parser("rehearse", help="record a rehearsal")
    sreh.set_defaults(handler="stories:rehearse")
    sreh.add_argument("story_id", metavar="ID")
    sreh.add_argument("--date", metavar="D")
    slint = ssub.add_parser("lint", help="check stories against the pitfalls")
    slint.set_defaults(handler="stories:lint")
    slint.add_argument("story_id", nargs="?", metavar="ID")
    _json_flag(slint)
    sdel = ssub.add_parser("delete", help="delete a story")
    sdel.set_defaults(handler="stories:delete")
    sdel.add_argument("story_id", metavar="ID")


def _round(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("round", nargs="?", metavar="ROUND")
    _json_flag(parser)


def _questions(questions: argparse.ArgumentParser) -> None:
    questions.add_argument("--round", metavar="R")
    questions.add_argument("--type", metavar="T", help="one question type, e.g. estimation")
    questions.add_argument("--due", action="store_true", help="only questions due today")
    _json_flag(questions)


def _practice(practice: argparse.ArgumentParser) -> None:
    practice.add_argument("question_id", metavar="QID")
    practice.add_argument("--rating", required=True, choices=("again", "hard", "good", "easy"))
    _json_flag(practice)


def _gaps(gaps: argparse.ArgumentParser) -> None:
    gaps.add_argument("--explain", action="store_true", help="show each component's share")
    _json_flag(gaps)


def _export(export: argparse.ArgumentParser) -> None:
    export.add_argument("--format", required=True, choices=("md", "ics", "json"))
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (else stdout)")


def _import(imp: argparse.ArgumentParser) -> None:
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--replace", action="store_true", help="overwrite existing data")


def _restore(restore: argparse.ArgumentParser) -> None:
    restore.add_argument("backup", nargs="?", metavar="BACKUP")
    restore.add_argument("--list", action="store_true", help="list the backups")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")


def _content(content: argparse.ArgumentParser) -> None:
    csub = content.add_subparsers(dest="content_command", metavar="ACTION", parser_class=Parser)
    cval = csub.add_parser("validate", help="check a pack and the plan templates")
    cval.set_defaults(handler="data:content_validate")
    cval.add_argument("dir", nargs="?", metavar="DIR")


def _config(config: argparse.ArgumentParser) -> None:
    config.add_argument("key", nargs="?", metavar="KEY", help="rest_days, holidays, theme, ...")
    config.add_argument("value", nargs="?", metavar="VALUE", help="the new value (default: unset)")
    config.add_argument("--json", action="store_true", help="machine-readable output")


def _demo(demo: argparse.ArgumentParser) -> None:
    demo.add_argument("--keep", metavar="DIR", help="fill DIR instead of a temporary folder")
    demo.add_argument("--no-tui", action="store_true", help="only fill the folder")


COMMANDS: tuple[Command, ...] = (
    Command("init", "build the plan", "plan:init", _init),
    Command("plan", "the whole plan, day by day", "plan:plan", _json_flag),
    Command(
        "screen",
        "give a screen its date, or mark it passed, and rebuild the plan's future",
        "screen:screen",
        _screen,
    ),
    Command("holidays", "the country codes `init --holidays` knows", "plan:holidays", _json_flag),
    Command("today", "today's tasks and overdue ones", "daily:today", _json_flag),
    Command("done", "mark tasks done", "daily:done", _task_ids),
    Command("undo", "mark tasks not done", "daily:undo", _task_ids),
    Command("replan", "move unfinished past tasks forward", "plan:replan", _json_flag),
    Command("mock", "mock interviews", "mocks:help_", _mock),
    Command("research", "company research", "research:help_", _research),
    Command("story", "STAR stories", "stories:help_", _story),
    Command("rubric", "what each round is scored on", "practice:rubric", _round),
    Command(
        "competencies",
        "story competencies and which stories cover them",
        "stories:competencies",
        _json_flag,
    ),
    Command("questions", "the question bank and what is due", "kit:questions", _questions),
    Command("practice", "record practising a question", "practice:practice", _practice),
    Command("brief", "the loop at a glance, or one round in depth", "brief:brief", _round),
    Command("gaps", "readiness per round with gaps and next actions", "reports:gaps", _gaps),
    Command(
        "check",
        "before the onsite: verdict and what to do with the days left",
        "reports:check",
        _json_flag,
    ),
    Command(
        "export", "the plan as Markdown or a calendar, or all data as JSON", "data:export", _export
    ),
    Command("import", "restore a JSON export into this data folder", "data:import_", _import),
    Command("restore", "list backups or restore one", "data:restore", _restore),
    Command("content", "content packs", "data:content_help", _content),
    Command("config", "show the settings file, or set one of its keys", "config:config", _config),
    Command(
        "demo",
        "open the app on a throwaway data folder with a mid-way candidate",
        "data:demo",
        _demo,
    ),
)
"""Every command, in `planner --help` order."""


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
