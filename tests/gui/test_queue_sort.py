"""A queue sorts by what its columns say: the clock by when it runs out (not its text, where
'12 h left' would come before '3 h left'), times as times, urgency by rank, order numbers
by their sequence; the selected order stays selected."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from app.models.enums import Urgency
from app.models.numbering import number_sort_key
from app.store.workspace import Workspace
from app.views.work.queue_models import QueueModel
from tests.support.builders import record
from tests.support.clock import NOW
from tests.support.desk import Desk, open_dispatch

ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
RANK = {"一般": 0, "紧急": 1, "特急": 2}


def value(model: QueueModel, row, column: str):  # type: ignore[no-untyped-def]
    if column == "clock":
        return model.clock(row).due  # type: ignore[union-attr]
    if column == "urgency":
        return RANK[row.urgency]
    if column == "number":
        day, station, sequence = row.number.split("-")[:3]
        return (day, station, int(sequence))
    return model._display(row, column)


def test_each_column_sorts_by_its_value(qtbot, desk: Desk, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    hours = (30, 2, 50, 5, 1, 20, 3, 12)  # received this long ago, in this order
    urgencies = (Urgency.NORMAL, Urgency.CRITICAL, Urgency.URGENT)
    for i, ago in enumerate(hours):
        record(
            workspace,
            received_at=NOW - timedelta(hours=ago),
            urgency=urgencies[i % 3],
            title=f"诉求{i}",
            phone=f"1380000{i:04d}",
        )
    page = open_dispatch(qtbot, desk)
    page.refresh()
    model, table = page.model, page.table
    assert model.rowCount() == len(hours)
    given = [r.id for r in model.rows]
    table.selectRow(3)
    chosen = model.rows[3].id
    for column in ("clock", "urgency", "number", "town", "title"):
        index = page.columns.index(column)
        for order in (ASC, DESC):
            table.sortByColumn(index, order)
            values = [value(model, r, column) for r in model.rows]
            assert values == sorted(values, reverse=order is DESC), (column, order)
            assert model.row_at(table.currentIndex().row()).id == chosen  # type: ignore[union-attr]
    table.sortByColumn(page.columns.index("clock"), DESC)
    page.refresh()  # read again: still in the order chosen
    dues = [model.clock(r).due for r in model.rows]  # type: ignore[union-attr]
    assert dues == sorted(dues, reverse=True)
    table.sortByColumn(-1, ASC)
    assert [r.id for r in model.rows] == given


def test_order_numbers_sort_by_sequence_and_suffix() -> None:
    numbers = [
        "ZS261128-W07-0012-10",
        "ZS261127-W07-0100",
        "ZS261128-W07-0012-2",
        "ZS261128-W07-0012",
    ]
    assert sorted(numbers, key=number_sort_key) == [
        "ZS261127-W07-0100",
        "ZS261128-W07-0012",
        "ZS261128-W07-0012-2",
        "ZS261128-W07-0012-10",
    ]


def test_a_click_on_a_header_sorts_and_shows_its_arrow(
    qtbot, desk: Desk, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    for ago in (30, 2, 50, 5):
        record(workspace, received_at=NOW - timedelta(hours=ago))
    page = open_dispatch(qtbot, desk)
    page.refresh()
    header = page.table.horizontalHeader()
    assert not header.isSortIndicatorShown()  # the queue's own order: no arrow, no room for it
    column = page.columns.index("clock")
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    from PySide6.QtCore import QPoint

    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )
    assert header.isSortIndicatorShown() and header.sortIndicatorSection() == column
    dues = [page.model.clock(r).due for r in page.model.rows]  # type: ignore[union-attr]
    assert dues == sorted(dues, reverse=header.sortIndicatorOrder() is DESC)
