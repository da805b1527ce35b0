"""Follow-up calls, from the keyboard, through the real store."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QPlainTextEdit

from app.models.enums import Status
from tests.support.desk import Desk, closed_order, open_follow_up
from tests.support.qt import activate, submit, type_chinese

CTRL = Qt.KeyboardModifier.ControlModifier


DOWN = Qt.Key.Key_Down


def choose(qtbot, box, downs: int) -> None:  # type: ignore[no-untyped-def]
    """Pick the `downs`-th answer of a list that opens with nothing chosen (1 = the first)."""
    for _ in range(downs):
        qtbot.keyClick(box, DOWN)


def answer(qtbot, dialog, *downs: int) -> None:  # type: ignore[no-untyped-def]
    """From the focused first field (reached), each answer then Tab to the next field."""
    for n in downs:
        choose(qtbot, dialog.focusWidget(), n)
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)


def test_the_dialog_opens_with_no_outcome_chosen(qtbot, desk: Desk, workspace):
    order = closed_order(desk, workspace)
    page = open_follow_up(qtbot, desk)
    qtbot.keyClick(page.table, Qt.Key.Key_R, CTRL)
    dialog = page.dialog
    reached = activate(qtbot, dialog)
    assert reached.objectName() == "reached"
    boxes = [dialog.findChild(QComboBox, n) for n in ("reached", "contacted", "resolved")]
    boxes.append(dialog.findChild(QComboBox, "satisfaction"))
    assert [b.currentIndex() for b in boxes] == [-1, -1, -1, -1]
    assert [b.currentText() for b in boxes] == ["", "", "", ""]
    note = dialog.findChild(QPlainTextEdit, "note")
    type_chinese(note, "诉求人在开会，稍后再打")
    # Ctrl+Enter at once records nothing: each unanswered field says so beside itself
    qtbot.keyClick(reached, Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible()
    assert workspace.events.load_order(order.id).status is Status.CLOSED
    assert all(dialog.field_error(b) for b in boxes)
    assert dialog.field_error(note) == ""
    assert dialog.findChild(QLabel, "reached_error").isVisible()
    assert QApplication.focusWidget() is reached  # the first missing answer
    assert note.toPlainText() == "诉求人在开会，稍后再打"  # nothing typed is lost
    # choosing an answer takes its message away at the next try
    answer(qtbot, dialog, 1)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible() and dialog.field_error(boxes[0]) == ""
    assert all(dialog.field_error(b) for b in boxes[1:])


def test_satisfied_caller_archives_the_order(qtbot, qtmodeltester, desk: Desk, workspace):
    order = closed_order(desk, workspace)
    page = open_follow_up(qtbot, desk)
    qtmodeltester.check(page.model)
    assert [r.id for r in page.model.rows] == [order.id]
    qtbot.keyClick(page.table, Qt.Key.Key_R, CTRL)
    dialog = page.dialog
    activate(qtbot, dialog)
    answer(qtbot, dialog, 1, 1, 1, 1)  # reached, contacted, resolved: 是; 满意
    submit(qtbot, dialog)
    done = workspace.events.load_order(order.id)
    assert done.status is Status.ARCHIVED and done.satisfaction.value == "满意"
    assert done.contacted and done.resolved
    assert page.model.rowCount() == 0


def test_unsatisfied_needs_its_reason_beside_the_note(qtbot, desk: Desk, workspace):
    order = closed_order(desk, workspace)
    page = open_follow_up(qtbot, desk)
    qtbot.keyClick(page.table, Qt.Key.Key_R, CTRL)
    dialog = page.dialog
    reached = activate(qtbot, dialog)
    assert reached.objectName() == "reached"
    answer(qtbot, dialog, 1, 1, 2, 3)  # reached, contacted 是; resolved 否; 不满意
    note = dialog.focusWidget()
    assert note.objectName() == "note"
    qtbot.keyClicks(note, "   ")
    qtbot.keyClick(note, Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible()
    assert "不满意" in dialog.field_error(note) and dialog.error.text() == ""
    assert QApplication.focusWidget() is note
    assert workspace.events.load_order(order.id).status is Status.CLOSED
    type_chinese(note, "仍然停水")
    submit(qtbot, dialog)
    reopened = workspace.events.load_order(order.id)
    assert reopened.status is Status.HANDLING and reopened.reopen_count == 1
    assert reopened.lead_unit == "gs" and reopened.satisfaction.value == "不满意"
    assert not reopened.resolved
    assert page.model.rowCount() == 0


def test_not_reached_stays_in_the_queue(qtbot, desk: Desk, workspace):
    order = closed_order(desk, workspace)
    page = open_follow_up(qtbot, desk)
    qtbot.keyClick(page.table, Qt.Key.Key_R, CTRL)
    dialog = page.dialog
    choose(qtbot, activate(qtbot, dialog), 2)  # not reached: the other answers are moot
    assert not dialog.findChild(QComboBox, "satisfaction").isEnabled()
    submit(qtbot, dialog)
    assert workspace.events.load_order(order.id).status is Status.CLOSED
    assert page.model.rows[0].follow_up_count == 1
