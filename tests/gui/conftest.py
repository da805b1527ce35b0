"""GUI fixtures: the real main window over a real temporary workspace, offscreen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.models.enums import Role
from app.models.operations import Actor
from app.store.workspace import Workspace
from app.views.shell.main_window import MainWindow
from app.views.shell.status_bar import SyncSnapshot


def type_chinese(widget: QWidget, text: str) -> None:
    """Enter CJK text as an input method would (qtbot.keyClicks aborts on non-ASCII)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@pytest.fixture
def operator(workspace: Workspace) -> Actor:
    return Actor("op-test", Role.OPERATOR, workspace.device_id)


@pytest.fixture
def window(qtbot, workspace: Workspace, operator: Actor, tmp_path: Path) -> Iterator[MainWindow]:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)

    def snapshot() -> SyncSnapshot:
        return SyncSnapshot("signed_out", workspace.pending_count(), "", operator.user, "operator")

    win = MainWindow(workspace, lambda: operator, snapshot, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    win.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
