"""Where the user's data lives: `--data-dir`, else $PLANNER_HOME, else the platform's folder."""

from __future__ import annotations

import os
from pathlib import Path

ENV_HOME = "PLANNER_HOME"
APP_NAME = "loop-planner"


def data_dir(cli_value: str | None = None) -> Path:
    """The data folder: `--data-dir`, else $PLANNER_HOME, else the platform's user data dir."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))
