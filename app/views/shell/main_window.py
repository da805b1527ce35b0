"""The main window: navigation on the left, one screen at a time, the status bar below.

Its screens, their side panels and the signals it answers come from the screen registry
(app/views/shell/screens.py); its commands from the shortcut table (app/views/shell/actions.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from app.models.operations import Actor
from app.models.visibility import Viewer, viewer_of
from app.operations.changes import Changes
from app.store.workspace import Workspace
from app.views.common.changes import ChangeHub
from app.views.common.operation import OperationRunner
from app.views.common.tasks import TaskRunner
from app.views.common.widgets import fit_to_screen
from app.views.intake.page import IntakePage
from app.views.shell.actions import ACTIONS, SPEC_BY_ID, Command, Show, build_actions
from app.views.shell.context import ScreenContext
from app.views.shell.identity import as_identity, demo_home
from app.views.shell.screens import (
    SCREEN_BY_ID,
    SCREENS,
    ScreenSpec,
    Stage,
    Wiring,
    home_screen,
    load,
    visible,
)
from app.views.shell.status_bar import DeskStatusBar, SyncSnapshot

if TYPE_CHECKING:  # the other screens' modules load when they are first needed
    from app.sync.worker import SyncStatus
    from app.views.kb.dialog import KbDialog
    from app.views.orders.detail import OrderDetailDialog
    from app.views.orders.list_page import OrderListPage
    from app.views.sync.bridge import SyncBridge
    from app.views.sync.login_dialog import LoginDialog


PHONE_CHARS = frozenset("0123456789+-() ")
MAX_CALL_NUMBER = 32
MESSAGE_MS = 8000


class MainWindow(QMainWindow):
    """The window. Before its first paint it has the first screens of the registry (the
    intake built); with `defer_rest` the rest (the other screens, the side panels, the
    role's screens and the user switcher) comes with `build_rest()`, which the launcher
    calls once the window has painted: a fast start."""

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
        self.settings = settings
        self.identity = as_identity(actor, self)  # who is at the keyboard, and when that changes
        self.tasks = TaskRunner(self)
        self.changes = ChangeHub(self)  # every operation's notice; screens refresh from it
        self.operations = OperationRunner(workspace, self.tasks, self.changes)
        self.context = ScreenContext(
            workspace,
            self.identity,
            self.tasks,
            self.changes,
            self.operations,
            settings,
            self.show_message,
        )
        self.pages: dict[str, QWidget] = {}  # the screens built so far
        self.panels: dict[str, QWidget] = {}  # their side panels (PanelSpec ids)
        self.actions_by_id: dict[str, QAction] = {}  # the window's commands (not the screens')
        self.switcher: QComboBox | None = None  # the demo-user switcher (demo workspace)
        self.kb_dialog: KbDialog | None = None  # the last Ctrl+K dialog
        self.details: dict[str, OrderDetailDialog] = {}  # the order windows open, by order
        self.login_dialog: LoginDialog | None = None
        self.sync_bridge: SyncBridge | None = None  # once synchronisation starts
        self._panels_built = False
        self.setWindowTitle(self.tr("Hotline Desk — Zhongshan 12345"))
        self.setObjectName("main_window")

        intake = self._build(SCREEN_BY_ID["intake"])  # the screen painted first
        assert isinstance(intake, IntakePage)
        self.intake = intake
        self.nav = QListWidget(objectName="nav")
        self.nav.setFixedWidth(150)
        self.nav.setStyleSheet("QListWidget::item { padding: 10px 12px; }")
        self.stack = QStackedWidget()
        for spec in SCREENS:
            if spec.stage is Stage.FIRST:
                self._add_entry(spec)
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
        self._add_actions(Stage.FIRST)
        self.nav.setCurrentRow(0)
        self.show_held_count(len(self.intake.held))
        # Built after the first paint with `defer_rest` (see the class), in steps.
        self._rest: list[Callable[[], None]] = [
            lambda: self._join(Stage.REST),  # the other screens' entries and commands
            self._build_panels,  # beside the intake: likely duplicates, KB suggestions
            self._follow_role,  # only the user's role's screens; the demo-user switcher
        ]
        # A role without the intake screen starts on another one: build that one now.
        if not defer_rest or not visible("intake", self.identity.role):
            self.build_rest()
        self._restore_geometry()

    # ---- building from the registry -----------------------------------------------------

    def build_rest(self) -> None:
        """Everything but the first screens (once; see the class)."""
        while self.build_rest_step():
            pass

    def build_rest_step(self) -> bool:
        """One step of build_rest, short enough for the GUI thread; False when done."""
        if self._rest:
            self._rest.pop(0)()
        return bool(self._rest)

    def _join(self, stage: Stage) -> None:
        """The screens of `stage` join the navigation (each built when first shown)."""
        for spec in SCREENS:
            if spec.stage is stage:
                self._add_entry(spec)
        self._add_actions(stage)

    def _add_entry(self, spec: ScreenSpec) -> None:
        item = QListWidgetItem(spec.translated_title())
        item.setData(Qt.ItemDataRole.UserRole, spec.id)
        self.nav.addItem(item)
        built = self.pages.get(spec.id)
        if built is None and spec.eager:
            built = self._build(spec)
        self.stack.addWidget(built if built is not None else QWidget())  # placeholder

    def _add_actions(self, stage: Stage) -> None:
        """The window's commands for the screens of `stage` (with the first: the window's
        own commands that belong to no screen)."""
        handlers: dict[str, Callable[[], Any]] = {}
        for spec in ACTIONS:
            target = spec.target
            if not isinstance(target, Show | Command):
                continue  # built by its screens
            joins = SCREEN_BY_ID[target.screen].stage if target.screens else Stage.FIRST
            if joins is not stage:
                continue
            if isinstance(target, Show):
                handlers[spec.id] = lambda screen=target.screen: self.show_screen(screen)
            else:
                handlers[spec.id] = getattr(self, target.name)
        self.actions_by_id.update(build_actions(self, handlers))

    def _build(self, spec: ScreenSpec) -> QWidget:
        widget: QWidget = load(spec.factory)(self.context)
        self._wire(widget, spec.signals)
        self.pages[spec.id] = widget
        if self._panels_built:
            self._add_panels(spec, widget)
        return widget

    def _wire(self, widget: QWidget, signals: Wiring) -> None:
        for signal, method in signals:
            getattr(widget, signal).connect(getattr(self, method))

    def _build_panels(self) -> None:
        self._panels_built = True
        for spec in SCREENS:
            built = self.pages.get(spec.id)
            if built is not None:
                self._add_panels(spec, built)

    def _add_panels(self, spec: ScreenSpec, screen: Any) -> None:
        for panel in spec.panels:  # built in the table's order: the keyboard's tab order
            widget: QWidget = load(panel.factory)(self.context, screen)
            if panel.first:
                screen.side_layout.insertWidget(0, widget, 1)
            else:
                screen.side_layout.addWidget(widget, 1)
            self._wire(widget, panel.signals)
            self.panels[panel.id] = widget

    def _follow_role(self) -> None:
        from app.views.shell.roles import user_switcher

        self.switcher = user_switcher(self, self.identity, self.workspace.policy.unit_name)
        self.identity.changed.connect(lambda _actor: self.apply_role())
        self.apply_role()

    def apply_role(self) -> None:
        """Show the screens and commands of the current role; stay on a screen it keeps."""
        role = self.identity.role
        first = -1
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            shown = visible(self._id_at(row), role)
            item.setHidden(not shown)
            if shown and first < 0:
                first = row
        for action_id, action in self.actions_by_id.items():
            screens = SPEC_BY_ID[action_id].target.screens
            if screens:
                action.setEnabled(visible(screens[0], role))
        current = self.nav.currentRow()
        preferred = demo_home(self.identity())  # the follow-up desk's demo user
        if preferred or current < 0 or self.nav.item(current).isHidden():
            home = preferred or home_screen(role)
            ids = [self._id_at(row) for row in range(self.nav.count())]
            self.nav.setCurrentRow(ids.index(home) if home in ids else first)
        for spec in SCREENS:  # what they showed was the previous user's
            built = self.pages.get(spec.id)
            if built is not None and spec.on_switch:
                getattr(built, spec.on_switch)()
        self.status.refresh()

    # ---- screens ------------------------------------------------------------------------

    def page(self, page_id: str) -> QWidget:
        """The screen, built now if it has not been shown yet."""
        if page_id not in self.pages:
            index = self._row_of(page_id)
            widget = self._build(SCREEN_BY_ID[page_id])
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, widget)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
        return self.pages[page_id]

    def _id_at(self, row: int) -> str:
        return str(self.nav.item(row).data(Qt.ItemDataRole.UserRole))

    def _row_of(self, page_id: str) -> int:
        for row in range(self.nav.count()):
            if self._id_at(row) == page_id:
                return row
        raise KeyError(page_id)

    def _row_changed(self, row: int) -> None:
        if row >= 0:
            self.page(self._id_at(row))
            self.stack.setCurrentIndex(row)

    def show_page(self, page_id: str) -> QWidget:
        widget = self.page(page_id)
        self.nav.setCurrentRow(self._row_of(page_id))
        return widget

    def show_screen(self, screen_id: str) -> None:
        """A screen of the current user's role (its Ctrl+number)."""
        if visible(screen_id, self.identity.role):
            self.show_page(screen_id)

    @property
    def orders(self) -> OrderListPage:
        from app.views.orders.list_page import OrderListPage

        page = self.page("orders")
        assert isinstance(page, OrderListPage)
        return page

    # ---- commands (the shortcut table's targets) ----------------------------------------

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

    def show_held_count(self, count: int) -> None:
        """The intake screen's entry says how many calls wait there."""
        title = self.tr("Intake (%1 held)").replace("%1", str(count)) if count else None
        intake = SCREEN_BY_ID["intake"]
        self.nav.item(self._row_of("intake")).setText(title or intake.translated_title())

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

    def open_knowledge(self, query: str = "", article_id: str = "") -> KbDialog:
        """Ctrl+K: on the intake screen the chosen answer goes into the direct answer."""
        from app.views.kb.dialog import KbDialog

        on_intake = self.stack.currentWidget() is self.intake
        use = self.intake.use_article if on_intake else None
        dialog = KbDialog(self.workspace, self.tasks, use, self, self.operations, self.identity())
        dialog.start(query, article_id)
        dialog.show()
        self.kb_dialog = dialog
        return dialog

    def open_suggested_article(self, article_id: str) -> None:
        """An article of the intake's suggestions, found again with the appeal's title."""
        self.open_knowledge(self.intake.title.text(), article_id)

    def show_message(self, text: str) -> None:
        """A screen's short notice in the status bar (a step done, an order's number)."""
        self.statusBar().showMessage(text, MESSAGE_MS)

    def focus_switcher(self) -> None:
        if self.switcher is not None:
            self.switcher.setFocus()
            self.switcher.showPopup()

    def viewer(self) -> Viewer:
        """Who is at the keyboard now, as the order access sees them."""
        return viewer_of(self.identity())

    def show_order(self, order_id: str) -> OrderDetailDialog | None:
        """The order's detail as the current user may see it; None when they may not (or
        it does not exist). An order already open for this user is brought to the front:
        one window per order."""
        from app.views.orders.detail import OrderDetailDialog

        open_already = self.details.get(order_id)
        if open_already is not None:
            if open_already.viewer == self.viewer():
                open_already.showNormal()
                open_already.raise_()
                open_already.activateWindow()
                return open_already
            open_already.close()  # it showed the order as the previous user could see it
        try:
            dialog = OrderDetailDialog(self.workspace, order_id, self, viewer=self.viewer())
        except KeyError:
            self.statusBar().showMessage(self.tr("No such order here."), 8000)
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.details[order_id] = dialog
        dialog.finished.connect(lambda _r, d=dialog: self._detail_closed(order_id, d))
        dialog.show()
        return dialog

    def _detail_closed(self, order_id: str, dialog: QWidget) -> None:
        if self.details.get(order_id) is dialog:
            del self.details[order_id]

    def refresh(self) -> None:
        """F5: the screen shown reads its data again (its `refresh` in the registry)."""
        row = self.nav.currentRow()
        spec = SCREEN_BY_ID[self._id_at(row)] if row >= 0 else None
        if spec is not None and spec.refresh and spec.id in self.pages:
            getattr(self.pages[spec.id], spec.refresh)()
        self.status.refresh()

    # ---- synchronisation ----------------------------------------------------------------

    def attach_sync(self, bridge: SyncBridge) -> None:
        """Synchronisation joins the window: the refused steps, the sync commands, status."""
        bridge.setParent(self)  # when the window goes, status changes still queued go with it
        self.sync_bridge = bridge
        self._join(Stage.SYNC)
        bridge.status_changed.connect(self._sync_status)
        bridge.pulled.connect(self._pulled)
        bridge.changed.connect(self.changes.notify)  # every screen refreshes from a pull
        self.changes.changed.connect(bridge.follow)  # a local step: send it soon

    def sync_now(self) -> None:
        if self.sync_bridge is not None:
            self.sync_bridge.sync_now()

    def sign_in(self) -> None:
        from app.views.sync.login_dialog import LoginDialog

        if self.sync_bridge is None:
            return
        status = self.sync_bridge.worker.status()
        dialog = LoginDialog(self.sync_bridge, self.tasks, status.server, status.user, self)
        dialog.accepted.connect(self._seat_changed)
        self.login_dialog = dialog
        dialog.open()

    def sign_out(self) -> None:
        if self.sync_bridge is not None:
            what = self.tr("Signing out")
            self.tasks.run(self.sync_bridge.sign_out(), self._seat_changed, what=what)

    def _seat_changed(self, _result: object = None) -> None:
        """Someone signed in or out: the cache is already what they may see (app.store.seat);
        every screen follows at once (the role's screens, the lists read again)."""
        self.identity.changed.emit(self.identity())
        self.changes.notify(Changes(session=True, all_orders=True, held=True))
        self.sync_now()

    def _sync_status(self, status: SyncStatus) -> None:
        self.status.refresh()
        label = SCREEN_BY_ID["attention"].translated_title()
        if status.attention:
            label += f"（{status.attention}）"
        self.nav.item(self._row_of("attention")).setText(label)
        page = self.pages.get("attention")
        if page is not None:
            page.refresh()  # type: ignore[attr-defined]

    def _pulled(self, count: int) -> None:
        self.statusBar().showMessage(
            self.tr("%n change(s) from other workstations", "", count), 6000
        )

    # ---- window state -------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            screen = QGuiApplication.screenAt(self.frameGeometry().center())
            if screen is not None:  # kept where it was, but within that screen's room
                fit_to_screen(self, self.width(), self.height())
                return
        fit_to_screen(self, 1360, 860)  # a 1366×768 screen less its taskbar: smaller
        primary = QGuiApplication.primaryScreen()
        if primary is not None:
            room = primary.availableGeometry()
            self.move(room.center() - self.rect().center())
            self.move(max(self.x(), room.x()), max(self.y(), room.y()))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.status.timer.stop()
        for spec in SCREENS:  # pending work stops; what was typed is kept
            page = self.pages.get(spec.id)
            if page is not None and spec.on_close:
                getattr(page, spec.on_close)()
        self.tasks.shutdown()
        super().closeEvent(event)
