"""What a screen RENDERS, not what its widgets store: a label's text as Qt will draw it
(its format, or Qt's guess for AutoText), a tooltip as QToolTip will draw it, a text
view's document, every cell and tooltip of every table and list."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTextEdit, QWidget

from app.views.kb.models import HTML_ROLE, HtmlDelegate

# Each caller-typed value is shown on one screen or another; every one holds all of these.
HOSTILE = (
    '<font color=red>x</font><a href="http://e">y</a><script>alert(1)</script><img src=x>&amp;'
)
SHORT = "<font color=red>x</font><img src=x>&amp;"  # fits a name (50 characters)
MAX_ROWS = 300


def html_text(markup: str) -> str:
    doc = QTextDocument()
    doc.setHtml(markup)
    return doc.toPlainText()


def rendered_auto(text: str) -> str:
    """Text whose format Qt guesses (AutoText labels, message boxes, tooltips)."""
    return html_text(text) if GuiQt.mightBeRichText(text) else text


def rendered_label(label: QLabel) -> str:
    text, form = label.text(), label.textFormat()
    if form == Qt.TextFormat.PlainText:
        return text
    if form == Qt.TextFormat.RichText:
        return html_text(text)
    if form == Qt.TextFormat.MarkdownText:
        doc = QTextDocument()
        doc.setMarkdown(text)
        return doc.toPlainText()
    return rendered_auto(text)


def rendered_view(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    html_cells = isinstance(view.itemDelegate(), HtmlDelegate)
    out: list[str] = []
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # a list's model hides columnCount: one column
        columns = 1
    for row in range(min(model.rowCount(QModelIndex()), MAX_ROWS)):
        for column in range(columns):
            index = model.index(row, column)
            # itemData, not data(): PySide6 6.12 hands back None without a reference for a
            # C++ model's empty role, and enough of them crash the interpreter at exit.
            roles = model.itemData(index)
            shown = roles.get(Qt.ItemDataRole.DisplayRole)
            if html_cells:
                shown = html_text(str(model.data(index, HTML_ROLE) or ""))
            if shown is not None:
                out.append(str(shown))
            tip = roles.get(Qt.ItemDataRole.ToolTipRole)
            if tip:
                out.append(rendered_auto(str(tip)))
    return out


def rendered(root: QWidget) -> list[str]:
    """Every text `root` and its children show, as drawn."""
    widgets = [root, *root.findChildren(QWidget)]
    out: list[str] = []
    for widget in widgets:
        if isinstance(widget, QLabel):
            out.append(rendered_label(widget))
        if isinstance(widget, QTextEdit):
            out.append(widget.document().toPlainText())
        if isinstance(widget, QAbstractItemView):
            out.extend(rendered_view(widget))
        if widget.toolTip():
            out.append(rendered_auto(widget.toolTip()))
    return out


def assert_as_typed(texts: list[str], typed: list[str], shown: list[str] | None = None) -> None:
    """Wherever a typed value appears (found by its first three characters, a tag), it is
    the very characters typed (a display may cut it short with '…', Qt Charts with '...');
    each of `shown` is there in full somewhere."""
    for value in typed:
        tag = value[:3]
        for text in texts:
            position = text.find(tag)
            while position >= 0:
                seen = text[position : position + len(value)].split("…")[0].split("...")[0]
                assert value.startswith(seen), f"typed {value!r}, rendered {seen!r} in {text!r}"
                position = text.find(tag, position + 1)
    for value in shown or []:
        assert any(value in text for text in texts), f"{value!r} is not on the screen"
