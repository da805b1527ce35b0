"""The knowledge base on screen: Ctrl+K, suggestions while typing, answers, new versions."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.models.enums import Status
from app.models.kb import MAX_SEARCH_CHARS
from app.store.kb.articles import demo_articles_path
from app.views.kb.edit_dialog import ArticleEditDialog
from app.views.kb.models import KbHitModel
from app.views.shell.main_window import MainWindow
from tests.support.qt import type_chinese


@pytest.fixture
def kb_window(window: MainWindow, workspace) -> MainWindow:
    workspace.knowledge().import_jsonl(demo_articles_path())
    return window


def test_ctrl_k_search_and_use_the_answer_at_intake(
    qtbot, kb_window: MainWindow, workspace
) -> None:
    page = kb_window.intake
    page.phone.setText("13800001234")
    page.category.setCurrentIndex(1)
    page.town.setCurrentIndex(1)
    page.title.setText("社保断缴怎么办")
    page.content.setPlainText("来电人说单位没给他交社保，想知道怎么补。")
    qtbot.keyClick(kb_window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = kb_window.kb_dialog
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.search.line, "sb")
    qtbot.waitUntil(lambda: dialog.search.hits.model_.rowCount() > 0, timeout=5000)
    first = dialog.search.hits.model_.hit_at(0)
    assert "社保" in first.title
    qtbot.keyClick(dialog.search.line, Qt.Key.Key_Down)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert not dialog.isVisible()
    article = workspace.knowledge().get(first.id)
    assert page.direct.isChecked()
    assert page.answer.toPlainText() == article.answer
    order = page.save()
    assert order is not None and order.status is Status.CLOSED
    assert (order.kb_article, order.kb_version) == (article.id, article.version)
    usage = workspace.database.scalar(
        "SELECT COUNT(*) FROM kb_usage WHERE article_id = ?", (article.id,)
    )
    assert usage == 1


def test_suggestions_follow_the_typing(qtbot, kb_window: MainWindow) -> None:
    page = kb_window.intake
    panel = kb_window.panels["kb_suggestions"]
    type_chinese(page.content, "我家楼上每天晚上打麻将到凌晨，吵得睡不着")
    qtbot.waitUntil(lambda: panel.hits.model_.rowCount() > 0, timeout=5000)
    titles = [panel.hits.model_.hit_at(i).title for i in range(panel.hits.model_.rowCount())]
    assert len(titles) <= 5
    assert any("噪声" in t for t in titles), titles


def test_hit_model_passes_the_model_tester(qtmodeltester, workspace) -> None:
    workspace.knowledge().import_jsonl(demo_articles_path())
    model = KbHitModel(workspace.policy.unit_name)
    model.set_hits(workspace.knowledge().search("停水", limit=10))
    assert model.rowCount() > 0
    qtmodeltester.check(model)


def test_editing_makes_a_new_version_and_keeps_the_old(
    qtbot, kb_window: MainWindow, workspace
) -> None:
    kb_page = kb_window.show_page("knowledge")
    article = next(iter(workspace.knowledge().articles()))
    kb_page.show_article(article.id)
    dialog = ArticleEditDialog(workspace, article, kb_page.operations, kb_page)
    qtbot.addWidget(dialog)
    dialog.answer.setPlainText(article.answer + "（2026年12月起按新规定执行）")
    dialog.title.setText("")
    dialog.save()
    assert dialog.error.text()  # an empty title is refused, the typed answer kept
    assert dialog.answer.toPlainText().endswith("执行）")
    dialog.title.setText(article.title)
    dialog.save()
    assert dialog.saved is not None and dialog.saved.version == article.version + 1
    assert workspace.knowledge().get(article.id, article.version).answer == article.answer
    kb_page.show_article(article.id)
    assert "2" in kb_page.view.toPlainText()


def test_ctrl_k_says_no_good_match_for_nonsense(qtbot, kb_window: MainWindow) -> None:
    qtbot.keyClick(kb_window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = kb_window.kb_dialog
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.search.line, "xyz")
    type_chinese(dialog.search.line, "不存在的词")
    assert dialog.search.line.text() == "xyz不存在的词"
    qtbot.waitUntil(lambda: dialog.search.results_for == "xyz不存在的词", timeout=5000)
    assert dialog.search.hits.model_.rowCount() == 0  # weak hits are not listed as matches
    assert dialog.search.status.text() in (
        "No good match: no article fits what was typed.",
        "没有合适的文章：没有哪篇文章符合所输入的内容。",
    )
    # a megabyte pasted: searched by its beginning, off the GUI thread, and no match
    dialog.search.line.setText("的一是在不了有和人这中大为上个国我以要" * 52_000)
    qtbot.waitUntil(lambda: dialog.search.results_for.startswith("的一是"), timeout=10000)
    assert len(dialog.search.results_for) == MAX_SEARCH_CHARS
    assert dialog.search.hits.model_.rowCount() == 0
    dialog.search.line.setText("停水")
    qtbot.waitUntil(lambda: dialog.search.hits.model_.rowCount() > 0, timeout=5000)
    assert "article" in dialog.search.status.text() or "篇" in dialog.search.status.text()


def test_suggestions_say_no_good_match_for_a_pasted_document(qtbot, kb_window: MainWindow) -> None:
    page = kb_window.intake
    panel = kb_window.panels["kb_suggestions"]
    type_chinese(page.content, "我家楼上每天晚上打麻将到凌晨，吵得睡不着")
    qtbot.waitUntil(lambda: panel.hits.model_.rowCount() > 0, timeout=5000)
    page.content.setPlainText("种压步对油就速开则张热级非条农权专手题气" * 50_000)
    qtbot.waitUntil(lambda: panel.hits.model_.rowCount() == 0, timeout=10000)
    assert panel.hint.text() in (
        "No good match in the knowledge base for this appeal.",
        "知识库中没有与此诉求相符的文章。",
    )
    assert len(page.content.toPlainText()) == 1_000_000  # nothing typed is cut
