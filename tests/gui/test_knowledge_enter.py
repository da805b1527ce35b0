"""Enter in the Ctrl+K dialog uses the selected answer on the intake, as Ctrl+Enter does,
wherever the keyboard is in the dialog; it never closes the dialog without using it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.store.kb.articles import demo_articles_path
from app.views.kb.dialog import KbDialog
from app.views.shell.main_window import MainWindow


@pytest.fixture
def kb_window(window: MainWindow, workspace) -> MainWindow:  # type: ignore[no-untyped-def]
    workspace.knowledge().import_jsonl(demo_articles_path())
    return window


def search(qtbot, window: MainWindow, query: str) -> KbDialog:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = window.kb_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.search.line, query)
    qtbot.waitUntil(lambda: dialog.search.results_for == query and dialog.view.article is not None)
    return dialog


@pytest.mark.parametrize("where", ["line", "view"])
def test_enter_uses_the_selected_answer_on_the_intake(
    qtbot, kb_window: MainWindow, where: str
) -> None:  # type: ignore[no-untyped-def]
    dialog = search(qtbot, kb_window, "sb")
    article = dialog.view.article
    assert article is not None
    target = dialog.search.line if where == "line" else dialog.view
    target.setFocus()
    qtbot.keyClick(target, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert kb_window.intake.direct.isChecked()
    assert kb_window.intake.answer.toPlainText() == article.answer


def test_enter_while_the_search_is_still_typing_waits_for_its_results(
    qtbot, kb_window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    dialog = search(qtbot, kb_window, "sb")
    qtbot.keyClicks(dialog.search.line, "xyzq")  # the shown article is the old query's
    qtbot.keyClick(dialog.search.line, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert kb_window.intake.answer.toPlainText() == ""
    dialog.close()


def test_enter_away_from_the_intake_keeps_the_dialog_open(qtbot, kb_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    kb_window.show_page("orders")
    dialog = search(qtbot, kb_window, "sb")
    dialog.view.setFocus()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Return)
    assert dialog.isVisible()
    dialog.close()
