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
            "planner.domain.content",
            "planner.domain.schedule",
            "planner.domain.readiness",
            "planner.domain.stories",
            "planner.domain.practice",
            "planner.domain.advice",
            "planner.domain.text",
            "planner.domain.kit",
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
            "planner.service.reports",
            "planner.cli",
            "planner.cli.commands.plan",
            "planner.cli.commands.trackers",
            "planner.cli.commands.reports",
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
