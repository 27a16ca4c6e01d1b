"""The layers keep their direction: domain and storage and the CLI never load Textual."""

from __future__ import annotations

import subprocess
import sys


def _loaded_after_import(modules: list[str]) -> set[str]:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + "print('\\n'.join(sorted(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_domain_imports_neither_textual_nor_tinydb_nor_rich() -> None:
    """The domain is pure: no UI, no storage, no argparse."""
    loaded = _loaded_after_import(
        [
            "planner.content.pack",
            "planner.content.templates",
            "planner.domain.schedule",
            "planner.domain.readiness",
            "planner.domain.stories",
            "planner.domain.practice",
            "planner.domain.advice",
            "planner.domain.drills",
            "planner.domain.text",
            "planner.domain.kit",
            "planner.domain.kit_render",
            "planner.domain.choice",
        ]
    )
    for banned in ("textual", "tinydb", "rich", "argparse"):
        assert banned not in loaded, banned


def test_storage_service_and_cli_commands_do_not_import_textual() -> None:
    """The CLI stays fast: Textual is loaded only when the TUI opens."""
    loaded = _loaded_after_import(
        [
            "planner.storage",
            "planner.service",
            "planner.service.plans",
            "planner.service.tasks",
            "planner.service.mocks",
            "planner.service.stories",
            "planner.service.research",
            "planner.service.practice",
            "planner.service.readiness",
            "planner.service.data",
            "planner.service.export",
            "planner.cli",
            "planner.cli.commands.plan",
            "planner.cli.commands.data",
            "planner.cli.commands.mocks",
            "planner.cli.commands.stories",
            "planner.cli.commands.research",
            "planner.cli.commands.practice",
            "planner.cli.commands.reports",
            "planner.cli.commands.brief",
            "planner.cli.commands.kit",
        ]
    )
    assert "textual" not in loaded
    assert "rich" not in loaded


def test_only_storage_imports_tinydb() -> None:
    """TinyDB is an implementation detail of planner.storage."""
    import pathlib

    root = pathlib.Path(__file__).resolve().parent.parent / "planner"
    offenders = [
        str(p.relative_to(root))
        for p in root.rglob("*.py")
        if "storage" not in p.parts and "tinydb" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_front_ends_import_neither_storage_nor_content() -> None:
    """The CLI and the TUI reach the data file and the content packs only through the service."""
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parent.parent / "planner"
    imports = re.compile(r"^\s*(?:from|import)\s+planner\.(?:storage|content)\b", re.MULTILINE)
    offenders = [
        str(p.relative_to(root))
        for front in ("cli", "tui")
        for p in (root / front).rglob("*.py")
        if imports.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_import_contracts_hold() -> None:
    """`lint-imports` (the contracts in pyproject.toml) finds no broken layer."""
    import pathlib

    root = pathlib.Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [pathlib.Path(sys.executable).parent / "lint-imports", "--no-cache"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:]
