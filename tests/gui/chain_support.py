"""A main window whose user can be switched between the demo users of each role."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from app.models.enums import Role
from app.models.operations import Actor
from app.store.workspace import Workspace
from app.views.shell.identity import Identity, demo_actors
from app.views.shell.main_window import MainWindow
from app.views.shell.status_bar import SyncSnapshot
from tests.steps import Steps


@dataclass
class Desk:
    window: MainWindow
    identity: Identity
    chain: Steps

    def act_as(self, role: Role, unit: str = "") -> Actor:
        actor = next(
            a for a in self.identity.choices if a.role is role and (not unit or a.unit == unit)
        )
        self.identity.switch(actor)
        return actor

    def actor(self, role: Role, unit: str = "") -> Actor:
        return next(
            a for a in self.identity.choices if a.role is role and (not unit or a.unit == unit)
        )


@pytest.fixture
def desk(qtbot, workspace: Workspace, tmp_path: Path) -> Iterator[Desk]:
    choices = demo_actors(workspace.policy, workspace.device_id)
    identity = Identity(lambda: choices[0], choices)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)

    def snapshot() -> SyncSnapshot:
        actor = identity()
        return SyncSnapshot("signed_out", workspace.pending_count(), "", actor.user, actor.role)

    win = MainWindow(workspace, identity, snapshot, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield Desk(win, identity, Steps(workspace))
    win.close()
    win.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def activate(qtbot, dialog: QWidget) -> QWidget:
    """Wait until the dialog is the active window; the widget with the keyboard focus."""
    qtbot.wait(20)  # let a completer's list, opened by typing, show up
    popup = QApplication.activePopupWidget()
    if popup is not None:
        popup.hide()
        dialog.activateWindow()  # offscreen has no window manager to hand activation back
    try:
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)
    except Exception:
        raise AssertionError(f"active window is {QApplication.activeWindow()}") from None
    focus = QApplication.focusWidget()
    return focus if focus is not None and focus.window() is dialog else dialog


def submit(qtbot, dialog: QWidget) -> None:
    """Ctrl+Enter in the dialog, as the user would press it."""
    from PySide6.QtCore import Qt

    target = activate(qtbot, dialog)
    qtbot.keyClick(target, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    if not dialog.isVisible():  # done: the keyboard goes back to the window
        parent = dialog.parentWidget()
        window = parent.window() if parent is not None else None
        qtbot.waitUntil(lambda: window is None or QApplication.activeWindow() is window)
