"""A shared seat against the real server: each user's unsent work waits for them and never
goes out under another's token; before a different user, or the same one in a narrower
role or unit, sees anything, the cache holds nothing they would not have received."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.models.enums import EventType
from app.models.records import Order
from app.store.seat import Identity, Seat, Waiting
from app.store.workspace import DB_FILE
from tests.support.server import ServerProcess, cli, server_rows
from tests.support.station import Station


def _files(station: Station) -> bytes:
    """Every byte of the seat's workspace folder (database, -wal, -shm, the rest)."""
    home = station.ws.home
    return b"".join(p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file())


def _on_server(server: ServerProcess, key: str) -> list[str]:
    """Who pushed the event (or an order's events), as the store recorded it ([] when
    nothing arrived)."""
    rows = server_rows(
        server.db_url, f"SELECT pushed_by FROM events WHERE id = '{key}' OR order_id = '{key}'"
    )
    return [r[0] for r in rows]


def _set_role(server: ServerProcess, user: str, role: str, unit: str = "") -> None:
    args = ["set-role", user, "--role", role, "--db", server.db_url]
    if unit:
        args += ["--unit", unit]
    r = cli(*args, module="server")
    assert r.returncode == 0, r.stderr


def _dispatched(server: ServerProcess, stations: dict[str, Station], order: Order) -> None:
    disp = stations["disp"]
    disp.login(server.url, "disp1")
    disp.sync()
    disp.act(order.id, EventType.DISPATCH, {"lead_unit": "cgj", "assist_units": []})
    assert disp.sync().accepted == 1


@pytest.fixture
def seat(server: ServerProcess, stations: dict[str, Station]) -> Station:
    """The shared workstation after op1's shift: two intakes sent (A dispatched to cgj by a
    dispatcher elsewhere, B a confidential caller's), and C recorded but not yet sent."""
    s = stations["seat"]
    s.login(server.url, "op1")
    s.record(1)
    s.record(1, confidential=True)
    assert s.sync().accepted == 2
    return s


def _orders(seat: Station) -> list[Order]:
    return sorted(
        (seat.ws.events.load_order(i) for i in seat.order_ids()),  # type: ignore[misc]
        key=lambda o: o.number,
    )


def test_operator_then_unit(
    server: ServerProcess, stations: dict[str, Station], seat: Station
) -> None:
    a, b = _orders(seat)
    _dispatched(server, stations, a)
    (c,) = seat.record(1)  # op1's, not sent yet
    seat.login(server.url, "unit_cgj")
    # before the unit sees anything: nothing of op1's cache, C kept for op1
    assert seat.order_ids() == set()
    assert seat.state.pending_count() == 0
    assert Seat(seat.ws.database).waiting() == [Waiting("op1", "operator", "", 1, True)]
    files = _files(seat)
    assert b.appellant.name.encode() not in files and b.title.encode() not in files
    assert a.title.encode() not in files  # (until the store sends it to the unit)
    from app.sync.worker import SyncWorker
    from tests.support.station import FAST

    worker = SyncWorker(seat.ws.database.path, seat.ws.device_id, retry=FAST)
    summary = worker.cycle(seat.ws.database)  # the app's own sync
    assert summary is not None and summary.pushed == 0
    status = worker.status()
    assert (status.pending, status.parked) == (0, 1)  # shown as waiting for op1
    assert seat.order_ids() == {a.id}
    assert _on_server(server, c.id) == []  # never under the unit's token
    assert b.title.encode() not in _files(seat)
    seat.login(server.url, "op1")
    assert seat.sync().accepted == 1
    assert _on_server(server, c.id) == ["op1"]
    assert seat.order_ids() == {a.id, b.id, c.id}
    assert Seat(seat.ws.database).waiting() == []


def test_unit_a_then_unit_b(
    server: ServerProcess, stations: dict[str, Station], seat: Station
) -> None:
    a, _b = _orders(seat)
    _dispatched(server, stations, a)
    seat.login(server.url, "unit_cgj")
    seat.sync()
    signed = seat.act(a.id, EventType.SIGN, {})
    sign_id = seat.ws.timeline(a.id)[-1].id
    assert signed.status != a.status
    seat.login(server.url, "unit_gaj")
    assert seat.order_ids() == set()
    assert a.title.encode() not in _files(seat)
    assert Seat(seat.ws.database).waiting() == [Waiting("unit_cgj", "unit", "cgj", 1, True)]
    assert seat.sync().pushed == 0
    assert seat.order_ids() == set()  # nothing is gaj's
    assert _on_server(server, sign_id) == []
    seat.login(server.url, "unit_cgj")
    assert seat.sync().accepted == 1
    assert _on_server(server, sign_id) == ["unit_cgj"]


def test_dispatcher_then_the_same_user_as_a_unit(
    server: ServerProcess, stations: dict[str, Station], seat: Station
) -> None:
    a, b = _orders(seat)
    _dispatched(server, stations, a)
    seat.login(server.url, "disp2")
    seat.sync()
    assert seat.order_ids() == {a.id, b.id}
    seat.act(b.id, EventType.NOTE, {"text": "派单员的备注"})
    note_id = seat.ws.timeline(b.id)[-1].id
    _set_role(server, "disp2", "unit", "cgj")
    seat.login(server.url, "disp2")
    assert seat.order_ids() == set()
    assert b.appellant.name.encode() not in _files(seat)
    waiting = Seat(seat.ws.database).waiting()
    assert waiting == [Waiting("disp2", "dispatcher", "", 1, True)]
    assert seat.sync().pushed == 0
    assert seat.order_ids() == {a.id}
    assert _on_server(server, note_id) == []
    assert b.title.encode() not in _files(seat)


def test_unit_then_the_same_user_as_an_operator(
    server: ServerProcess, stations: dict[str, Station], seat: Station
) -> None:
    a, b = _orders(seat)
    _dispatched(server, stations, a)
    seat.login(server.url, "unit_cgj")
    seat.sync()
    assert seat.order_ids() == {a.id}
    _set_role(server, "unit_cgj", "operator")
    seat.login(server.url, "unit_cgj")  # wider: nothing to hide, everything read again
    seat.sync()
    assert seat.order_ids() == {a.id, b.id}
    full = seat.ws.events.load_order(b.id)
    assert full is not None and full.appellant.name == b.appellant.name  # not a unit's copy


def test_signed_out_work_waits_until_a_signed_in_user_claims_it(
    server: ServerProcess, stations: dict[str, Station], tmp_path: Path
) -> None:
    s = stations["fresh"]
    (local,) = s.record(1)  # no one signed in
    s.login(server.url, "op1")
    assert s.order_ids() == set()
    (waiting,) = Seat(s.ws.database).waiting()
    assert (waiting.user, waiting.events, waiting.signed_in_here) == ("local", 1, False)
    r = cli("outbox", env={"HOTLINE_DESK_HOME": str(s.ws.home)})
    assert r.returncode == 0, r.stderr
    shown = json.loads(r.stdout)
    assert shown["waiting"][0]["user"] == "local" and shown["waiting"][0]["events"] == 1
    assert s.sync().pushed == 0
    assert _on_server(server, local.id) == []
    with pytest.raises(ValueError):  # a signed-in user's work is theirs alone
        Seat(s.ws.database).claim("op1", Identity("op2", "operator"))
    assert Seat(s.ws.database).claim("local", Identity("op1", "operator")) == 1
    assert s.sync().accepted == 1
    assert _on_server(server, local.id) == ["op1"]
    assert s.order_ids() == {local.id}


def test_sign_out_leaves_nothing_for_whoever_sits_down_next(
    server: ServerProcess, seat: Station
) -> None:
    from app.sync import account

    (c,) = seat.record(1)  # numbered with the station code the store gave the seat
    a, b = [o for o in _orders(seat) if o.id != c.id]
    account.logout(seat.ws.database, revoke=False)
    assert seat.order_ids() == set()
    assert b.appellant.name.encode() not in _files(seat)
    assert Seat(seat.ws.database).waiting() == [Waiting("op1", "operator", "", 1, True)]
    db = seat.ws.home / DB_FILE
    assert db.exists()
    seat.login(server.url, "op1")
    assert seat.sync().accepted == 1
    assert _on_server(server, c.id) == ["op1"]
    assert seat.order_ids() == {a.id, b.id, c.id}
