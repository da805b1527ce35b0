"""The status bar shows a shared seat's waiting work and an accepted clear-text link."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.views.shell.status_bar import DeskStatusBar, SyncSnapshot


def test_other_users_waiting_work_and_the_http_warning_are_shown(qtbot: QtBot) -> None:
    snapshot = SyncSnapshot(
        "online", 2, "2026-12-03 19:00", "op1", "operator", parked=3, warning="WARNING: http"
    )
    bar = DeskStatusBar("W1", lambda: snapshot)
    qtbot.addWidget(bar)
    assert "2" in bar.pending.text() and "3" in bar.pending.text()
    assert "other users" in bar.pending.text() or "其他用户" in bar.pending.text()
    assert bar.connection.text().endswith("⚠")
    assert "WARNING: http" in bar.connection.toolTip()


def test_nothing_extra_without_them(qtbot: QtBot) -> None:
    bar = DeskStatusBar("W1", lambda: SyncSnapshot("online", 0, "", "op1", "operator"))
    qtbot.addWidget(bar)
    assert "其他用户" not in bar.pending.text() and "other users" not in bar.pending.text()
    assert not bar.connection.text().endswith("⚠")
