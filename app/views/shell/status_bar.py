"""The status bar: workstation, who is signed in, connection, queued events, last sync."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from app.views.common import colours
from app.views.common.labels import role_label
from app.views.common.plain import plain, set_tip

REFRESH_MS = 2000


@dataclass(frozen=True)
class SyncSnapshot:
    """What the status bar shows of synchronisation; sync workers fill it in."""

    state: str = "offline"  # offline, online, syncing, signed_out
    pending: int = 0
    last_success: str = ""
    user: str = ""
    role: str = ""
    error: str = ""
    parked: int = 0  # other users' unsent events, kept until they sign in again
    warning: str = ""  # e.g. clear-text http the user accepted at sign-in


class DeskStatusBar(QStatusBar):
    def __init__(
        self, station: str, snapshot: Callable[[], SyncSnapshot], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.snapshot = snapshot
        self.station = plain(QLabel(self.tr("Workstation %1").replace("%1", station)))
        self.user = plain(QLabel(objectName="status_user"))  # user names, as they are
        self.connection = plain(QLabel(objectName="status_connection"))  # the server's words
        self.pending = plain(QLabel(objectName="status_pending"))
        self.last_sync = plain(QLabel(objectName="status_last_sync"))
        for label in (self.user, self.connection, self.pending, self.last_sync, self.station):
            label.setContentsMargins(8, 0, 8, 0)
            self.addPermanentWidget(label)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    def refresh(self) -> None:
        s = self.snapshot()
        self.user.setText(
            f"{role_label(s.role)} {s.user}".strip() if s.user else self.tr("Not signed in")
        )
        states = {
            "offline": self.tr("● Offline: working locally"),
            "online": self.tr("● Online"),
            "syncing": self.tr("● Syncing…"),
            "signed_out": self.tr("● Local only (not signed in)"),
        }
        self.connection.setText(states.get(s.state, s.state))
        colour = {"online": colours.ON_TIME, "syncing": "#1565c0"}.get(s.state, colours.DUE_TODAY)
        self.connection.setStyleSheet(f"color:{colour};")
        if s.warning:
            self.connection.setText(self.connection.text() + " ⚠")
            self.connection.setStyleSheet(f"color:{colours.OVERDUE};")
        set_tip(self.connection, "\n".join(t for t in (s.warning, s.error) if t))
        pending = self.tr("%n event(s) waiting to send", "", s.pending)
        if s.parked:
            pending += " · " + self.tr("%n kept for other users", "", s.parked)
        self.pending.setText(pending)
        self.last_sync.setText(
            self.tr("Last sync %1").replace("%1", s.last_success)
            if s.last_success
            else self.tr("Never synced")
        )
