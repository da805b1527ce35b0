"""The demo workspace (every role on one local cache, the 演示身份 box switches): each screen
that lists or opens orders, attacked as a unit and as a trainer. Checked on what the
screens render (labels, table cells, the orders behind a report's figure)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
    QTableWidget,
    QWidget,
)

from app.models.enums import Role
from app.models.records import Appellant, Order
from app.views.orders.detail import OrderDetailDialog
from app.views.orders.list_page import OrderListPage
from app.views.reports.page import ReportOrdersDialog, ReportsPage
from tests.support.builders import make_intake
from tests.support.desk import Desk

NAME = "欧阳保密"
PHONE = "13912345678"
SEEN_NAME = "陈公开"
SEEN_PHONE = "13800009999"


def orders(d: Desk, workspace) -> tuple[Order, Order]:
    """A confidential caller's order led by 城管 (the name and number typed into its texts
    too), and an ordinary one led by 住建."""
    operator = d.actor(Role.OPERATOR)
    dispatcher = d.actor(Role.DISPATCHER)
    now = workspace.clock()
    secret = workspace.record_intake(
        make_intake(
            appellant=Appellant(PHONE, NAME, confidential=True),
            title=f"{NAME}反映停水",
            content=f"来电人{NAME}（{PHONE}）反映家中停水",
            received_at=now - timedelta(hours=2),
        ),
        operator,
    )
    d.chain.dispatch(secret.id, dispatcher, "cgj", ())
    other = workspace.record_intake(
        make_intake(
            appellant=Appellant(SEEN_PHONE, SEEN_NAME),
            title="占道经营",
            received_at=now - timedelta(hours=1),
        ),
        operator,
    )
    d.chain.dispatch(other.id, dispatcher, "zjj", ())
    return secret, other


def rendered(widget: QWidget) -> str:
    """Every text a dialog shows: its labels and its tables' cells."""
    parts = [label.text() for label in widget.findChildren(QLabel)]
    for table in widget.findChildren(QTableWidget):
        for row in range(table.rowCount()):
            for column in range(table.columnCount()):
                item = table.item(row, column)
                parts.append(item.text() if item else "")
    return "\n".join(parts)


def model_text(model) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(
        str(model.data(model.index(r, c)))
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    )


def open_reports(qtbot, d: Desk) -> ReportsPage:
    page = d.window.show_page("reports")
    assert isinstance(page, ReportsPage)
    with qtbot.waitSignal(page.report_ready, timeout=20000):
        page.run_button.click()
    return page


def behind(qtbot, page: ReportsPage, table: str, row: int) -> ReportOrdersDialog:
    dialogs: list[ReportOrdersDialog] = []
    original = page.show_orders

    def keep(title, selection):  # type: ignore[no-untyped-def]
        dialog = original(title, selection)
        dialogs.append(dialog)
        return dialog

    page.show_orders = keep  # type: ignore[method-assign]
    page.open_row(table, row)
    (dialog,) = dialogs
    qtbot.waitUntil(lambda: "Loading" not in dialog.count.text(), timeout=10000)
    return dialog


def test_a_units_report_drill_down_shows_its_orders_only_and_no_confidential_caller(
    qtbot, desk: Desk, workspace, tmp_path
) -> None:
    secret, other = orders(desk, workspace)
    desk.act_as(Role.UNIT, "cgj")
    page = open_reports(qtbot, desk)
    assert page.report is not None and page.report.volume == 1  # its own order only
    dialog = behind(qtbot, page, "summary", 0)  # the volume row: every order counted
    ids = [dialog.model.rows[r].id for r in range(dialog.model.rowCount())]
    assert ids == [secret.id]
    assert NAME not in model_text(dialog.model) and PHONE not in model_text(dialog.model)
    dialog.grab().save(str(tmp_path / "unit-drill-down.png"))
    # opening it: no name, no number, anywhere on the detail
    opened: list[str] = []
    dialog.open_order.connect(opened.append)
    dialog._open(dialog.model.index(0, 0))
    detail = desk.window.show_order(opened[0])
    assert isinstance(detail, OrderDetailDialog)
    text = rendered(detail)
    assert "停水" in text
    assert NAME not in text and PHONE not in text and PHONE[-4:] not in text
    detail.grab().save(str(tmp_path / "unit-detail.png"))
    detail.close()
    dialog.close()
    # another unit's order behind any figure: none (the mix by unit, the units table)
    for table_id in ("units", "overdue", "hot_spots", "problems"):
        model = page.models[table_id]
        for row in range(model.rowCount()):
            shown = behind(qtbot, page, table_id, row)
            assert other.id not in {r.id for r in shown.model.rows}
            shown.close()
    # and a forged figure naming the other unit's orders lists nothing
    from app.store.reports.queries import Selection

    forged = page.show_orders("x", Selection("received", filters=(("lead_unit", "zjj"),)))
    qtbot.waitUntil(lambda: "Loading" not in forged.count.text(), timeout=10000)
    assert forged.model.rowCount() == 0
    forged.close()


def test_switching_identity_clears_the_report_of_the_user_before(qtbot, desk: Desk, workspace):
    orders(desk, workspace)
    desk.act_as(Role.DISPATCHER)
    page = open_reports(qtbot, desk)
    assert page.report is not None and page.report.volume == 2
    desk.act_as(Role.UNIT, "zjj")
    assert page.report is None and page.models["summary"].rowCount() == 0
    with qtbot.waitSignal(page.report_ready, timeout=20000):
        page.run_button.click()
    assert page.report.volume == 1


def _ctrl_o(qtbot, d: Desk, number: str) -> tuple[str, QWidget | None]:
    """Ctrl+O as the user would: type the number into the dialog, read what comes back."""
    said: list[str] = []

    def answer(step: Callable[[], bool]) -> None:
        def attempt() -> None:
            if not step():
                QTimer.singleShot(20, attempt)

        QTimer.singleShot(20, attempt)

    def type_number() -> bool:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QInputDialog):
            return False
        box.setTextValue(number)
        box.accept()
        answer(read_message)
        return True

    def read_message() -> bool:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            said.append(box.text())
            box.accept()
            return True
        return bool(
            [
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, OrderDetailDialog) and w.isVisible()
            ]
        )

    answer(type_number)
    before = set(QApplication.topLevelWidgets())
    d.window.actions_by_id["open_order"].trigger()
    qtbot.wait(50)
    opened = [
        w for w in QApplication.topLevelWidgets()
        if w not in before and isinstance(w, OrderDetailDialog) and w.isVisible()
    ]  # fmt: skip
    return (said[0] if said else ""), (opened[0] if opened else None)


def test_ctrl_o_with_another_units_number_is_the_same_as_no_such_number(
    qtbot, desk: Desk, workspace
) -> None:
    secret, other = orders(desk, workspace)
    desk.act_as(Role.UNIT, "cgj")
    theirs, opened = _ctrl_o(qtbot, desk, other.number)
    assert opened is None
    nowhere = other.number[:-4] + "9999"
    missing, opened = _ctrl_o(qtbot, desk, nowhere)
    assert opened is None
    assert theirs.replace(other.number, "N") == missing.replace(nowhere, "N")
    assert theirs  # it said something
    # its own order opens, without the confidential caller
    said, opened = _ctrl_o(qtbot, desk, secret.number.lower())
    assert said == "" and isinstance(opened, OrderDetailDialog)
    assert NAME not in rendered(opened) and PHONE not in rendered(opened)
    opened.close()


def test_an_analyst_sees_orders_but_no_caller_and_no_words(
    qtbot, desk: Desk, workspace, tmp_path
) -> None:
    _secret, other = orders(desk, workspace)
    desk.act_as(Role.ANALYST)
    page = desk.window.show_page("orders")
    assert isinstance(page, OrderListPage)
    page.apply_filter()
    assert page.model.rowCount() == 2
    text = model_text(page.model)
    for hidden in (NAME, PHONE, SEEN_NAME, SEEN_PHONE, SEEN_PHONE[-4:], "停水", "占道"):
        assert hidden not in text
    # a search by the name (or any words) tells nothing
    page.search.setText(NAME)
    page.apply_filter()
    assert page.model.rowCount() == 0
    detail = desk.window.show_order(other.id)
    assert detail is not None
    text = rendered(detail)
    assert SEEN_NAME not in text and SEEN_PHONE[-4:] not in text and "占道" not in text
    detail.grab().save(str(tmp_path / "analyst-detail.png"))
    detail.close()


def test_a_trainer_sees_no_order(qtbot, desk: Desk, workspace) -> None:
    secret, _ = orders(desk, workspace)
    desk.act_as(Role.TRAINER)
    assert desk.window.show_order(secret.id) is None
    shown = [
        desk.window.nav.item(r).data(0x0100)
        for r in range(desk.window.nav.count())
        if not desk.window.nav.item(r).isHidden()
    ]
    assert "orders" not in shown
    page = open_reports(qtbot, desk)
    assert page.report is not None and page.report.volume == 0


def test_the_unit_queue_opens_its_orders_without_the_confidential_caller(
    qtbot, desk: Desk, workspace
) -> None:
    secret, _ = orders(desk, workspace)
    desk.act_as(Role.UNIT, "cgj")
    page = desk.window.show_page("unit")
    page.refresh()
    assert [r.id for r in page.model.rows] == [secret.id]
    queue = model_text(page.model)  # the title column too
    assert NAME not in queue and PHONE not in queue and "停水" in queue
    summary = page.summary.label.text()
    assert NAME not in summary and PHONE not in summary and "停水" in summary
    detail = desk.window.show_order(secret.id)
    assert detail is not None and NAME not in rendered(detail)
    detail.close()
    # a dialog never reaches another unit's order by id either
    assert isinstance(detail, QDialog)
