"""The command line: `planner COMMAND ...`; with no command it opens the TUI."""

from __future__ import annotations

import gc
import importlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

# Not `typing.TYPE_CHECKING`: importing typing (and re with it) before the collector is
# paused in main() costs a few collections.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from planner.cli.context import Context


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code (0 done, 2 bad input, 3 unreadable data)."""
    with _collector_paused():
        from planner.cli.context import Context
        from planner.cli.output import error
        from planner.cli.parser import build_parser
        from planner.errors import EXIT_UNEXPECTED, exit_code

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
        with _collector_paused():
            module = importlib.import_module(f"planner.cli.commands.{module_name}")
        command: Callable[[Context], int] = getattr(module, func_name)
        result = command(ctx)
        _warn_damaged(ctx)
        _warn_folder(ctx)
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


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No garbage collection while modules load, and none later over what they created.

    Importing the service, storage and a command creates tens of thousands of objects that
    live until the process ends: the collector would walk them again and again and free
    none of them (about 7 ms of `planner today`). So it is paused while they load, and
    when modules did load, what exists is frozen (`gc.freeze`) so later collections skip
    it. Only a call that loads modules freezes: a few per process, even when tests call
    main() thousands of times.
    """
    loaded = len(sys.modules)
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if len(sys.modules) > loaded:
            gc.freeze()
        if enabled:
            gc.enable()


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


def _warn_folder(ctx: Context) -> None:
    """Say on stderr when the data folder in use can be read by other users."""
    store = ctx.__dict__.get("store")
    note = store.folder_warning() if store is not None else None
    if note:
        print(f"planner: warning: {note}", file=sys.stderr)


def _known(exc: BaseException) -> bool:
    from planner.storage import StorageError

    return isinstance(exc, StorageError)
