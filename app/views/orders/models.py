"""Item models over the order projection: a fixed list and a lazily paged list."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from app.models.validation import mask_phone
from app.store.access import OrderAccess
from app.store.orders.query import OrderFilter, OrderRow, PageKey
from app.views.common import colours
from app.views.common.labels import appeal_type_label, flag_label, status_label
from app.views.common.plain import tip
from app.views.common.table_headers import header_text

Index = QModelIndex | QPersistentModelIndex

OVERDUE = QColor(colours.OVERDUE)
DUE_SOON = QColor(colours.DUE_TODAY)


def short_time(iso: str) -> str:
    return iso[:16].replace("T", " ")


class OrderRowsModel(QAbstractTableModel):
    """Read-only table of OrderRow; subclasses decide where the rows come from."""

    COLUMNS = ("number", "received", "type", "status", "town", "title", "phone", "deadline")

    def __init__(
        self,
        town_name: Callable[[str], str],
        now: Callable[[], datetime],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.rows: list[OrderRow] = []
        self.town_name = town_name
        self.now = now
        self._headers = (
            QCoreApplication.translate("OrderModels", "Order number"),
            QCoreApplication.translate("OrderModels", "Received"),
            QCoreApplication.translate("OrderModels", "Type"),
            QCoreApplication.translate("OrderModels", "Status"),
            QCoreApplication.translate("OrderModels", "Town"),
            QCoreApplication.translate("OrderModels", "Title"),
            QCoreApplication.translate("OrderModels", "Caller"),
            QCoreApplication.translate("OrderModels", "Due"),
        )

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return header_text(self._headers, section, orientation, role)

    def row_at(self, row: int) -> OrderRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == "title":
            return tip(row.title)
        if role == Qt.ItemDataRole.ForegroundRole and column in ("deadline", "status"):
            return self._deadline_brush(row)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def _display(self, row: OrderRow, column: str) -> str:
        if column == "number":
            return row.number
        if column == "received":
            return short_time(row.received_at)
        if column == "day":
            return row.received_at[:10]
        if column == "type":
            return appeal_type_label(row.appeal_type)
        if column == "status":
            label = status_label(row.status)
            return (
                QCoreApplication.translate("OrderModels", "%1 (overdue)").replace("%1", label)
                if row.overdue(self.now())
                else label
            )
        if column == "town":
            return self.town_name(row.town)
        if column == "title":
            return row.title
        if column == "phone":
            return (
                QCoreApplication.translate("OrderModels", "(confidential)")
                if row.confidential
                else mask_phone(row.phone)
            )
        if column == "deadline":
            return short_time(row.deadline) if row.is_open else ""
        return ""

    def _deadline_brush(self, row: OrderRow) -> QBrush | None:
        if not row.is_open:
            return None
        now = self.now()
        if row.overdue(now):
            return QBrush(OVERDUE)
        if row.deadline[:10] <= now.date().isoformat():
            return QBrush(DUE_SOON)
        return None


class CallerHistoryModel(OrderRowsModel):
    """A caller's earlier orders, newest first."""

    COLUMNS = ("number", "day", "status", "title")

    def __init__(
        self, town_name: Callable[[str], str], now: Callable[[], datetime], parent: Any = None
    ) -> None:
        super().__init__(town_name, now, parent)
        self.caller_flags: dict[str, list[str]] = {}  # order id → how its caller was flagged
        self._headers = (
            QCoreApplication.translate("OrderModels", "Order number"),
            QCoreApplication.translate("OrderModels", "Date"),
            QCoreApplication.translate("OrderModels", "Status"),
            QCoreApplication.translate("OrderModels", "Title"),
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        flagged = self.caller_flags.get(row.id) if row is not None else None
        if row is not None and role == Qt.ItemDataRole.ToolTipRole:
            kinds = "、".join(flag_label(k) for k in flagged or ())
            return tip(f"{appeal_type_label(row.appeal_type)}：{row.title}") + (
                f"\n⚑ {kinds}" if kinds else ""
            )
        value = super().data(index, role)
        if flagged and index.column() == 0 and role == Qt.ItemDataRole.DisplayRole:
            return f"⚑ {value}"
        if flagged and index.column() == 0 and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(colours.OVERDUE))  # the red of warnings
        return value

    def set_rows(self, rows: list[OrderRow], flags: dict[str, list[str]] | None = None) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.caller_flags = dict(flags or {})
        self.endResetModel()


class OrderListModel(OrderRowsModel):
    """Every order matching a filter, fetched a page at a time as the view scrolls."""

    PAGE = 200

    def __init__(
        self,
        queries: OrderAccess,  # the orders the user at the keyboard may see
        town_name: Callable[[str], str],
        now: Callable[[], datetime],
        parent: Any = None,
    ) -> None:
        super().__init__(town_name, now, parent)
        self.queries = queries
        self.filter = OrderFilter()
        self._more = True

    def set_filter(self, order_filter: OrderFilter) -> None:
        self.beginResetModel()
        self.filter = order_filter
        self.rows = []
        self._more = True
        self.endResetModel()
        self.fetchMore()

    def refresh(self) -> None:
        self.set_filter(self.filter)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if parent.isValid() or not self._more:
            return
        after = None
        if self.rows:
            last = self.rows[-1]
            after = PageKey(last.received_at, last.id)
        page = self.queries.page(self.filter, after=after, limit=self.PAGE)
        self._more = len(page) == self.PAGE
        if not page:
            return
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self.rows.extend(page)
        self.endInsertRows()
