"""Small shared widgets: a searchable combo box, a field with its error line."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

ERROR_STYLE = "color: #c62828;"


class SearchCombo(QComboBox):
    """A combo box the operator can type into: any part of an entry finds it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)

    def add(self, text: str, code: str) -> None:
        self.addItem(text, code)

    def code(self) -> str:
        """The chosen entry's code, or '' when the typed text names no entry."""
        index = self.findText(self.currentText(), Qt.MatchFlag.MatchFixedString)
        return str(self.itemData(index)) if index >= 0 else ""

    def select_code(self, code: str) -> None:
        index = self.findData(code)
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText("")


class FieldBox(QWidget):
    """A form field with a red message line under it, empty until something is wrong."""

    def __init__(self, field: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self._error: QLabel | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._layout.addWidget(field)
        self._layout.addStretch(1)
        self.setFocusProxy(field)
        self.setSizePolicy(field.sizePolicy())

    @property
    def error(self) -> QLabel:
        """The message line, made when first needed: a form's worth of hidden labels with
        their own style sheets slowed the intake screen's first appearance."""
        if self._error is None:
            self._error = QLabel()
            self._error.setTextFormat(Qt.TextFormat.PlainText)  # may quote what was typed
            self._error.setStyleSheet(ERROR_STYLE)
            self._error.setWordWrap(True)
            self._error.hide()
            self._layout.insertWidget(1, self._error)
        return self._error

    def show_error(self, message: str) -> None:
        if not message and self._error is None:
            return  # nothing shown, nothing to clear
        self.error.setText(message)
        self.error.setVisible(bool(message))


def record_table(model: QAbstractItemModel, name: str) -> QTableView:
    """A read-only table of records: whole rows selected one at a time, no row numbers."""
    table = QTableView(objectName=name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    return table
