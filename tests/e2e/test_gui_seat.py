"""The main window on a shared seat, against the real store: when another user signs in,
the screens show what that user may see at once, before any sync."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from app.models.enums import Role
from app.models.operations import Actor
from app.store.session import read_session
from app.store.workspace import Workspace
from app.views.shell.identity import Identity
from app.views.shell.main_window import MainWindow
from app.views.shell.status_bar import SyncSnapshot
from app.views.sync.bridge import SyncBridge
from app.views.sync.login_dialog import LoginDialog
from tests.support.server import ServerProcess
from tests.support.station import Station
from tests.support.users import PASSWORD


def _sign_in(qtbot, window: MainWindow, server: ServerProcess, user: str) -> None:  # type: ignore[no-untyped-def]
    window.actions_by_id["sign_in"].trigger()
    dialog: LoginDialog = window.login_dialog
    dialog.server.setText(server.url)
    dialog.user.setText(user)
    dialog.password.setText(PASSWORD)
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30000)


def test_the_next_user_sees_only_their_own_from_the_first_screen(
    qtbot,
    workspace: Workspace,
    tmp_path: Path,
    server: ServerProcess,
    stations: dict[str, Station],
    memory_keyring,
) -> None:  # type: ignore[no-untyped-def]
    elsewhere = stations["elsewhere"]  # an operator's two intakes on the store
    elsewhere.login(server.url, "op2")
    elsewhere.record(2)
    assert elsewhere.sync().accepted == 2

    def signed_in() -> Actor:  # as the app does (app.views.shell.launch)
        session = read_session(workspace.database)
        if session is None:
            return Actor("local", Role.OPERATOR, workspace.device_id)
        return Actor(session.user, Role(session.role), workspace.device_id, unit=session.unit)

    bridge = SyncBridge(workspace, interval=3600)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        workspace, Identity(signed_in), lambda: bridge.snapshot() or SyncSnapshot(), settings
    )
    window.attach_sync(bridge)
    qtbot.addWidget(window)
    bridge.start()
    try:
        _sign_in(qtbot, window, server, "op1")
        count = "SELECT COUNT(*) FROM orders"
        qtbot.waitUntil(lambda: workspace.database.scalar(count) == 2, timeout=30000)
        window.show_page("orders")
        window.refresh()
        qtbot.waitUntil(lambda: window.orders.model.rowCount() == 2, timeout=10000)
        bridge.worker.stop()  # no sync from here on: what shows comes from the sign-in alone
        _sign_in(qtbot, window, server, "unit_cgj")
        assert window.orders.model.rowCount() == 0  # op1's list is gone at once
        assert workspace.database.scalar(count) == 0
    finally:
        window.close()
        bridge.stop()
