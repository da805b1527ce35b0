"""The caller's earlier orders beside the intake form."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from app.views.orders.models import CallerHistoryModel


def history_table(model: CallerHistoryModel) -> QTableView:
    """Read-only rows, one a line, the title taking the room; reached by click, not by Tab,
    so the form's tab chain stays on the form."""
    table = QTableView(objectName="history")
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(
        CallerHistoryModel.COLUMNS.index("title"), QHeaderView.ResizeMode.Stretch
    )
    table.setWordWrap(False)
    table.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
    return table
