"""The order list: lazy paging, filters, opening an order; item models checked by Qt's tester."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.models.enums import AppealType, Channel, EventType, Role, Urgency
from app.models.operations import Actor, DirectAnswer
from app.models.records import Appellant, Intake
from app.views.orders.detail import OrderDetailDialog
from app.views.orders.models import CallerHistoryModel, OrderListModel
from app.views.shell.main_window import MainWindow
from tests.support.builders import record_numbered


def test_models_pass_qt_model_tester(qtmodeltester, workspace, clock) -> None:
    record_numbered(workspace, clock.now, 450)
    model = OrderListModel(workspace.orders, workspace.policy.town_name, workspace.clock)
    model.refresh()
    assert model.rowCount() == OrderListModel.PAGE
    assert model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 450
    assert not model.canFetchMore()
    ids = [model.row_at(i).id for i in range(450)]
    assert len(set(ids)) == 450
    model.refresh()
    qtmodeltester.check(model)
    history = CallerHistoryModel(workspace.policy.town_name, workspace.clock)
    history.set_rows(workspace.orders.caller_history("13800000001")[1])
    qtmodeltester.check(history)
    assert history.rowCount() == 1


def test_filters_and_text_search(qtbot, window: MainWindow, workspace, clock) -> None:
    record_numbered(workspace, clock.now, 10)
    record_numbered(workspace, clock.now, 3, town="xiaolan", appeal_type=AppealType.COMPLAINT)
    page = window.orders
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    page.refresh()
    assert page.model.rowCount() == 13
    qtbot.waitUntil(lambda: "13" in page.count.text())
    page.town.setCurrentIndex(page.town.findData("xiaolan"))
    assert page.model.rowCount() == 3
    page.town.setCurrentIndex(0)
    page.appeal_type.setCurrentIndex(page.appeal_type.findData(AppealType.HELP.value))
    assert page.model.rowCount() == 10
    page.search.setText("噪音")
    page.apply_filter()
    assert page.model.rowCount() == 5
    page.search.setText('"噪音"*😀(')
    page.apply_filter()
    assert page.model.rowCount() == 5
    page.search.setText('" NEAR( AND * -')
    page.apply_filter()
    assert page.model.rowCount() == 0
    page.search.setText("")
    page.appeal_type.setCurrentIndex(0)
    page.overdue.setChecked(True)
    assert page.model.rowCount() == 0
    clock.now += timedelta(days=40)
    page.apply_filter()
    assert page.model.rowCount() == 13
    qtbot.waitUntil(lambda: "13" in page.count.text())


def test_status_filter_and_direct_answers(qtbot, window: MainWindow, workspace, clock) -> None:
    record_numbered(workspace, clock.now, 2)
    actor = Actor("op", Role.OPERATOR, workspace.device_id)
    intake = Intake(
        Appellant("13900001111"),
        AppealType.ENQUIRY,
        Urgency.NORMAL,
        Channel.PHONE,
        workspace.policy.leaf_categories()[0].code,
        "shiqi",
        "",
        "咨询",
        "咨询内容",
        clock.now,
    )
    workspace.record_intake(intake, actor, DirectAnswer("已答复"))
    page = window.orders
    page.status.setCurrentIndex(page.status.findData("open"))
    assert page.model.rowCount() == 2
    page.status.setCurrentIndex(page.status.findData("closed"))
    assert page.model.rowCount() == 1


def test_order_number_opens_the_detail_with_timeline(
    qtbot, window: MainWindow, workspace, clock
) -> None:
    (order,) = record_numbered(workspace, clock.now, 1, category="A0503")  # a town matter
    dispatcher = Actor("pd", Role.DISPATCHER, workspace.device_id)
    workspace.act(order.id, EventType.DISPATCH, {"lead_unit": "town_shiqi"}, dispatcher)
    opened: list[str] = []
    window.orders.open_order.connect(opened.append)
    window.orders.search.setText(order.number.lower())
    window.orders._search_entered()
    assert opened == [order.id]
    dialog = window.show_order(order.id)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, OrderDetailDialog)
    assert dialog.timeline.rowCount() == 2
    deadline = dialog.findChild(QLabel, "deadline")
    assert deadline is not None
    assert "working day" in deadline.text()
    dialog.close()


def test_the_detail_names_the_knowledge_base_version_answered_from(
    qtbot, window: MainWindow, workspace, clock
) -> None:
    actor = Actor("op", Role.OPERATOR, workspace.device_id)
    intake = Intake(
        Appellant("13900001111"),
        AppealType.ENQUIRY,
        Urgency.NORMAL,
        Channel.PHONE,
        workspace.policy.leaf_categories()[0].code,
        "shiqi",
        "",
        "咨询",
        "咨询内容",
        clock.now,
    )
    answer = DirectAnswer("第一版口径", kb_article="kb-0007", kb_version=3)
    order = workspace.record_intake(intake, actor, answer)
    dialog = window.show_order(order.id)
    qtbot.addWidget(dialog)
    source = dialog.findChild(QLabel, "kb_source")
    assert source is not None
    assert "kb-0007" in source.text() and "3" in source.text().replace("kb-0007", "")
    plain = window.show_order(record_numbered(workspace, clock.now, 1)[0].id)
    qtbot.addWidget(plain)
    assert plain.findChild(QLabel, "kb_source") is None
