"""Numbers as operators really type them: an order number read out with spaces, in lower
case or in full-width characters opens its order (Ctrl+O); a phone number typed with a
Chinese input method's full-width digits is the number itself."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

from app.store.workspace import Workspace
from app.views.orders.detail import OrderDetailDialog
from app.views.shell.main_window import MainWindow
from tests.support.builders import record
from tests.support.qt import type_chinese


def spaced_lower(number: str) -> str:
    return " ".join(number.lower().split("-"))


def full_width(number: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in number)


@pytest.mark.parametrize("typed", [spaced_lower, full_width, lambda n: n.replace("-", "")])
def test_ctrl_o_opens_the_number_as_typed(
    qtbot, window: MainWindow, workspace: Workspace, typed, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import app.views.common.plain as plain

    told: list[str] = []
    monkeypatch.setattr(plain, "inform", lambda _parent, _title, text: told.append(text))
    order = record(workspace)
    text = typed(order.number)
    assert text != order.number

    def type_it() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        edit = dialog.findChild(QLineEdit)
        assert edit is not None
        if text.isascii():
            qtbot.keyClicks(edit, text)
        else:
            type_chinese(edit, text)
        qtbot.keyClick(edit, Qt.Key.Key_Return)

    QTimer.singleShot(0, type_it)
    window.actions_by_id["open_order"].trigger()
    assert not told
    assert order.id in window.details
    detail = window.details[order.id]
    assert isinstance(detail, OrderDetailDialog) and detail.isVisible()
    detail.close()


def test_full_width_digits_in_the_phone_are_recorded_as_the_number(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    intake = window.intake
    intake.new_intake()
    type_chinese(intake.phone, "１３８　００００　１２３４")
    type_chinese(intake.title, "家中停水求助")
    type_chinese(intake.content, "市民来电反映家中停水。")
    intake.category.setCurrentIndex(max(1, intake.category.findData("A0201")))
    intake.save()
    qtbot.waitUntil(lambda: workspace.pending_count() > 0)
    (row,) = workspace.orders.caller_history("13800001234")[1]
    assert row.phone == "13800001234"


def test_the_order_list_finds_a_number_typed_in_its_search(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    first = record(workspace)
    second = record(workspace, phone="13900001111")
    window.show_page("orders")
    page = window.orders
    for typed, wanted in (
        (spaced_lower(first.number), first),
        (second.number.rsplit("-", 1)[1], second),  # its sequence alone
        ("139 0000 1111", second),  # the caller's number
    ):
        page.search.clear()
        qtbot.keyClicks(page.search, typed)
        page.apply_filter()
        assert [r.id for r in page.model.rows] == [wanted.id], typed
