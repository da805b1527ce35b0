"""Sign in to the central case store: server, user, password. The token goes to the keyring."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.views.common.failures import reason
from app.views.common.plain import plain
from app.views.common.tasks import TaskRunner
from app.views.common.widgets import ERROR_STYLE
from app.views.sync.bridge import SyncBridge


class LoginDialog(QDialog):
    def __init__(
        self,
        bridge: SyncBridge,
        tasks: TaskRunner,
        server: str = "",
        user: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.tasks = tasks
        self.setWindowTitle(self.tr("Sign in to the central store"))
        self.setMinimumWidth(460)
        self.server = QLineEdit(server, objectName="server")
        self.server.setPlaceholderText("https://12345.example.gov.cn")
        self.user = QLineEdit(user, objectName="user")
        self.password = QLineEdit(objectName="password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = plain(QLabel(objectName="message"))  # the server's words, as sent
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("&Server"), self.server)
        form.addRow(self.tr("&User"), self.user)
        form.addRow(self.tr("&Password"), self.password)
        note = QLabel(
            self.tr("The password is never stored; the sign-in is kept in the system keyring.")
        )
        note.setWordWrap(True)
        note.setStyleSheet("color:#607d8b;")
        form.addRow(note)
        form.addRow(self.message)
        form.addRow(self.buttons)
        (self.user if server else self.server).setFocus()

    def submit(self) -> None:
        server, user, password = (
            self.server.text().strip(),
            self.user.text().strip(),
            self.password.text(),
        )
        if not server or not user or not password:
            self.message.setText(self.tr("Enter the server, your user name and your password."))
            return
        self.buttons.setEnabled(False)
        self.message.setStyleSheet("color:#607d8b;")
        self.message.setText(self.tr("Signing in…"))
        self.tasks.run(self.bridge.sign_in(server, user, password), self._done, self._failed)

    def _done(self, _session: object) -> None:
        self.password.clear()
        self.bridge.sync_now()
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.buttons.setEnabled(True)
        self.password.clear()
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(self.tr("Could not sign in: %1").replace("%1", reason(exc)))
        self.password.setFocus()
