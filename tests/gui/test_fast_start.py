"""The launcher's fast start: the intake screen first, the rest of the window after it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtWidgets import QApplication

from app.models.enums import Role
from app.models.operations import Actor
from app.store.workspace import Workspace
from app.views.shell.main_window import MainWindow
from app.views.shell.status_bar import SyncSnapshot


def nav_ids(window: MainWindow) -> list[str]:
    role = Qt.ItemDataRole.UserRole
    return [window.nav.item(row).data(role) for row in range(window.nav.count())]


@pytest.fixture
def make_window(qtbot, workspace: Workspace, tmp_path: Path) -> Iterator:  # type: ignore[no-untyped-def]
    windows: list[MainWindow] = []

    def make(role: Role) -> MainWindow:
        actor = Actor(f"{role.value}-test", role, workspace.device_id, unit="gs")
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(
            workspace,
            lambda: actor,
            lambda: SyncSnapshot("signed_out", 0, "", actor.user, role.value),
            settings,
            defer_rest=True,
        )
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
        window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_intake_first_then_the_rest(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(Role.OPERATOR)
    assert nav_ids(window) == ["intake", "orders", "reports"]
    assert window.panels == {}  # the intake's side panels come with the rest
    window.show()
    qtbot.waitExposed(window)
    assert window.stack.currentWidget() is window.intake
    qtbot.keyClicks(window.intake.phone, "13800001234")  # typing works before the rest
    steps = 1
    while window.build_rest_step():  # as the launcher does it, a turn of the loop each
        steps += 1
    assert steps == 3
    window.build_rest()  # nothing left to do
    assert nav_ids(window) == [
        "intake",
        "orders",
        "reports",
        "knowledge",
        "kb_queue",
        "dispatch",
        "unit",
        "follow_up",
        "drills",
        "drill_trainer",
    ]
    assert window.panels["kb_suggestions"].parent() is window.intake.side
    assert window.panels["duplicates"].parent() is window.intake.side
    assert window.intake.phone.text() == "13800001234"
    assert "action_knowledge_search" in {a.objectName() for a in window.actions()}


def test_a_role_without_the_intake_gets_its_own_screen_at_once(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(Role.UNIT)
    assert "unit" in nav_ids(window) and set(window.panels) == {"kb_suggestions", "duplicates"}
    current = window.nav.currentItem().data(Qt.ItemDataRole.UserRole)
    assert current == "unit"
