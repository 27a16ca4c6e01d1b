"""The results most commands share: lines of text, raw bytes, and opening the app.

Apart from `planner.cli.render` so that a command that needs none of them (`planner today`)
does not build their classes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from planner.cli.render import Result

if TYPE_CHECKING:
    from planner.cli.output import Output
    from planner.service import Planner


@dataclass(frozen=True)
class Lines(Result):
    """Plain lines of text, with an optional JSON form."""

    lines: Sequence[str]
    data: Any = None

    def json(self) -> Any:
        return self.data

    def text(self, out: Output) -> Iterable[str]:
        return self.lines


@dataclass(frozen=True)
class Bytes(Result):
    """A file's content written to stdout as it is."""

    content: bytes

    def payload(self) -> bytes | None:
        return self.content


@dataclass(frozen=True)
class OpenApp(Result):
    """Open the TUI on this service once the lines are printed."""

    planner: Planner
    lines: Sequence[str] = field(default_factory=tuple)

    def text(self, out: Output) -> Iterable[str]:
        return self.lines

    def app(self) -> Planner | None:
        return self.planner
