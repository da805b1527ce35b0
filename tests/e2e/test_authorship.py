"""The store decides who recorded an event: the token's user, never the event's claims.

Each attack goes through a real server (SQLite and PostgreSQL): an operator authoring as a
colleague or as a dispatcher, a unit claiming another unit, a trainee's drill attempt pushed
by someone else. Every forged event is refused on its own (403 with its code); the honest
events of the same batch are stored; nothing of a forged one is.
"""

from __future__ import annotations

import pytest

from tests.support.server import server_rows
from tests.support.wire import Wire, event, intake, later, now


def _stored(wire: Wire, event_id: str) -> bool:
    rows = server_rows(wire.server.db_url, f"SELECT id FROM events WHERE id = '{event_id}'")
    return bool(rows)


@pytest.mark.parametrize(
    ("claims", "code"),
    [
        ({"actor": "op2"}, "actor_mismatch"),  # a colleague's name
        ({"actor": "disp1", "role": "dispatcher"}, "actor_mismatch"),
        ({"actor": ""}, "actor_mismatch"),
        ({"actor": "local"}, "actor_mismatch"),  # the signed-out local operator
        ({"role": "dispatcher"}, "role_mismatch"),
        ({"role": ""}, "role_mismatch"),
        ({"role": "OPERATOR"}, "role_mismatch"),
        ({"unit": "cgj"}, "unit_mismatch"),
    ],
)
def test_an_operator_cannot_push_as_someone_else(
    wire: Wire, claims: dict[str, str], code: str
) -> None:
    at = now()
    forged = intake(wire.policy, at, **claims)
    honest = intake(wire.policy, later(at, 1))
    answer = wire.push("op1", forged, honest)
    assert answer.status_code == 200  # one refusal never costs the rest of the batch
    refused, accepted = answer.json()["results"]
    assert (refused["result"], refused["code"], refused["status"]) == ("rejected", code, 403)
    assert refused["message"].split(":")[0] in ("actor", "role", "unit")
    assert accepted["result"] == "accepted"
    assert not _stored(wire, forged["id"]) and _stored(wire, honest["id"])


def test_user_names_compare_without_case(wire: Wire) -> None:
    """The actor written as the user typed it at sign-in (OP1, ｏｐ１) is the same user."""
    at = now()
    for spelling in ("OP1", "Op1", "ｏｐ１"):
        (result,) = wire.results("op1", intake(wire.policy, at, actor=spelling))
        assert result["result"] == "accepted", result
    rows = server_rows(
        wire.server.db_url, "SELECT DISTINCT pushed_by FROM events WHERE pushed_by LIKE 'op%'"
    )
    assert [r[0] for r in rows] == ["op1"]  # recorded under the store's own spelling


def test_a_unit_cannot_sign_as_the_lead_unit(wire: Wire) -> None:
    at = now()
    order = intake(wire.policy, at)
    assert wire.results("op1", order)[0]["result"] == "accepted"
    dispatch = event(
        "disp1",
        order["order_id"],
        "dispatch",
        {"lead_unit": "cgj", "assist_units": ["gaj"]},
        later(at, 1),
    )
    assert wire.results("disp1", dispatch)[0]["result"] == "accepted"
    # the assisting unit signs claiming to be the lead unit's user, then its unit
    for claims, code in (
        ({"actor": "unit_cgj", "unit": "cgj"}, "actor_mismatch"),
        ({"unit": "cgj"}, "unit_mismatch"),
    ):
        sign = event("unit_gaj", order["order_id"], "sign", {}, later(at, 2), **claims)
        answer = wire.push("unit_gaj", sign)
        assert answer.status_code == 403
        assert answer.json()["error"]["code"] == code
        assert not _stored(wire, sign["id"])
    # the lead unit's own sign is stored, under its own name
    sign = event("unit_cgj", order["order_id"], "sign", {}, later(at, 3))
    assert wire.results("unit_cgj", sign)[0]["result"] == "accepted"


def test_a_drill_attempt_cannot_be_pushed_for_a_colleague(wire: Wire) -> None:
    attempt = event(
        "op1",
        "drill-x",
        "drill_attempt",
        {"drill": "d1", "score": 100, "answers": []},
        now(),
        actor="op2",
    )
    (result,) = wire.results("op1", attempt)
    assert result["code"] == "actor_mismatch"
    assert not _stored(wire, attempt["id"])
