"""The import rules of docs/architecture.md#layers-and-the-import-rules: arrows only point down."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# What each layer (a folder of the repository) may not import, a module or any below it.
FORBIDDEN = {
    "app/models": {
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
    "app/store": {"PySide6", "requests", "app.sync", "app.operations", "app.views", "server"},
    "app/operations": {
        "PySide6",
        "sqlite3",
        "sqlite_utils",
        "requests",
        "sqlalchemy",
        "fastapi",
        "app.views",
        "server",
    },
    "app/sync": {"PySide6", "app.operations", "app.views", "server"},
    "app/views": {"sqlite3", "sqlite_utils", "requests", "sqlalchemy", "server"},
    # The command line reads and writes through the store and syncs through app.sync.
    "app/commands": {
        "PySide6",
        "sqlite3",
        "sqlite_utils",
        "requests",
        "sqlalchemy",
        "fastapi",
        "app.views",
        "server",
    },
    # The central store shares the domain (records, rules, payloads, policy data) and nothing
    # of the workstation: not its store, its sync, its screens.
    "server": {
        "PySide6",
        "sqlite_utils",
        "requests",
        "app.store",
        "app.sync",
        "app.operations",
        "app.views",
        "app.commands",
        "app.main",
        "app.paths",
    },
}

# Explicit exceptions, each with its reason.
ALLOWED = {
    # `hotline-desk report --pdf` draws the report's charts and pages with Qt, and the tables
    # carry the screen's translated headings: it runs the reports screen's export offscreen.
    ("app/commands/report.py", "PySide6"),
    ("app/commands/report.py", "app.views"),
}

# From app, the server imports the shared domain and its data only.
SERVER_MAY_IMPORT_FROM_APP = ("app.models", "app.resources")


def imported_modules(path: Path) -> set[str]:
    """Every module the file imports, at the top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)  # and `from app import views` imports app.views
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_what_it_may(layer: str) -> None:
    offences = []
    for path in sorted((ROOT / layer).rglob("*.py")):
        where = path.relative_to(ROOT).as_posix()
        for name in imported_modules(path):
            for forbidden in FORBIDDEN[layer]:
                if _under(name, forbidden) and (where, forbidden) not in ALLOWED:
                    offences.append(f"{where} imports {name}")
    assert not offences, "\n".join(offences)


def test_the_server_takes_only_the_domain_from_the_workstation() -> None:
    offences = [
        f"{path.relative_to(ROOT).as_posix()} imports {name}"
        for path in sorted((ROOT / "server").rglob("*.py"))
        for name in imported_modules(path)
        if _under(name, "app") and not any(_under(name, p) for p in SERVER_MAY_IMPORT_FROM_APP)
    ]
    assert not offences, "\n".join(offences)


def test_every_exception_is_still_needed() -> None:
    stale = [
        f"{where}: {module}"
        for where, module in sorted(ALLOWED)
        if not any(_under(name, module) for name in imported_modules(ROOT / where))
    ]
    assert not stale, "remove from ALLOWED:\n" + "\n".join(stale)
