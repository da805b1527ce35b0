"""Caller text is shown as typed, never read as markup.

Qt reads a QLabel's, a message box's and a tooltip's text as HTML when it looks like HTML
(Qt::mightBeRichText), so a caller's `<font color=red>` or `<a href=…>` would be obeyed.
Every widget that shows text someone typed goes through here: a plain-text label, or rich
text whose every value is escaped (`fill`), and tooltips that always show their characters.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

PLACEHOLDER = re.compile(r"%(\d+)")


def esc(text: object) -> str:
    """`text` as HTML that renders exactly as the characters (line breaks kept)."""
    return html.escape(str(text), quote=True).replace("\n", "<br>")


def fill(template: str, *values: object) -> str:
    """Rich text: `template` is our own (translated) markup with %1, %2 …, each replaced by
    an escaped value, in one pass (a value holding '%2' is not replaced again)."""

    def value(match: re.Match[str]) -> str:
        number = int(match.group(1))
        return esc(values[number - 1]) if 0 < number <= len(values) else match.group(0)

    return PLACEHOLDER.sub(value, template)


def bold_heading(number: str, title: str, *more: str) -> str:
    """An order's heading in a dialog: the number in bold, the title, then lines of text."""
    lines = [fill("<b>%1</b>　%2", number, title), *(esc(m) for m in more)]
    return "<br>".join(lines)


def plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_label(text: str = "", object_name: str = "") -> QLabel:
    label = QLabel(objectName=object_name) if object_name else QLabel()
    plain(label).setText(text)
    return label


def rich(label: QLabel) -> QLabel:
    """A label whose text is always our markup (built with `fill`/`esc`), never guessed."""
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


def rich_label(markup: str = "", object_name: str = "") -> QLabel:
    label = QLabel(objectName=object_name) if object_name else QLabel()
    rich(label).setText(markup)
    return label


def tip(text: str) -> str:
    """A tooltip that shows `text` as typed: rich text with everything escaped (Qt guesses
    a tooltip's format, so plain text that looks like HTML would be rendered)."""
    if not text:
        return ""
    return "<p style='white-space:pre-wrap'>" + esc(text) + "</p>"


def set_tip(widget: QWidget, text: str) -> None:
    widget.setToolTip(tip(text))


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
) -> QMessageBox:
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def inform(parent: QWidget | None, title: str, text: str) -> None:
    message_box(parent, QMessageBox.Icon.Information, title, text).exec()


def warn(parent: QWidget | None, title: str, text: str) -> None:
    message_box(parent, QMessageBox.Icon.Warning, title, text).exec()
