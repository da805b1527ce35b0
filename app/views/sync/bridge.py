"""The sync worker seen from Qt: its status as a signal on the GUI thread, sign-in off it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal

from app.operations import sync as sync_ops
from app.operations.changes import NOTHING, Changes
from app.store.workspace import DB_FILE, Workspace
from app.sync import account
from app.sync.worker import SyncStatus, SyncWorker
from app.views.common.failures import reason
from app.views.shell.status_bar import SyncSnapshot

if TYPE_CHECKING:
    from app.store.db import Database


class SyncBridge(QObject):
    """Owns the SyncWorker thread; re-emits its status changes on the GUI thread."""

    status_changed = Signal(object)  # SyncStatus
    pulled = Signal(int)  # events other workstations wrote, pulled in the last cycle
    changed = Signal(object)  # Changes: what that pull changed here, for the window's hub

    def __init__(
        self, workspace: Workspace, interval: float = 30.0, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.worker = SyncWorker(
            workspace.home / DB_FILE,
            workspace.device_id,
            interval=interval,
            connections=workspace.workers,
        )
        self._last_summary = None
        # Emitting from the worker thread queues the signal to this object's (GUI) thread.
        self._unsubscribe = self.worker.subscribe(self.status_changed.emit)
        self.status_changed.connect(self._note_pull)

    def start(self) -> None:
        self.worker.start()

    def stop(self) -> None:
        self._unsubscribe()
        self.status_changed.disconnect()
        self.pulled.disconnect()
        self.changed.disconnect()
        self.worker.stop(timeout=5)

    def sync_now(self) -> None:
        self.worker.poke()

    def follow(self, changes: Changes) -> None:
        """The window's change signal: a local step waits in the outbox, send it soon (never
        waiting for it)."""
        if changes.outbox:
            self.worker.poke()

    def _note_pull(self, status: SyncStatus) -> None:
        summary = status.last_summary
        if summary is not None and summary is not self._last_summary:
            self._last_summary = summary
            if summary.from_elsewhere:  # never this workstation's own steps coming back
                self.pulled.emit(summary.from_elsewhere)
            changes = sync_ops.pulled(summary)
            if changes != NOTHING:
                self.changed.emit(changes)

    def snapshot(self) -> SyncSnapshot:
        s = self.worker.status()
        return SyncSnapshot(
            state=s.state,
            pending=self.workspace.pending_count(),
            last_success=s.last_success[:16].replace("T", " "),
            user=s.user,
            role=s.role,
            error=reason(s.failure) if s.failure is not None else s.last_error,
            parked=s.parked,
            warning=clear_text_warning(s.server) if s.warning else "",
        )

    def sign_in(self, server: str, user: str, password: str) -> Callable[[], object]:
        """The work of signing in, to run off the GUI thread (it talks to the server)."""
        return self._on_worker_connection(
            lambda database: account.login(database, server, user, password)
        )

    def sign_out(self) -> Callable[[], object]:
        return self._on_worker_connection(account.logout)

    def _on_worker_connection(self, step: Callable[[Database], object]) -> Callable[[], object]:
        """`step` on the connection of the worker thread that runs it."""
        return lambda: step(self.workspace.worker_database())


def clear_text_warning(server: str) -> str:
    """The warning of a clear-text connection the user accepted (app/sync/transport.py),
    in the interface's language."""
    from urllib.parse import urlsplit

    host = urlsplit(server).hostname or server
    text = QCoreApplication.translate(
        "SyncFailures",
        "Warning: the connection to %1 is not encrypted (http): the password and the "
        "sign-in cross the network in clear text.",
    )
    return text.replace("%1", host)
