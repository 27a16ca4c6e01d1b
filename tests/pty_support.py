"""Run a real `planner` (or any argv) on a pseudo-terminal and read what it draws."""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Terminal:
    """A process on a pty: `stream` collects every byte it wrote to the terminal."""

    proc: subprocess.Popen[bytes]
    master: int | None
    stream: bytearray = field(default_factory=bytearray)

    def read_until(self, needle: bytes | None, seconds: float, since: int = 0) -> bool:
        """Collect output until `needle` shows up (True), or the time is up or the pty closes.

        Only output from offset `since` of the stream on counts (see `mark`). With `needle`
        None it just collects for `seconds` and says whether the pty closed.
        """
        assert self.master is not None
        if needle is not None and needle in self.stream[since:]:
            return True
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if not ready:
                continue
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return needle is None
            if not chunk:
                return needle is None
            self.stream += chunk
            if needle is not None and needle in self.stream[since:]:
                return True
        return False

    def mark(self) -> int:
        """Where the output collected so far ends: pass it as `since` to wait for new output."""
        return len(self.stream)

    def press(self, keys: bytes, shows: bytes, seconds: float = 60) -> bool:
        """Send keys, then wait until the program draws `shows` (new output only).

        Waiting for what the keys bring on screen, not for a fixed time, keeps a test right
        on a loaded machine: the next keys go to the screen or form that is now shown.
        """
        start = self.mark()
        assert self.master is not None
        os.write(self.master, keys)
        return self.read_until(shows, seconds, since=start)

    def type(self, keys: bytes, settle: float = 0.0) -> None:
        """Send keys, then keep reading for `settle` seconds."""
        assert self.master is not None
        os.write(self.master, keys)
        if settle:
            self.read_until(None, settle)

    def hang_up(self) -> None:
        """Close the terminal side, as when its window is closed."""
        if self.master is not None:
            os.close(self.master)
            self.master = None


@contextmanager
def terminal(
    argv: Sequence[str], env: Mapping[str, str], rows: int = 24, cols: int = 80
) -> Iterator[Terminal]:
    """Start `argv` on a new pty of rows x cols; killed (with its group) if still running."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    proc = subprocess.Popen(
        list(argv),
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env={**os.environ, "TERM": "xterm-256color", **env},
        close_fds=True,
        start_new_session=True,
    )
    os.close(slave)
    term = Terminal(proc, master)
    try:
        yield term
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        term.hang_up()
