"""A deadline counted partly on the weekend-only fallback shows its warning on the screens
that show it: the extension ruling, the unit's queue and the order's detail."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.models.enums import Role
from app.views.unit.page import UnitPage
from tests.support.builders import record
from tests.support.desk import Desk, open_dispatch
from tests.support.qt import submit

CTRL = Qt.KeyboardModifier.ControlModifier


def test_an_extension_into_2027_warns_on_every_screen(
    qtbot, desk: Desk, workspace, tmp_path
) -> None:
    covered = workspace.policy.calendar.covers(2027)
    order = record(workspace)
    desk.chain.dispatch(order.id, desk.actor(Role.DISPATCHER), "gs", [])
    gs = desk.actor(Role.UNIT, "gs")
    desk.chain.sign(order.id, gs)
    desk.chain.request_extension(order.id, gs, 40, "需更换主管道，跨年施工")
    page = open_dispatch(qtbot, desk)
    qtbot.keyClick(page.table, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(page.table, Qt.Key.Key_R, CTRL)
    dialog = page.dialog
    assert dialog.days.value() == 40
    shown = dialog.new_deadline.text()
    assert shown.startswith("2027-")
    assert ("⚠" in shown and "2027年节假日安排未收录" in shown) is not covered
    dialog.grab().save(str(tmp_path / "extension-ruling.png"))
    submit(qtbot, dialog)
    extended = workspace.events.load_order(order.id)
    assert extended.deadline.year == 2027
    assert bool(extended.deadline_warning) is not covered
    # the unit's queue marks the deadline and says why
    desk.act_as(Role.UNIT, "gs")
    qtbot.keyClick(desk.window, Qt.Key.Key_5, CTRL)
    unit = desk.window.stack.currentWidget()
    assert isinstance(unit, UnitPage)
    rows = [unit.model.row_at(r) for r in range(unit.model.rowCount())]
    (row,) = [n for n, r in enumerate(rows) if r is not None and r.id == order.id]
    column = unit.model.columns.index("clock")
    index = unit.model.index(row, column)
    assert ("⚠" in unit.model.data(index)) is not covered
    tip = unit.model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert ("2027年节假日安排未收录" in tip) is not covered
    # and the order's detail
    detail = desk.window.show_order(order.id)
    from PySide6.QtWidgets import QLabel

    label = detail.findChild(QLabel, "deadline")
    assert ("2027年节假日安排未收录" in label.text()) is not covered
    detail.close()
