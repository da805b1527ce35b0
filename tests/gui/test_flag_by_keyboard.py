"""Flagging a caller from the keyboard alone (Ctrl+Shift+F offers the caller's orders), and
the mark a flagged caller carries when the number is typed again."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from app.models.enums import Role
from app.models.operations import Actor
from app.models.records import Appellant
from app.models.visibility import Viewer
from app.store.workspace import Workspace
from tests.support.builders import make_intake, record
from tests.support.clock import NOW
from tests.support.desk import Desk
from tests.support.qt import activate, submit, type_chinese
from tests.support.steps import Steps

SHIFT_CTRL = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
PHONE = "13933334444"


def test_flag_with_the_keyboard_then_the_caller_calls_again(
    qtbot, desk: Desk, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    older = record(workspace, phone=PHONE, title="第一次投诉", received_at=NOW - timedelta(days=3))
    latest = record(workspace, phone=PHONE, title="反复投诉同一事项")
    desk.act_as(Role.OPERATOR)
    page = desk.window.intake
    qtbot.keyClicks(page.phone, PHONE)
    qtbot.waitUntil(lambda: page.history_model.rowCount() == 2)
    assert not page.caller_flag.isVisible()
    qtbot.keyClick(page.phone, Qt.Key.Key_F, SHIFT_CTRL)  # no row chosen with the mouse
    dialog = desk.window.panels["duplicates"].dialog
    assert dialog is not None
    kind = activate(qtbot, dialog)
    assert kind.objectName() == "flag_kind"
    chooser = dialog.findChild(QComboBox, "flag_order")
    assert [chooser.itemData(i) for i in range(chooser.count())] == [latest.id, older.id]
    qtbot.keyClick(kind, Qt.Key.Key_Tab)
    type_chinese(dialog.focusWidget(), "经核实多次捏造事实投诉，按程序认定")
    submit(qtbot, dialog)
    assert workspace.events.load_order(latest.id).flags == ("malicious",)

    page.new_intake()  # the same caller calls again
    qtbot.keyClicks(page.phone, PHONE)
    qtbot.waitUntil(lambda: page.caller_flag.isVisible())
    assert "⚑" in page.caller_flag.text() and latest.number in page.caller_flag.text()
    marked = [page.history_model.index(r, 0).data() for r in range(2)]
    assert marked == [f"⚑ {latest.number}", older.number]


def test_only_those_who_may_see_the_caller_learn_the_flag(workspace: Workspace) -> None:
    steps = Steps(workspace)
    operator = Actor("op", Role.OPERATOR, "d")
    dispatcher = Actor("pd", Role.DISPATCHER, "d")
    secret = workspace.record_intake(
        make_intake(appellant=Appellant(PHONE, "某某", confidential=True)), operator
    )
    steps.dispatch(secret.id, dispatcher, "cgj", [])
    from app.models.enums import FlagKind
    from app.operations import intake as intake_ops

    intake_ops.flag(workspace, secret.id, operator, FlagKind.FALSE, "捏造事实")
    assert workspace.access(Viewer(Role.OPERATOR)).caller_flags(PHONE) == {secret.id: ["false"]}
    assert workspace.access(Viewer(Role.UNIT, "cgj")).caller_flags(PHONE) == {}
    assert workspace.access(Viewer(Role.ANALYST)).caller_flags(PHONE) == {}
