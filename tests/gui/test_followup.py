"""Follow-up calls, from the keyboard, through the real store."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.models.enums import Status
from tests.support.desk import Desk, closed_order, open_follow_up
from tests.support.qt import activate, submit, type_chinese

CTRL = Qt.KeyboardModifier.ControlModifier


def test_satisfied_caller_archives_the_order(qtbot, qtmodeltester, desk: Desk, workspace):
    order = closed_order(desk, workspace)
    page = open_follow_up(qtbot, desk)
    qtmodeltester.check(page.model)
    assert [r.id for r in page.model.rows] == [order.id]
    qtbot.keyClick(page.table, Qt.Key.Key_R, CTRL)
    submit(qtbot, page.dialog)  # reached, contacted, resolved, satisfied
    done = workspace.events.load_order(order.id)
    assert done.status is Status.ARCHIVED and done.satisfaction.value == "满意"
    assert page.model.rowCount() == 0


def test_unresolved_and_unsatisfied_reopens_to_the_unit(qtbot, desk: Desk, workspace):
    order = closed_order(desk, workspace)
    page = open_follow_up(qtbot, desk)
    qtbot.keyClick(page.table, Qt.Key.Key_R, CTRL)
    dialog = page.dialog
    reached = activate(qtbot, dialog)
    assert reached.objectName() == "reached"
    qtbot.keyClick(reached, Qt.Key.Key_Tab)  # contacted
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)  # resolved
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Space)  # → not resolved
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)  # satisfaction
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_End)  # 不满意
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    type_chinese(dialog.focusWidget(), "仍然停水")
    submit(qtbot, dialog)
    reopened = workspace.events.load_order(order.id)
    assert reopened.status is Status.HANDLING and reopened.reopen_count == 1
    assert reopened.lead_unit == "gs" and reopened.satisfaction.value == "不满意"
    assert page.model.rowCount() == 0


def test_not_reached_stays_in_the_queue(qtbot, desk: Desk, workspace):
    order = closed_order(desk, workspace)
    page = open_follow_up(qtbot, desk)
    qtbot.keyClick(page.table, Qt.Key.Key_R, CTRL)
    dialog = page.dialog
    qtbot.keyClick(activate(qtbot, dialog), Qt.Key.Key_Space)  # not reached
    submit(qtbot, dialog)
    assert workspace.events.load_order(order.id).status is Status.CLOSED
    assert page.model.rows[0].follow_up_count == 1
