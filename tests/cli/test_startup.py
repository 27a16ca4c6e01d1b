"""`planner today` starts fast: it loads only what it shows and builds one command's parser.

The help and the usage errors must not change for it: every command is listed, each one's
own help works, and the lazily built parser reads the same as one with every command built.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import textwrap
from dataclasses import replace

import pytest
from cli_support import init, ok, run

from planner.cli import registry
from planner.cli.output import safe_cell
from planner.cli.registry import COMMANDS, build_parser
from planner.domain.models import Pack

NOT_FOR_TODAY = (
    "planner.content.pack",  # no pack is loaded or validated
    "planner.content.templates",
    "planner.domain.content",  # the pack's types: today builds only the records
    "planner.content.reader",
    "planner.domain.schedule",
    "planner.domain.readiness",
    "planner.domain.practice",
    "planner.domain.stories",
    "planner.service.readiness",
    "planner.service.data",
    "dateutil",
    "fsrs",
    "icalendar",
    "platformdirs",
    "textual",
    "rich",
    # With the task notes in the compiled cache (filled by the first run): no TOML parser,
    # no OpenSSL, no zip reader behind importlib.resources.
    "tomllib",
    "hashlib",
    "pickle",
    "importlib.resources",
    "zipfile",
    "calendar",  # only for a bare day of the month (argparse imports locale, shutil anyway)
)


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the commands whose arguments the parser adds, in order."""
    names: list[str] = []

    def recording(command: registry.Command) -> registry.Command:
        def arguments(parser: argparse.ArgumentParser) -> None:
            names.append(command.name)
            command.arguments(parser)

        return replace(command, arguments=arguments)

    monkeypatch.setattr(registry, "COMMANDS", tuple(recording(c) for c in COMMANDS))
    return names


def test_today_loads_no_content_parser_nor_engine(
    capsys: pytest.CaptureFixture[str], pack: Pack
) -> None:
    """A fresh process running `planner today` imports none of the heavy modules."""
    init(capsys)
    expected = ok(capsys, "today").out
    code = textwrap.dedent(
        """
        import sys
        from planner.cli import main
        code = main(["today"])
        print("\\n".join(sorted(sys.modules)), file=sys.stderr)
        raise SystemExit(code)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout == expected
    # The descriptions of today's tasks are shown (read from checklist.toml).
    first = ok(capsys, "today", "--json").json()["tasks"][0]
    assert textwrap.wrap(safe_cell(pack.item(first["item"]).description), width=76)[0] in (
        done.stdout
    )
    loaded = set(done.stderr.split())
    assert "planner.service" in loaded
    assert [m for m in NOT_FOR_TODAY if m in loaded] == []


def test_parsing_builds_only_the_command_used(built: list[str]) -> None:
    """The other commands' arguments are not added (that is most of the parser's cost)."""
    argv = ["--today", "2026-11-25", "today", "--json"]
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    assert vars(args) == {
        "data_dir": None,
        "today": "2026-11-25",
        "command": "today",
        "handler": "daily:today",
        "json": True,
    }
    assert built == ["today"]


def test_help_is_the_same_with_every_command_built(built: list[str]) -> None:
    """The top-level help and usage do not depend on which commands' arguments were added."""
    lazy = build_parser()
    assert built == []
    eager = build_parser(every=True)
    assert built == [c.name for c in COMMANDS]
    assert lazy.format_help() == eager.format_help()
    assert lazy.format_usage() == eager.format_usage()


def test_top_level_help_lists_every_command_in_order(capsys: pytest.CaptureFixture[str]) -> None:
    """`planner --help` names each command with its help text, in the contract's order."""
    out = ok(capsys, "--help").out
    assert out.startswith("usage: planner [-h] [--version] [--data-dir DIR] [--today DATE]")
    words = " ".join(out.split())  # help texts may wrap onto a second line
    positions = [words.index(f" {c.name} {c.help} ") for c in COMMANDS]
    assert positions == sorted(positions)


@pytest.mark.parametrize(("name", "help_text"), [(c.name, c.help) for c in COMMANDS])
def test_every_command_has_its_own_help(
    capsys: pytest.CaptureFixture[str], name: str, help_text: str
) -> None:
    """`planner NAME --help` shows that command's usage and description."""
    out = ok(capsys, name, "--help").out
    assert out.startswith(f"usage: planner {name} ")
    assert f"\n{help_text}\n" in out


def test_an_unknown_command_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    """The one-line error names every command, as argparse does with all parsers built."""
    result = run(capsys, "tody")
    assert result.code == 2
    names = ", ".join(repr(c.name) for c in COMMANDS)
    assert result.err == (
        f"planner: error: argument COMMAND: invalid choice: 'tody' (choose from {names}) "
        "(see `planner --help`)\n"
    )
