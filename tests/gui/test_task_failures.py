"""Work run off the GUI thread that fails reaches the user; work superseded stays silent."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from app.store.db import StoreBug
from app.store.kb.articles import demo_articles_path
from app.store.workspace import Workspace
from app.views.common.failures import show_unhandled_in
from app.views.shell.i18n import install_translators
from app.views.shell.main_window import MainWindow
from tests.support.qt import type_chinese


def _broken_query(workspace: Workspace) -> object:
    return workspace.worker_database().query("SELECT * FROM no_such_table")


@pytest.fixture
def chinese(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    installed = install_translators(qapp, "zh_CN")
    yield
    for translator in installed:
        qapp.removeTranslator(translator)


def test_a_task_without_a_failure_handler_says_so_in_the_status_bar(
    qtbot, window: MainWindow, workspace: Workspace, caplog
) -> None:  # type: ignore[no-untyped-def]
    with (
        caplog.at_level(logging.ERROR, logger="hotline.tasks"),
        qtbot.waitSignal(window.tasks.failure_reported, timeout=10000) as reported,
    ):
        window.tasks.run(
            lambda: _broken_query(workspace), lambda _r: None, what="Counting the calls"
        )
    message = window.statusBar().currentMessage()
    assert message == reported.args[0]
    assert message.startswith("Counting the calls failed: ")
    assert "no such table: no_such_table" in message
    assert "Counting the calls failed" in caplog.text


def test_the_message_is_in_chinese(
    qtbot, chinese: None, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.tasks.failure_reported, timeout=10000):
        window.tasks.run(lambda: _broken_query(workspace), lambda _r: None)
    assert window.statusBar().currentMessage().startswith("后台任务失败：意外错误（StoreBug")


def test_a_failure_handler_gets_the_error_and_nothing_else_is_said(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    handled: list[Exception] = []
    reported: list[str] = []
    window.tasks.failure_reported.connect(reported.append)
    window.tasks.run(lambda: _broken_query(workspace), lambda _r: None, handled.append)
    qtbot.waitUntil(lambda: len(handled) == 1, timeout=10000)
    assert "no such table" in str(handled[0])
    assert reported == [] and window.statusBar().currentMessage() == ""


def test_a_superseded_task_fails_silently(qtbot, window: MainWindow, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    """Its answer is no longer wanted: neither its result nor its failure is shown."""
    reported: list[str] = []
    window.tasks.failure_reported.connect(reported.append)
    release = threading.Event()

    def slow_and_failing() -> object:
        release.wait(10)
        return _broken_query(workspace)

    answers: list[object] = []
    window.tasks.run(slow_and_failing, answers.append, key="search")
    window.tasks.run(lambda: "newer", answers.append, key="search")
    qtbot.waitUntil(lambda: answers == ["newer"], timeout=10000)
    release.set()
    qtbot.waitUntil(lambda: window.tasks.pending() == 0, timeout=10000)  # both delivered
    assert answers == ["newer"]
    assert reported == [] and window.statusBar().currentMessage() == ""


def test_a_failing_result_handler_is_reported_too(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    def show(_result: object) -> None:
        raise ValueError("the list model refused the rows")

    with (
        qtbot.capture_exceptions() as raised,
        qtbot.waitSignal(window.tasks.failure_reported, timeout=10000),
    ):
        window.tasks.run(lambda: 1, show, what="Listing orders")
    assert [type(e[1]) for e in raised] == [ValueError]  # still raised, for the log
    assert "Listing orders failed" in window.statusBar().currentMessage()
    assert "the list model refused the rows" in window.statusBar().currentMessage()


def test_suggestions_that_fail_while_typing_say_so_in_their_panel(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    workspace.knowledge().import_jsonl(demo_articles_path())
    workspace.database.conn.execute("DROP TABLE kb_vocab")  # every search now fails
    panel = window.panels["kb_suggestions"]
    type_chinese(window.intake.content, "我家楼上每天晚上打麻将到凌晨")
    qtbot.waitUntil(lambda: "failed" in panel.hint.text(), timeout=10000)
    assert panel.hint.text().startswith("Knowledge base suggestions failed: ")
    assert "kb_vocab" in panel.hint.text()
    assert QApplication.activeModalWidget() is None  # no dialog while typing
    assert window.intake.content.toPlainText() == "我家楼上每天晚上打麻将到凌晨"


def test_suggestions_recover_once_searching_works_again(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    workspace.knowledge().import_jsonl(demo_articles_path())
    workspace.database.conn.execute("DROP TABLE kb_vocab")
    panel = window.panels["kb_suggestions"]
    type_chinese(window.intake.content, "我家楼上每天晚上打麻将")
    qtbot.waitUntil(lambda: "failed" in panel.hint.text(), timeout=10000)
    workspace.database.conn.execute("CREATE VIRTUAL TABLE kb_vocab USING fts5vocab (kb_fts, 'row')")
    type_chinese(window.intake.content, "到凌晨")
    qtbot.waitUntil(lambda: panel.hits.model_.rowCount() > 0, timeout=10000)
    assert "failed" not in panel.hint.text()
    usage = QCoreApplication.translate(
        "KbSuggestPanel", "Articles appear here as the appeal is typed. Ctrl+K searches."
    )
    assert panel.hint.text() == usage


@pytest.mark.qt_no_exception_capture
def test_a_timer_whose_work_fails_on_the_gui_thread_says_so(
    qtbot, window: MainWindow, workspace: Workspace, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The draft is saved at a pause in typing; when that fails, the operator is told."""
    printed: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _kind, exc, _tb: printed.append(exc))
    show_unhandled_in(window)  # as the app does at start-up
    for when in ("INSERT", "UPDATE"):
        workspace.database.conn.execute(
            f"CREATE TRIGGER no_draft_{when} BEFORE {when} ON meta "
            "WHEN NEW.key = 'intake_draft' BEGIN SELECT RAISE(ABORT, 'the disk is full'); END"
        )
    type_chinese(window.intake.content, "小区噪音扰民")
    qtbot.waitUntil(
        lambda: "the disk is full" in window.statusBar().currentMessage(), timeout=10000
    )
    assert window.statusBar().currentMessage().startswith("An action failed: ")
    assert [type(e) for e in printed] == [StoreBug]  # still printed, as before
    assert window.intake.content.toPlainText() == "小区噪音扰民"  # nothing typed is lost


@pytest.mark.qt_no_exception_capture
def test_a_failure_already_reported_is_not_reported_twice(
    qtbot, window: MainWindow, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "excepthook", lambda *_args: None)
    show_unhandled_in(window)

    def show(_result: object) -> None:
        raise ValueError("the list model refused the rows")

    with qtbot.waitSignal(window.tasks.failure_reported, timeout=10000):
        window.tasks.run(lambda: 1, show, what="Listing orders")
    qtbot.waitUntil(lambda: window.tasks.pending() == 0, timeout=10000)
    assert window.statusBar().currentMessage().startswith("Listing orders failed: ")
