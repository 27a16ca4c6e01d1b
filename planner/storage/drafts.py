"""Recovery files: form text that was typed but not saved when the app stopped.

The TUI writes its open, changed forms to `recovery-<pid>.json` in the data folder (0600,
atomically) while it runs and when it is stopped (quit, SIGTERM, SIGHUP, a crash). The next
start offers the files of processes that are gone. Restoring first renames a file to
`recovery-<pid>.json.replaying-<pid of the restorer>`: if the restore itself crashes, the next
start finds that name, sets the file aside as `*.not-restored` and says where it is, so a
file that breaks the app is never replayed a second time.

The file is the TUI's own business (it never holds committed data), so it is plain JSON
outside the planner's data file and lock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from planner.storage.atomic import atomic_write, ensure_private_dir
from planner.storage.errors import StorageError

PREFIX = "recovery-"
SUFFIX = ".json"
REPLAYING = ".replaying-"
KEPT = ".kept-"
SET_ASIDE = ".not-restored"
FORMAT_VERSION = 1
MAX_PID = 2**31 - 1
"""No process id is larger (Linux caps pid_max at 2**22); a larger one is not a pid."""
MAX_FILE_BYTES = 16 * 1024 * 1024
"""Far above the text of a few open forms: a bigger recovery file is set aside unread."""


@dataclass(frozen=True)
class DraftFile:
    """One recovery file found at start-up, with what it holds."""

    path: Path
    pid: int
    saved: str
    """When it was written (ISO time, UTC), as stored."""
    drafts: tuple[dict[str, object], ...]


def _pid_alive(pid: int) -> bool:
    if not 0 < pid <= MAX_PID:
        return False  # not a process id at all (a hand-made or hostile name)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: alive
    except (OSError, OverflowError, ValueError):
        return False
    return True


def _digits(text: str) -> bool:
    """Whether `text` is a number written in ASCII digits (not `²` nor Arabic-Indic digits)."""
    return text.isascii() and text.isdigit()


def _pid_of(name: str) -> int | None:
    """The writer's pid of `recovery-<pid>.json` or `recovery-<pid>.json.kept-<n>`, else None.

    The pid may be out of range (a 20-digit number): such a file is ours to set aside.
    """
    head, kept, n = name.partition(KEPT)
    if kept and not _digits(n):
        return None
    if not (head.startswith(PREFIX) and head.endswith(SUFFIX)):
        return None
    digits = head[len(PREFIX) : len(head) - len(SUFFIX)]
    return int(digits[:40]) if _digits(digits) else None


class DraftFiles:
    """The recovery files of one data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir

    def path_for(self, pid: int) -> Path:
        """The recovery file of process `pid`."""
        return self.data_dir / f"{PREFIX}{pid}{SUFFIX}"

    def write(self, pid: int, drafts: list[dict[str, object]], now: dt.datetime) -> Path:
        """Store the drafts of process `pid` (replacing its earlier file); 0600, atomic."""
        path = self.path_for(pid)
        payload = {
            "format": FORMAT_VERSION,
            "pid": pid,
            "saved": now.astimezone(dt.UTC).isoformat(timespec="seconds"),
            "drafts": drafts,
        }
        # ASCII JSON: any str can be written, a lone surrogate included (read back, it is
        # dropped by the normalizer like typed text).
        data = json.dumps(payload, indent=1).encode("ascii")
        try:
            ensure_private_dir(self.data_dir)
            atomic_write(path, data)
        except OSError as exc:
            raise StorageError(
                f"could not keep unsaved form text in {path}: {exc.strerror or exc}"
            ) from None
        return path

    def remove(self, pid: int) -> None:
        """Delete the recovery file of process `pid`, if any."""
        with contextlib.suppress(FileNotFoundError):
            self.path_for(pid).unlink()

    def _names(self) -> list[str]:
        try:
            return sorted(os.listdir(self.data_dir))
        except OSError:
            return []

    def scan(self, own_pid: int) -> tuple[list[DraftFile], list[Path]]:
        """What a starting app should offer, and the files it set aside instead.

        Offered: files of processes that are gone (or of this pid, so written by an earlier
        process). Set aside (renamed `*.not-restored`, never offered again): files whose
        replay never finished, and files that cannot be read or parsed.
        """
        set_aside = self._failed_replays(own_pid)
        found: list[DraftFile] = []
        for name in self._names():
            pid = _pid_of(name)
            if pid is None or (KEPT not in name and pid != own_pid and _pid_alive(pid)):
                continue
            path = self.data_dir / name
            if not 0 < pid <= MAX_PID:
                # Named like a recovery file but no process wrote it: keep it, never offer it.
                moved = self._set_aside(path)
                if moved is not None:
                    set_aside.append(moved)
                continue
            if pid == own_pid and KEPT not in name:
                # An earlier process had this pid: move its file off the name this process
                # writes to, so it stays on offer.
                path = self._free_name(partial("{0}{1}{2}".format, name, KEPT))
                try:
                    os.replace(self.data_dir / name, path)
                except OSError:
                    continue
            try:
                found.append(self._read(path, pid))
            except (OSError, ValueError, RecursionError):
                # Unreadable, not JSON, the wrong shape, nested too deeply: set aside.
                moved = self._set_aside(path)
                if moved is not None:
                    set_aside.append(moved)
        return found, set_aside

    def _read(self, path: Path, pid: int) -> DraftFile:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ValueError("too big to be a recovery file")
        payload = json.loads(path.read_bytes().decode("utf-8"))
        if not isinstance(payload, dict) or not isinstance(payload.get("drafts"), list):
            raise ValueError("not a recovery file")
        drafts = tuple(d for d in payload["drafts"] if isinstance(d, dict))
        return DraftFile(path, pid, str(payload.get("saved", "")), drafts)

    def claim(self, found: DraftFile, own_pid: int) -> Path:
        """Rename a file before replaying it, so a crash during the replay is not repeated."""
        claimed = found.path.with_name(f"{found.path.name}{REPLAYING}{own_pid}")
        os.replace(found.path, claimed)
        return claimed

    def release(self, claimed: Path) -> None:
        """The replay worked (its forms are open again): forget the claimed file."""
        with contextlib.suppress(FileNotFoundError):
            claimed.unlink()

    def set_aside(self, path: Path) -> Path | None:
        """Rename a claimed file `*.not-restored` so it is kept but never offered again."""
        head = path.name.partition(REPLAYING)[0]
        return self._set_aside(path, head)

    def discard(self, found: DraftFile) -> None:
        """The user chose not to restore this file."""
        with contextlib.suppress(FileNotFoundError):
            found.path.unlink()

    def _failed_replays(self, own_pid: int) -> list[Path]:
        """Set aside files whose replay never finished (the restoring process died)."""
        moved: list[Path] = []
        for name in self._names():
            head, sep, tail = name.partition(REPLAYING)
            if not sep or not _digits(tail):
                continue
            if _pid_of(head) is None:
                continue
            restorer = int(tail[:40])
            if restorer != own_pid and _pid_alive(restorer):
                continue
            target = self._set_aside(self.data_dir / name, head)
            if target is not None:
                moved.append(target)
        return moved

    def _free_name(self, name: Callable[[int], str]) -> Path:
        """The first `name(n)` (n = 1, 2, ...) that does not exist yet."""
        n = 1
        while (target := self.data_dir / name(n)).exists():
            n += 1
        return target

    def _set_aside(self, path: Path, base: str | None = None) -> Path | None:
        stem = f"{base or path.name}{SET_ASIDE}"
        target = self._free_name(lambda n: stem if n == 1 else f"{stem}-{n}")
        try:
            os.replace(path, target)
        except OSError:
            return None
        return target
