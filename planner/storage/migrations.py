"""Forward-only schema migrations of the data file (pure dict transforms)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SCHEMA_VERSION = 1

Tables = dict[str, dict[str, Any]]

MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {}
"""Maps version N to the function that turns an N file into an N+1 file."""
