"""The work queues as a table: order, its running clock (coloured), status, place, title."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from app.models.clocks import Level, Stage, StageClock, stage_clock
from app.models.enums import Status, Urgency
from app.models.numbering import number_sort_key
from app.models.policy import Policy
from app.models.projection import parse_time
from app.models.validation import mask_phone
from app.store.queues.work import QueueRow
from app.views.common import colours
from app.views.common.labels import appeal_type_label, status_label, urgency_label
from app.views.common.plain import tip
from app.views.common.table_headers import header_text
from app.views.orders.models import short_time

Index = QModelIndex | QPersistentModelIndex
URGENCY_RANK = {u.value: rank for rank, u in enumerate(Urgency)}  # 一般 < 紧急 < 特急
EARLIEST = datetime.min.replace(tzinfo=UTC)

LEVEL_COLOURS = {
    Level.OVER: QColor(colours.OVERDUE),
    Level.TODAY: QColor(colours.DUE_TODAY),
    Level.NEAR: QColor(colours.DUE_SOON),
    Level.OK: QColor(colours.ON_TIME),
}


def stage_text(stage: Stage) -> str:
    names = {
        Stage.DISPATCH: QCoreApplication.translate("Clocks", "dispatch"),
        Stage.SIGN: QCoreApplication.translate("Clocks", "sign"),
        Stage.REPLY: QCoreApplication.translate("Clocks", "reply"),
    }
    return names[stage]


def clock_text(clock: StageClock) -> str:
    """'reply: 3 working days left', 'sign: 5 h left', 'dispatch: overdue 2 working days'."""
    stage = stage_text(clock.stage)
    if clock.level is Level.OVER:
        if clock.hours_left > -24:
            text = QCoreApplication.translate("Clocks", "%1: overdue %2 h")
            return text.replace("%1", stage).replace("%2", str(int(-clock.hours_left) or 1))
        text = QCoreApplication.translate(
            "Clocks", "%1: overdue %n working day(s)", "", -clock.days_left
        )
        return text.replace("%1", stage)
    if clock.hours_left < 24:
        text = QCoreApplication.translate("Clocks", "%1: %2 h left")
        return text.replace("%1", stage).replace("%2", str(int(clock.hours_left)))
    text = QCoreApplication.translate("Clocks", "%1: %n working day(s) left", "", clock.days_left)
    return text.replace("%1", stage)


def pending_text(pending: str) -> str:
    names = {
        "return": QCoreApplication.translate("Clocks", "Return request"),
        "extension": QCoreApplication.translate("Clocks", "Extension request"),
        "unreasonable": QCoreApplication.translate("Clocks", "Unreasonable-appeal application"),
    }
    return names.get(pending, "")


def _time(value: str) -> datetime:
    return parse_time(value) if value else EARLIEST


class QueueModel(QAbstractTableModel):
    """Rows of one queue; clocks computed when a row is first shown, then kept."""

    ALL_COLUMNS = (
        "number",
        "clock",
        "urgency",
        "type",
        "status",
        "town",
        "title",
        "unit",
        "caller",
    )

    def __init__(
        self,
        policy: Policy,
        now: Callable[[], datetime],
        columns: tuple[str, ...] = ALL_COLUMNS,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.policy = policy
        self.now = now
        self.columns = columns
        self.rows: list[QueueRow] = []
        self._as_given: list[QueueRow] = []  # the queue's own order (overdue first)
        self._sorted_by: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self._clocks: dict[str, StageClock | None] = {}
        headers = {
            "number": QCoreApplication.translate("Clocks", "Order number"),
            "clock": QCoreApplication.translate("Clocks", "Time left"),
            "closed": QCoreApplication.translate("Clocks", "Closed at"),
            "urgency": QCoreApplication.translate("Clocks", "Urgency"),
            "type": QCoreApplication.translate("Clocks", "Type"),
            "status": QCoreApplication.translate("Clocks", "Status"),
            "town": QCoreApplication.translate("Clocks", "Town"),
            "title": QCoreApplication.translate("Clocks", "Title"),
            "unit": QCoreApplication.translate("Clocks", "Lead unit"),
            "caller": QCoreApplication.translate("Clocks", "Caller"),
        }
        self._headers = [headers[c] for c in columns]

    def set_rows(self, rows: list[QueueRow]) -> None:
        self.beginResetModel()
        self._as_given = list(rows)
        self._clocks = {}
        self.rows = self._in_order(*self._sorted_by)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """By the column's value, not its text: the clock by when it runs out, times as
        times, urgency by rank, order numbers by date, workstation and sequence; column -1
        is the queue's own order. Kept when the queue is read again."""
        self._sorted_by = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self.rows[i.row()].id if 0 <= i.row() < len(self.rows) else "" for i in before]
        self.rows = self._in_order(column, order)
        position = {row.id: i for i, row in enumerate(self.rows)}
        after = [
            self.index(position[i], old.column()) if i in position else QModelIndex()
            for i, old in zip(ids, before, strict=True)
        ]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _in_order(self, column: int, order: Qt.SortOrder) -> list[QueueRow]:
        if not 0 <= column < len(self.columns):
            return list(self._as_given)
        name = self.columns[column]
        descending = order == Qt.SortOrder.DescendingOrder
        return sorted(self._as_given, key=lambda r: self.sort_key(r, name), reverse=descending)

    def sort_key(self, row: QueueRow, column: str) -> Any:
        if column == "number":
            return number_sort_key(row.number)
        if column == "clock":
            clock = self.clock(row)
            if clock is not None:
                return (0, clock.due)
            return (1, _time(row.closed_at or row.updated_at))
        if column == "closed":
            return _time(row.closed_at or row.updated_at)
        if column == "urgency":
            return URGENCY_RANK.get(row.urgency, -1)
        if column == "caller":
            return (row.confidential, row.phone)
        return self._display(row, column)

    def row_at(self, row: int) -> QueueRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return header_text(self._headers, section, orientation, role)

    def clock(self, row: QueueRow) -> StageClock | None:
        if row.id not in self._clocks:
            try:
                status = Status(row.status)
            except ValueError:
                status = Status.CLOSED
            self._clocks[row.id] = stage_clock(
                status,
                received_at=parse_time(row.received_at),
                dispatched_at=parse_time(row.dispatched_at) if row.dispatched_at else None,
                deadline=parse_time(row.deadline),
                now=self.now(),
                limits=self.policy.limits,
                calendar=self.policy.calendar,
            )
        return self._clocks[row.id]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == "clock":
            clock = self.clock(row)
            return QBrush(LEVEL_COLOURS[clock.level]) if clock else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "clock" and (clock := self.clock(row)) is not None:
                due = QCoreApplication.translate("Clocks", "Due %1").replace(
                    "%1", short_time(clock.due.isoformat())
                )
                return due + ("\n⚠ " + row.deadline_warning if row.deadline_warning else "")
            if column == "title":
                return tip(row.title)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def _display(self, row: QueueRow, column: str) -> str:
        if column == "number":
            return row.number
        if column == "clock":
            clock = self.clock(row)
            if clock is None:
                return short_time(row.closed_at or row.updated_at)
            return clock_text(clock) + (" ⚠" if row.deadline_warning else "")
        if column == "closed":
            return short_time(row.closed_at or row.updated_at)
        if column == "urgency":
            return urgency_label(row.urgency)
        if column == "type":
            return appeal_type_label(row.appeal_type)
        if column == "status":
            return self._status(row)
        if column == "town":
            return self.policy.town_name(row.town)
        if column == "title":
            return row.title
        if column == "unit":
            return self.policy.unit_name(row.lead_unit) if row.lead_unit else ""
        if column == "caller":
            if row.confidential:
                return QCoreApplication.translate("Clocks", "(confidential)")
            return mask_phone(row.phone)
        return ""

    def _status(self, row: QueueRow) -> str:
        parts = [pending_text(row.pending) or status_label(row.status)]
        if row.assisting:
            parts.append(QCoreApplication.translate("Clocks", "assisting"))
        if row.supervised:
            parts.append(QCoreApplication.translate("Clocks", "supervised"))
        if row.reopen_due:
            parts.append(QCoreApplication.translate("Clocks", "to reopen"))
        if row.follow_up_count:
            text = QCoreApplication.translate("Clocks", "%n call(s) made", "", row.follow_up_count)
            parts.append(text)
        return " · ".join(parts)
