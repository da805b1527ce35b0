"""Enter on an order of the order list or of a queue opens its detail once; Enter again on
the same order brings that window back instead of opening a second one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.models.enums import Role
from app.store.workspace import Workspace
from app.views.orders.detail import OrderDetailDialog
from app.views.shell.main_window import MainWindow
from tests.support.builders import record
from tests.support.desk import Desk, open_dispatch


def details() -> list[OrderDetailDialog]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, OrderDetailDialog) and w.isVisible()
    ]


def test_enter_on_the_order_list_opens_one_window(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    order = record(workspace)
    page = window.show_page("orders")
    window.orders.refresh()
    table = window.orders.table
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(details()) >= 1)
    assert [d.order.id for d in details()] == [order.id]
    first = details()[0]
    window.activateWindow()
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert details() == [first]
    assert page is window.pages["orders"]
    first.close()


def test_enter_on_a_queue_opens_one_window(qtbot, desk: Desk, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    order = record(workspace)
    page = open_dispatch(qtbot, desk)
    page.refresh()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: len(details()) >= 1)
    assert [d.order.id for d in details()] == [order.id]
    first = details()[0]
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert details() == [first]
    first.close()


def test_another_user_gets_a_window_of_their_own(qtbot, desk: Desk, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    """The window shown to the previous user showed the order as that user could see it."""
    order = record(workspace)
    desk.act_as(Role.OPERATOR)
    first = desk.window.show_order(order.id)
    assert first is not None
    desk.act_as(Role.DISPATCHER)
    second = desk.window.show_order(order.id)
    assert second is not None and second is not first
    qtbot.waitUntil(lambda: details() == [second])
    second.close()
