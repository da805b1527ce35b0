"""One running Hotline Desk per user and workspace; later launches hand it their call."""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

CONNECT_TIMEOUT_MS = 500
MAX_MESSAGE = 4096  # bytes of one message ('call 13800001234' is 16)


def server_name(home: Path) -> str:
    key = f"{getpass.getuser()}:{home.resolve()}"
    return "hotline-desk-" + hashlib.sha1(key.encode()).hexdigest()[:16]


def send_to_running(name: str, message: str) -> bool:
    """Deliver `message` to the running instance; False when none is listening."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    socket.write((message + "\n").encode("utf-8"))
    socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for messages such as 'call 13800001234' from later launches."""

    message_received = Signal(str)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        # A live server (another window on this workspace, started at the same moment) is
        # left to the one that owns it: listening would replace its socket. A stale socket
        # left by a killed instance is removed.
        if _answers(name):
            return
        if not self.server.listen(name):
            QLocalServer.removeServer(name)
            self.server.listen(name)
        self.server.newConnection.connect(self._accept)

    def is_listening(self) -> bool:
        return self.server.isListening()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            line = bytes(socket.readLine(MAX_MESSAGE + 1).data())
            if len(line) > MAX_MESSAGE or not line.endswith(b"\n"):
                socket.abort()  # not a message a launch sends: drop the connection
                return
            text = line.decode("utf-8", "replace").strip()
            if text:
                self.message_received.emit(text)
        if socket.bytesAvailable() > MAX_MESSAGE:  # no end of line in sight
            socket.abort()


def _answers(name: str) -> bool:
    probe = QLocalSocket()
    probe.connectToServer(name)
    live = probe.waitForConnected(CONNECT_TIMEOUT_MS)
    probe.abort()
    return live
