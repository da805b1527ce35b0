"""What the intake screen adds for 首接负责: likely duplicates while typing (attach the caller
to the existing order, 并单), transfer (转办), and flagging an appellant (恶意/虚假)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
)

from app.models.enums import FlagKind, TransferTarget
from app.models.records import Order
from app.models.validation import phone_error
from app.models.visibility import viewer_of
from app.operations import intake as intake_ops
from app.operations.changes import Changes, Done
from app.store.workspace import Workspace
from app.views.common.failures import failure_text
from app.views.common.labels import flag_label, status_label
from app.views.common.plain import fill, plain, tip
from app.views.common.table_headers import header_text
from app.views.intake.page import IntakePage
from app.views.shell.actions import build_actions

if TYPE_CHECKING:
    from app.store.orders.duplicates import Duplicate
    from app.views.shell.context import ScreenContext
    from app.views.work.panel import StepDialog

Index = QModelIndex | QPersistentModelIndex
DELAY_MS = 300


def transfer_label(target: TransferTarget) -> str:
    names = {
        TransferTarget.POLICE_110: QCoreApplication.translate("IntakeExtras", "110 police"),
        TransferTarget.FIRE_119: QCoreApplication.translate("IntakeExtras", "119 fire"),
        TransferTarget.AMBULANCE_120: QCoreApplication.translate("IntakeExtras", "120 ambulance"),
        TransferTarget.TRAFFIC_122: QCoreApplication.translate("IntakeExtras", "122 traffic"),
        TransferTarget.OTHER_CITY: QCoreApplication.translate(
            "IntakeExtras", "Another city's 12345"
        ),
        TransferTarget.PROVINCE: QCoreApplication.translate("IntakeExtras", "Provincial line"),
    }
    return names[target]


class DuplicateModel(QAbstractTableModel):
    COLUMNS = 4

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Duplicate] = []
        self._headers = (
            QCoreApplication.translate("IntakeExtras", "Order number"),
            QCoreApplication.translate("IntakeExtras", "Why"),
            QCoreApplication.translate("IntakeExtras", "Status"),
            QCoreApplication.translate("IntakeExtras", "Title"),
        )

    def set_rows(self, rows: list[Duplicate]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return header_text(self._headers, section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        d = self.rows[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3:
            return tip(d.row.title)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if index.column() == 0:
            return d.row.number
        if index.column() == 1:
            reasons = []
            if d.same_caller:
                reasons.append(QCoreApplication.translate("IntakeExtras", "same caller"))
            if d.share:
                text = QCoreApplication.translate("IntakeExtras", "similar %1%")
                reasons.append(text.replace("%1", str(round(d.share * 100))))
            return "，".join(reasons)
        if index.column() == 2:
            return status_label(d.row.status)
        return d.row.title


class IntakeExtras(QGroupBox):
    """A side panel of the intake screen (app/views/shell/screens.py)."""

    def __init__(self, context: ScreenContext, page: IntakePage) -> None:
        super().__init__(QCoreApplication.translate("IntakeExtras", "Likely &duplicates"))
        self.setObjectName("duplicates_box")
        self.context = context
        self.page = page
        self.workspace = context.workspace
        self.actor = context.actor
        self.tasks = context.tasks
        self.dialog: StepDialog | None = None
        self.model = DuplicateModel(self)
        self.table = QTableView(objectName="duplicates")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._open)
        self.hint = plain(QLabel(objectName="duplicates_hint"))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color:#555;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        page.phone.textChanged.connect(lambda _t: self._timer.start())
        page.title.textChanged.connect(lambda _t: self._timer.start())
        page.town.editTextChanged.connect(lambda _t: self._timer.start())
        page.content.textChanged.connect(self._timer.start)
        page.operations.changes.changed.connect(self.follow_changes)
        self.actions = build_actions(
            page,
            {
                "attach_caller": self.attach,
                "transfer_call": self.transfer,
                "flag_appellant": self.flag,
            },
        )
        self._show([])

    def follow_changes(self, changes: Changes) -> None:
        """Orders changed (one recorded here, or pulled): look for duplicates again; an
        emptied form has none."""
        if not changes.any_order:
            return
        if self.page.phone.text() or self.page.title.text():
            self.refresh()  # off the GUI thread; dropped if the window closes meanwhile
        else:
            self.model.set_rows([])

    def stop_timers(self) -> None:
        self._timer.stop()

    def refresh(self) -> None:
        self._timer.stop()
        intake = self.page.current_intake()
        phone = intake.appellant.phone if phone_error(self.page.phone.text()) is None else ""
        now = self.workspace.clock()

        viewer = viewer_of(self.actor())

        def find() -> list[Duplicate]:
            from dataclasses import replace

            from app.store.orders.duplicates import DuplicateFinder

            finder = DuplicateFinder(self.workspace.reader().database)
            found = finder.find(
                phone=phone, town=intake.town, title=intake.title, content=intake.content, now=now
            )
            # only orders the user may see, as they may see them (app/store/access.py)
            shown = {
                r.id: r for r in self.workspace.reader_access(viewer).shown([d.row for d in found])
            }
            return [replace(d, row=shown[d.row.id]) for d in found if d.row.id in shown]

        self.tasks.run(find, self._show, self._failed, key="dupes")

    def _failed(self, exc: Exception) -> None:
        self.hint.setText(failure_text(self.tr("Looking for duplicates"), exc))

    def _show(self, rows: list[Duplicate]) -> None:
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
            text = self.tr(
                "This may repeat an earlier appeal: Ctrl+Shift+A attaches the caller to the "
                "selected order instead of creating a new one."
            )
        else:
            text = self.tr("No likely duplicates (same caller or same place and matter, 7 days).")
        self.hint.setText(text)

    def selected(self) -> Duplicate | None:
        row = self.table.currentIndex().row()
        return self.model.rows[row] if 0 <= row < len(self.model.rows) else None

    def _open(self) -> None:
        d = self.selected()
        if d is not None:
            self.page.open_order.emit(d.row.id)

    def _finish(self, dialog: StepDialog, message: str) -> None:
        def finished() -> None:
            order = dialog.result_order
            if order is None:
                return
            self.page.window().activateWindow()
            self.page.reset_form()  # the appeal went into the order: nothing to hold
            self.page.show_done(message, order)

        self.dialog = dialog
        dialog.operations = self.page.operations
        dialog.accepted.connect(finished)
        dialog.open()
        dialog.activateWindow()

    def attach(self) -> None:
        from app.views.dispatch.dialogs import text_box
        from app.views.work.panel import StepDialog

        d = self.selected()
        if d is None:
            self.hint.setText(self.tr("No earlier order selected to attach the caller to."))
            return
        caller = self.page.current_intake().appellant
        dialog = StepDialog(
            self.tr("Attach caller"),
            fill(
                self.tr("Attach this caller to %1 (%2) instead of recording a new order?").replace(
                    "%1", "<b>%1</b>"
                ),
                d.row.number,
                d.row.title,
            ),
            self.page,
        )
        note = text_box()
        note.setObjectName("note")
        note.setPlainText(self.page.content.toPlainText() or self.page.title.text())
        dialog.add_row(self.tr("&Note"), note)
        dialog.set_ok_text(self.tr("Attach (Ctrl+Enter)"))

        def submit(ws: Workspace) -> Done[Order]:
            if phone_error(self.page.phone.text()) is not None:
                raise ValueError(self.tr("Enter the caller's number first"))
            return intake_ops.attach_caller(ws, d.row.id, self.actor(), caller, note.toPlainText())

        dialog.submit = submit
        note.setFocus()
        self._finish(dialog, self.tr("Caller attached to order %1."))

    def transfer(self) -> None:
        from app.views.dispatch.dialogs import text_box
        from app.views.work.panel import StepDialog

        dialog = StepDialog(
            self.tr("Transfer"),
            self.tr("The appeal is recorded and transferred, so it is never dropped."),
            self.page,
        )
        target = QComboBox(objectName="target")
        for value in TransferTarget:
            target.addItem(transfer_label(value), value.value)
        reason = text_box()
        reason.setObjectName("reason")
        reason.setPlaceholderText(self.tr("Why it goes there (required)"))
        dialog.add_row(self.tr("&Transfer to"), target)
        dialog.add_row(self.tr("&Reason"), reason, refusals=("reason_required",))
        dialog.set_ok_text(self.tr("Record and transfer (Ctrl+Enter)"))
        intake = self.page.current_intake()
        dialog.submit = lambda ws: intake_ops.record_and_transfer(
            ws, intake, self.actor(), TransferTarget(target.currentData()), reason.toPlainText()
        )
        target.setFocus()
        self._finish(dialog, self.tr("Order %1 recorded and transferred."))

    def flag_choices(self) -> list[tuple[str, str, str]]:
        """(id, number, title) of the orders whose caller may be flagged: the caller's
        history (the selected row first, else the newest), then the selected duplicate."""
        rows = list(self.page.history_model.rows)
        current = self.page.history_model.row_at(self.page.history.currentIndex().row())
        if current is not None:
            rows.remove(current)
            rows.insert(0, current)
        if (d := self.selected()) is not None and d.row.id not in {r.id for r in rows}:
            rows.append(d.row)
        return [(r.id, r.number, r.title) for r in rows]

    def flag(self) -> None:
        """Ctrl+Shift+F: no mouse needed, the caller's orders are offered in the dialog."""
        from app.views.dispatch.dialogs import text_box
        from app.views.work.panel import StepDialog

        choices = self.flag_choices()
        if not choices:
            self.hint.setText(
                self.tr("Type the caller's number: their earlier orders are flagged.")
            )
            return
        dialog = StepDialog(
            self.tr("Flag appellant"),
            fill(
                self.tr(
                    "Flag the caller of the chosen order. Nothing is deleted; the flag and "
                    "reason are kept."
                )
            ),
            self.page,
        )
        order = QComboBox(objectName="flag_order")
        for order_id, number, title in choices:
            order.addItem(f"{number}　{title}", order_id)
        kind = QComboBox(objectName="flag_kind")
        for value in FlagKind:
            kind.addItem(flag_label(value), value.value)
        reason = text_box()
        reason.setObjectName("reason")
        dialog.add_row(self.tr("&Order"), order)
        dialog.add_row(self.tr("&Kind"), kind)
        dialog.add_row(self.tr("&Reason"), reason)
        dialog.submit = lambda ws: intake_ops.flag(
            ws,
            order.currentData(),
            self.actor(),
            FlagKind(kind.currentData()),
            reason.toPlainText(),
        )
        kind.setFocus()
        self.dialog = dialog
        dialog.operations = self.page.operations

        def flagged() -> None:
            self.page.window().activateWindow()
            number = choices[order.currentIndex()][1]
            self.hint.setText(self.tr("The appellant of %1 is flagged.").replace("%1", number))

        dialog.accepted.connect(flagged)
        dialog.open()
        dialog.activateWindow()
