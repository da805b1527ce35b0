"""The main window against the real central store: sign in, work offline, drain by itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication

from app.store.workspace import Workspace
from app.views.shell.main_window import MainWindow
from app.views.sync.bridge import SyncBridge
from app.views.sync.login_dialog import LoginDialog
from tests.support.server import ServerProcess
from tests.support.users import PASSWORD


def fill_intake(window: MainWindow, title: str) -> None:
    page = window.intake
    page.phone.setText("13800138000")
    page.category.setCurrentIndex(page.category.findData("A0301"))
    page.town.setCurrentIndex(page.town.findData("shiqi"))
    page.title.setText(title)
    page.content.setPlainText("夜间施工噪音扰民，请处理")


@pytest.fixture
def desk(qtbot, workspace: Workspace, tmp_path: Path):  # type: ignore[no-untyped-def]
    from app.views.shell.identity import Identity
    from app.views.shell.status_bar import SyncSnapshot

    bridge = SyncBridge(workspace, interval=0.5)
    identity_holder: list[object] = []
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)

    def actor():  # type: ignore[no-untyped-def]
        from app.models.enums import Role
        from app.models.operations import Actor

        session = bridge.worker.status()
        return Actor(session.user or "local", Role(session.role or "operator"), workspace.device_id)

    window = MainWindow(
        workspace, Identity(actor), lambda: bridge.snapshot() or SyncSnapshot(), settings
    )
    identity_holder.append(window)
    window.attach_sync(bridge)
    qtbot.addWidget(window)
    bridge.start()
    yield window, bridge
    window.close()
    bridge.stop()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_sign_in_then_work_through_an_outage(
    qtbot, desk, server: ServerProcess, memory_keyring
) -> None:  # type: ignore[no-untyped-def]
    window, bridge = desk
    window.actions_by_id["sign_in"].trigger()
    dialog: LoginDialog = window.login_dialog
    dialog.server.setText(server.url)
    dialog.user.setText("op1")
    dialog.password.setText("wrong")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=15000)
    assert dialog.message.text().startswith(("Could not sign in", "无法登录")), (
        dialog.message.text()
    )
    assert dialog.isVisible()
    dialog.password.setText(PASSWORD)
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=15000)
    qtbot.waitUntil(lambda: bridge.worker.status().state == "online", timeout=15000)
    # the status bar follows on the GUI thread once the worker's change is delivered
    qtbot.waitUntil(lambda: "op1" in window.status.user.text(), timeout=5000)
    assert PASSWORD not in Path(window.workspace.home / "hotline-desk.sqlite3").read_bytes().decode(
        "latin-1"
    )

    fill_intake(window, "联网时受理")
    assert window.intake.save() is not None
    qtbot.waitUntil(
        lambda: bridge.worker.status().pending == 0 and bridge.worker.status().state == "online",
        timeout=15000,
    )

    server.stop()  # the network cable is pulled
    fill_intake(window, "断网时受理")
    assert window.intake.save() is not None  # intake goes on as before
    qtbot.waitUntil(lambda: bridge.worker.status().state == "offline", timeout=15000)
    assert window.workspace.pending_count() >= 1
    qtbot.waitUntil(lambda: "●" in window.status.connection.text(), timeout=5000)

    server.start()  # plugged back: nobody presses anything
    qtbot.waitUntil(
        lambda: bridge.worker.status().pending == 0 and bridge.worker.status().state == "online",
        timeout=30000,
    )
    assert window.workspace.pending_count() == 0
