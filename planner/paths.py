"""Where the user's data lives: `--data-dir`, else $PLANNER_HOME, else the platform's folder."""

from __future__ import annotations

import os
from pathlib import Path

from planner.errors import InputError

ENV_HOME = "PLANNER_HOME"
APP_NAME = "loop-planner"


def data_dir(cli_value: str | None = None) -> Path:
    """The data folder: `--data-dir`, else $PLANNER_HOME, else the platform's user data dir.

    An empty `--data-dir ""` or `PLANNER_HOME=""` is refused (InputError): it is almost
    always a variable that was meant to be set, and quietly using the default folder would
    read or change another plan than the one the user meant.
    """
    if cli_value is not None:
        return _given(cli_value, "--data-dir")
    env = os.environ.get(ENV_HOME)
    if env is not None:
        return _given(env, f"${ENV_HOME}")
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def _given(value: str, source: str) -> Path:
    if not value.strip():
        raise InputError(
            f"{source} is empty: give a folder, or leave it out to use the default folder",
            field="data_dir",
        )
    return Path(value).expanduser()
