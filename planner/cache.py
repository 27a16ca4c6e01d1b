"""A cache of what a later process would otherwise parse again: the content packs (see
`planner.content.compiled`) and the decoded records of a large data file (see
`planner.storage.state_cache`).

Each entry is one file in the user's cache folder ($PLANNER_CACHE, else the platform's
cache folder for loop-planner) named after what it holds and where it came from. It
starts with its key, then a checksum of the payload, then the payload. The key is the
source files' bytes themselves (compared whole, so no edit of a file can ever be mistaken
for another), with the Python and planner versions and a checksum of the code that built
the entry. A reader uses an entry only when its key equals the one the files give now and
the payload matches its checksum; anything else (another version's entry, a truncated or
edited file, an unreadable folder) is ignored and the entry rebuilt. Writers write a
temporary file and rename it into place, so a reader sees a whole entry or none, and two
processes writing the same entry at once both write a correct one. An entry someone else
could have written (another owner, writable by group or others) is not used, nor anything
but a regular file (a FIFO there would hang the reader). Nothing here raises: without a
usable cache folder the files are simply parsed each time.

No hashlib: loading OpenSSL would cost `planner today` more than the parsing it saves.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import zlib
from collections.abc import Iterable
from pathlib import Path

ENV_CACHE = "PLANNER_CACHE"
APP_NAME = "loop-planner"
MAGIC = b"loop-planner content cache 2\n"
_PACKAGE = Path(__file__).resolve().parent
_SIZE = 8  # bytes of the key's length
_CRC = 4  # bytes of a CRC-32


def cache_dir() -> Path | None:
    """The cache folder: $PLANNER_CACHE, else the platform's (None when there is no home)."""
    env = os.environ.get(ENV_CACHE, "").strip()
    try:
        if env:
            return Path(env).expanduser()  # RuntimeError: "~someone" who does not exist
        if sys.platform == "linux":
            # What platformdirs answers on Linux, without importing it (a few ms of start-up).
            xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
            return (Path(xdg) if xdg else Path.home() / ".cache") / APP_NAME
        from platformdirs import user_cache_dir

        return Path(user_cache_dir(APP_NAME, appauthor=False))
    except (RuntimeError, OSError):  # no home folder to be found
        return None


def key(sources: Iterable[bytes | None], code: Iterable[str]) -> bytes:
    """The key of an entry built from `sources` (None: a file that is missing) by the code
    in `code` (paths inside the `planner` package, e.g. "content/pack.py": a checksum of
    each is part of the key, so an entry never outlives the code that built it)."""
    from planner import __version__

    parts = [_part(f"{sys.version}\n{__version__}".encode())]
    for module in code:
        source = _read(_PACKAGE / module)
        crc = b"-" if source is None else f"{len(source)}:{zlib.crc32(source)}".encode()
        parts.append(_part(crc))
    parts.extend(_part(source) for source in sources)
    return b"".join(parts)


def entry_name(kind: str, folder: object) -> str:
    """The file name of the entry of `kind` for the content at `folder`."""
    return f"{kind}-{zlib.crc32(str(folder).encode()):08x}.bin"


def read(name: str, entry_key: bytes) -> bytes | None:
    """The payload of entry `name` when it was built for `entry_key` and is whole, else None."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        # Not blocking: in a folder others can write, a FIFO could stand in for the entry.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(folder / name, flags)
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode) or not _private(st):
                return None
            data = fh.read()
    except (OSError, ValueError):
        return None
    head = _head(entry_key)
    start = len(head) + _CRC
    if len(data) < start or not data.startswith(head):
        return None
    payload = data[start:]
    if zlib.crc32(payload).to_bytes(_CRC, "big") != data[len(head) : start]:
        return None
    return payload


def write(name: str, entry_key: bytes, payload: bytes, *, secret: bool = False) -> None:
    """Store `payload` as entry `name` for `entry_key` (quietly nothing when it cannot).

    `secret`: the payload holds the user's own data, so it is written only into a cache
    folder that is the user's and that nobody else can read or enter (0700, as the planner
    creates it); a folder shared more widely gets no such entry.
    """
    folder = cache_dir()
    if folder is None:
        return
    tmp = folder / f".{name}.{os.getpid()}.{os.urandom(6).hex()}.tmp"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if secret and not _owner_only(folder.stat()):
            return
        _remove_stale_temps(folder, name)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(_head(entry_key) + zlib.crc32(payload).to_bytes(_CRC, "big") + payload)
        os.replace(tmp, folder / name)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            tmp.unlink()


STALE_TEMP_SECONDS = 600
"""A temporary file this old was left by a writer that was killed (a write takes ms)."""


def _remove_stale_temps(folder: Path, name: str) -> None:
    """Delete what killed writers of entry `name` left behind (an entry can be MBs)."""
    import time

    limit = time.time() - STALE_TEMP_SECONDS
    for tmp in folder.glob(f".{name}.*.tmp"):
        with contextlib.suppress(OSError):
            if tmp.lstat().st_mtime < limit:
                tmp.unlink()


def _head(entry_key: bytes) -> bytes:
    return MAGIC + len(entry_key).to_bytes(_SIZE, "big") + entry_key


def _private(st: os.stat_result) -> bool:
    """Whether an entry is the user's own and nobody else could have written it."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # Windows: the folder's permissions decide
        return True
    return st.st_uid == getuid() and not st.st_mode & 0o022


def _owner_only(st: os.stat_result) -> bool:
    """Whether a folder is the user's own and closed to everybody else."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # Windows: the folder's permissions decide
        return True
    return st.st_uid == getuid() and not st.st_mode & 0o077


def _part(data: bytes | None) -> bytes:
    """`data` with its length in front (so that no two lists of parts read alike)."""
    if data is None:
        return b"-\n"
    return f"{len(data)}\n".encode() + data


def _read(path: Path) -> bytes | None:
    """A file's bytes (None when it cannot be read)."""
    try:
        return path.read_bytes()
    except OSError:
        return None
