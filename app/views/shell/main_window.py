"""The main window: navigation on the left, one screen at a time, the status bar below."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from app.models.operations import Actor
from app.models.visibility import Viewer, viewer_of
from app.store.workspace import Workspace
from app.views.common.changes import ChangeHub
from app.views.common.operation import OperationRunner
from app.views.common.tasks import TaskRunner
from app.views.intake.page import IntakePage
from app.views.shell.actions import build_actions
from app.views.shell.roles import visible
from app.views.shell.status_bar import DeskStatusBar, SyncSnapshot

if TYPE_CHECKING:  # the other screens' modules load when they are first needed
    from app.views.orders.detail import OrderDetailDialog
    from app.views.orders.list_page import OrderListPage


PHONE_CHARS = frozenset("0123456789+-() ")
MAX_CALL_NUMBER = 32


class MainWindow(QMainWindow):
    """The window. With `defer_rest` the intake screen alone is built here and the rest
    (the intake's side panels, the other screens' entries, the role switcher) by
    `build_rest()`, which the launcher calls once the window has painted: a fast start."""

    def __init__(
        self,
        workspace: Workspace,
        actor: Callable[[], Actor],
        snapshot: Callable[[], SyncSnapshot],
        settings: QSettings,
        *,
        defer_rest: bool = False,
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.actor = actor
        self.settings = settings
        self.tasks = TaskRunner(self)
        self.changes = ChangeHub(self)  # every operation's notice; screens refresh from it
        self.operations = OperationRunner(workspace, self.tasks, self.changes)
        self.setWindowTitle(self.tr("Hotline Desk — Zhongshan 12345"))
        self.setObjectName("main_window")

        self.intake = IntakePage(workspace, actor, operations=self.operations)
        self.intake.open_order.connect(self.show_order)
        self.intake.held_changed.connect(self._held_count)

        self.nav = QListWidget(objectName="nav")
        self.nav.setFixedWidth(150)
        self.nav.setStyleSheet("QListWidget::item { padding: 10px 12px; }")
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        self._factories: dict[str, Callable[[], QWidget]] = {}
        self.add_page("intake", self.tr("Intake"), self.intake)
        self.add_page("orders", self.tr("Orders"), self._make_order_list)
        self.add_page("reports", self.tr("Reports"), self._make_reports)
        self.nav.currentRowChanged.connect(self._row_changed)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.status = DeskStatusBar(workspace.station, snapshot, self)
        self.changes.changed.connect(lambda _changes: self.status.refresh())
        self.setStatusBar(self.status)
        self.actions_by_id = build_actions(
            self,
            {
                "new_intake": self.new_intake,
                "held_intakes": self.choose_held,
                "save_intake": self.save_intake,
                "find_order": self.find_order,
                "open_order": self.open_order_by_number,
                "refresh": self.refresh,
                "page_intake": lambda: self.show_page("intake"),
                "page_orders": lambda: self.show_page("orders"),
                "page_reports": lambda: self.show_page("reports"),
                "quit": self.close,
            },
        )
        self.nav.setCurrentRow(0)
        self._held_count(len(self.intake.held))
        # Built after the first paint with `defer_rest` (see the class), in steps.
        self._rest: list[Callable[[], None]] = [
            self._install_knowledge,
            self._install_roles,
            self._install_drills,
        ]
        # A role without the intake screen starts on another one: build that one now.
        if not defer_rest or not visible("intake", actor().role):
            self.build_rest()
        self._restore_geometry()

    def build_rest(self) -> None:
        """Everything but the intake form and its caller history (once; see the class)."""
        while self.build_rest_step():
            pass

    def build_rest_step(self) -> bool:
        """One step of build_rest, short enough for the GUI thread; False when done."""
        if self._rest:
            self._rest.pop(0)()
        return bool(self._rest)

    def _install_knowledge(self) -> None:
        from app.views.kb.install import install_knowledge

        install_knowledge(self)  # its screen, Ctrl+K, and the intake's suggestions

    def _install_roles(self) -> None:
        from app.views.shell.roles import install_roles

        install_roles(self)  # the chain's work screens; only the user's role's are shown

    def _install_drills(self) -> None:
        from app.views.drills.install import install_drills

        install_drills(self)  # knowledge-base drills: operators' screen, trainers' dashboard

    def add_page(self, page_id: str, title: str, widget: QWidget | Callable[[], QWidget]) -> None:
        """Register a screen; a factory builds it the first time it is shown (fast start)."""
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, page_id)
        self.nav.addItem(item)
        if isinstance(widget, QWidget):
            self.stack.addWidget(widget)
            self.pages[page_id] = widget
        else:
            self.stack.addWidget(QWidget())  # placeholder until first shown
            self._factories[page_id] = widget

    def page(self, page_id: str) -> QWidget:
        """The screen, built now if it has not been shown yet."""
        if page_id not in self.pages:
            index = self._row_of(page_id)
            widget = self._factories.pop(page_id)()
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, widget)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.pages[page_id] = widget
        return self.pages[page_id]

    def _row_of(self, page_id: str) -> int:
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == page_id:
                return row
        raise KeyError(page_id)

    def _row_changed(self, row: int) -> None:
        if row >= 0:
            self.page(self.nav.item(row).data(Qt.ItemDataRole.UserRole))
            self.stack.setCurrentIndex(row)

    def show_page(self, page_id: str) -> QWidget:
        widget = self.page(page_id)
        self.nav.setCurrentRow(self._row_of(page_id))
        return widget

    def _make_reports(self) -> QWidget:
        from app.views.reports.page import ReportsPage  # QtCharts loads on first use

        page = ReportsPage(self.workspace, self.tasks, self.viewer)
        page.open_order.connect(self.show_order)
        return page

    def _make_order_list(self) -> OrderListPage:
        from app.views.orders.list_page import OrderListPage

        page = OrderListPage(self.workspace, self.tasks, self.viewer)
        page.open_order.connect(self.show_order)
        return page

    @property
    def orders(self) -> OrderListPage:
        from app.views.orders.list_page import OrderListPage

        page = self.page("orders")
        assert isinstance(page, OrderListPage)
        return page

    # ---- actions ------------------------------------------------------------------------

    def _may_take_calls(self) -> bool:
        """Intakes (and the held ones, callers' numbers among them) are for the roles that
        have the intake screen: a call handed to another role's window opens nothing."""
        if visible("intake", self.viewer().role):
            return True
        self.statusBar().showMessage(self.tr("This role does not take calls."), 5000)
        return False

    def new_intake(self, phone: str = "") -> None:
        if not self._may_take_calls():
            return
        self.show_page("intake")
        self.intake.new_intake(phone)

    def choose_held(self) -> None:
        if not self._may_take_calls():
            return
        self.show_page("intake")
        if not self.intake.choose_held():
            self.statusBar().showMessage(self.tr("No intake is held."), 5000)

    def _held_count(self, count: int) -> None:
        """The intake screen's entry says how many calls wait there."""
        title = self.tr("Intake (%1 held)").replace("%1", str(count)) if count else None
        self.nav.item(self._row_of("intake")).setText(title or self.tr("Intake"))

    def incoming_call(self, phone: str) -> None:
        """The telephony handed us a call: a fresh intake with the number and its history
        (the intake being typed is held). Only a number's characters are taken from it."""
        self.new_intake("".join(c for c in phone if c in PHONE_CHARS)[:MAX_CALL_NUMBER].strip())
        self.to_front()

    def to_front(self) -> None:
        self.setWindowState(
            (self.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive
        )
        self.raise_()
        self.activateWindow()

    def handle_message(self, message: str) -> None:
        """From a later launch on this workspace: 'call NUMBER', or 'show'."""
        command, _, argument = message.partition(" ")
        if command == "call":
            self.incoming_call(argument.strip())
        elif command == "show":
            self.to_front()

    def save_intake(self) -> None:
        if self.stack.currentWidget() is self.intake:
            self.intake.save()

    def find_order(self) -> None:
        self.show_page("orders")
        self.orders.focus_search()

    def open_order_by_number(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        from app.views.common.plain import inform

        number, ok = QInputDialog.getText(
            self, self.tr("Open order"), self.tr("Order number as the caller reads it:")
        )
        if not ok or not number.strip():
            return
        # another unit's order and no order at all get the same answer
        from app.views.orders.choice import choose_order

        found = self.workspace.access(self.viewer()).find_all_by_number(number)
        if not found:
            inform(self, self.tr("Open order"), self.tr("No order %1 here.").replace("%1", number))
            return
        order_id = choose_order(self, number.strip(), found)  # a renumbered duplicate
        if order_id is not None and self.show_order(order_id) is None:
            inform(self, self.tr("Open order"), self.tr("No order %1 here.").replace("%1", number))

    def viewer(self) -> Viewer:
        """Who is at the keyboard now, as the order access sees them."""
        identity = getattr(self, "identity", None)  # the role switcher's, once installed
        return viewer_of((identity or self.actor)())

    def show_order(self, order_id: str) -> OrderDetailDialog | None:
        """The order's detail as the current user may see it; None when they may not (or
        it does not exist)."""
        from app.views.orders.detail import OrderDetailDialog

        try:
            dialog = OrderDetailDialog(self.workspace, order_id, self, viewer=self.viewer())
        except KeyError:
            self.statusBar().showMessage(self.tr("No such order here."), 8000)
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def refresh(self) -> None:
        current = self.stack.currentWidget()
        if current is self.orders:
            self.orders.refresh()
        elif current is self.intake:
            self.intake.refresh_history()
        elif callable(getattr(current, "refresh", None)):
            current.refresh()  # the work screens (dispatch, unit, follow-up …)
        self.status.refresh()

    # ---- window state -------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            screen = QGuiApplication.screenAt(self.frameGeometry().center())
            if screen is not None:
                return
        self.resize(1360, 860)
        primary = QGuiApplication.primaryScreen()
        if primary is not None:
            self.move(primary.availableGeometry().center() - self.rect().center())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.status.timer.stop()
        for page in self.pages.values():
            stop = getattr(page, "stop_timers", None)
            if stop is not None:
                stop()
        self.tasks.shutdown()
        super().closeEvent(event)
