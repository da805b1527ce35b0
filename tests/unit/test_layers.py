"""The import rules of docs/architecture.md#layers-and-the-import-rules: arrows only point down."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "app"

FORBIDDEN = {
    "models": {
        "PySide6",
        "sqlite3",
        "sqlite_utils",
        "requests",
        "sqlalchemy",
        "fastapi",
        "app.store",
        "app.sync",
        "app.operations",
        "app.views",
        "server",
    },
    "store": {"PySide6", "requests", "app.sync", "app.operations", "app.views", "server"},
    "operations": {
        "PySide6",
        "sqlite3",
        "sqlite_utils",
        "requests",
        "sqlalchemy",
        "fastapi",
        "app.views",
        "server",
    },
    "sync": {"PySide6", "app.operations", "app.views", "server"},
    "views": {"sqlite3", "sqlite_utils", "requests", "sqlalchemy", "server"},
}


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_what_it_may(layer: str) -> None:
    offences = []
    for path in sorted((APP / layer).rglob("*.py")):
        for name in imported_modules(path):
            if any(name == f or name.startswith(f + ".") for f in FORBIDDEN[layer]):
                offences.append(f"{path.relative_to(APP.parent)} imports {name}")
    assert not offences, "\n".join(offences)
