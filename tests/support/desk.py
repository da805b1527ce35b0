"""A main window whose user can be switched between the demo users of each role (the `desk`
fixture of tests/gui/conftest.py builds one)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt

from app.models.enums import Role
from app.models.operations import Actor
from app.models.records import Order
from app.store.workspace import Workspace
from app.views.dispatch.page import DispatchPage
from app.views.followup.page import FollowUpPage
from app.views.shell.identity import Identity
from app.views.shell.main_window import MainWindow
from tests.support.builders import record
from tests.support.steps import Steps

CTRL = Qt.KeyboardModifier.ControlModifier


@dataclass
class Desk:
    window: MainWindow
    identity: Identity
    chain: Steps

    def act_as(self, role: Role, unit: str = "") -> Actor:
        actor = next(
            a for a in self.identity.choices if a.role is role and (not unit or a.unit == unit)
        )
        self.identity.switch(actor)
        return actor

    def actor(self, role: Role, unit: str = "") -> Actor:
        return next(
            a for a in self.identity.choices if a.role is role and (not unit or a.unit == unit)
        )


def open_dispatch(qtbot, d: Desk) -> DispatchPage:
    d.act_as(Role.DISPATCHER)
    qtbot.keyClick(d.window, Qt.Key.Key_4, CTRL)
    page = d.window.stack.currentWidget()
    assert isinstance(page, DispatchPage)
    return page


def closed_order(d: Desk, workspace: Workspace) -> Order:
    """An order recorded, dispatched to 供水 (gs), replied, reviewed and closed."""
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
