"""Keyboard-only intake, caller history, direct answers, bad input: through the real store."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.models.enums import Status
from app.store.orders.query import OrderFilter
from app.views.shell.main_window import MainWindow
from tests.support.qt import type_chinese


def focused() -> str:
    widget = QApplication.focusWidget()
    while widget is not None and not widget.objectName():
        widget = widget.parentWidget()
    return widget.objectName() if widget is not None else ""


def tab(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)


def test_keyboard_only_intake_from_f2_to_order_number(qtbot, window: MainWindow, workspace) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F2)
    page = window.intake
    assert focused() == "phone"
    qtbot.keyClicks(QApplication.focusWidget(), "+86 139 2345 6789")
    order_of_fields = [
        "kind",
        "name",
        "company",
        "confidential",
        "appeal_type",
        "urgency",
        "channel",
        "category",
        "town",
        "address",
        "title",
        "content",
        "direct",
    ]
    seen = []
    for _ in range(len(order_of_fields)):
        tab(qtbot, window)
        seen.append(focused())
        name = seen[-1]
        widget = QApplication.focusWidget()
        if name == "name":
            type_chinese(widget, "黄先生")
        elif name == "appeal_type":
            qtbot.keyClick(widget, Qt.Key.Key_Down)  # 咨询 → 求助
        elif name == "category":
            type_chinese(widget, page.category.itemText(3))
        elif name == "town":
            type_chinese(widget, "石岐街道")
        elif name == "title":
            type_chinese(widget, "小区停水三天无人处理")
        elif name == "content":
            type_chinese(widget, "来电人反映小区自周一起停水，物业未告知原因。")
    # company is disabled for a person, so tab skips it
    expected = [f for f in order_of_fields if f != "company"]
    assert seen[: len(expected)] == expected
    qtbot.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )

    assert page.banner.isVisible()
    rows = workspace.orders.page(OrderFilter())
    assert len(rows) == 1
    order = workspace.events.load_order(rows[0].id)
    assert order.number in page.banner.text()
    assert order.appellant.phone == "13923456789"
    assert order.appellant.name == "黄先生"
    assert order.town == "shiqi"
    assert order.title == "小区停水三天无人处理"
    assert order.status is Status.RECEIVED
    assert QApplication.clipboard().text() == order.number
    assert page.title.text() == ""  # ready for the next call
    assert focused() == "phone"


def fill_minimum(page, phone: str = "13800001234") -> None:
    page.phone.setText(phone)
    page.category.setCurrentIndex(1)
    page.town.setCurrentIndex(2)
    page.title.setText("咨询社保转移")
    page.content.setPlainText("来电咨询外市社保转入中山的办理流程。")


def test_caller_history_appears_after_the_phone_is_typed(qtbot, window: MainWindow) -> None:
    page = window.intake
    for _ in range(2):
        fill_minimum(page)
        assert page.save() is not None
    page.new_intake()
    assert page.history_model.rowCount() == 0
    qtbot.keyClicks(page.phone, "138 0000 1234")
    qtbot.waitUntil(lambda: page.history_model.rowCount() == 2)
    assert "2" in page.history_summary.text()
    page.phone.setText("13700000000")
    qtbot.waitUntil(lambda: page.history_model.rowCount() == 0)


def test_direct_answer_closes_at_first_contact(qtbot, window: MainWindow, workspace) -> None:
    page = window.intake
    fill_minimum(page)
    qtbot.keyClick(page.direct, Qt.Key.Key_Space)
    assert page.answer.isEnabled()
    assert page.answer.hasFocus()
    type_chinese(page.answer, "可通过粤省事办理社保关系转移。")
    order = page.save()
    assert order is not None
    assert order.status is Status.CLOSED
    assert order.direct
    assert order.answer == "可通过粤省事办理社保关系转移。"


def test_bad_input_keeps_everything_typed(qtbot, window: MainWindow, workspace) -> None:
    page = window.intake
    fill_minimum(page, phone="138 12")
    page.title.setText("")
    page.content.setPlainText("很" * 10_000 + "😀")
    page.direct.setChecked(True)
    assert page.save() is None
    assert page.boxes["phone"].error.isVisible()
    assert page.boxes["title"].error.isVisible()
    assert "10001" in page.boxes["content"].error.text()
    assert page.boxes["answer"].error.isVisible()
    assert page.form_error.isVisible()
    assert page.phone.text() == "138 12"
    assert page.content.toPlainText().endswith("😀")
    assert workspace.orders.count(OrderFilter()) == 0
    assert QApplication.focusWidget() is page.phone


def test_unknown_town_text_is_refused_not_dropped(qtbot, window: MainWindow, workspace) -> None:
    page = window.intake
    fill_minimum(page)
    page.town.setEditText("火星")
    assert page.save() is None
    assert page.boxes["town"].error.isVisible()
    assert page.town.currentText() == "火星"


def test_incoming_call_hand_off_fills_the_number(qtbot, window: MainWindow) -> None:
    window.show_page("orders")
    window.handle_message("call 13800001234")
    assert window.stack.currentWidget() is window.intake
    assert window.intake.phone.text() == "13800001234"
    assert window.intake.history_summary.text()


def test_half_typed_intake_survives_closing_the_window(
    qtbot, workspace, operator, tmp_path
) -> None:
    from PySide6.QtCore import QSettings

    from app.views.shell.status_bar import SyncSnapshot

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    first = MainWindow(workspace, lambda: operator, SyncSnapshot, settings)
    qtbot.addWidget(first)
    first.intake.phone.setText("13800001234")
    type_chinese(first.intake.content, "半句话还没说完")
    first.intake.town.setEditText("小榄镇")
    first.close()  # flushes the pending draft

    second = MainWindow(workspace, lambda: operator, SyncSnapshot, settings)
    qtbot.addWidget(second)
    page = second.intake
    assert page.phone.text() == "13800001234"
    assert page.content.toPlainText() == "半句话还没说完"
    assert page.town.currentText() == "小榄镇"
    assert not page.banner.isHidden()
    page.new_intake()  # F2: the operator starts afresh; the draft is held, not dropped
    assert workspace.load_draft() == ""
    assert "半句话还没说完" in "".join(workspace.load_held())
