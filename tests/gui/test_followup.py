"""Follow-up calls, from the keyboard, through the real store."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.models.enums import Role, Status
from app.views.followup.page import FollowUpPage
from tests.gui import chain_support
from tests.gui.chain_support import Desk, activate, submit
from tests.gui.conftest import type_chinese
from tests.unit.test_store import record

desk = chain_support.desk  # the fixture
CTRL = Qt.KeyboardModifier.ControlModifier


def closed_order(d: Desk, workspace):  # type: ignore[no-untyped-def]
    order = record(workspace)
    dispatcher = d.actor(Role.DISPATCHER)
    gs = d.actor(Role.UNIT, "gs")
    d.chain.dispatch(order.id, dispatcher, "gs", [])
    d.chain.sign(order.id, gs)
    d.chain.reply(order.id, gs, text="已恢复供水", contacted=True, resolved=True)
    d.chain.review(order.id, dispatcher, True, "")
    d.chain.close(order.id, dispatcher)
    return order


def open_follow_up(qtbot, d: Desk) -> FollowUpPage:
    d.act_as(Role.OPERATOR)
    qtbot.keyClick(d.window, Qt.Key.Key_6, CTRL)
    page = d.window.stack.currentWidget()
    assert isinstance(page, FollowUpPage)
    return page


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
