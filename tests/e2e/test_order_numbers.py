"""Order numbers stay unique through a real server: a duplicate number is never a reason to
refuse an intake; the store keeps it, renumbers it with its own event, and the old number
keeps finding the order on a workstation."""

from __future__ import annotations

from pathlib import Path

import requests

from app.models.policy import Policy
from tests.support.clock import FixedClock
from tests.support.server import server_rows
from tests.support.station import Station
from tests.support.wire import Wire, event, intake, later, now


def test_a_duplicate_number_is_stored_and_renumbered(
    wire: Wire, tmp_path: Path, policy: Policy
) -> None:
    at = now()
    number = f"ZS{at:%y%m%d}-DUP-0001"
    first = intake(wire.policy, at, number=number)
    second = intake(wire.policy, later(at, 1), number=number)
    third = intake(wire.policy, later(at, 2), number=number, user="op2")
    assert wire.results("op1", first, second)[1]["result"] == "accepted"  # same batch
    assert wire.results("op2", third)[0]["result"] == "accepted"  # a later push
    items = {i["event"]["id"]: i for i in wire.pull_all("disp1")}
    renumbers = [i for i in items.values() if i["event"]["type"] == "renumber"]
    by_order = {i["event"]["order_id"]: i for i in renumbers}
    assert set(by_order) == {second["order_id"], third["order_id"]}
    assert by_order[second["order_id"]]["event"]["payload"] == {
        "number": f"{number}-2",
        "old_number": number,
    }
    assert by_order[third["order_id"]]["event"]["payload"]["number"] == f"{number}-3"
    # the store's own event, right after the intake it renumbers
    renumbered = by_order[second["order_id"]]
    assert renumbered["by"]["user"] == "central-store"
    assert renumbered["seq"] == items[second["id"]]["seq"] + 1
    rows = server_rows(
        wire.server.db_url,
        f"SELECT number, original FROM order_numbers WHERE original = '{number}' ORDER BY number",
    )
    assert [tuple(r) for r in rows] == [
        (number, number),
        (f"{number}-2", number),
        (f"{number}-3", number),
    ]
    # a workstation finds every order a caller quoting the old number may mean
    station = Station.at(tmp_path / "disp", policy, FixedClock(at))
    try:
        station.login(wire.server.url, "disp1")
        station.sync()
        found = station.ws.orders.find_all_by_number(number.lower())
        assert found[0].id == first["order_id"]
        assert {r.id for r in found} == {first["order_id"], second["order_id"], third["order_id"]}
        order = station.ws.events.load_order(second["order_id"])
        assert order is not None
        assert (order.number, order.former_numbers) == (f"{number}-2", (number,))
        assert station.ws.orders.find_by_number(f"{number}-2").id == second["order_id"]  # type: ignore[union-attr]
    finally:
        station.close()


def test_no_workstation_may_push_a_renumber(wire: Wire) -> None:
    at = now()
    order = intake(wire.policy, at)
    assert wire.results("op1", order)[0]["result"] == "accepted"
    for user in ("op1", "disp1"):
        forged = event(
            user, order["order_id"], "renumber", {"number": "X-1", "old_number": "X"}, at
        )
        (result,) = wire.results(user, forged)
        assert (result["result"], result["code"]) == ("rejected", "forbidden_role")


def test_an_overlong_number_is_refused_by_name(wire: Wire) -> None:
    order = intake(wire.policy, now(), number="ZS" + "9" * 200)
    (result,) = wire.results("op1", order)
    assert result["code"] == "invalid_field" and result["message"].startswith("number:")


def test_each_workstation_gets_its_own_station_code_at_first_sign_in(
    wire: Wire, tmp_path: Path, policy: Policy
) -> None:
    clock = FixedClock(now())
    made = [Station.at(tmp_path / f"ws{n}", policy, clock) for n in range(3)]
    try:
        provisional = [s.ws.station for s in made]
        assert all(code.startswith("W") for code in provisional)  # before any sign-in
        for station in made:
            station.login(wire.server.url, "op1")
            station.sync()  # the first sync under the token asks the store
        codes = [s.ws.station for s in made]
        assert len(set(codes)) == 3 and all(c.startswith("S") for c in codes)
        made[0].login(wire.server.url, "op2")  # another user, the same workstation
        made[0].sync()
        assert made[0].ws.station == codes[0]
        order = made[1].record()[0]
        assert f"-{codes[1]}-" in order.number
        # asked again by hand, the same device gets the same code
        r = requests.post(
            wire.server.url + "/api/v1/auth/station",
            json={"device_id": made[2].ws.device_id},
            headers={"Authorization": f"Bearer {wire.token('disp1')}"},
            timeout=10,
        )
        assert r.json() == {"station": codes[2]}
    finally:
        for station in made:
            station.close()
