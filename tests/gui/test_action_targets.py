"""One hop from a shortcut: every entry of the shortcut table (app/views/shell/actions.py)
leads to a screen of the registry (app/views/shell/screens.py) or to a method the main
window declares, and every screen of the registry is built with what it declares.

Each kind of target has its follower in FOLLOW; a new kind of target gets one there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from app.models.enums import Role
from app.store.workspace import Workspace
from app.views.shell.actions import ACTIONS, ActionSpec, Command, OnScreen, Show
from app.views.shell.identity import Identity, demo_actors
from app.views.shell.main_window import MainWindow
from app.views.shell.screens import SCREEN_BY_ID, SCREENS, ScreenSpec, actions_of
from app.views.shell.status_bar import SyncSnapshot
from app.views.sync.bridge import SyncBridge
from tests.support.builders import make_intake


@pytest.fixture
def desk(qtbot, workspace: Workspace, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The whole window: every stage joined (synchronisation too, its worker not started)."""
    choices = demo_actors(workspace.policy, workspace.device_id)
    identity = Identity(lambda: choices[0], choices)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(workspace, identity, lambda: SyncSnapshot(), settings)
    bridge = SyncBridge(workspace, interval=3600)
    window.attach_sync(bridge)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    bridge.stop()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def act_as_one_who_sees(window: MainWindow, screen: ScreenSpec) -> None:
    identity = window.identity
    identity.switch(next(a for a in identity.choices if screen.visible_to(a.role)))


def follow_show(window: MainWindow, spec: ActionSpec) -> None:
    assert isinstance(spec.target, Show)
    screen = SCREEN_BY_ID[spec.target.screen]
    act_as_one_who_sees(window, screen)
    window.actions_by_id[spec.id].trigger()
    assert window.stack.currentWidget() is window.pages[screen.id]


def follow_command(window: MainWindow, spec: ActionSpec) -> None:
    assert isinstance(spec.target, Command)
    for screen in spec.target.screens:
        assert screen in SCREEN_BY_ID
    declared = getattr(MainWindow, spec.target.name, None)
    assert callable(declared), f"MainWindow declares no {spec.target.name}"
    action = window.actions_by_id[spec.id]
    assert action.objectName() == f"action_{spec.id}" and action in window.actions()


def follow_on_screen(window: MainWindow, spec: ActionSpec) -> None:
    assert isinstance(spec.target, OnScreen) and spec.target.screens
    for screen_id in spec.target.screens:
        screen = window.page(screen_id)  # built with its side panels
        action = screen.findChild(QAction, f"action_{spec.id}")
        assert action is not None, f"{screen_id} does not build {spec.id}"
        assert spec.id not in window.actions_by_id  # live only while its screen is shown


FOLLOW: dict[type, Callable[[MainWindow, ActionSpec], None]] = {
    Show: follow_show,
    Command: follow_command,
    OnScreen: follow_on_screen,
}


@pytest.mark.parametrize("spec", ACTIONS, ids=lambda spec: spec.id)
def test_every_shortcut_leads_to_a_screen_or_a_window_command(
    desk: MainWindow, spec: ActionSpec
) -> None:
    FOLLOW[type(spec.target)](desk, spec)


def test_every_screen_is_built_with_what_it_declares(desk: MainWindow) -> None:
    nav = [desk.nav.item(row).data(Qt.ItemDataRole.UserRole) for row in range(desk.nav.count())]
    assert nav == [spec.id for spec in SCREENS]  # the table's order is the navigation's
    for spec in SCREENS:
        screen = desk.page(spec.id)
        for signal, method in spec.signals:
            assert hasattr(screen, signal), f"{spec.id} has no signal {signal}"
            assert callable(getattr(MainWindow, method, None)), f"no MainWindow.{method}"
        for panel in spec.panels:
            assert desk.panels[panel.id].parent() is screen.side_layout.parentWidget()
            for signal, method in panel.signals:
                assert hasattr(desk.panels[panel.id], signal)
                assert callable(getattr(MainWindow, method, None))
        for method in (spec.on_switch, spec.refresh, spec.on_close):
            assert not method or callable(getattr(screen, method)), (spec.id, method)
        if hasattr(screen, "stop_timers"):  # pending work must stop when the window closes
            assert spec.on_close == "stop_timers", spec.id
    assert {a.id for s in SCREENS for a in actions_of(s.id)} <= {a.id for a in ACTIONS}


def test_a_role_that_loses_its_screen_lands_on_its_home(desk: MainWindow) -> None:
    identity = desk.identity

    def act_as(role: Role) -> None:
        identity.switch(next(a for a in identity.choices if a.role is role))

    # (who shows a screen first, which screen: one the role does not see)
    starts = {
        Role.OPERATOR: (Role.TRAINER, "drill_trainer"),
        Role.DISPATCHER: (Role.TRAINER, "drill_trainer"),
        Role.UNIT: (Role.TRAINER, "drill_trainer"),
        Role.TRAINER: (Role.ANALYST, "orders"),
    }
    for role, (before, screen) in starts.items():
        act_as(before)
        desk.show_screen(screen)
        assert desk.stack.currentWidget() is desk.pages[screen]
        act_as(role)
        home = next(s.id for s in SCREENS if role in s.home)
        assert desk.stack.currentWidget() is desk.pages[home], role


def test_f5_reads_the_screen_shown_again(desk: MainWindow, workspace: Workspace) -> None:
    operator = next(a for a in desk.identity.choices if a.role is Role.OPERATOR)
    desk.identity.switch(operator)
    desk.show_page("intake")
    desk.intake.phone.setText("13800001234")
    desk.intake.refresh_history()
    assert desk.intake.history_model.rowCount() == 0
    workspace.record_intake(make_intake(), operator)  # as another window would: no notice here
    assert desk.intake.history_model.rowCount() == 0
    desk.actions_by_id["refresh"].trigger()
    assert desk.intake.history_model.rowCount() == 1


def test_screens_speak_through_the_window_status_bar(desk: MainWindow) -> None:
    desk.identity.switch(next(a for a in desk.identity.choices if a.role is Role.OPERATOR))
    page = desk.intake
    page.phone.setText("13800138000")
    page.category.setCurrentIndex(page.category.findData("A0301"))
    page.town.setCurrentIndex(page.town.findData("shiqi"))
    page.title.setText("夜间施工噪音扰民")
    page.content.setPlainText("夜间施工噪音扰民，请处理")
    order = page.save()
    assert order is not None
    assert order.number in desk.statusBar().currentMessage()
