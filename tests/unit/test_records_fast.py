"""The fast constructors of app.models.records give exactly what the dataclasses do."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import datetime, timedelta, timezone

import orjson
import pytest

from app.models.enums import AppealType, AppellantKind, Channel, EventType, Status, Urgency
from app.models.projection import appeal_type_of, event_type_of
from app.models.records import (
    Appellant,
    Event,
    Intake,
    Order,
    new_appellant,
    new_event,
    new_intake,
    opened_order,
)

T = datetime(2026, 11, 27, 10, 30, tzinfo=timezone(timedelta(hours=8)))


def _values() -> dict[str, object]:
    return dict(
        id="o1",
        number="ZS1",
        status=Status.RECEIVED,
        version=1,
        received_at=T,
        appellant=Appellant(phone="13800000000"),
        appeal_type=AppealType.ENQUIRY,
        urgency=Urgency.NORMAL,
        channel=Channel.PHONE,
        category="A",
        town="shiqi",
        address="x",
        title="t",
        content="c",
        operator="op",
        deadline=T,
        updated_at=T,
    )


def _intake_values(**changes: object) -> dict[str, object]:
    """The Intake's fields as _values() has them, party_complained "p", and `changes`."""
    values = {**_values(), "party_complained": "p", **changes}
    return {f.name: values[f.name] for f in fields(Intake)}


def test_opened_order_is_order() -> None:
    values = _values()
    intake = Intake(**_intake_values())  # type: ignore[arg-type]
    fast, again = (
        opened_order(
            id="o1",
            number="ZS1",
            intake=intake,
            operator="op",
            deadline=T,
            deadline_warning="w",
            updated_at=T,
        )
        for _ in range(2)
    )
    slow = Order(
        **values,  # type: ignore[arg-type]
        party_complained="p",
        deadline_warning="w",
        last_event=EventType.INTAKE,
    )
    assert fast == slow and type(fast) is Order
    assert orjson.dumps(fast) == orjson.dumps(slow)
    assert list(vars(fast)) == [f.name for f in fields(Order)]
    assert fast.extra == {} and fast.extra is not again.extra


def test_evolve_is_replace() -> None:
    order = Order(**_values())  # type: ignore[arg-type]
    fast = order.evolve(status=Status.CLOSED, version=2, flags=("a",))
    assert fast == replace(order, status=Status.CLOSED, version=2, flags=("a",))
    assert orjson.dumps(fast) == orjson.dumps(replace(fast))
    assert order.status is Status.RECEIVED  # unchanged
    with pytest.raises(TypeError):
        order.evolve(nonsense=1)
    with pytest.raises(AttributeError):
        fast.status = Status.RECEIVED  # type: ignore[misc]


def test_new_appellant_intake_and_event() -> None:
    values = dict(
        phone="1",
        name="n",
        kind=AppellantKind.COMPANY,
        company="c",
        gender="",
        other_contact="o",
        confidential=True,
    )
    appellant = new_appellant(**values)  # type: ignore[arg-type]
    assert appellant == Appellant(**values)  # type: ignore[arg-type]
    assert list(vars(appellant)) == [f.name for f in fields(Appellant)]  # orjson's order
    intake_values = _intake_values(appellant=appellant)
    intake = new_intake(**intake_values)  # type: ignore[arg-type]
    assert intake == Intake(**intake_values)  # type: ignore[arg-type]
    assert list(vars(intake)) == [f.name for f in fields(Intake)]
    with pytest.raises(TypeError):
        new_intake(**{k: v for k, v in intake_values.items() if k != "town"})  # type: ignore[arg-type]
    values = dict(
        id="e",
        order_id="o",
        type=EventType.NOTE,
        payload={},
        actor="a",
        device_id="d",
        client_time=T,
        base_version=0,
        role="operator",
        unit="",
    )
    event = new_event(**values)  # type: ignore[arg-type]
    assert event == Event(**values)  # type: ignore[arg-type]
    assert list(vars(event)) == [f.name for f in fields(Event)]


def test_member_lookup() -> None:
    assert appeal_type_of("咨询") is AppealType.ENQUIRY
    assert appeal_type_of(AppealType.HELP) is AppealType.HELP
    assert event_type_of("note") is EventType.NOTE
    with pytest.raises(ValueError):
        appeal_type_of("nonsense")
    with pytest.raises(ValueError):
        event_type_of(["unhashable"])


@pytest.mark.parametrize("cls", [Order, Appellant, Intake, Event])
def test_fast_constructors_skip_nothing_the_dataclass_init_does(cls: type) -> None:
    # They copy field values straight into __dict__: a __post_init__ or slots would be
    # bypassed or broken, so either must come with a change to records._build.
    assert not hasattr(cls, "__post_init__")
    assert not hasattr(cls, "__slots__")
