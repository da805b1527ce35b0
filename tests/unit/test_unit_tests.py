"""How the tests themselves are laid out: unit tests start no process and use no end-to-end
helper; helpers live in tests/support, never in another test module; no test builds an
object behind its constructor's back."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]

# What starts or talks to a process: the standard library's ways, and the support modules
# that run the server, sit in front of it or speak its wire.
PROCESS_MODULES = {
    "subprocess",
    "multiprocessing",
    "concurrent.futures.process",
    "pty",
    "tests.support.server",
    "tests.support.proxy",
    "tests.support.wire",
    "tests.support.signin",
    "tests.e2e",
    "tests.gui",
}
PROCESS_CALLS = {"system", "popen", "fork", "forkpty", "spawnv", "spawnl", "execv", "execl"}


def _imports(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _within(name: str, modules: set[str]) -> bool:
    return any(name == m or name.startswith(m + ".") for m in modules)


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def test_unit_tests_start_no_process() -> None:
    offences = []
    for path in sorted((TESTS / "unit").rglob("*.py")):
        tree = _tree(path)
        for name in sorted(_imports(tree)):
            if _within(name, PROCESS_MODULES):
                offences.append(f"{path.relative_to(TESTS.parent)} imports {name}")
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "os"
                and node.func.attr in PROCESS_CALLS
            ):
                offences.append(
                    f"{path.relative_to(TESTS.parent)}:{node.lineno} os.{node.func.attr}"
                )
    assert not offences, "move these to tests/e2e:\n" + "\n".join(offences)


def test_helpers_come_from_the_support_package_not_from_other_tests() -> None:
    offences = []
    for path in sorted(TESTS.rglob("*.py")):
        for name in sorted(_imports(_tree(path))):
            parts = name.split(".")
            if parts[0] == "tests" and len(parts) > 1 and parts[1] != "support":
                offences.append(f"{path.relative_to(TESTS.parent)} imports {name}")
    assert not offences, "move the helper to tests/support:\n" + "\n".join(offences)


def test_no_test_builds_an_object_without_its_constructor() -> None:
    offences = [
        f"{path.relative_to(TESTS.parent)}:{node.lineno}"
        for path in sorted(TESTS.rglob("*.py"))
        for node in ast.walk(_tree(path))
        if isinstance(node, ast.Attribute) and node.attr == "__new__"
    ]
    assert not offences, "build it with its constructor or a builder:\n" + "\n".join(offences)
