"""Events the central store refused, with its reason, until an operator deals with each."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.operations import sync as sync_ops
from app.operations.changes import Changes
from app.store.sync.state import AttentionItem, SyncState
from app.views.common.labels import event_label
from app.views.common.operation import show_failure
from app.views.common.plain import plain, tip
from app.views.common.table_headers import header_text
from app.views.orders.models import short_time

if TYPE_CHECKING:
    from app.views.shell.context import ScreenContext

Index = QModelIndex | QPersistentModelIndex


class AttentionModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[AttentionItem] = []
        self.headers = (
            self.tr("Order"),
            self.tr("Step"),
            self.tr("By"),
            self.tr("When"),
            self.tr("The central store's reason"),
        )

    def set_items(self, items: list[AttentionItem]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return header_text(self.headers, section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                item.order_number,
                event_label(item.type),
                item.actor,
                short_time(item.client_time),
                item.message or item.code,
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip(f"{item.code}: {item.message}")
        return None


class AttentionPage(QWidget):
    """Nothing refused disappears silently: it waits here with the server's reason."""

    open_order = Signal(str)

    def __init__(self, context: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        workspace = context.workspace
        self.state = SyncState(workspace.database)
        self.operations = context.operations
        self.operations.changes.changed.connect(self.follow_changes)
        self.model = AttentionModel(self)
        self.table = QTableView(objectName="attention")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.activated.connect(self._open)
        self.summary = plain(QLabel(objectName="attention_summary"))
        self.summary.setWordWrap(True)
        self.retry = QPushButton(self.tr("&Send again"), objectName="retry")
        self.dismiss = QPushButton(self.tr("&Acknowledge"), objectName="dismiss")
        self.retry.setToolTip(self.tr("Send the step again, e.g. after the order was put right"))
        self.dismiss.setToolTip(
            self.tr("Keep it in the timeline as refused and take it off this list")
        )
        self.retry.clicked.connect(lambda: self._resolve("retry"))
        self.dismiss.clicked.connect(lambda: self._resolve("dismiss"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.retry)
        buttons.addWidget(self.dismiss)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_items(self.state.attention())
        count = self.model.rowCount()
        self.summary.setText(
            self.tr("%n step(s) refused by the central store need your decision.", "", count)
            if count
            else self.tr(
                "Nothing refused: every step reached the central store or waits to be sent."
            )
        )
        if count and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        self.retry.setEnabled(bool(count))
        self.dismiss.setEnabled(bool(count))

    def _current(self) -> AttentionItem | None:
        row = self.table.currentIndex().row()
        return self.model.items[row] if 0 <= row < len(self.model.items) else None

    def _open(self) -> None:
        item = self._current()
        if item is not None:
            self.open_order.emit(item.order_id)

    def _resolve(self, action: str) -> None:
        item = self._current()
        if item is None:
            return
        # its notice refreshes the list (and wakes the sync to send a step again)
        self.operations(
            self, lambda ws: sync_ops.resolve_refused(ws, item.event_id, action)
        ).failure(self._not_resolved).run_now()

    def _not_resolved(self, exc: Exception) -> None:
        if isinstance(exc, KeyError):  # resolved in another window meanwhile: gone
            self.refresh()
        else:
            show_failure(self, exc)

    def follow_changes(self, changes: Changes) -> None:
        if changes.outbox or changes.any_order:
            self.refresh()
