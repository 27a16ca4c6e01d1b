"""Where things live: the data folder, content packs and plan templates."""

from __future__ import annotations

import os
from pathlib import Path

ENV_HOME = "PLANNER_HOME"
ENV_CONTENT = "PLANNER_CONTENT"
ENV_PLANS = "PLANNER_PLANS"
APP_NAME = "loop-planner"

_ROOT = Path(__file__).resolve().parent.parent


def data_dir(cli_value: str | None = None) -> Path:
    """The data folder: `--data-dir`, else $PLANNER_HOME, else the platform's user data dir."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def content_dir() -> Path:
    """The folder holding content packs (one sub-folder per pack)."""
    env = os.environ.get(ENV_CONTENT)
    return Path(env) if env else _ROOT / "content"


def plans_dir() -> Path:
    """The folder holding the seniority templates."""
    env = os.environ.get(ENV_PLANS)
    return Path(env) if env else _ROOT / "plans"
