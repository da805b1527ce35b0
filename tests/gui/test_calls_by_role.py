"""A call handed to the window of a role without the intake screen (a unit, an analyst, a
trainer) opens no intake and shows no held intake: those hold callers' numbers."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.models.enums import Role
from tests.support.desk import Desk

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_a_call_reaches_no_intake_on_a_unit_analyst_or_trainer_window(qtbot, desk: Desk) -> None:
    window = desk.window
    desk.act_as(Role.OPERATOR)
    window.intake.phone.setText("13811112222")  # a half-typed intake, held by the next call
    window.handle_message("call 13900001111")
    assert window.stack.currentWidget() is window.intake
    assert [h.state.get("phone") for h in window.intake.held] == ["13811112222"]
    for role in (Role.UNIT, Role.ANALYST, Role.TRAINER):
        desk.act_as(role)
        before = window.stack.currentWidget()
        window.handle_message("call 13700003333")
        window.choose_held()
        assert window.stack.currentWidget() is before
        assert window.stack.currentWidget() is not window.intake
        assert window.intake.phone.text() == "13900001111"  # nothing was taken or held
        assert window.statusBar().currentMessage() in (
            "此身份不接听来电。",
            "This role does not take calls.",
        )
