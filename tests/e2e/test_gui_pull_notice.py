"""The status bar's "changes from other workstations" against the real central store: a
workstation's own steps coming back from the feed are never counted as another's."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication

from app.models.enums import EventType
from app.store.workspace import Workspace
from app.sync.cycle import CycleSummary
from app.views.shell.main_window import MainWindow
from app.views.sync.bridge import SyncBridge
from tests.support.server import ServerProcess
from tests.support.station import Station


def fill_intake(window: MainWindow, title: str) -> None:
    page = window.intake
    page.phone.setText("13800138000")
    page.category.setCurrentIndex(page.category.findData("A0301"))
    page.town.setCurrentIndex(page.town.findData("shiqi"))
    page.title.setText(title)
    page.content.setPlainText("夜间施工噪音扰民，请处理")


@pytest.fixture
def desk(qtbot, workspace: Workspace, tmp_path: Path, server: ServerProcess):  # type: ignore[no-untyped-def]
    from app.sync import account
    from app.views.shell.identity import Identity
    from app.views.shell.status_bar import SyncSnapshot

    Station(workspace).login(server.url, "op1")  # signed in before the window opens
    bridge = SyncBridge(workspace, interval=3600)  # syncs when poked (a step, sync_now)

    def actor():  # type: ignore[no-untyped-def]
        return account.actor_for(account.current_user(workspace.database), workspace.device_id)

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        workspace, Identity(actor), lambda: bridge.snapshot() or SyncSnapshot(), settings
    )
    window.attach_sync(bridge)
    qtbot.addWidget(window)
    notices: list[int] = []
    bridge.pulled.connect(notices.append)
    summaries: list[CycleSummary] = []
    # after the bridge's own handler: a summary seen here has had its notice (if any) sent
    bridge.status_changed.connect(
        lambda s: s.last_summary is not None and summaries.append(s.last_summary)
    )
    yield window, bridge, notices, summaries
    window.close()
    bridge.stop()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_own_first_sync_is_no_news_another_workstations_step_is(
    qtbot, desk, stations: dict[str, Station], server: ServerProcess
) -> None:  # type: ignore[no-untyped-def]
    window, bridge, notices, summaries = desk
    fill_intake(window, "本工位受理")
    order = window.intake.save()
    assert order is not None
    bridge.start()  # the first sync: the outbox holds this workstation's intake only
    qtbot.waitUntil(lambda: any(s.accepted for s in summaries), timeout=30000)
    # the intake went out and came back from the feed: this workstation's own
    assert sum(s.pulled for s in summaries) >= 1
    assert sum(s.from_elsewhere for s in summaries) == 0
    assert notices == []
    message = window.statusBar().currentMessage()
    assert "其他工位" not in message and "other workstations" not in message

    other = stations["other"]
    other.login(server.url, "op2")
    other.sync()
    other.act(order.id, EventType.NOTE, {"text": "另一工位补充说明"})
    assert other.sync().accepted == 1

    def noticed() -> bool:
        bridge.sync_now()  # a cycle already under way may have missed the note: poke again
        return bool(notices)

    qtbot.waitUntil(noticed, timeout=30000)
    assert notices == [1]  # the note, counted once; nothing of this workstation's own
    message = window.statusBar().currentMessage()
    assert "1" in message and ("其他工位" in message or "other workstations" in message)
