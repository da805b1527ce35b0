"""One order through the whole chain after intake, across the operator's, the dispatcher's
and the handling unit's workstations, each signed in as its own user and syncing through
the real server process: a return (属地不符), an extension, a reopen after an unsatisfied
follow-up, and the archive. After every step and sync, each workstation that may see the
order is checked: status, timeline (who did what, in order) and deadline.

A fourth, smaller workstation is the unit the order was first wrongly dispatched to: the
return has to come from the unit that holds the order, and a workstation is signed in as
one unit, so the wrong-territory 镇街 and the right one cannot be the same workstation.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from app.models.clock import CHINA
from app.models.clocks import Stage, stage_clock
from app.models.deadlines import extend, reply_deadline
from app.models.enums import AppealType, EventType, ReturnReason, Satisfaction, Status, Urgency
from app.models.operations import Actor
from app.models.policy import Policy
from app.models.records import Order
from tests.support.clock import FixedClock
from tests.support.server import ServerProcess, seed_users, server_rows
from tests.support.station import Station
from tests.support.station_chain import actor, record
from tests.support.steps import Steps
from tests.support.users import TOWN_USERS

E = EventType


def test_order_walks_the_whole_chain_across_three_workstations(
    server: ServerProcess, tmp_path: Path, policy: Policy
) -> None:
    seed_users(server.db_url, TOWN_USERS)
    clock = FixedClock(datetime(2026, 11, 23, 9, 5, tzinfo=CHINA))  # a Monday
    op = Station.at(tmp_path / "op", policy, clock)
    disp = Station.at(tmp_path / "disp", policy, clock)
    unit = Station.at(tmp_path / "unit", policy, clock)  # 石岐街道, the right territory
    wrong = Station.at(tmp_path / "wrong", policy, clock)  # 东区街道, first dispatched to
    stations = {"op": op, "disp": disp, "unit": unit, "wrong": wrong}
    try:
        op.login(server.url, "op1")
        disp.login(server.url, "disp1")
        unit.login(server.url, "unit_shiqi")
        wrong.login(server.url, "unit_dongqu")
        _walk(server, clock, policy, stations)
    finally:
        for station in stations.values():
            station.close()


def _walk(
    server: ServerProcess, clock: FixedClock, policy: Policy, stations: dict[str, Station]
) -> None:
    op, disp, unit, wrong = (stations[k] for k in ("op", "disp", "unit", "wrong"))
    timeline: list[tuple[str, EventType]] = []
    order_id = ""

    def sees(station: Station) -> bool:
        return order_id in station.order_ids()

    def check(status: Status, deadline: datetime, stage: Stage | None, *, who: set[str]) -> None:
        """Every workstation that should hold the order holds the same story of it."""
        for name, station in stations.items():
            if name not in who:
                assert not sees(station), f"{name} holds an order not dispatched to it"
                continue
            order = station.ws.events.load_order(order_id)
            assert order is not None, name
            assert order.status is status, (name, order.status, status)
            assert order.deadline == deadline, (name, order.deadline, deadline)
            got = [(e.actor, e.type) for e in station.ws.timeline(order_id)]
            assert got == timeline, (name, got)
            assert all(e.role and e.actor for e in station.ws.timeline(order_id))  # who, with role
            clock_now = stage_clock(
                order.status,
                received_at=order.received_at,
                dispatched_at=order.dispatched_at,
                deadline=order.deadline,
                now=clock(),
                limits=policy.limits,
                calendar=policy.calendar,
            )
            assert (clock_now.stage if clock_now else None) is stage, (name, clock_now)
            assert station.state.pending_count() == 0 and station.state.attention() == []

    def step(
        station: Station, kinds: list[EventType], act: Callable[[Steps, Actor], Order]
    ) -> Order:
        clock.now += timedelta(hours=2)
        done = act(Steps(station.ws), actor(station))
        summary = station.sync()
        assert (summary.accepted, summary.rejected) == (len(kinds), 0)
        for other in stations.values():
            if other is not station:
                other.sync()
        timeline.extend((actor(station).user, k) for k in kinds)
        return done

    # 受理: the operator records a confidential complaint
    order = record(op, confidential=True, name="陈女士", phone="13900001111")
    order_id = order.id
    received = order.received_at
    due = reply_deadline(
        received, AppealType.COMPLAINT, Urgency.NORMAL, policy.limits, policy.calendar
    ).due
    assert order.deadline == due
    assert op.sync().accepted == 1
    for station in (disp, unit, wrong):
        station.sync()
    timeline.append(("op1", E.INTAKE))
    check(Status.RECEIVED, due, Stage.DISPATCH, who={"op", "disp"})

    # 派单 to the wrong 镇街
    step(disp, [E.DISPATCH], lambda c, a: c.dispatch(order_id, a, "town_dongqu", []))
    check(Status.DISPATCHED, due, Stage.SIGN, who={"op", "disp", "wrong"})
    shown = wrong.ws.events.load_order(order_id)
    assert shown is not None and shown.appellant.confidential
    assert (shown.appellant.name, shown.appellant.phone) == ("", "")

    # 退单: 属地不符
    step(
        wrong,
        [E.RETURN_REQUEST],
        lambda c, a: c.request_return(
            order_id, a, ReturnReason.WRONG_TERRITORY, "地址在石岐街道辖区"
        ),
    )
    check(Status.RETURN_PENDING, due, Stage.REPLY, who={"op", "disp", "wrong"})
    assert disp.ws.events.load_order(order_id).return_reason == "属地不符"  # type: ignore[union-attr]

    # the centre upholds the return and re-dispatches (改派) to 石岐, 城管局 assisting
    step(disp, [E.RETURN_RULING], lambda c, a: c.rule_return(order_id, a, True, "属实"))
    check(Status.RECEIVED, due, Stage.DISPATCH, who={"op", "disp", "wrong"})
    step(
        disp,
        [E.REDISPATCH],
        lambda c, a: c.dispatch(order_id, a, "town_shiqi", ["cgj"], "属地改派"),
    )
    everyone = {"op", "disp", "unit", "wrong"}  # grants are not withdrawn by a re-dispatch
    check(Status.DISPATCHED, due, Stage.SIGN, who=everyone)
    mine = unit.ws.events.load_order(order_id)
    assert mine is not None and mine.lead_unit == "town_shiqi" and mine.return_count == 1
    assert (mine.appellant.name, mine.appellant.phone) == ("", "")  # confidential
    full = op.ws.events.load_order(order_id)
    assert full is not None and (full.appellant.name, full.appellant.phone) == (
        "陈女士",
        "13900001111",
    )

    # 签收, then 延期 asked and approved with a new deadline in working days
    step(unit, [E.SIGN], lambda c, a: c.sign(order_id, a))
    check(Status.HANDLING, due, Stage.REPLY, who=everyone)
    step(
        unit,
        [E.EXTENSION_REQUEST],
        lambda c, a: c.request_extension(order_id, a, 5, "需协调住建部门现场核查"),
    )
    check(Status.HANDLING, due, Stage.REPLY, who=everyone)
    assert unit.ws.events.load_order(order_id).pending_extension  # type: ignore[union-attr]
    extended = extend(due, 5, policy.calendar).due
    assert extended > due
    step(
        disp,
        [E.EXTENSION_RULING],
        lambda c, a: c.rule_extension(order_id, a, True, 5, "同意延期"),
    )
    due = extended
    check(Status.HANDLING, due, Stage.REPLY, who=everyone)
    mine = unit.ws.events.load_order(order_id)
    assert mine is not None and (mine.extension_count, mine.extension_days) == (1, 5)
    assert not mine.pending_extension

    # 答复, 审核, 办结
    step(
        unit,
        [E.REPLY],
        lambda c, a: c.reply(
            order_id, a, text="已责令施工方夜间停工", contacted=True, resolved=True
        ),
    )
    check(Status.REPLIED, due, Stage.REPLY, who=everyone)
    step(disp, [E.REVIEW], lambda c, a: c.review(order_id, a, True, ""))
    check(Status.REVIEWED, due, Stage.REPLY, who=everyone)
    step(disp, [E.CLOSE], lambda c, a: c.close(order_id, a))
    check(Status.CLOSED, due, None, who=everyone)

    # 回访: not satisfied → 重新办理 back to the unit, with a fresh reply limit from now
    clock.now += timedelta(days=1)
    step(
        op,
        [E.FOLLOW_UP, E.REOPEN],
        lambda c, a: c.follow_up(
            order_id,
            a,
            reached=True,
            contacted=True,
            resolved=False,
            satisfaction=Satisfaction.UNSATISFIED,
            text="夜间仍在施工",
        ),
    )
    reopened_at = clock()
    due = reply_deadline(
        reopened_at, AppealType.COMPLAINT, Urgency.NORMAL, policy.limits, policy.calendar
    ).due
    check(Status.HANDLING, due, Stage.REPLY, who=everyone)
    mine = unit.ws.events.load_order(order_id)
    assert mine is not None and mine.reopen_count == 1 and mine.lead_unit == "town_shiqi"
    assert mine.first_satisfaction is Satisfaction.UNSATISFIED

    # the unit replies again, the centre reviews and closes, the caller is satisfied
    step(
        unit,
        [E.REPLY],
        lambda c, a: c.reply(
            order_id, a, text="已联合执法，施工方已整改", contacted=True, resolved=True
        ),
    )
    check(Status.REPLIED, due, Stage.REPLY, who=everyone)
    step(disp, [E.REVIEW], lambda c, a: c.review(order_id, a, True, "整改到位"))
    step(disp, [E.CLOSE], lambda c, a: c.close(order_id, a))
    check(Status.CLOSED, due, None, who=everyone)
    step(
        op,
        [E.FOLLOW_UP],
        lambda c, a: c.follow_up(
            order_id,
            a,
            reached=True,
            contacted=True,
            resolved=True,
            satisfaction=Satisfaction.SATISFIED,
        ),
    )
    check(Status.ARCHIVED, due, None, who=everyone)
    final = op.ws.events.load_order(order_id)
    assert final is not None
    assert (final.reopen_count, final.return_count, final.extension_count) == (1, 1, 1)
    assert final.satisfaction is Satisfaction.SATISFIED
    assert final.first_satisfaction is Satisfaction.UNSATISFIED

    # every workstation holds the identical event set; the server holds each event once
    rows = server_rows(server.db_url, "SELECT id, COUNT(*) FROM events GROUP BY id")
    assert all(count == 1 for _id, count in rows)
    on_server = {r[0] for r in rows}
    assert len(on_server) == len(timeline) == 17
    for name, station in stations.items():
        assert station.event_ids() == on_server, name
        assert station.order_ids() == {order_id}, name
    (status,) = server_rows(server.db_url, f"SELECT status FROM orders WHERE id = '{order_id}'")
    assert status[0] == Status.ARCHIVED.value
    # the units' copies never held the confidential identity, at any step
    for station in (unit, wrong):
        for event in station.ws.timeline(order_id):
            appellant = event.payload.get("appellant")
            if isinstance(appellant, dict):
                assert appellant == {"kind": "个人", "confidential": True}
