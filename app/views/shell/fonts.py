"""A Chinese font, or a clear warning at start-up: without one every Chinese character of
the interface and of the orders is drawn as an empty box."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

INSTALL_LINE = "sudo apt-get install fonts-noto-cjk"


def installed_chinese_fonts() -> list[str]:
    """The installed font families that write Simplified Chinese (fontconfig on Linux)."""
    families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    return [family for family in families if not QFontDatabase.isPrivateFamily(family)]


def no_chinese_font_text() -> str:
    """The warning, translated, followed by the English: a Chinese translation shown with
    no Chinese font is itself boxes."""
    english = (
        "No Chinese font is installed: Chinese text shows as empty boxes. Install one "
        f"(on Debian, Ubuntu, UOS or Kylin: {INSTALL_LINE}) and start Hotline Desk again."
    )
    translated = QApplication.translate(
        "Fonts",
        "No Chinese font is installed: Chinese text shows as empty boxes. Install one "
        "(on Debian, Ubuntu, UOS or Kylin: {line}) and start Hotline Desk again.",
    ).format(line=INSTALL_LINE)
    return english if translated == english else f"{translated}\n\n{english}"


def warn_without_chinese_font(parent: QWidget | None, *, dialog: bool) -> bool:
    """Says so on stderr, and in a dialog when `dialog` (a user at a desktop), when no
    Chinese font is installed. True when one is."""
    if installed_chinese_fonts():
        return True
    text = no_chinese_font_text()
    print(f"hotline-desk: {text}", file=sys.stderr, flush=True)
    if dialog:
        box = QMessageBox(QMessageBox.Icon.Warning, "Hotline Desk", text, parent=parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not modal to the loop: the window starts behind it
    return False
