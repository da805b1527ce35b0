"""The shape of the code: no import circles, no file over 600 lines, no function over 80.

The import graph counts every import Python can run: at the top of a module, inside a
function, under `if TYPE_CHECKING:` (a circle a type checker needs is a circle a reader
walks); importing `a.b.c` runs `a` and `a.b` first, so it is an edge to each of them.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("app", "server")

MAX_FILE_LINES = 600
MAX_FUNCTION_LINES = 80

# A file whose head says so is generated (by pyside6-uic, pyside6-rcc, ...): never edited
# by hand, never measured.
GENERATED_MARKS = ("DO NOT EDIT", "Created by: Qt", "Resource object code", "@generated")

# Circles, files and functions that other work is taking apart; each entry names where it
# is and goes when that work lands (the tests below fail while an entry is no longer needed).
CIRCLES_BEING_REMOVED: dict[frozenset[str], str] = {}
FILES_BEING_SPLIT: dict[str, str] = {}
FUNCTIONS_BEING_SPLIT: dict[str, str] = {}
# Table-like functions: one entry a line of a table that reads best whole.
TABLE_LIKE: dict[str, str] = {}


def _python_files() -> Iterator[Path]:
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            head = path.read_text(encoding="utf-8")[:600]
            if not any(mark in head for mark in GENERATED_MARKS):
                yield path


def _where(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _prefixes(module: str) -> list[str]:
    parts = module.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts) + 1)]


def import_graph() -> dict[str, set[str]]:
    """module → the modules of app and server its imports run."""
    files = {_module(path): path for path in _python_files()}
    graph: dict[str, set[str]] = {name: set() for name in files}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                for alias in node.names:
                    targets += _prefixes(alias.name)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    source = ".".join(base + ([node.module] if node.module else []))
                else:
                    source = node.module or ""
                targets += _prefixes(source)
                # `from a.b import c` runs a.b.c when c is a module
                targets += [f"{source}.{alias.name}" for alias in node.names]
            graph[name].update(t for t in targets if t in files and t != name)
    return graph


def circles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph[nxt]))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    members = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        members.add(member)
                        if member == node:
                            break
                    if len(members) > 1:
                        found.append(frozenset(members))
    return found


def long_functions() -> dict[str, int]:
    """file:Class.function → its length in lines, for every function over the limit."""
    found: dict[str, int] = {}

    def visit(node: ast.AST, path: Path, scope: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                name = f"{scope}.{child.name}" if scope else child.name
                if not isinstance(child, ast.ClassDef):
                    assert child.end_lineno is not None
                    lines = child.end_lineno - child.lineno + 1
                    if lines > MAX_FUNCTION_LINES:
                        found[f"{_where(path)}:{name}"] = lines
                visit(child, path, name)

    for path in _python_files():
        visit(ast.parse(path.read_text(encoding="utf-8")), path, "")
    return found


def test_the_graph_sees_imports_inside_functions_and_packages() -> None:
    graph = import_graph()
    # app/store/workspace.py imports the knowledge base inside a method
    assert "app.store.kb.articles" in graph["app.store.workspace"]
    # importing app.store.kb.articles runs the packages app.store and app.store.kb first
    assert {"app.store", "app.store.kb"} <= graph["app.store.kb.articles"]
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [frozenset("abc")]


def test_no_import_circles() -> None:
    found = circles(import_graph())
    new = [" ↔ ".join(sorted(c)) for c in found if c not in CIRCLES_BEING_REMOVED]
    assert not new, "import circles:\n" + "\n".join(new)
    gone = [why for c, why in CIRCLES_BEING_REMOVED.items() if c not in found]
    assert not gone, "no longer a circle, remove the entry: " + "; ".join(gone)


def test_no_file_over_600_lines() -> None:
    sizes = {
        _where(path): len(path.read_text(encoding="utf-8").splitlines()) for path in _python_files()
    }
    over = [f"{f}: {n} lines" for f, n in sizes.items() if n > MAX_FILE_LINES]
    assert not [o for o in over if o.split(":")[0] not in FILES_BEING_SPLIT], "\n".join(over)
    done = [f for f in FILES_BEING_SPLIT if sizes.get(f, 0) <= MAX_FILE_LINES]
    assert not done, f"{done} fit now: remove them from FILES_BEING_SPLIT"


def test_no_function_over_80_lines() -> None:
    found = long_functions()
    known = FUNCTIONS_BEING_SPLIT | TABLE_LIKE
    over = [f"{name}: {n} lines" for name, n in found.items() if name not in known]
    assert not over, "split by responsibility:\n" + "\n".join(over)
    done = [name for name in known if name not in found]
    assert not done, f"{done} fit now: remove them from the allowlist"


def test_no_relative_imports() -> None:
    """Absolute imports only, so what a module imports reads the same everywhere."""
    relative = [
        f"{_where(path)}:{node.lineno}"
        for path in _python_files()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.level
    ]
    assert not relative, "\n".join(relative)
