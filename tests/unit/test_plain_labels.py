"""Every label a screen keeps (to set its text later) or fills with a computed text says
which format it is in, and no tooltip or message box gets a computed text directly, so Qt
never guesses HTML from caller text (app/views/common/plain.py)."""

from __future__ import annotations

import ast
from pathlib import Path

VIEWS = Path(__file__).resolve().parents[2] / "app" / "views"
WRAPPERS = {"plain", "rich"}


def _static(node: ast.expr, also: tuple[str, ...] = ()) -> bool:
    """A literal or our own translated text (or a call of one of `also`)."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Call):
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        return name in ("tr", "translate", "translated", *also)
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


def guessed_texts(source: str) -> list[str]:
    """Tooltips and message boxes given a computed text: Qt guesses their format."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        name = node.func.attr
        if name == "setToolTip" and node.args and not _static(node.args[0], ("tip",)):
            found.append(f"line {node.lineno}: {ast.unparse(node)[:80]}")
        owner = ast.unparse(node.func.value)
        boxes = ("information", "warning", "critical", "question", "about")
        boxed = owner == "QMessageBox" and name in boxes and len(node.args) >= 3
        if boxed and not _static(node.args[2]):
            found.append(f"line {node.lineno}: {ast.unparse(node)[:80]}")
    return found


def test_tooltips_and_message_boxes_with_computed_text_go_through_plain() -> None:
    problems = {
        path.name: found
        for path in sorted(VIEWS.glob("*.py"))
        if (found := guessed_texts(path.read_text(encoding="utf-8")))
    }
    assert problems == {}, "use plain.set_tip / plain.tip, plain.inform / warn / message_box"


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


def test_the_tooltip_check_finds_what_it_should() -> None:
    source = (
        "w.setToolTip(order.title)\n"
        "w.setToolTip(self.tr('Refresh'))\n"
        "QMessageBox.warning(self, self.tr('Reports'), str(exc))\n"
        "QMessageBox.information(self, self.tr('Done'), self.tr('Saved.'))\n"
    )
    assert [line.split(":")[0] for line in guessed_texts(source)] == ["line 1", "line 3"]
