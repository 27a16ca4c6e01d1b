"""Reading TOML content: typed accessors that collect every problem instead of stopping."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
T = TypeVar("T")


@dataclass(frozen=True)
class Problem:
    """One validation finding: where it is and what is wrong."""

    file: str
    entry: str
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.entry:
            where += f": {self.entry}"
        if self.field:
            # `file: entry.field`, or `file: field` for a top-level key (never `file.field`).
            where += f".{self.field}" if self.entry else f": {self.field}"
        return f"{where}: {self.message}"


class ContentError(Exception):
    """Raised when a pack or template does not validate; holds every problem found."""

    bad_input = True
    """Bad input (exit 2 from the command line, see `planner.errors.exit_code`)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = str(problems[0]) if problems else "invalid content"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(first + more)


class Reader:
    """Typed accessors over one TOML table that record problems instead of raising."""

    def __init__(self, problems: list[Problem], file: str, entry: str, data: Mapping[str, Any]):
        self.problems = problems
        self.file = file
        self.entry = entry
        self.data = data

    def fail(self, name: str, message: str) -> None:
        self.problems.append(Problem(self.file, self.entry, name, message))

    def _get(self, name: str, default: Any, required: bool) -> Any:
        if name not in self.data:
            if required:
                self.fail(name, "is required")
            return None
        return self.data[name]

    def text(self, name: str, default: str = "", required: bool = True) -> str:
        value = self._get(name, default, required)
        if value is None:
            return default
        if not isinstance(value, str):
            self.fail(name, f"must be text, not {type(value).__name__}")
            return default
        if required and not value.strip():
            self.fail(name, "must not be blank")
        return value

    def ident(self, name: str = "id") -> str:
        value = self.text(name)
        if value and not ID_RE.match(value):
            self.fail(name, f"'{value}' is not a lowercase-kebab-case id")
        return value

    def integer(
        self, name: str, default: int = 0, required: bool = True, low: int = 0, high: int = 10**6
    ) -> int:
        value = self._get(name, default, required)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(name, f"must be a whole number, not {value!r}")
            return default
        if not low <= value <= high:
            self.fail(name, f"must be between {low} and {high}, not {value}")
            return default
        return value

    def number(
        self,
        name: str,
        default: float = 0.0,
        required: bool = True,
        low: float = 0.0,
        high: float = 1e6,
    ) -> float:
        value = self._get(name, default, required)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(name, f"must be a number, not {value!r}")
            return default
        if not low <= float(value) <= high:
            self.fail(name, f"must be between {low:g} and {high:g}, not {value}")
            return default
        return float(value)

    def boolean(self, name: str, default: bool = False) -> bool:
        value = self._get(name, default, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.fail(name, f"must be true or false, not {value!r}")
            return default
        return value

    def texts(self, name: str, required: bool = True) -> tuple[str, ...]:
        value = self._get(name, [], required)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(name, "must be a list of text")
            return ()
        if required and not value:
            self.fail(name, "must not be empty")
        return tuple(value)

    def table(self, name: str, required: bool = True) -> Mapping[str, Any]:
        value = self._get(name, {}, required)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.fail(name, "must be a table")
            return {}
        return value


def read_toml(path: Traversable, problems: list[Problem], label: str) -> dict[str, Any] | None:
    import tomllib  # here, not at the top: ContentError is imported by every command

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(Problem(label, "", "", "file is missing"))
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(label, "", "", f"cannot be read: {exc}"))
    except tomllib.TOMLDecodeError as exc:
        problems.append(Problem(label, "", "", f"is not valid TOML: {exc}"))
    return None


def entries(
    data: Mapping[str, Any] | None,
    key: str,
    label: str,
    problems: list[Problem],
    build: Callable[[Reader], T | None],
) -> tuple[T, ...]:
    """Build every entry of the array of tables `key`, checking ids are unique."""
    if data is None:
        return ()
    raw = data.get(key)
    if not isinstance(raw, list) or not raw:
        problems.append(Problem(label, "", key, "must be a non-empty array of tables"))
        return ()
    out: list[T] = []
    seen: set[str] = set()
    for index, entry in enumerate(raw):
        if not isinstance(entry, dict):
            problems.append(Problem(label, f"{key}[{index}]", "", "must be a table"))
            continue
        raw_id = entry.get("id", entry.get("round"))
        name = f"{key}[{raw_id}]" if isinstance(raw_id, str) and raw_id else f"{key}[{index}]"
        reader = Reader(problems, label, name, entry)
        if isinstance(raw_id, str):
            if raw_id in seen:
                reader.fail("id", f"duplicate id '{raw_id}'")
            seen.add(raw_id)
        built = build(reader)
        if built is not None:
            out.append(built)
    return tuple(out)


def optional_entries(
    data: Mapping[str, Any],
    key: str,
    label: str,
    problems: list[Problem],
    build: Callable[[Reader], T | None],
) -> tuple[T, ...]:
    """Like `entries`, for an array of tables that may be left out."""
    if key not in data:
        return ()
    return entries(data, key, label, problems, build)


def check_refs(
    reader_problems: list[Problem],
    label: str,
    entry: str,
    name: str,
    refs: Iterable[str],
    valid: Iterable[str],
    what: str,
) -> None:
    valid_set = set(valid)
    for ref in refs:
        if ref not in valid_set:
            choices = ", ".join(sorted(valid_set))
            reader_problems.append(
                Problem(label, entry, name, f"unknown {what} '{ref}' (valid: {choices})")
            )
