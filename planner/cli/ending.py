"""When stdout cannot take a command's report (a full disk, `>/dev/full`, a closed file).

The command's change is committed by then: exiting 1 as if it had failed invites a retry
that saves it twice (a second mock). So the CLI says on stderr what was saved and exits
EXIT_OUTPUT (4), never with a traceback.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import TYPE_CHECKING

from planner.domain.text import one_line
from planner.errors import EXIT_OUTPUT

if TYPE_CHECKING:
    from planner.cli.context import Context
    from planner.cli.render import Result

LONGEST = 200
"""How much of the command's report the message repeats (its first line names the record)."""


def output_failed(ctx: Context, result: Result, error: OSError) -> int:
    """Report an output failure on stderr; returns EXIT_OUTPUT."""
    _drop_stdout()
    reason = error.strerror or str(error)
    saved = "planner" in ctx.__dict__ and ctx.planner.session.saved_anything()
    if saved:
        what = _first_line(ctx, result)
        message = (
            f"the change was saved, but its report could not be written to stdout ({reason})"
            + (f": {what}" if what else "")
            + "; do not run the command again"
        )
    else:
        message = f"could not write to stdout ({reason}); nothing was changed"
    ctx.out.error(message)
    return EXIT_OUTPUT


def _first_line(ctx: Context, result: Result) -> str:
    """The first line of the command's text report (e.g. `logged mock m3: ...`)."""
    color = ctx.out.color
    ctx.out.color = False
    try:
        for line in result.text(ctx.out):
            text = one_line(line)
            return text if len(text) <= LONGEST else text[: LONGEST - 1] + "…"
    except Exception:  # the report itself is what failed: say what we can
        return ""
    finally:
        ctx.out.color = color
    return ""


def _drop_stdout() -> None:
    """Point stdout at /dev/null: what is still buffered goes nowhere at exit instead of
    failing again there (`Exception ignored ...`, exit 120)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
