"""Put synchronisation into the main window: status, sign-in, sync now, the refused steps."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from app.sync.worker import SyncStatus
from app.views.shell.actions import build_actions
from app.views.sync.attention_page import AttentionPage
from app.views.sync.bridge import SyncBridge
from app.views.sync.login_dialog import LoginDialog

if TYPE_CHECKING:
    from app.views.shell.main_window import MainWindow


def install_sync(window: MainWindow, bridge: SyncBridge) -> None:
    # Owned by the window: when the window goes, status changes still queued go with it.
    bridge.setParent(window)
    workspace = window.workspace
    attention_title = QCoreApplication.translate("MainWindow", "Refused steps")

    def make_attention() -> AttentionPage:
        page = AttentionPage(workspace)
        page.open_order.connect(window.show_order)
        page.changed.connect(bridge.sync_now)
        return page

    window.add_page("attention", attention_title, make_attention)
    attention_item = window.nav.item(window.nav.count() - 1)

    def status_changed(status: SyncStatus) -> None:
        window.status.refresh()
        label = attention_title
        if status.attention:
            label += f"（{status.attention}）"
        attention_item.setText(label)
        page = window.pages.get("attention")
        if page is not None:
            page.refresh()

    def pulled(count: int) -> None:
        window.refresh()
        window.statusBar().showMessage(
            QCoreApplication.translate(
                "MainWindow", "%n change(s) from other workstations", "", count
            ),
            6000,
        )

    def seat_changed(_result: object = None) -> None:
        """Someone signed in or out: the cache is already what they may see (app.store.seat);
        every screen follows at once (the role's screens, the lists read again)."""
        identity = getattr(window, "identity", None)
        if identity is not None:
            identity.changed.emit(identity())
        window.refresh()
        bridge.sync_now()

    def sign_in() -> None:
        status = bridge.worker.status()
        dialog = LoginDialog(bridge, window.tasks, status.server, status.user, window)
        dialog.accepted.connect(seat_changed)
        window.login_dialog = dialog
        dialog.open()

    def sign_out() -> None:
        what = QCoreApplication.translate("MainWindow", "Signing out")
        window.tasks.run(bridge.sign_out(), seat_changed, what=what)

    bridge.status_changed.connect(status_changed)
    bridge.pulled.connect(pulled)
    window.sync_bridge = bridge
    window.actions_by_id.update(
        build_actions(
            window,
            {
                "sync_now": bridge.sync_now,
                "sign_in": sign_in,
                "sign_out": sign_out,
                "page_attention": lambda: window.show_page("attention"),
            },
        )
    )
