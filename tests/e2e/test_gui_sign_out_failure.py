"""A sign-out that fails says so in the status bar, never unseen, against the real store:
signed in through the window, then the keyring stops answering."""

from __future__ import annotations

from pathlib import Path

import keyring
from keyring.errors import KeyringError
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
from tests.support.keyrings import MemoryKeyring
from tests.support.server import ServerProcess
from tests.support.users import PASSWORD


class LockedKeyring(MemoryKeyring):
    """A keyring that has stopped answering (locked, its service gone)."""

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringError("the keyring is locked")


def test_a_sign_out_that_fails_says_so(
    qtbot, workspace: Workspace, tmp_path: Path, server: ServerProcess
) -> None:  # type: ignore[no-untyped-def]
    def signed_in() -> Actor:
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
    try:
        window.actions_by_id["sign_in"].trigger()
        dialog: LoginDialog = window.login_dialog
        dialog.server.setText(server.url)
        dialog.user.setText("op1")
        dialog.password.setText(PASSWORD)
        dialog.submit()
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30000)
        assert read_session(workspace.database) is not None

        keyring.set_keyring(LockedKeyring())  # (the autouse fixture restores the keyring)
        with qtbot.waitSignal(window.tasks.failure_reported, timeout=30000):
            window.actions_by_id["sign_out"].trigger()
        message = window.statusBar().currentMessage()
        assert message.startswith("Signing out failed: ")
        assert "keyring" in message  # the keyring's trouble, with who can set one up
        assert read_session(workspace.database) is not None  # still signed in, as shown
    finally:
        window.close()
        bridge.stop()
