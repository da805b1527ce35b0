"""Ctrl+Shift+N shows the selected order's caller's full number on the follow-up (回访) and
dispatch screens, recording each reveal; a unit's screen has no such action."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.models.enums import EventType, Role
from app.views.dispatch.page import DispatchPage
from app.views.unit.page import UnitPage
from tests.support.builders import record
from tests.support.desk import Desk, closed_order, open_follow_up

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
FULL = "13800001234"  # the number test_store.make_intake records
MASKED = "138****1234"


def test_follow_up_desk_reveals_the_number_and_it_is_recorded(
    qtbot, desk: Desk, workspace, tmp_path
) -> None:
    order = closed_order(desk, workspace)
    page = open_follow_up(qtbot, desk)
    assert page.order is not None and page.order.id == order.id
    assert MASKED in page.summary.label.text() and FULL not in page.summary.label.text()
    assert page.buttons["reveal_contact"].isEnabled()
    qtbot.keyClick(page.table, Qt.Key.Key_N, CTRL_SHIFT)
    assert FULL in page.summary.label.text()
    (reveal,) = workspace.reveals(order.id)
    assert (reveal.actor, reveal.role) == (desk.actor(Role.OPERATOR).user, "operator")
    page.window().grab().save(str(tmp_path / "follow-up-revealed.png"))
    # another order selected, or the screen refreshed: hidden again until asked again
    page.refresh()
    page.summary.show_order(None)
    page.refresh()
    assert FULL not in page.summary.label.text()
    assert len(workspace.reveals(order.id)) == 1
    # the detail's timeline shows who saw it and when
    detail = desk.window.show_order(order.id)
    assert detail is not None
    steps = [detail.timeline.item(r, 1).text() for r in range(detail.timeline.rowCount())]
    assert "Full number shown" in steps
    detail.close()


def test_dispatcher_reveals_too(qtbot, desk: Desk, workspace) -> None:
    order = record(workspace)
    desk.act_as(Role.DISPATCHER)
    qtbot.keyClick(desk.window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    page = desk.window.stack.currentWidget()
    assert isinstance(page, DispatchPage)
    assert page.order is not None and page.order.id == order.id
    qtbot.keyClick(page.table, Qt.Key.Key_N, CTRL_SHIFT)
    assert FULL in page.summary.label.text()
    assert [e.role for e in workspace.reveals(order.id)] == ["dispatcher"]
    assert workspace.reveals(order.id)[0].type is EventType.REVEAL_CONTACT


def test_a_units_screen_has_no_reveal(qtbot, desk: Desk, workspace) -> None:
    order = record(workspace)
    desk.chain.dispatch(order.id, desk.actor(Role.DISPATCHER), "gs", [])
    desk.act_as(Role.UNIT, "gs")
    qtbot.keyClick(desk.window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    page = desk.window.stack.currentWidget()
    assert isinstance(page, UnitPage)
    assert page.order is not None and page.order.id == order.id
    assert "reveal_contact" not in page.buttons and "reveal_contact" not in page.actions
    qtbot.keyClick(page.table, Qt.Key.Key_N, CTRL_SHIFT)  # the key does nothing here
    assert FULL not in page.summary.label.text()
    assert workspace.reveals(order.id) == []
