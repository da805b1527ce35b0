"""Driving Qt as the user would: typing Chinese, finding the focused widget of a dialog,
submitting it with Ctrl+Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_chinese(widget: QWidget, text: str) -> None:
    """Enter CJK text as an input method would (qtbot.keyClicks aborts on non-ASCII)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def activate(qtbot, dialog: QWidget) -> QWidget:
    """Wait until the dialog is the active window; the widget with the keyboard focus."""
    qtbot.wait(20)  # let a completer's list, opened by typing, show up
    popup = QApplication.activePopupWidget()
    if popup is not None:
        popup.hide()
        dialog.activateWindow()  # offscreen has no window manager to hand activation back
    try:
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)
    except Exception:
        raise AssertionError(f"active window is {QApplication.activeWindow()}") from None
    focus = QApplication.focusWidget()
    return focus if focus is not None and focus.window() is dialog else dialog


def submit(qtbot, dialog: QWidget) -> None:
    """Ctrl+Enter in the dialog, as the user would press it."""
    target = activate(qtbot, dialog)
    qtbot.keyClick(target, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    if not dialog.isVisible():  # done: the keyboard goes back to the window
        parent = dialog.parentWidget()
        window = parent.window() if parent is not None else None
        qtbot.waitUntil(lambda: window is None or QApplication.activeWindow() is window)
