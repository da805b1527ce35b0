"""The local store survives its process being killed: an order saved before SIGKILL is there,
whole, when the workspace is opened again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.models.enums import EventType
from app.models.policy import Policy
from app.store.orders.query import OrderFilter
from app.store.workspace import Workspace
from tests.support.server import ROOT

CHILD = textwrap.dedent(
    """
    import sys, time
    from datetime import datetime
    from app.models.clock import china_now
    from app.models.enums import AppealType, Channel, Role, Urgency
    from app.models.operations import Actor
    from app.models.records import Appellant, Intake
    from app.resources import load_policy
    from app.store.workspace import Workspace

    ws = Workspace(sys.argv[1], load_policy())
    intake = Intake(
        appellant=Appellant(phone="13800009999", name="崩溃测试"),
        appeal_type=AppealType.HELP,
        urgency=Urgency.NORMAL,
        channel=Channel.PHONE,
        category="A0201",
        town="shiqi",
        address="石岐孙文中路1号",
        title="断电后保存",
        content="保存返回后进程被强行结束，工单不能丢。",
        received_at=china_now(),
    )
    order = ws.record_intake(intake, Actor("gh1001", Role.OPERATOR, ws.device_id))
    print("SAVED", order.id, order.number, flush=True)
    while True:
        time.sleep(1)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_an_order_saved_before_sigkill_is_there(tmp_path: Path, policy: Policy) -> None:
    home = tmp_path / "crash"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(home)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        child.send_signal(signal.SIGKILL)  # right after the save returned
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert line.startswith("SAVED"), child.stderr.read() if child.stderr else line
    _, order_id, number = line.split()
    assert child.returncode == -signal.SIGKILL

    ws = Workspace(home, policy)
    try:
        assert ws.database.scalar("PRAGMA integrity_check") == "ok"
        order = ws.events.load_order(order_id)
        assert order is not None and order.number == number
        assert order.title == "断电后保存"
        events = ws.timeline(order_id)
        assert [e.type for e in events] == [EventType.INTAKE]
        outbox = ws.database.query("SELECT e.id FROM outbox o JOIN events e ON e.seq = o.event_seq")
        assert [r["id"] for r in outbox] == [events[0].id]
        assert ws.orders.find_by_number(number) is not None
        assert [r.id for r in ws.orders.page(OrderFilter(text="强行结束"))] == [order_id]
        total, _ = ws.orders.caller_history("13800009999")
        assert total == 1
    finally:
        ws.close()
