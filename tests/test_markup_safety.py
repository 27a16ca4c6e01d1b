"""Static check: no user text can reach Rich markup through an f-string or concatenation."""

from __future__ import annotations

import ast
from pathlib import Path

TUI = Path(__file__).resolve().parent.parent / "planner" / "tui"
WATCHED = {"Static", "Label", "notify", "update", "Button", "Markdown"}


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _is_built_text(node: ast.expr) -> bool:
    """An f-string with placeholders, or text glued together with +."""
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.FormattedValue) for v in node.values)
    return isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add)


def offenders(source: str, filename: str) -> list[str]:
    """Calls that pass built text as markup (no `markup=False`)."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call) or _name(node.func) not in WATCHED or not node.args:
            continue
        markup_off = any(
            k.arg == "markup" and isinstance(k.value, ast.Constant) and k.value.value is False
            for k in node.keywords
        )
        if _is_built_text(node.args[0]) and not markup_off:
            found.append(f"{filename}:{node.lineno}: {_name(node.func)}(...)")
    return found


def test_tui_never_builds_markup_from_text() -> None:
    """Static/Label/notify/update/Button get Content, Text or markup=False, never an f-string."""
    problems = []
    for path in sorted(TUI.rglob("*.py")):
        problems += offenders(path.read_text(encoding="utf-8"), str(path.relative_to(TUI)))
    assert problems == []


def test_the_check_catches_an_f_string_label() -> None:
    """The checker itself flags the dangerous pattern (so the test above can fail)."""
    bad = "from textual.widgets import Label\nLabel(f'{title}')\n"
    good = "from textual.widgets import Label\nLabel(f'{title}', markup=False)\n"
    assert offenders(bad, "x.py") == ["x.py:2: Label(...)"]
    assert offenders(good, "x.py") == []
