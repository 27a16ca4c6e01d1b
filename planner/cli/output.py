"""Where the command line writes: stdout for results (text or JSON), stderr for errors.

Everything the CLI prints goes through `Output`: aligned tables, colour only on a terminal.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import os
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any, TextIO

from planner.domain.text import one_line

BAR_WIDTH = 20
_STYLES = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "cyan": "36"}


class Output:
    """Writes results to stdout and problems to stderr; colour when stdout is a terminal and
    NO_COLOR is not set."""

    def __init__(self, stream: TextIO | None = None, errors: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout
        self.errors = errors or sys.stderr
        isatty = getattr(self.stream, "isatty", lambda: False)
        self.color = bool(isatty()) and "NO_COLOR" not in os.environ

    def style(self, text: str, *styles: str) -> str:
        """`text` in ANSI styles when colour is on (text must already be safe)."""
        if not self.color or not styles:
            return text
        codes = ";".join(_STYLES[s] for s in styles)
        return f"\x1b[{codes}m{text}\x1b[0m"

    def line(self, text: str = "") -> None:
        """Print one line."""
        print(text, file=self.stream)

    def json(self, payload: Any) -> None:
        """Print machine-readable JSON (ASCII escapes when stdout cannot take UTF-8)."""
        utf8 = codecs.lookup(getattr(self.stream, "encoding", None) or "utf-8").name == "utf-8"
        print(json.dumps(payload, ensure_ascii=not utf8, indent=2), file=self.stream)

    def flush(self) -> None:
        """Push what was printed to stdout now, so a failure shows while it can be told."""
        self.stream.flush()

    def data(self, payload: bytes) -> None:
        """Write bytes as they are (an export to stdout)."""
        self.stream.flush()
        self.stream.buffer.write(payload)
        self.stream.buffer.flush()

    def error(self, message: str) -> None:
        """One `planner: error: ...` line on stderr."""
        error(message, self.errors)

    def warning(self, message: str) -> None:
        """One `planner: warning: ...` line on stderr."""
        with contextlib.suppress(OSError):  # stderr itself full or gone: nothing to tell
            print(f"planner: warning: {one_line(message)}", file=self.errors)

    def confirm(self, question: str) -> bool:
        """Ask a yes/no question on the terminal; only `y` or `yes` is a yes."""
        answer = input(f"{question} [y/N] ")
        return answer.strip().lower() in ("y", "yes")

    def table(
        self, headers: Sequence[str], rows: Sequence[Sequence[str]], wrap_last: int = 0
    ) -> list[str]:
        """An aligned table as lines; cells are folded to one line and made safe."""
        clean = [[safe_cell(c) for c in row] for row in rows]
        widths = [width(h) for h in headers]
        for row in clean:
            for i, cell in enumerate(row):
                widths[i] = max(widths[i], width(cell))
        if wrap_last and widths:
            widths[-1] = min(widths[-1], wrap_last)
        lines = [self.style(_join(headers, widths), "bold")]
        for row in clean:
            cells = list(row)
            if wrap_last and cells and width(cells[-1]) > wrap_last:
                cells[-1] = cells[-1][: wrap_last - 1] + "…"
            lines.append(_join(cells, widths))
        return lines


def _join(cells: Sequence[str], widths: Sequence[int]) -> str:
    parts = [c + " " * (w - width(c)) for c, w in zip(cells, widths, strict=False)]
    return "  ".join(parts).rstrip()


def width(text: str) -> int:
    """Display width in terminal cells (wide East Asian characters count two)."""
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def safe_cell(text: str) -> str:
    """User or content text made safe for a terminal and folded onto one line."""
    return one_line(text)


def safe(text: str) -> str:
    """User or content text made safe for a terminal (newlines kept)."""
    from planner.domain.text import normalize_text

    return normalize_text(text)


def bar(score: int, width_cells: int = BAR_WIDTH) -> str:
    """A 0-100 score as a bar of block characters."""
    filled = round(max(0, min(100, score)) / 100 * width_cells)
    return "█" * filled + "░" * (width_cells - filled)


def error(message: str, stream: TextIO | None = None) -> None:
    """The one-line error convention on stderr."""
    with contextlib.suppress(OSError):  # stderr itself full or gone: the exit code tells
        print(f"planner: error: {one_line(message)}", file=stream or sys.stderr)
        (stream or sys.stderr).flush()
