"""A transfer, a return and an unsatisfied follow-up must say why (rules._check_statements),
but only from now on: such steps stored without a reason by an earlier version still pull
into a new workstation and fold, and the chain goes on from them through the real store."""

from __future__ import annotations

import json

from sqlalchemy import select, update

from app.models.enums import EventType, Status
from app.operations import followup
from server.schema import Database, events
from server.wire import storable
from tests.support.server import ServerProcess
from tests.support.station import Station
from tests.support.station_chain import actor, record

E = EventType
# What an earlier version stored: the same steps with nothing said about why.
SILENT = {E.TRANSFER: "reason", E.RETURN_REQUEST: "text", E.FOLLOW_UP: "text"}


def _as_stored_before(db_url: str) -> int:
    """Blank the reasons of the stored transfers, returns and follow-ups; how many."""
    db = Database(db_url)
    try:
        with db.engine.begin() as conn:
            kinds = [k.value for k in SILENT]
            query = select(events.c.seq, events.c.type, events.c.body)
            changed = 0
            for seq, kind, body in conn.execute(query.where(events.c.type.in_(kinds))).all():
                data = json.loads(body)
                data["payload"].pop(SILENT[E(kind)], None)
                body = storable(data).decode("utf-8")  # as the store writes a body
                conn.execute(update(events).where(events.c.seq == seq).values(body=body))
                changed += 1
            return changed
    finally:
        db.dispose()


def test_old_steps_without_reasons_still_pull_and_the_chain_goes_on(
    server: ServerProcess, stations: dict[str, Station]
) -> None:
    op, disp, unit = stations["op"], stations["disp"], stations["unit"]
    for station, user in ((op, "op1"), (disp, "disp1"), (unit, "unit_cgj")):
        station.login(server.url, user)
    transferred = record(op, title="燃气泄漏")
    op.act(transferred.id, E.TRANSFER, {"target": "119", "reason": "涉及燃气泄漏险情"})
    returned, followed = record(op, title="占道经营"), record(op, title="夜间施工")
    op.sync()
    disp.sync()
    for order in (returned, followed):
        disp.act(order.id, E.DISPATCH, {"lead_unit": "cgj", "assist_units": []})
    disp.sync()
    unit.sync()
    unit.act(returned.id, E.RETURN_REQUEST, {"reason": "属地不符", "text": "属东区管辖"})
    unit.act(followed.id, E.SIGN, {})
    unit.act(followed.id, E.REPLY, {"text": "已责令停工", "contacted": True, "resolved": True})
    unit.sync()
    disp.sync()
    disp.act(followed.id, E.REVIEW, {"approved": True, "opinion": ""})
    disp.act(followed.id, E.CLOSE, {})
    disp.sync()
    op.sync()
    unsatisfied = {"reached": True, "resolved": False, "satisfaction": "不满意", "text": "仍施工"}
    op.act(followed.id, E.FOLLOW_UP, unsatisfied)
    assert op.sync().accepted == 1

    assert _as_stored_before(server.db_url) == 3

    fresh = stations["fresh"]
    fresh.login(server.url, "op2")
    fresh.sync()
    load = fresh.ws.events.load_order
    assert load(transferred.id).status is Status.TRANSFERRED  # type: ignore[union-attr]
    assert load(returned.id).status is Status.RETURN_PENDING  # type: ignore[union-attr]
    after_call = load(followed.id)
    assert after_call is not None and after_call.reopen_due
    silent = [e for e in fresh.ws.timeline(followed.id) if e.type is E.FOLLOW_UP]
    assert silent and "text" not in silent[0].payload  # pulled as it was stored
    assert not fresh.state.attention()

    # the store goes on from the old steps: the return is ruled on, the order reopened
    disp.sync()
    disp.act(returned.id, E.RETURN_RULING, {"upheld": True, "opinion": "同意退回"})
    assert disp.sync().accepted == 1
    followup.reopen(fresh.ws, followed.id, actor(fresh), "回访不满意，重新办理")
    assert fresh.sync().accepted == 1
    assert load(followed.id).status is Status.HANDLING  # type: ignore[union-attr]
