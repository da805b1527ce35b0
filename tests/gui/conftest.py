"""GUI fixtures: the real main window over a real temporary workspace, offscreen; `desk` is
one whose user switches between the demo users of each role."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication

from app.models.enums import Role
from app.models.operations import Actor
from app.store.workspace import Workspace
from app.views.shell.identity import Identity, demo_actors
from app.views.shell.main_window import MainWindow
from app.views.shell.status_bar import SyncSnapshot
from tests.support.desk import Desk
from tests.support.steps import Steps


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
