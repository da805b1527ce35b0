"""The order's detail shows who the central store says did each step and when it arrived,
what is still waiting, offline gaps, and steps this build cannot read — and always opens."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QTableWidget

from app.models.enums import EventType, Role
from app.models.operations import Actor, new_id
from app.models.serial import event_to_dict
from app.store.sync.state import PulledPage, StoreRecord, SyncState
from app.views.shell.main_window import MainWindow
from tests.support.builders import record_numbered


def _rows(table: QTableWidget) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def _pulled(order_id: str, kind: str, payload: object, at: str, seq: int) -> dict[str, object]:
    return {
        "id": new_id(),
        "order_id": order_id,
        "type": kind,
        "payload": payload,
        "actor": "someone",
        "role": "dispatcher",
        "unit": "",
        "device_id": "other",
        "client_time": at,
        "base_version": seq,
    }


def test_detail_shows_the_store_record_waiting_gaps_and_unreadable_steps(
    qtbot, window: MainWindow, workspace, clock, tmp_path
) -> None:
    (order,) = record_numbered(workspace, clock.now, 1, category="A0503")
    intake = workspace.timeline(order.id)[0]
    recorded = intake.client_time
    received = int((recorded + timedelta(days=2, hours=3)).timestamp())
    state = SyncState(workspace.database)
    later = (recorded + timedelta(hours=1)).isoformat()
    odd = _pulled(order.id, "extension_request", {"days": "三天", "reason": 7}, later, 1)
    unknown = _pulled(order.id, "site_visit", {"photos": [1, 2]}, later, 2)
    broken = _pulled(order.id, "note", "not an object", "yesterday", 3)
    page = PulledPage(
        events=[(1, event_to_dict(intake)), (2, odd), (3, unknown), (4, broken)],
        articles=[],
        units=None,
        catalogue=None,
        policy_version="",
        next_since=4,
        # the store's record: the intake arrived two days later, pushed by op1
        records={
            1: StoreRecord(received, "op1", "operator", ""),
            2: StoreRecord(received, "disp1", "dispatcher", ""),
        },
    )
    state.apply_page(page)
    # a step recorded here and not yet sent
    workspace.act(
        order.id, EventType.NOTE, {"text": "回电未接通"}, Actor("op-test", Role.OPERATOR, "d")
    )

    dialog = window.show_order(order.id)
    qtbot.addWidget(dialog)
    rows = _rows(dialog.timeline)
    assert len(rows) == 5
    first = rows[0]
    assert first[2] == "op1（Operator）"  # the store's author, not the event's claim
    assert "arrived 2 day(s)3 hour(s) after it was recorded (offline)" in first[3]
    assert rows[1][3].startswith(short(received))
    assert "cannot be read" in rows[1][4]  # a known step with an odd payload
    assert rows[2][1] == "site_visit" and "cannot be read" in rows[2][4]
    assert rows[3][0] == "—" and "cannot be read" in rows[3][4]
    assert rows[4][3] == "waiting to be sent" and rows[4][2] == "op-test"
    dialog.timeline.resizeColumnsToContents()
    dialog.grab().save(str(tmp_path / "timeline.png"))
    dialog.close()


def short(epoch: int) -> str:
    from datetime import UTC, datetime

    from app.models.clock import CHINA

    return datetime.fromtimestamp(epoch, UTC).astimezone(CHINA).isoformat()[:16].replace("T", " ")
