"""The data folder as a whole: exports and imports, backups, watching the file, unsaved text."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.errors import InputError
from planner.service.session import Session
from planner.storage.drafts import DraftFile, DraftFiles

if TYPE_CHECKING:
    import datetime as dt

EXPORT_FORMAT = "loop-planner-export"
EXPORT_VERSION = 1
EXPORT_FORMATS = ("md", "ics", "json")
EXPORT_NAMES = {"md": "plan.md", "ics": "plan.ics", "json": "planner-export.json"}
"""The file an export gets when it is written into the data folder."""

__all__ = ["EXPORT_FORMATS", "Data", "DraftFile"]


class Data:
    """The data folder's use cases over one session."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._drafts = DraftFiles(session.store.data_dir)

    @property
    def folder(self) -> Path:
        """The data folder."""
        return self.session.store.data_dir

    @property
    def file(self) -> Path:
        """The data file."""
        return self.session.store.path

    # -- watching --------------------------------------------------------------------------

    def signature(self) -> object:
        """What changes whenever the data file does (None while there is no file)."""
        return self.session.store.signature()

    def busy(self) -> bool:
        """Whether another process holds the data lock right now."""
        return self.session.store.busy()

    def wait_for_lock_at_most(self, seconds: float) -> None:
        """Give up a save after this long when another process holds the lock."""
        store = self.session.store
        store.lock_timeout = min(store.lock_timeout, seconds)

    # -- exports ---------------------------------------------------------------------------

    def export(self, fmt: str) -> bytes:
        """The plan as Markdown or iCalendar, or everything as JSON."""
        from planner.service import export

        if fmt == "md":
            return export.markdown(self.session).encode("utf-8")
        if fmt == "ics":
            return export.ics(self.session)
        if fmt == "json":
            text = json.dumps(self.export_json(), ensure_ascii=False, indent=2) + "\n"
            return text.encode("utf-8")
        raise InputError(f"unknown export format '{fmt}' (valid: {', '.join(EXPORT_FORMATS)})")

    def write_export(self, fmt: str, target: Path | None = None) -> Path:
        """Write an export to `target` (default: a file in the data folder); see write_file."""
        data = self.export(fmt)
        path = target if target is not None else self.folder / EXPORT_NAMES[fmt]
        return self.write_file(path, data)

    def write_file(self, path: Path, data: bytes) -> Path:
        """Write `data` to `path` (a file the user named: an export, a kit).

        The data folder's own files are refused (InputError, nothing written). A regular
        file or a new path is replaced atomically; a link, a device or a FIFO is written
        through and stays what it is (`-o /dev/stdout` writes to stdout).
        """
        from planner.storage.targets import is_data_file, write_target

        if is_data_file(self.folder, path):
            raise InputError(
                f"{path} is one of the data folder's own files: write the export elsewhere",
                field="output",
            )
        if path.is_dir():
            raise InputError(f"{path} is a folder: give a file name", field="output")
        if not path.parent.is_dir():
            raise InputError(f"folder {path.parent} does not exist", field="output")
        try:
            write_target(path, data)
        except BrokenPipeError:
            raise  # `-o /dev/stdout | head`: the reader left (the CLI ends quietly)
        except OSError as exc:
            raise InputError(
                f"cannot write {path}: {exc.strerror or exc}", field="output"
            ) from None
        return path

    @staticmethod
    def is_stdout(path: Path) -> bool:
        """Whether `path` is this process's stdout (then nothing else may go there)."""
        from planner.storage.targets import is_stdout

        return is_stdout(path)

    def export_json(self) -> dict[str, Any]:
        """Everything the user has, as one JSON document."""
        from planner.storage import SCHEMA_VERSION

        with self.session.store.snapshot() as records:
            data = records.dump()
        return {
            "format": EXPORT_FORMAT,
            "version": EXPORT_VERSION,
            "schema_version": SCHEMA_VERSION,
            "exported": self.session.today.isoformat(),
            "data": data,
        }

    def import_json(self, raw: bytes, replace_existing: bool = False) -> dict[str, int]:
        """Restore an export; refuses a non-empty data folder unless `replace_existing`.

        Every record is checked before anything is written; returns the count per table.
        """
        from planner.storage import codec

        decoders = {
            "_meta": codec.meta_from_record,  # the id counters (storage: ids are never reused)
            "tasks": codec.task_from_record,
            "mocks": codec.mock_from_record,
            "research": codec.research_from_record,
            "stories": codec.story_from_record,
            "reviews": codec.review_from_record,
            "own_research": codec.own_research_from_record,
        }
        try:
            doc = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"the file is not a JSON export: {exc}") from None
        if not isinstance(doc, dict) or doc.get("format") != EXPORT_FORMAT:
            raise InputError("the file is not a Loop Planner export (no 'format' marker)")
        if doc.get("version") != EXPORT_VERSION:
            raise InputError(f"export version {doc.get('version')!r} is not supported")
        data = doc.get("data")
        if not isinstance(data, dict):
            raise InputError("the export has no 'data' table")
        clean: dict[str, list[dict[str, Any]]] = {}
        for table, records in data.items():
            if table not in ("profile", *decoders):
                raise InputError(f"the export has an unknown table '{table}'")
            if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
                raise InputError(f"table '{table}' is not a list of records")
            decode = decoders.get(table)
            for n, record in enumerate(records, start=1):
                try:
                    if decode is not None:
                        decode(record)
                    else:
                        codec.settings_from_record(record["settings"])
                        for d in record["days"]:
                            codec.day_from_record(d)
                except (ValueError, KeyError, TypeError) as exc:
                    raise InputError(f"record {n} of '{table}' is not valid: {exc}") from None
            clean[table] = records
        with self.session.write() as session:
            if not session.is_empty() and not replace_existing:
                raise InputError(
                    "the data folder is not empty: pass --replace to overwrite it "
                    "with the export (a backup of the current data is kept)"
                )
            session.load_dump(clean)
            session.reset_counters(clean)
        # `_meta` holds the id counters, not records: it is not counted.
        return {table: len(records) for table, records in clean.items() if table != "_meta"}

    def read_export(self, path: Path, replace_existing: bool = False) -> dict[str, int]:
        """Import the export in this file (see `import_json`)."""
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read {path}: {exc.strerror}", field="file") from None
        return self.import_json(raw, replace_existing)

    # -- backups ---------------------------------------------------------------------------

    @property
    def backup_folder(self) -> Path:
        """Where the rolling backups are."""
        return self.session.store.backup_dir

    def backups(self) -> list[Path]:
        """The backups, newest first."""
        return self.session.store.backups()

    def find_backup(self, wanted: str) -> tuple[Path, list[tuple[Path, str]]]:
        """The backup named `wanted` (a name, a path, or `latest`), and with `latest` the
        newer damaged backups skipped (with why); InputError when none is."""
        backups = self.backups()
        skipped: list[tuple[Path, str]] = []
        if wanted == "latest":
            # The newest backup that can be read; a damaged newer one is named and skipped.
            chosen, skipped = self.session.store.readable_backup()
            if chosen is None and skipped:
                raise InputError(
                    f"no backup in {self.backup_folder} can be read (all {len(skipped)} are "
                    "damaged); nothing was changed",
                    field="backup",
                )
        else:
            chosen = next((b for b in backups if b.name == wanted or str(b) == wanted), None)
        if chosen is None:
            names = ", ".join(b.name for b in backups[:5]) or "none"
            raise InputError(
                f"unknown backup '{wanted}' (newest: {names}, or 'latest')", field="backup"
            )
        return chosen, skipped

    def restore(self, backup: Path) -> Path | None:
        """Make a backup the data file; the current file is kept aside (its path returned)."""
        return self.session.store.restore(backup)

    # -- unsaved form text -----------------------------------------------------------------

    def keep_drafts(
        self, pid: int, drafts: Sequence[Mapping[str, object]], now: dt.datetime
    ) -> Path | None:
        """Write this process's unsaved form text (or remove its file when there is none)."""
        if not drafts:
            self._drafts.remove(pid)
            return None
        return self._drafts.write(pid, [dict(d) for d in drafts], now)

    def find_drafts(self, own_pid: int) -> tuple[list[DraftFile], list[Path]]:
        """Recovery files left by processes that are gone, and those set aside as failed."""
        return self._drafts.scan(own_pid)

    def claim_drafts(self, found: DraftFile, own_pid: int) -> Path:
        """Take a recovery file for replay (renamed, so a crash while replaying is noticed)."""
        return self._drafts.claim(found, own_pid)

    def release_drafts(self, claimed: Path) -> None:
        """Remove a claimed recovery file once its text is back in forms."""
        self._drafts.release(claimed)

    def set_drafts_aside(self, path: Path) -> Path | None:
        """Keep a recovery file that cannot be replayed under a name that is never offered."""
        return self._drafts.set_aside(path)

    def discard_drafts(self, found: DraftFile) -> None:
        """Delete a recovery file the user chose to throw away."""
        self._drafts.discard(found)
