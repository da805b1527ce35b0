"""No two widgets shown together answer the same Alt+letter (Alt+W once led to two fields),
on every screen of every role, in Chinese as in English."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QGroupBox,
    QLabel,
    QTabBar,
    QWidget,
)

from app.store.workspace import Workspace
from app.views.shell.i18n import install_translators
from app.views.shell.identity import Identity, demo_actors
from app.views.shell.main_window import MainWindow
from app.views.shell.screens import SCREENS, Stage
from app.views.shell.status_bar import SyncSnapshot
from app.views.sync.bridge import SyncBridge


def mnemonics(root: QWidget) -> list[tuple[str, str]]:
    """(Alt+key, the text carrying it) of every visible widget under `root` that has one."""
    found: list[tuple[str, str]] = []

    def add(text: str) -> None:
        key = QKeySequence.mnemonic(text).toString()
        if key:
            found.append((key, text))

    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel) and widget.buddy() is not None:
            add(widget.text())
        elif isinstance(widget, QAbstractButton | QGroupBox):
            add(widget.text() if isinstance(widget, QAbstractButton) else widget.title())
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                if widget.isTabVisible(index):
                    add(widget.tabText(index))
    return found


def shared(found: list[tuple[str, str]]) -> dict[str, list[str]]:
    by_key: dict[str, list[str]] = {}
    for key, text in found:
        by_key.setdefault(key, []).append(text)
    return {k: texts for k, texts in by_key.items() if len(texts) > 1}


@pytest.fixture(params=["en", "zh_CN"])
def language(request, qapp) -> Iterator[str]:  # type: ignore[no-untyped-def]
    installed = install_translators(qapp, request.param) if request.param != "en" else []
    yield request.param
    for translator in installed:
        qapp.removeTranslator(translator)


@pytest.fixture
def whole_window(
    qtbot, workspace: Workspace, tmp_path: Path, language: str
) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
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


def test_the_intake_has_each_alt_letter_once(whole_window: MainWindow) -> None:
    found = mnemonics(whole_window)
    assert len(found) > 10  # the form's labels are seen
    assert not shared(found)


def test_no_screen_of_any_role_shares_an_alt_letter(qtbot, whole_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    identity = whole_window.identity
    checked = 0
    for actor in identity.choices:
        identity.switch(actor)
        for spec in SCREENS:
            if not spec.visible_to(actor.role):
                continue
            whole_window.show_page(spec.id)
            qtbot.waitUntil(lambda s=spec: whole_window.stack.currentWidget().isVisible())
            clashes = shared(mnemonics(whole_window))
            assert not clashes, f"{actor.role.value} on {spec.id}: {clashes}"
            checked += 1
    assert checked >= len(SCREENS)


@pytest.fixture
def demo_window(qtbot, tmp_path: Path, policy, language: str) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    from app.store.demo.generator import seed_demo
    from tests.support.clock import NOW

    workspace = Workspace(tmp_path / "demo", policy, clock=lambda: NOW)
    seed_demo(workspace, orders=300, days=30, seed=7)
    choices = demo_actors(workspace.policy, workspace.device_id)
    identity = Identity(lambda: choices[0], choices)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(workspace, identity, lambda: SyncSnapshot(), settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    workspace.close()


def test_no_step_dialog_shares_an_alt_letter(qtbot, demo_window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Every step's dialog, opened from every queue of every role on the demo workspace."""
    from app.views.work.panel import StepDialog
    from app.views.work.queue_page import QueuePage

    opened: list[StepDialog] = []

    def record(dialog: StepDialog) -> None:
        opened.append(dialog)
        QDialog.show(dialog)

    monkeypatch.setattr(StepDialog, "open", record)
    monkeypatch.setattr(QueuePage, "run_step", lambda *_a: None)  # steps without a dialog
    monkeypatch.setattr(QueuePage, "reveal", lambda *_a: None)
    identity = demo_window.identity
    screens = {s.id for s in SCREENS if s.stage is not Stage.SYNC}
    titles: set[str] = set()
    for actor in identity.choices:
        identity.switch(actor)
        for spec in SCREENS:
            if not spec.visible_to(actor.role) or spec.id not in screens:
                continue
            page = demo_window.show_page(spec.id)
            if not isinstance(page, QueuePage):
                continue
            for tab in range(page.tabs.count()):
                page.tabs.setCurrentIndex(tab)
                for action in page.actions.values():
                    if not action.isEnabled():
                        continue
                    action.trigger()
                    for dialog in opened:
                        clashes = shared(mnemonics(dialog))
                        assert not clashes, f"{actor.role.value} {dialog.windowTitle()}: {clashes}"
                        titles.add(dialog.windowTitle())
                        dialog.reject()
                    opened.clear()
    assert len(titles) >= 8, titles  # dispatch, rulings, review, reply, follow-up …


def test_alt_w_goes_to_the_town_and_alt_s_to_the_answer(qtbot, whole_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    intake = whole_window.intake
    whole_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is whole_window)
    intake.phone.setFocus()
    qtbot.keyClick(intake.phone, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    assert intake.town.hasFocus() or intake.town.isAncestorOf(QApplication.focusWidget())
    intake.direct.setChecked(True)
    intake.phone.setFocus()
    qtbot.keyClick(intake.phone, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert intake.answer.hasFocus()


def test_the_intake_and_sign_in_dialogs_have_each_alt_letter_once(
    qtbot, whole_window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    from tests.support.builders import record

    record(workspace, phone="13933334444")
    window = whole_window
    extras = window.panels["duplicates"]
    qtbot.keyClicks(window.intake.phone, "13933334444")
    window.intake.refresh_history()
    seen = []
    for open_it in (extras.transfer, extras.flag, window.sign_in):
        open_it()
        dialog = window.login_dialog if open_it == window.sign_in else extras.dialog
        assert dialog is not None and dialog.isVisible()
        found = mnemonics(dialog)
        assert found and not shared(found), (dialog.windowTitle(), found)
        seen.append(dialog.windowTitle())
        dialog.reject()
    assert len(set(seen)) == 3
