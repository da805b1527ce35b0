"""app.store.seat on a real workspace file, without a server: when the pulled cache goes,
and what stays."""

from __future__ import annotations

from app.store.seat import Identity, Seat
from app.store.workspace import Workspace
from tests.support.station import Station

OP1 = Identity("op1", "operator")


def _as_sent(ws: Workspace) -> None:
    """Everything recorded so far acknowledged by a store (as after a push)."""
    ws.database.query("UPDATE events SET server_seq = seq")
    ws.database.query("DELETE FROM outbox")


def test_signing_in_again_as_the_same_identity_keeps_the_cache(workspace: Workspace) -> None:
    seat = Seat(workspace.database)
    seat.sign_in(OP1, "https://store.example")
    Station(workspace).record(2)
    _as_sent(workspace)
    seat.sign_in(OP1, "https://store.example")  # a new token, same user, role, unit, store
    assert workspace.database.scalar("SELECT COUNT(*) FROM orders") == 2


def test_another_store_empties_the_cache(workspace: Workspace) -> None:
    seat = Seat(workspace.database)
    seat.sign_in(OP1, "https://store.example")
    Station(workspace).record(2)
    _as_sent(workspace)
    seat.sign_in(OP1, "https://other.example")
    assert workspace.database.scalar("SELECT COUNT(*) FROM orders") == 0
    assert workspace.database.scalar("SELECT COUNT(*) FROM events") == 0
    assert workspace.database.meta("sync:cursor") == "0"


def test_unsent_work_survives_every_change_of_hands(workspace: Workspace) -> None:
    seat = Seat(workspace.database)
    seat.sign_in(OP1, "s")
    from app.store.session import Session
    from app.store.sync.state import SyncState

    SyncState(workspace.database).save_session(Session("s", "op1", "operator"))
    (order,) = Station(workspace).record(1)  # op1's, unsent
    for who in (Identity("u", "unit", "cgj"), Identity("d", "dispatcher"), None, OP1):
        if who is None:
            seat.sign_out()
        else:
            seat.sign_in(who, "s")
    assert workspace.database.scalar("SELECT COUNT(*) FROM outbox") == 1
    assert workspace.database.scalar("SELECT id FROM orders") == order.id
    assert seat.waiting() == []


def test_claiming_is_for_signed_out_work_only(workspace: Workspace) -> None:
    seat = Seat(workspace.database)
    (order,) = Station(workspace).record(1)  # no one signed in: author "local"
    seat.sign_in(OP1, "s")
    (waiting,) = seat.waiting()
    assert (waiting.user, waiting.signed_in_here) == ("local", False)
    seat.sign_in(Identity("op2", "operator"), "s")
    try:
        seat.claim("op1", Identity("op2", "operator"))
        raise AssertionError("op1's work was claimed by op2")
    except ValueError:
        pass
    assert seat.claim("local", Identity("op2", "operator")) == 1
    actor = workspace.database.scalar(
        "SELECT e.actor FROM events e JOIN outbox o ON o.event_seq = e.seq"
    )
    assert actor == "op2"
    assert workspace.database.scalar("SELECT id FROM orders") == order.id
