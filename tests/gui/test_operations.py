"""The runner of operations in the real window: a failure reaches the user, a success sends
one notice, and the screens refresh from that notice alone."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QApplication, QMessageBox

from app.models.enums import Role
from app.models.records import Order
from app.operations import dispatch
from app.operations.changes import Changes, Done
from app.store.db import StoreError
from app.store.workspace import Workspace
from app.views.dispatch.page import DispatchPage
from app.views.shell.main_window import MainWindow
from tests.support.builders import DISPATCHER, record
from tests.support.desk import Desk, open_dispatch


def failure_box() -> QMessageBox | None:
    boxes = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == "operation_failed" and w.isVisible()
    ]
    return boxes[0] if boxes else None


def disk_full(_ws: Workspace) -> Done[Order]:
    raise StoreError("database or disk is full")


def test_a_failed_operation_is_shown_to_the_user(qtbot, window: MainWindow) -> None:
    notices: list[Changes] = []
    window.changes.changed.connect(notices.append)
    assert window.operations(window, disk_full).run_now() is None
    box = failure_box()
    assert box is not None and "database or disk is full" in box.text()
    assert notices == []  # nothing changed
    box.close()


def test_a_failure_off_the_gui_thread_is_shown_too(qtbot, window: MainWindow) -> None:
    window.operations(window, disk_full).run_in_background()
    qtbot.waitUntil(lambda: failure_box() is not None)
    box = failure_box()
    assert box is not None and "database or disk is full" in box.text()
    box.close()


def test_a_caller_may_handle_the_failure_itself(qtbot, window: MainWindow) -> None:
    handled: list[Exception] = []
    window.operations(window, disk_full).failure(handled.append).run_now()
    assert [type(e) for e in handled] == [StoreError]
    assert failure_box() is None


def test_an_operation_off_the_gui_thread_sends_its_notice_once(
    qtbot, desk: Desk, workspace: Workspace
) -> None:
    order = record(workspace)
    actor = desk.actor(Role.DISPATCHER)
    notices: list[Changes] = []
    results: list[Order] = []
    desk.window.changes.changed.connect(notices.append)
    op = desk.window.operations(
        desk.window, lambda ws: dispatch.dispatch(ws, order.id, actor, "gs", [])
    )
    with qtbot.waitSignal(desk.window.changes.changed):
        op.success(results.append).run_in_background()
    assert [o.lead_unit for o in results] == ["gs"]
    assert len(notices) == 1 and notices[0].touches(order.id) and notices[0].outbox
    assert workspace.events.load_order(order.id).lead_unit == "gs"  # type: ignore[union-attr]


def test_the_dispatch_queue_refreshes_from_a_notice(
    qtbot, desk: Desk, workspace: Workspace
) -> None:
    page = open_dispatch(qtbot, desk)
    assert isinstance(page, DispatchPage)
    order = record(workspace, title="另一工作站受理")  # written behind the screen's back
    assert order.id not in [r.id for r in page.model.rows]
    desk.window.changes.notify(Changes(all_orders=True))  # as a pull ends
    assert order.id in [r.id for r in page.model.rows]


def test_the_callers_history_refreshes_from_a_notice(qtbot, window: MainWindow, workspace) -> None:
    page = window.intake
    page.phone.setText("13800001234")
    page.refresh_history()
    assert page.history_model.rowCount() == 0
    order = record(workspace)  # the same caller, recorded elsewhere
    window.changes.notify(Changes(orders=frozenset({order.id})))
    assert page.history_model.rowCount() == 1


def test_the_order_list_refreshes_from_a_notice_even_when_hidden(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:
    orders = window.orders
    window.show_page("intake")
    order = record(workspace, title="隐藏时受理")
    window.changes.notify(Changes(orders=frozenset({order.id})))
    assert order.id not in [r.id for r in orders.model.rows]  # hidden: read when shown
    window.show_page("orders")
    assert order.id in [r.id for r in orders.model.rows]


def test_a_step_waiting_to_be_sent_wakes_the_sync_and_a_pull_refreshes_the_screens(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:
    from app.sync.cycle import CycleSummary
    from app.views.sync.bridge import SyncBridge

    bridge = SyncBridge(workspace, interval=3600)  # never started: no cycle runs by itself
    window.attach_sync(bridge)
    try:
        order = record(workspace)
        window.operations(window, lambda ws: dispatch.close(ws, order.id, DISPATCHER)).failure(
            lambda _exc: None
        ).run_now()  # refused: nothing to send
        assert not bridge.worker._wake.is_set()
        done = window.operations(
            window, lambda ws: dispatch.dispatch(ws, order.id, DISPATCHER, "gs", [])
        ).run_now()
        assert done is not None and bridge.worker._wake.is_set()

        notices: list[Changes] = []
        window.changes.changed.connect(notices.append)
        status = replace(bridge.worker.status(), last_summary=CycleSummary(pulled=3))
        bridge.status_changed.emit(status)  # as the worker reports a cycle's end
        assert len(notices) == 1 and notices[0].all_orders
    finally:
        bridge.stop()


def test_a_report_shown_is_made_again_from_a_notice(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:
    from app.models.reports import Period, Scope
    from app.views.reports.page import ReportsPage

    record(workspace)
    page = window.show_page("reports")
    assert isinstance(page, ReportsPage)
    page.set_choice(Period.parse("2026-11"), Scope.parse("city"))
    with qtbot.waitSignal(page.report_ready, timeout=20000):
        page.run_button.click()
    assert page.report is not None and page.report.volume == 1
    record(workspace, title="另一工作站受理")
    with qtbot.waitSignal(page.report_ready, timeout=20000):
        window.changes.notify(Changes(all_orders=True))  # as a pull ends
    assert page.report.volume == 2
