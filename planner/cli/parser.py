"""The argparse definition of every command (the public CLI contract in DESIGN.md).

Only the parser of the command being run is built: `planner today` does not pay for the
arguments of the twenty other commands. The help and the error messages are the same as
with every parser built, since the command list (names and help texts) is always there.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, cast

from planner import __version__


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors are one line and exit 2."""

    def error(self, message: str) -> NoReturn:
        from planner.cli.output import error

        error(f"{message} (see `{self.prog} --help`)")
        raise SystemExit(2)


Build = Callable[[Parser], None]
"""Adds one command's arguments to its (new) parser."""

if TYPE_CHECKING:
    _SubParsers = argparse._SubParsersAction[Parser]
else:
    _SubParsers = argparse._SubParsersAction


class _Commands(_SubParsers):
    """The top-level commands; each one's parser is built the first time it is used."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._builders: dict[str, tuple[str, str, Build]] = {}
        # argparse only checks a command name is in `choices` and lists them in its error:
        # every registered name is, built or not.
        self.choices = self._builders  # type: ignore[assignment]

    def add_command(self, name: str, help_text: str, handler: str, build: Build) -> None:
        """Register a command: its line in `planner --help` now, its parser when used."""
        self._choices_actions.append(self._ChoicesPseudoAction(name, (), help_text))
        self._builders[name] = (help_text, handler, build)

    def parser(self, name: str) -> Parser:
        """The parser of one command, built on first use."""
        if name not in self._name_parser_map:
            help_text, handler, build = self._builders[name]
            parser = self.add_parser(name, description=help_text)
            parser.set_defaults(handler=handler)
            build(parser)
        return self._name_parser_map[name]

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        name = cast(Sequence[str], values)[0]
        if name in self._builders:
            self.parser(name)
        super().__call__(parser, namespace, values, option_string)


def build_parser() -> Parser:
    """Every command, flag and choice (each command's own flags are added when it is used)."""
    # argparse asks gettext for a translation of every help string, and each miss searches
    # the locale folders again: about 20 ms a run. The CLI's texts are English only.
    argparse._ = str  # type: ignore[attr-defined]
    p = Parser(prog="planner", description="Get ready for a product-manager interview loop.")
    p.add_argument("--version", action="version", version=f"planner {__version__}")
    p.add_argument("--data-dir", metavar="DIR", help="data folder (else $PLANNER_HOME)")
    p.add_argument("--today", metavar="DATE", help="pretend today is DATE (else $PLANNER_TODAY)")
    commands = cast(
        _Commands,
        p.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser, action=_Commands),
    )
    for name, help_text, handler, build in COMMANDS:
        commands.add_command(name, help_text, handler, build)
    return p


def _json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="machine-readable output")


def _init(init: Parser) -> None:
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


def _screen(screen: Parser) -> None:
    screen.add_argument("round", metavar="ROUND", help="a screen round, e.g. recruiter")
    which = screen.add_mutually_exclusive_group(required=True)
    which.add_argument("--date", metavar="D", help="the screen is still ahead, on D")
    which.add_argument("--passed", action="store_true", help="the screen is behind you")
    _json_flag(screen)


def _task_ids(parser: Parser) -> None:
    parser.add_argument("task_ids", nargs="+", metavar="TASK_ID")


def _mock(mock: Parser) -> None:
    mock_sub = mock.add_subparsers(dest="mock_command", metavar="ACTION", parser_class=Parser)
    madd = mock_sub.add_parser("add", help="log a mock")
    madd.set_defaults(handler="trackers:mock_add")
    madd.add_argument("--round", required=True, metavar="R")
    _mock_fields(madd)
    _json_flag(madd)
    mlist = mock_sub.add_parser("list", help="list mocks")
    mlist.set_defaults(handler="trackers:mock_list")
    mlist.add_argument("--round", metavar="R")
    _json_flag(mlist)
    medit = mock_sub.add_parser("edit", help="change a mock")
    medit.set_defaults(handler="trackers:mock_edit")
    medit.add_argument("mock_id", metavar="ID")
    medit.add_argument("--round", metavar="R")
    _mock_fields(medit)
    _json_flag(medit)
    mdel = mock_sub.add_parser("delete", help="delete a mock")
    mdel.set_defaults(handler="trackers:mock_delete")
    mdel.add_argument("mock_id", metavar="ID")
    mkit = mock_sub.add_parser("kit", help="a one-page script for the partner who runs a mock")
    mkit.set_defaults(handler="kit:mock_kit")
    mkit.add_argument("round", metavar="ROUND")
    mkit.add_argument("--question", metavar="QID", help="the prompt (else the kit picks one)")
    mkit.add_argument("--format", choices=("text", "md"), help="text, or md (-o FILE.md)")
    mkit.add_argument("-o", "--output", metavar="FILE", help="write to FILE (else stdout)")


def _research(research: Parser) -> None:
    rsub = research.add_subparsers(dest="research_command", metavar="ACTION", parser_class=Parser)
    rlist = rsub.add_parser("list", help="research items and their status")
    rlist.set_defaults(handler="trackers:research_list")
    _json_flag(rlist)
    rset = rsub.add_parser("set", help="set an item's status")
    rset.set_defaults(handler="trackers:research_set")
    rset.add_argument("item", metavar="ITEM")
    rset.add_argument("status", choices=("todo", "doing", "done"))
    rset.add_argument("--note", metavar="T")
    rset.add_argument("--source", metavar="URL")


def _story(story: Parser) -> None:
    ssub = story.add_subparsers(dest="story_command", metavar="ACTION", parser_class=Parser)
    sadd = ssub.add_parser("add", help="add a story")
    sadd.set_defaults(handler="trackers:story_add")
    sadd.add_argument("--title", required=True, metavar="T")
    _story_fields(sadd)
    _json_flag(sadd)
    slist = ssub.add_parser("list", help="the story bank")
    slist.set_defaults(handler="trackers:story_list")
    _json_flag(slist)
    sshow = ssub.add_parser("show", help="one story in full")
    sshow.set_defaults(handler="trackers:story_show")
    sshow.add_argument("story_id", metavar="ID")
    _json_flag(sshow)
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
    _json_flag(slint)
    sdel = ssub.add_parser("delete", help="delete a story")
    sdel.set_defaults(handler="trackers:story_delete")
    sdel.add_argument("story_id", metavar="ID")


def _round(parser: Parser) -> None:
    parser.add_argument("round", nargs="?", metavar="ROUND")
    _json_flag(parser)


def _questions(questions: Parser) -> None:
    questions.add_argument("--round", metavar="R")
    questions.add_argument("--type", metavar="T", help="one question type, e.g. estimation")
    questions.add_argument("--due", action="store_true", help="only questions due today")
    _json_flag(questions)


def _practice(practice: Parser) -> None:
    practice.add_argument("question_id", metavar="QID")
    practice.add_argument("--rating", required=True, choices=("again", "hard", "good", "easy"))
    _json_flag(practice)


def _gaps(gaps: Parser) -> None:
    gaps.add_argument("--explain", action="store_true", help="show each component's share")
    _json_flag(gaps)


def _export(export: Parser) -> None:
    export.add_argument("--format", required=True, choices=("md", "ics", "json"))
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (else stdout)")


def _import(imp: Parser) -> None:
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--replace", action="store_true", help="overwrite existing data")


def _restore(restore: Parser) -> None:
    restore.add_argument("backup", nargs="?", metavar="BACKUP")
    restore.add_argument("--list", action="store_true", help="list the backups")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")


def _content(content: Parser) -> None:
    csub = content.add_subparsers(dest="content_command", metavar="ACTION", parser_class=Parser)
    cval = csub.add_parser("validate", help="check a pack and the plan templates")
    cval.set_defaults(handler="plan:content_validate")
    cval.add_argument("dir", nargs="?", metavar="DIR")


def _demo(demo: Parser) -> None:
    demo.add_argument("--keep", metavar="DIR", help="fill DIR instead of a temporary folder")
    demo.add_argument("--no-tui", action="store_true", help="only fill the folder")


COMMANDS: tuple[tuple[str, str, str, Build], ...] = (
    ("init", "build the plan", "plan:init", _init),
    ("plan", "the whole plan, day by day", "plan:plan", _json_flag),
    (
        "screen",
        "give a screen its date, or mark it passed, and rebuild the plan's future",
        "plan:screen",
        _screen,
    ),
    ("holidays", "the country codes `init --holidays` knows", "plan:holidays", _json_flag),
    ("today", "today's tasks and overdue ones", "plan:today", _json_flag),
    ("done", "mark tasks done", "plan:done", _task_ids),
    ("undo", "mark tasks not done", "plan:undo", _task_ids),
    ("replan", "move unfinished past tasks forward", "plan:replan", _json_flag),
    ("mock", "mock interviews", "trackers:mock_help", _mock),
    ("research", "company research", "trackers:research_help", _research),
    ("story", "STAR stories", "trackers:story_help", _story),
    ("rubric", "what each round is scored on", "trackers:rubric", _round),
    (
        "competencies",
        "story competencies and which stories cover them",
        "trackers:competencies",
        _json_flag,
    ),
    ("questions", "the question bank and what is due", "kit:questions", _questions),
    ("practice", "record practising a question", "trackers:practice", _practice),
    ("brief", "the loop at a glance, or one round in depth", "brief:brief", _round),
    ("gaps", "readiness per round with gaps and next actions", "reports:gaps", _gaps),
    (
        "check",
        "before the onsite: verdict and what to do with the days left",
        "reports:check",
        _json_flag,
    ),
    (
        "export",
        "the plan as Markdown or a calendar, or all data as JSON",
        "plan:export",
        _export,
    ),
    ("import", "restore a JSON export into this data folder", "plan:import_", _import),
    ("restore", "list backups or restore one", "plan:restore", _restore),
    ("content", "content packs", "plan:content_help", _content),
    (
        "demo",
        "open the app on a throwaway data folder with a mid-way candidate",
        "plan:demo",
        _demo,
    ),
)
"""Every command in `planner --help` order: name, help, handler and its arguments."""


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
