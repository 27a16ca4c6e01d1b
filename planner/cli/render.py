"""The one place a command's result is printed: as text, as JSON (`--json`) or as raw bytes.

A handler returns a `Result` (the common ones are in `planner.cli.results`); it never
prints. `render` writes the result's JSON or its text lines to stdout, its problems to
stderr, and returns the exit code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from planner.errors import EXIT_OK

if TYPE_CHECKING:
    from planner.cli.output import Output
    from planner.service import Planner


class Result:
    """What a command produced; subclasses say how it reads as text and as JSON."""

    def exit_code(self) -> int:
        """The command's exit code (0: done)."""
        return EXIT_OK

    def json(self) -> Any:
        """The machine-readable form (the public JSON contract of the command)."""
        raise NotImplementedError(f"{type(self).__name__} has no JSON form")

    def text(self, out: Output) -> Iterable[str]:
        """The lines a person reads (`out` styles them)."""
        return ()

    def problems(self) -> Sequence[str]:
        """Problems to report on stderr, one `planner: error:` line each."""
        return ()

    def payload(self) -> bytes | None:
        """Bytes written to stdout as they are (an export), instead of text or JSON."""
        return None

    def app(self) -> Planner | None:
        """The service to open the TUI on once the result is printed (None: do not)."""
        return None


def render(result: Result, out: Output, as_json: bool = False) -> int:
    """Print `result` and return its exit code."""
    payload = result.payload()
    if payload is not None:
        out.data(payload)
    elif as_json:
        out.json(result.json())
    else:
        for line in result.text(out):
            out.line(line)
    for problem in result.problems():
        out.error(problem)
    return result.exit_code()
