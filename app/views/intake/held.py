"""The held intakes on the intake screen: calls set aside by F2 or an incoming call.

Ctrl+Shift+H puts the cursor in the list; Enter resumes the chosen one (the form's own
intake, if anything is typed in it, is held in its place), Delete discards one after asking,
Esc goes back to the form."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.models.held import HeldIntake
from app.views.common.plain import message_box, plain_label

ROWS_SHOWN = 4


def held_time(held_at: str, now: datetime) -> str:
    try:
        when = datetime.fromisoformat(held_at)
    except ValueError:
        return ""
    return when.strftime("%H:%M" if when.date() == now.date() else "%m-%d %H:%M")


def held_row_text(item: HeldIntake, now: datetime) -> str:
    phone = item.phone or QCoreApplication.translate("HeldIntakes", "(no number)")
    words = item.first_words() or QCoreApplication.translate("HeldIntakes", "(nothing typed)")
    return f"{held_time(item.held_at, now)}　{phone}　{words}"


class HeldListView(QListWidget):
    """Enter resumes (QListWidget's own itemActivated), Delete discards, Esc leaves."""

    discard = Signal(str)
    leave = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if event.key() == Qt.Key.Key_Delete and item is not None:
            self.discard.emit(str(item.data(Qt.ItemDataRole.UserRole)))
            return
        if event.key() == Qt.Key.Key_Escape:
            self.leave.emit()
            return
        super().keyPressEvent(event)


class HeldIntakes(QGroupBox):
    resume = Signal(str)  # a held intake's id
    discard = Signal(str)
    leave = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("held_box")
        self.list = HeldListView(objectName="held")
        self.list.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # not in the form's tab chain
        self.list.itemActivated.connect(
            lambda item: self.resume.emit(str(item.data(Qt.ItemDataRole.UserRole)))
        )
        self.list.discard.connect(self._confirm_discard)
        self.list.leave.connect(self.leave)
        self.hint = plain_label(
            self.tr("Ctrl+Shift+H: choose, Enter resumes, Delete discards, Esc back to the form"),
            "held_hint",
        )
        self.hint.setStyleSheet("color:#555;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.list)
        layout.addWidget(self.hint)
        self.setStyleSheet("QGroupBox#held_box { background:#fff8e1; }")
        self.items: list[HeldIntake] = []
        self.hide()

    def show_held(self, items: list[HeldIntake], now: datetime) -> None:
        self.items = list(items)
        self.list.clear()
        for held in items:
            row = QListWidgetItem(held_row_text(held, now))
            row.setData(Qt.ItemDataRole.UserRole, held.id)
            self.list.addItem(row)
        self.setTitle(self.tr("Held intakes (%1)").replace("%1", str(len(items))))
        rows = max(1, min(len(items), ROWS_SHOWN))
        self.list.setFixedHeight(
            rows * self.list.sizeHintForRow(0) + 2 * self.list.frameWidth() if items else 0
        )
        self.setVisible(bool(items))

    def choose(self) -> bool:
        """Put the cursor on the most recently held intake; False when none is held."""
        if not self.items:
            return False
        self.list.setCurrentRow(self.list.count() - 1)
        self.list.setFocus()
        return True

    def _confirm_discard(self, held_id: str) -> None:
        held = next((h for h in self.items if h.id == held_id), None)
        if held is None:
            return
        box = message_box(
            self,
            QMessageBox.Icon.Question,
            self.tr("Discard held intake"),
            self.tr(
                "Discard the held intake %1? What was typed in it cannot be recovered."
            ).replace("%1", held_row_text(held, datetime.now())),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setObjectName("discard_held")
        if box.exec() == QMessageBox.StandardButton.Discard:
            self.discard.emit(held_id)
