"""The order list's search box finds an order by its number, whole or in part and however it
is typed, and by the caller's number; as each role may: a unit never finds a confidential
caller by that caller's number, an analyst finds nothing by what it types."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.models.enums import Role
from app.models.lookup import lookup_of
from app.models.operations import Actor
from app.models.records import Appellant
from app.models.visibility import Viewer
from app.store.orders.query import OrderFilter
from app.store.workspace import Workspace
from tests.support.builders import make_intake
from tests.support.clock import NOW
from tests.support.steps import Steps

SECRET_PHONE = "13912345678"
OPEN_PHONE = "13800009999"
OPERATOR = Actor("op", Role.OPERATOR, "d")
DISPATCHER = Actor("pd", Role.DISPATCHER, "d")
UNIT = Viewer(Role.UNIT, "cgj")


@pytest.fixture
def orders(workspace: Workspace) -> dict[str, str]:
    chain = Steps(workspace)
    found = {}
    for name, phone, confidential, hours in (
        ("secret", SECRET_PHONE, True, 5),
        ("open", OPEN_PHONE, False, 4),
        ("other", "13700001111", False, 3),
    ):
        order = workspace.record_intake(
            make_intake(
                appellant=Appellant(phone, "来电人", confidential=confidential),
                received_at=NOW - timedelta(hours=hours),
            ),
            OPERATOR,
        )
        found[name] = order.number
        found[name + "_id"] = order.id
        if name != "other":
            chain.dispatch(order.id, DISPATCHER, "cgj", [])
    return found


def ids(workspace: Workspace, viewer: Viewer, text: str) -> set[str]:
    access = workspace.access(viewer)
    rows = access.page(OrderFilter(text=text))
    assert access.count(OrderFilter(text=text)) == len(rows)
    return {r.id for r in rows}


def spaced_lower(number: str) -> str:
    return " ".join(number.lower().split("-"))


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def test_an_order_is_found_by_its_number_whole_or_in_part(workspace, orders) -> None:  # type: ignore[no-untyped-def]
    operator = Viewer(Role.OPERATOR)
    number = orders["open"]
    for typed in (number, spaced_lower(number), full_width(number), number.replace("-", "")):
        assert ids(workspace, operator, typed) == {orders["open_id"]}, typed
    sequence = number.rsplit("-", 1)[1]  # '0002'
    assert ids(workspace, operator, sequence) == {orders["open_id"]}
    day_and_station = number.rsplit("-", 1)[0].lower()  # every order of that workstation's day
    assert ids(workspace, operator, day_and_station) == {
        orders["secret_id"],
        orders["open_id"],
        orders["other_id"],
    }


@pytest.mark.parametrize(
    "typed", [OPEN_PHONE, "138 0000 9999", "+86 138-0000-9999", full_width(OPEN_PHONE)]
)
def test_an_order_is_found_by_its_callers_number(workspace, orders, typed: str) -> None:  # type: ignore[no-untyped-def]
    assert ids(workspace, Viewer(Role.OPERATOR), typed) == {orders["open_id"]}
    assert ids(workspace, UNIT, typed) == {orders["open_id"]}  # not confidential: the unit too


@pytest.mark.parametrize(
    "typed",
    [SECRET_PHONE, "139 1234 5678", full_width(SECRET_PHONE), "+86１３９－１２３４－５６７８"],
)
def test_a_unit_never_finds_a_confidential_caller_by_number(workspace, orders, typed: str) -> None:  # type: ignore[no-untyped-def]
    assert ids(workspace, Viewer(Role.DISPATCHER), typed) == {orders["secret_id"]}
    assert ids(workspace, UNIT, typed) == set()


def test_the_unit_still_finds_its_confidential_order_by_the_order_number(workspace, orders) -> None:  # type: ignore[no-untyped-def]
    assert ids(workspace, UNIT, orders["secret"]) == {orders["secret_id"]}
    assert ids(workspace, Viewer(Role.UNIT, "zjj"), orders["secret"]) == set()  # not its order


def test_an_analyst_finds_nothing_by_what_it_types(workspace, orders) -> None:  # type: ignore[no-untyped-def]
    analyst = Viewer(Role.ANALYST)
    assert ids(workspace, analyst, OPEN_PHONE) == set()
    assert ids(workspace, analyst, orders["open"]) == set()


def test_words_are_no_lookup() -> None:
    assert not lookup_of("小区噪音")
    assert not lookup_of("wifi")
    assert lookup_of("138 0000 9999").phone == OPEN_PHONE
