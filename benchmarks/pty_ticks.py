"""Space to a visible tick through a real terminal: the app runs on a pseudo-terminal at
80x24 and the time is taken from writing the key to the first bytes that draw the new tick.

Both apps are measured alike: Loop Planner on its Today screen, and a minimal Textual app
with one OptionList whose Space swaps the highlighted option's "○ " for "✔ " in place (run
with `python -m benchmarks.pty_ticks minimal`). Unlike the Pilot row, nothing here waits for
the app to go idle, so a save still running after the repaint does not count.
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time

DONE = "✔ ".encode()
NOT_DONE = "○ ".encode()
QUIET = 0.15
"""Seconds without output after which a repaint is taken as finished (between presses)."""


class Pty:
    """A process on a pseudo-terminal of 80x24, with what it wrote so far."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.proc = subprocess.Popen(
            argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env={**os.environ, **env, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"},
            start_new_session=True,
        )
        os.close(slave)
        self.master = master
        self.stream = bytearray()

    def read_until(self, needle: bytes, since: int, seconds: float = 60) -> bool:
        end = time.monotonic() + seconds
        while needle not in self.stream[since:]:
            if time.monotonic() > end:
                return False
            if not self._read(0.5) and self.proc.poll() is not None:
                return False  # the app ended without drawing it
        return True

    def drain(self) -> None:
        """Read until the app has been quiet for QUIET seconds."""
        while self._read(QUIET):
            pass

    def _read(self, wait: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], wait)
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 65536)
        except OSError:
            return False
        self.stream += chunk
        return bool(chunk)

    def close(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        os.close(self.master)


def space_to_tick_ms(
    argv: list[str], env: dict[str, str], open_keys: bytes, ready: bytes, presses: int = 11
) -> float:
    """Median ms from Space to the first bytes of the toggled tick (done, then not done...).

    The highlighted task must start not done; `presses` is odd so that with the warm-up
    press the task ends as it started.
    """
    term = Pty(argv, env)
    try:
        if open_keys:
            term.read_until(b"\x1b", 0, 120)  # started drawing: the keys are queued from here
            term.drain()
            os.write(term.master, open_keys)
        if not term.read_until(ready, 0, 120):
            raise RuntimeError(f"{argv} never drew {ready!r}")
        term.drain()
        times: list[float] = []
        for n in range(presses + 1):
            glyph = DONE if n % 2 == 0 else NOT_DONE
            mark = len(term.stream)
            begin = time.perf_counter()
            os.write(term.master, b" ")
            if not term.read_until(glyph, mark):
                raise RuntimeError(f"{argv}: Space never drew {glyph!r}")
            if n:  # the first press warms up what a first tick loads
                times.append((time.perf_counter() - begin) * 1000)
            term.drain()
        return statistics.median(times)
    finally:
        term.close()


def minimal() -> None:
    """The baseline app: one OptionList of ten tasks, Space ticks one in place."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.widgets import Footer, Header, Label, OptionList

    class Ticks(App[None]):
        BINDINGS = [Binding("space", "tick", "Done/undo")]

        def __init__(self) -> None:
            super().__init__()
            self.done = [False] * 10

        def compose(self) -> ComposeResult:
            yield Header()
            yield Label("Baseline ready")
            yield OptionList(*(self.prompt(n) for n in range(10)))
            yield Footer()

        def on_mount(self) -> None:
            tasks = self.query_one(OptionList)
            tasks.focus()
            tasks.highlighted = 0

        def prompt(self, n: int) -> str:
            tick = "✔ " if self.done[n] else "○ "
            return f"{tick} 45 min  Practise answer {n}  · practice"

        def action_tick(self) -> None:
            tasks = self.query_one(OptionList)
            n = tasks.highlighted
            if n is not None:
                self.done[n] = not self.done[n]
                tasks.replace_option_prompt_at_index(n, self.prompt(n))

    Ticks().run()


if __name__ == "__main__":
    if sys.argv[1:] == ["minimal"]:
        minimal()
