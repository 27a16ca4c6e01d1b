"""Where the content packs and seniority templates are: shipped inside the package.

The repository keeps them at its top, in `content/` and `plans/`; the wheel and the sdist
carry them as package data of `planner.content` (`packs/` and `plans/`, mapped in setup.py)
and they are read through importlib.resources. An editable install runs from the source
checkout, where the package has no copy: the folders at the top of the checkout are used.
$PLANNER_CONTENT and $PLANNER_PLANS point at other folders (pack authors, tests).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

ENV_CONTENT = "PLANNER_CONTENT"
ENV_PLANS = "PLANNER_PLANS"
_HERE = Path(__file__)
_CHECKOUT = _HERE.resolve().parent.parent.parent


def packs_dir() -> Traversable:
    """The folder holding the content packs (one sub-folder per pack)."""
    return _folder(ENV_CONTENT, "packs", "content")


def plans_dir() -> Traversable:
    """The folder holding the seniority templates (`<seniority>.toml`)."""
    return _folder(ENV_PLANS, "plans", "plans")


def _folder(env: str, shipped: str, checkout: str) -> Traversable:
    """The folder named by `env`, else the package's copy, else the source checkout's."""
    override = os.environ.get(env)
    if override:
        return Path(override)
    if _HERE.is_file():
        # A package on disk: importlib.resources would hand back this very folder (and
        # importing it costs `planner today` several milliseconds of zipfile and friends).
        on_disk = _HERE.parent / shipped
        if on_disk.is_dir():
            return on_disk
        return _CHECKOUT / checkout
    from importlib.resources import files

    packaged = files("planner.content") / shipped
    if packaged.is_dir():
        return packaged
    return _CHECKOUT / checkout
