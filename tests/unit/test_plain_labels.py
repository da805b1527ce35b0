"""Every label a screen keeps (to set its text later) or fills with a computed text says
which format it is in, so Qt never guesses HTML from caller text (app/views/plain.py)."""

from __future__ import annotations

import ast
from pathlib import Path

VIEWS = Path(__file__).resolve().parents[2] / "app" / "views"
WRAPPERS = {"plain", "rich"}


def _static(node: ast.expr) -> bool:
    """A literal or our own translated text."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Call):
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        return name in ("tr", "translate")
    return False


def unformatted_labels(source: str) -> list[str]:
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    formatted = {  # self.x.setTextFormat(...) anywhere in the file
        ast.unparse(node.func.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "setTextFormat"
    }
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "QLabel"):
            continue
        parent = parents[node]
        if isinstance(parent, ast.Call) and getattr(parent.func, "id", "") in WRAPPERS:
            continue
        targets = [ast.unparse(t) for t in getattr(parent, "targets", [])]
        if any(t in formatted for t in targets):
            continue
        kept = isinstance(parent, ast.Assign) and any(t.startswith("self.") for t in targets)
        computed = bool(node.args) and not _static(node.args[0])
        if kept or computed:
            found.append(f"line {node.lineno}: {ast.unparse(parent)[:80]}")
    return found


def test_every_kept_or_computed_label_has_a_text_format() -> None:
    problems = {
        path.name: found
        for path in sorted(VIEWS.glob("*.py"))
        if (found := unformatted_labels(path.read_text(encoding="utf-8")))
    }
    assert problems == {}, "use plain()/plain_label() or rich() with plain.fill (see plain.py)"


def test_the_check_finds_what_it_should() -> None:
    source = (
        "self.a = QLabel()\n"
        "b = QLabel(order.title)\n"
        "self.c = plain(QLabel())\n"
        "d = QLabel(self.tr('Name'))\n"
        "self.e = QLabel()\nself.e.setTextFormat(Qt.TextFormat.PlainText)\n"
    )
    assert [line.split(":")[0] for line in unformatted_labels(source)] == ["line 1", "line 2"]
