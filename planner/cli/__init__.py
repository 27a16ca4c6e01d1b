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
    from planner.cli.render import Result


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code (0 done, 2 bad input, 3 unreadable data)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    with _collector_paused():
        from planner.cli.context import Context
        from planner.cli.output import Output
        from planner.cli.registry import build_parser
        from planner.cli.render import render
        from planner.errors import EXIT_UNEXPECTED, exit_code

        parser = build_parser(arguments)
        try:
            args = parser.parse_args(arguments)
        except SystemExit as exc:
            return int(exc.code or 0)
    _tolerant_stdout()
    out = Output()
    try:
        ctx = Context(args, out)
        handler = getattr(args, "handler", None)
        if handler is None:
            return ctx.open_tui()
        module_name, func_name = handler.split(":")
        with _collector_paused():
            module = importlib.import_module(f"planner.cli.commands.{module_name}")
        command: Callable[[Context], Result] = getattr(module, func_name)
        result = command(ctx)
        try:
            code = render(result, out, bool(getattr(args, "json", False)))
            out.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            from planner.cli.ending import output_failed

            return output_failed(ctx, result, exc)
        _warn_damaged(ctx)
        _warn_folder(ctx)
        app = result.app()
        if app is not None:
            return ctx.open_tui(app)
        return code
    except BrokenPipeError:
        # The reader went away (`planner plan | head`): not an error worth a message.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        out.error("interrupted")
        return 130
    except Exception as exc:
        code = exit_code(exc)
        if code == EXIT_UNEXPECTED and not _known(exc):
            if os.environ.get("PLANNER_DEBUG"):
                raise
            out.error(f"unexpected {type(exc).__name__}: {exc} (set PLANNER_DEBUG=1 for details)")
        else:
            out.error(str(exc))
        return code


def _tolerant_stdout() -> None:
    """Text stdout cannot encode (PYTHONIOENCODING=ascii, a C locale) is printed with a
    replacement character instead of ending the command with an error after its change was
    saved."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None and getattr(sys.stdout, "errors", "strict") == "strict":
        reconfigure(errors="replace")


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
    damaged = ctx.planner.session.damaged()
    if damaged:
        more = f" (and {len(damaged) - 1} more)" if len(damaged) > 1 else ""
        ctx.out.warning(
            f"{len(damaged)} record(s) could not be read and were skipped; "
            f"they stay in the file untouched: {damaged[0]}{more}"
        )


def _warn_folder(ctx: Context) -> None:
    """Say on stderr when the data folder in use can be read by other users."""
    if "planner" not in ctx.__dict__:  # the service was never built: no folder was used
        return
    note = ctx.planner.session.folder_warning()
    if note:
        ctx.out.warning(note)


def _known(exc: BaseException) -> bool:
    from planner.service import StorageError

    return isinstance(exc, StorageError)
