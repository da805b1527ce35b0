"""The order list: find any order again by status, type, town, date, overdue or text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.models.clock import china_today
from app.models.enums import AppealType, Status
from app.operations.changes import Changes
from app.store.orders.query import OrderFilter
from app.views.common.failures import failure_text
from app.views.common.labels import appeal_type_label, status_label
from app.views.common.plain import plain
from app.views.common.widgets import RoomForTitles, record_table
from app.views.orders.models import OrderListModel

CELL_PADDING = 16  # a cell's margins and the grid line, beside its text

if TYPE_CHECKING:
    from app.views.shell.context import ScreenContext

SEARCH_DELAY_MS = 250
OPEN_STATUSES = "open"


class OrderListPage(QWidget):
    open_order = Signal(str)

    def __init__(self, context: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.workspace = workspace = context.workspace
        self.tasks = context.tasks
        self.viewer = viewer = context.viewer  # who is at the keyboard: their orders only
        self._stale = False
        context.changes.changed.connect(self.follow_changes)  # the one change signal
        self.model = OrderListModel(
            workspace.access(viewer()), workspace.policy.town_name, workspace.clock, self
        )
        self._build()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_filter)
        self.apply_filter()

    def _build(self) -> None:
        self.search = QLineEdit(objectName="search")
        self.search.setPlaceholderText(
            self.tr("Search the words, an order number (or a part of it) or the caller's number")
        )
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox(objectName="status")
        self.status.addItem(self.tr("All statuses"), "")
        self.status.addItem(self.tr("All open"), OPEN_STATUSES)
        for status in Status:
            self.status.addItem(status_label(status.value), status.value)
        self.appeal_type = QComboBox(objectName="appeal_type")
        self.appeal_type.addItem(self.tr("All types"), "")
        for appeal_type in AppealType:
            self.appeal_type.addItem(appeal_type_label(appeal_type.value), appeal_type.value)
        self.town = QComboBox(objectName="town")
        self.town.addItem(self.tr("All towns"), "")
        for town in self.workspace.policy.towns:
            self.town.addItem(town.short, town.code)
        self.date_from = QDateEdit(objectName="date_from")
        self.date_to = QDateEdit(objectName="date_to")
        self._default_dates()
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.use_dates = QCheckBox(self.tr("&Received between"), objectName="use_dates")
        self.overdue = QCheckBox(self.tr("&Overdue only"), objectName="overdue")
        self.count = plain(QLabel(objectName="count"))
        for combo in (self.status, self.appeal_type):  # English names are long: a small screen
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(10)

        for combo in (self.status, self.appeal_type, self.town):
            combo.currentIndexChanged.connect(self.apply_filter)
        for box in (self.use_dates, self.overdue):
            box.toggled.connect(self.apply_filter)
        self.use_dates.toggled.connect(self.date_from.setEnabled)
        self.use_dates.toggled.connect(self.date_to.setEnabled)
        self.date_from.setEnabled(False)
        self.date_to.setEnabled(False)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._dates_changed)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self._search_entered)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.status, 1)
        filters.addWidget(self.appeal_type, 1)
        filters.addWidget(self.town, 1)
        filters.addWidget(self.use_dates)
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel("—"))
        filters.addWidget(self.date_to)
        filters.addWidget(self.overdue)

        self.table = record_table(self.model, "orders")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in enumerate(self._column_widths()):
            self.table.setColumnWidth(column, width)
        RoomForTitles(self.table, self.model.COLUMNS.index("title"))
        self.table.activated.connect(self._activated)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)

    def _column_widths(self) -> list[int]:
        """Each column as wide as its longest value in this language and font (measured, not
        guessed, so the title keeps its room on a 1366-pixel screen at 125 %)."""
        samples = {
            "number": ["ZS261127-W0A1B-0001"],  # a store-issued workstation code
            "received": ["2026-11-27 15:20"],
            "type": [appeal_type_label(t.value) for t in AppealType],
            "status": [status_label(s.value) for s in Status],
            "town": [town.name for town in self.workspace.policy.towns],
            "title": ["中" * 16],
            "phone": ["138****1234"],
            "deadline": ["2026-11-27 15:20"],
        }
        metrics = self.table.fontMetrics()
        model = self.table.model()
        widths = []
        for column, name in enumerate(self.model.COLUMNS):
            head = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            texts = [head, *samples.get(name, [])]
            widths.append(max(metrics.horizontalAdvance(t) for t in texts) + CELL_PADDING)
        return widths

    def _default_dates(self) -> None:
        """The last 90 days up to today in China, whatever the workstation's own time zone
        (a machine on UTC is still on yesterday until 08:00 in Zhongshan)."""
        today = QDate(china_today(self.workspace.clock()))
        self.date_from.setDate(today.addDays(-90))
        self.date_to.setDate(today)

    def stop_timers(self) -> None:
        self._timer.stop()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _dates_changed(self) -> None:
        if self.use_dates.isChecked():
            self.apply_filter()

    def current_filter(self) -> OrderFilter:
        status = self.status.currentData()
        statuses: frozenset[str] = frozenset()
        if status == OPEN_STATUSES:
            statuses = frozenset(
                s.value
                for s in (
                    Status.RECEIVED,
                    Status.DISPATCHED,
                    Status.HANDLING,
                    Status.RETURN_PENDING,
                    Status.REPLIED,
                    Status.REVIEWED,
                )
            )
        elif status:
            statuses = frozenset({status})
        received_from = received_to = ""
        if self.use_dates.isChecked():
            received_from = self.date_from.date().toString("yyyy-MM-dd")
            received_to = self.date_to.date().toString("yyyy-MM-dd")
        return OrderFilter(
            statuses=statuses,
            appeal_type=self.appeal_type.currentData() or "",
            town=self.town.currentData() or "",
            received_from=received_from,
            received_to=received_to,
            overdue_at=self.workspace.clock().isoformat() if self.overdue.isChecked() else "",
            text=self.search.text(),
        )

    def apply_filter(self) -> None:
        self._timer.stop()
        order_filter = self.current_filter()
        viewer = self.viewer()
        self.model.queries = self.workspace.access(viewer)
        self.model.set_filter(order_filter)
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        self.count.setText(self.tr("Counting…"))
        self.tasks.run(
            lambda: self.workspace.reader_access(viewer).count(order_filter),
            self._show_count,
            lambda exc: self.count.setText(failure_text(self.tr("Counting the orders"), exc)),
            key="order_count",
        )

    def refresh(self) -> None:
        self._stale = False
        if not self.use_dates.isChecked():  # the range not chosen yet follows the day
            for edit in (self.date_from, self.date_to):
                edit.blockSignals(True)
            self._default_dates()
            for edit in (self.date_from, self.date_to):
                edit.blockSignals(False)
        self.apply_filter()

    def follow_changes(self, changes: Changes) -> None:
        """Orders changed (a step, a pull, another user signed in): read the list again now,
        or when it is next shown."""
        if changes.any_order or changes.session:
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _show_count(self, total: int) -> None:
        self.count.setText(self.tr("%n order(s)", "", total))

    def _search_entered(self) -> None:
        """An order number typed in full opens that order at once."""
        from app.views.orders.choice import choose_order

        found = self.workspace.access(self.viewer()).find_all_by_number(self.search.text())
        if found:
            order_id = choose_order(self, self.search.text().strip(), found)
            if order_id is not None:
                self.open_order.emit(order_id)
        elif self.model.rowCount():
            self.table.setFocus()

    def _activated(self) -> None:
        row = self.model.row_at(self.table.currentIndex().row())
        if row is not None:
            self.open_order.emit(row.id)
