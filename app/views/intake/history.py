"""The caller's earlier orders beside the intake form."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QBoxLayout, QHeaderView, QLabel, QTableView

from app.store.orders.query import OrderRow
from app.views.common import colours
from app.views.common.labels import flag_label
from app.views.common.plain import plain
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


def flag_mark(layout: QBoxLayout) -> QLabel:
    """Above the caller's history (added to `layout`): how this number's callers were
    flagged before."""
    label = plain(QLabel(objectName="caller_flag"))
    layout.addWidget(label)
    label.setWordWrap(True)
    label.setStyleSheet(f"color:{colours.OVERDUE}; font-weight:bold;")
    label.hide()
    return label


def show_history(
    model: CallerHistoryModel, label: QLabel, rows: list[OrderRow], flags: dict[str, list[str]]
) -> None:
    """The caller's earlier orders, the flagged ones marked, and the flags above them."""
    model.set_rows(rows, flags)
    show_flags(label, flags, rows)


def show_flags(label: QLabel, flags: dict[str, list[str]], rows: list[OrderRow]) -> None:
    """'⚑ Flagged before: 恶意投诉 (ZS…-0012)', or nothing when the number has no flag."""
    numbers = {r.id: r.number for r in rows}
    kinds: dict[str, list[str]] = {}
    for order_id, flagged in flags.items():
        for kind in flagged:
            kinds.setdefault(kind, []).append(numbers.get(order_id, ""))
    parts = [
        flag_label(kind) + (f"（{'、'.join(n for n in found if n)}）" if any(found) else "")
        for kind, found in kinds.items()
    ]
    text = QCoreApplication.translate("IntakePage", "Flagged before: %1")
    label.setText("⚑ " + text.replace("%1", "；".join(parts)) if parts else "")
    label.setVisible(bool(parts))
