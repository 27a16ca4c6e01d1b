"""The command line: `planner COMMAND ...`; with no command it opens the TUI."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence

from planner.cli.context import Context
from planner.cli.output import error
from planner.errors import EXIT_UNEXPECTED, exit_code


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code (0 done, 2 bad input, 3 unreadable data)."""
    from planner.cli.parser import build_parser

    parser = build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        ctx = Context(args)
        handler = getattr(args, "handler", None)
        if handler is None:
            return ctx.open_tui()
        module_name, func_name = handler.split(":")
        module = importlib.import_module(f"planner.cli.commands.{module_name}")
        result: int = getattr(module, func_name)(ctx)
        _warn_damaged(ctx)
        return result
    except BrokenPipeError:
        # The reader went away (`planner plan | head`): not an error worth a message.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        error("interrupted")
        return 130
    except Exception as exc:
        code = exit_code(exc)
        if code == EXIT_UNEXPECTED and not _known(exc):
            if os.environ.get("PLANNER_DEBUG"):
                raise
            error(f"unexpected {type(exc).__name__}: {exc} (set PLANNER_DEBUG=1 for details)")
        else:
            error(str(exc))
        return code


def _warn_damaged(ctx: Context) -> None:
    """Say on stderr when records were skipped because they could not be read."""
    if "planner" not in ctx.__dict__:  # the service was never built: nothing was read
        return
    damaged = ctx.planner.damaged()
    if damaged:
        more = f" (and {len(damaged) - 1} more)" if len(damaged) > 1 else ""
        print(
            f"planner: warning: {len(damaged)} record(s) could not be read and were skipped; "
            f"they stay in the file untouched: {damaged[0]}{more}",
            file=sys.stderr,
        )


def _known(exc: BaseException) -> bool:
    from planner.storage import StorageError

    return isinstance(exc, StorageError)
