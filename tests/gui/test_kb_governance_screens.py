"""The knowledge-base queue and the editing controls on screen: the editor compares and
rules with the keyboard, a unit resolves a flag on its article, an operator flags from the
knowledge base, and only the roles that may edit see editing controls. Pictures of the
screens go to $KB_SCREENS when it is set."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QInputDialog, QWidget

from app.models.enums import EventType, Role
from app.operations import kb as kb_ops
from app.operations.changes import Changes
from app.store.kb.articles import demo_articles_path
from app.views.kb.page import KnowledgePage
from app.views.kb.queue import KbQueuePage
from tests.support.desk import Desk

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
MARKUP = "<b>新口径</b>&amp;<i>x</i>"
ARTICLE = "kb-0087"  # 人社局 (rsj), one of the demo units


def _picture(widget: QWidget, name: str) -> None:
    """With $KB_SCREENS set (and $KB_SCREENS_LANG=zh_CN for the operators' language) the
    screen is saved as a picture to look at; the assertions never depend on it."""
    folder = os.environ.get("KB_SCREENS")
    if folder:
        widget.grab().save(str(Path(folder) / f"{name}.png"))


@pytest.fixture(autouse=True)
def _language(qapp):  # type: ignore[no-untyped-def]
    language = os.environ.get("KB_SCREENS_LANG")
    if not language:
        yield
        return
    from app.views.shell.i18n import install_translators

    installed = install_translators(qapp, language)
    yield
    for translator in installed:
        qapp.removeTranslator(translator)


@pytest.fixture
def governed_desk(desk: Desk, workspace) -> Desk:  # type: ignore[no-untyped-def]
    workspace.knowledge().import_jsonl(demo_articles_path())
    unit = desk.actor(Role.UNIT, "rsj")
    current = workspace.knowledge().get(ARTICLE)
    revised = current.with_changes(answer=current.answer[:20] + MARKUP + current.answer[30:])
    kb_ops.propose(workspace, unit, revised, base_version=current.version, note="办理地点调整")
    kb_ops.flag(workspace, desk.actor(Role.OPERATOR), ARTICLE, current.version, "电话已变更")
    return desk


def _queue(qtbot, d: Desk) -> KbQueuePage:  # type: ignore[no-untyped-def]
    qtbot.keyClick(d.window, Qt.Key.Key_K, CTRL_SHIFT)
    page = d.window.page("kb_queue")
    assert isinstance(page, KbQueuePage)
    assert d.window.stack.currentWidget() is page
    return page


def test_the_editor_compares_and_approves_with_the_keyboard(qtbot, governed_desk: Desk) -> None:  # type: ignore[no-untyped-def]
    d = governed_desk
    d.act_as(Role.KB_EDITOR)
    page = _queue(qtbot, d)
    kinds = [e.kind for e in page._entries]
    assert kinds == ["proposal", "flag"]
    page.entries.setCurrentRow(0)
    assert MARKUP in page.right_view.toPlainText()  # shown as typed, never as markup
    assert MARKUP in page.right.toPlainText()
    assert "办理地点调整" in page.notice.text()
    assert page.approve.isVisible() and page.edit_approve.isVisible()
    summary = [page.summary.item(r, 0).text() for r in range(page.summary.rowCount())]
    assert len(summary) > 3  # the whole city
    _picture(d.window, "kb_queue_editor")
    page.entries.setFocus()
    qtbot.keyClick(page.entries, Qt.Key.Key_P, CTRL_SHIFT)
    ruled = d.window.workspace.governance().thread(ARTICLE).proposals
    assert [p.decision for p in ruled.values()] == ["approve"]
    assert [e.kind for e in page._entries] == ["flag"]  # the queue followed


def test_return_asks_for_a_reason(qtbot, governed_desk: Desk, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    d = governed_desk
    d.act_as(Role.KB_EDITOR)
    page = _queue(qtbot, d)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("依据已废止", True))
    page.entries.setCurrentRow(0)
    qtbot.keyClick(page.entries, Qt.Key.Key_B, CTRL_SHIFT)
    [proposal] = d.window.workspace.governance().thread(ARTICLE).proposals.values()
    assert (proposal.decision, proposal.reason) == ("return", "依据已废止")


def test_the_unit_sees_its_queue_and_resolves_the_flag(  # type: ignore[no-untyped-def]
    qtbot, governed_desk: Desk, monkeypatch
) -> None:
    d = governed_desk
    d.act_as(Role.UNIT, "rsj")
    page = _queue(qtbot, d)
    assert [e.kind for e in page._entries] == ["proposal", "flag"]
    assert not page.approve.isVisible()  # only the editor rules
    assert page.summary.rowCount() == 1
    _picture(d.window, "kb_queue_unit")
    page.entries.setCurrentRow(1)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("已核实更新", True))
    qtbot.keyClick(page.entries, Qt.Key.Key_D, CTRL_SHIFT)
    assert d.window.workspace.governance().flagged() == set()


def test_another_unit_sees_nothing_of_it(qtbot, governed_desk: Desk) -> None:  # type: ignore[no-untyped-def]
    d = governed_desk
    d.act_as(Role.UNIT, "cgj")
    page = _queue(qtbot, d)
    assert page._entries == []


def test_the_article_shows_a_pending_correction_and_operators_flag(
    qtbot, governed_desk: Desk, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    d = governed_desk
    d.act_as(Role.OPERATOR)
    page = d.window.page("knowledge")
    assert isinstance(page, KnowledgePage)
    d.window.show_page("knowledge")
    page.show_article(ARTICLE)
    pending = QCoreApplication.translate(
        "ArticleView", "Correction pending (%n flag(s)): check before quoting it.", "", 1
    )
    assert pending in page.view.toPlainText()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("政策已调整", True))
    page.flag_current()
    flags = d.window.workspace.governance().open_flags()
    assert sorted(f.note for f in flags) == ["政策已调整", "电话已变更"]
    _picture(page, "kb_article_flagged")


def test_only_roles_that_may_edit_see_editing_controls(  # type: ignore[no-untyped-def]
    qtbot, governed_desk: Desk, workspace
) -> None:
    d = governed_desk
    page = d.window.page("knowledge")
    assert isinstance(page, KnowledgePage)
    d.act_as(Role.OPERATOR)
    assert not page.edit_button.isHidden()  # a workspace that never synced edits locally
    workspace.database.set_meta("session:server", "https://store.example")
    workspace.database.set_meta("session:user", "someone")
    d.window.operations.notify(Changes(session=True))  # as a sign-in ends
    for role, unit, editing in [
        (Role.OPERATOR, "", False),
        (Role.DISPATCHER, "", False),
        (Role.TRAINER, "", False),
        (Role.ANALYST, "", False),
        (Role.UNIT, "rsj", True),
        (Role.KB_EDITOR, "", True),
    ]:
        d.act_as(role, unit)
        assert page.edit_button.isHidden() is not editing, role
        assert page.import_button.isHidden() is not editing, role
        assert page.flag_button.isHidden() is (role not in (Role.OPERATOR, Role.DISPATCHER))
    events = workspace.database.query(
        "SELECT type FROM events WHERE type = ?", (EventType.KB_PROPOSAL.value,)
    )
    assert len(events) == 1


def test_a_trainer_publishes_and_retires_a_set_with_the_keyboard(  # type: ignore[no-untyped-def]
    qtbot, desk: Desk, workspace, monkeypatch
) -> None:
    from app.models.drills import Scenario
    from app.models.enums import AppealType
    from app.operations import drills as drill_ops
    from app.views.drills import publishing

    drill_ops.save_scenarios(
        workspace,
        [
            Scenario(
                f"pub-{n}", f"狗要打疫苗{n}", ("kb-0001",), AppealType.ENQUIRY, set_name="犬只"
            )
            for n in range(2)
        ],
    )
    told: list[str] = []
    monkeypatch.setattr(publishing, "inform", lambda _p, _t, text: told.append(text))
    monkeypatch.setattr(
        publishing.QMessageBox,
        "question",
        lambda *a, **k: publishing.QMessageBox.StandardButton.Yes,
    )
    desk.act_as(Role.TRAINER)
    page = desk.window.show_page("drill_trainer")
    page.tabs.setCurrentIndex(1)
    page.set_name.setCurrentText("犬只")
    _picture(desk.window, "drill_trainer_publish")
    qtbot.keyClick(page, Qt.Key.Key_P, CTRL_SHIFT)
    published = workspace.database.query("SELECT COUNT(*) FROM events WHERE type = 'drill_publish'")
    assert published[0][0] == 2 and told and "2" in told[0]
    qtbot.keyClick(page, Qt.Key.Key_I, CTRL_SHIFT)
    assert drill_ops.store(workspace).sets() == []  # retired here too; attempts untouched
