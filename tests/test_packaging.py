"""An installed planner (not the editable checkout) carries its content packs and templates.

The sdist is built from a copy of the source tree, the wheel from that sdist, and the wheel is
installed into a fresh virtual environment outside the tree; its `planner` then validates the
content and builds a plan. Nothing is downloaded: the build uses this environment's setuptools
and the new environment borrows this one's installed dependencies.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIPPED = shutil.ignore_patterns(
    ".git",
    ".venv",
    "__pycache__",
    "*.egg-info",
    ".*_cache",
    ".hypothesis",
    "build",
    "dist",
    "__snapshots__",
)
NOT_BORROWED = ("loop_planner", "__editable__", "_distutils_hack", "pip", "setuptools", "pkg_")
"""Entries of this environment's site-packages the new one must not see: the planner itself
(it must come from the wheel) and the packaging tools."""


def _run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(c) for c in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"{command}: {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _borrow_dependencies(venv: Path, tmp_path: Path) -> None:
    """Let the new environment import this one's dependencies (not the planner)."""
    borrowed = tmp_path / "borrowed"
    borrowed.mkdir()
    for entry in Path(sysconfig.get_paths()["purelib"]).iterdir():
        if entry.name.startswith(NOT_BORROWED) or entry.suffix == ".pth":
            continue
        (borrowed / entry.name).symlink_to(entry)
    site = next((venv / "lib").glob("python*/site-packages"))
    (site / "borrowed.pth").write_text(f"{borrowed}\n", encoding="utf-8")


def test_the_wheel_from_the_sdist_validates_content_and_builds_a_plan(tmp_path: Path) -> None:
    """`pip install` of the wheel gives a `planner` that finds its packs and templates."""
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=SKIPPED, symlinks=True)
    build = "import sys\nfrom setuptools import build_meta as b\nprint(b.build_sdist(sys.argv[1]))"
    name = _run(sys.executable, "-c", build, tmp_path / "sdist", cwd=source).split()[-1]
    sdist = tmp_path / "sdist" / name
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
    top = name.removesuffix(".tar.gz")
    assert f"{top}/content/coursera-pm/pack.toml" in names
    assert f"{top}/plans/mid.toml" in names

    wheels = tmp_path / "wheels"
    pip = (sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input")
    _run(*pip, "wheel", sdist, "--no-deps", "--no-build-isolation", "-w", wheels, cwd=tmp_path)
    (wheel,) = wheels.glob("loop_planner-*.whl")

    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    _borrow_dependencies(venv, tmp_path)
    python = venv / "bin" / "python"
    _run(*pip, "--python", python, "install", "--no-index", "--no-deps", wheel, cwd=tmp_path)

    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "PLANNER_HOME": str(tmp_path / "data"),
        "PLANNER_CONFIG": str(tmp_path / "no-settings.toml"),
        "NO_COLOR": "1",
    }
    where = "from planner.content import bundled\nprint(bundled.packs_dir())"
    packs = Path(_run(python, "-c", where, cwd=tmp_path, env=env).strip())
    assert packs.is_relative_to(venv), packs

    planner = venv / "bin" / "planner"
    validated = _run(planner, "content", "validate", cwd=tmp_path, env=env)
    assert validated.startswith("ok: coursera-pm: 7 rounds"), validated
    made = _run(
        planner,
        "--today",
        "2026-11-25",
        "init",
        "--seniority",
        "mid",
        "--onsite",
        "2026-12-24",
        cwd=tmp_path,
        env=env,
    )
    assert made.startswith("Plan ready:"), made
