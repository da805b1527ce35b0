"""The dispatch refusals of docs/domain.md#the-rules-that-refuse as pure rules: 村居 never lead;
no pushing functional matters down to grassroots; and the clocks each step runs against
(docs/domain.md#time-limits)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.models.clock import CHINA
from app.models.clocks import Level, Stage, stage_clock
from app.models.enums import EventType, Role, Status
from app.models.policy import Policy
from app.models.rules import RuleViolation, UnitInfo, check
from tests.support.builders import order_in

UNITS = {
    "zjj": UnitInfo("zjj"),
    "town_shiqi": UnitInfo("town_shiqi", grassroots=True),
    "cw_shiqi": UnitInfo("cw_shiqi", assist_only=True, grassroots=True),
}


def functional(category: str, town: str) -> bool:
    return category == "A0101"


def dispatch(lead: str, category: str, assists: tuple[str, ...] = ()) -> None:
    order = order_in(Status.RECEIVED, category=category, lead_unit="")
    check(
        order,
        EventType.DISPATCH,
        Role.DISPATCHER,
        payload={"lead_unit": lead, "assist_units": list(assists)},
        units=UNITS.get,
        functional=functional,
    )


def test_village_committee_is_refused_as_lead_with_the_reason() -> None:
    with pytest.raises(RuleViolation) as refused:
        dispatch("cw_shiqi", "A0102")
    assert refused.value.code == "assist_only_lead"
    assert "村（居）委会" in refused.value.message
    dispatch("town_shiqi", "A0102", assists=("cw_shiqi",))  # assisting is fine


def test_functional_matter_is_not_pushed_down() -> None:
    with pytest.raises(RuleViolation) as refused:
        dispatch("town_shiqi", "A0101")
    assert refused.value.code == "pushed_down"
    assert "职能部门" in refused.value.message
    dispatch("zjj", "A0101")
    dispatch("town_shiqi", "A0102")  # a territorial matter may go to the 镇街


def test_push_down_applies_to_redispatch_too() -> None:
    order = order_in(Status.HANDLING, category="A0101", lead_unit="zjj")
    with pytest.raises(RuleViolation):
        check(
            order,
            EventType.REDISPATCH,
            Role.DISPATCHER,
            payload={"lead_unit": "town_shiqi"},
            units=UNITS.get,
            functional=functional,
        )


def test_policy_reads_the_catalogue_citywide_lead_kind(policy: Policy) -> None:
    assert policy.functional_matter("A0201", "xiaolan")  # water supply: 供水公司
    assert not policy.functional_matter("A0102", "shiqi")  # the catalogue names 石岐街道
    assert not policy.functional_matter("", "shiqi")  # no rule: nothing to enforce
    entry = policy.catalogue_entry("A0102", "shiqi")
    assert entry is not None and entry.lead == "town_shiqi"
    assert policy.catalogue_entry("A0201", "shiqi").lead == "gs"  # type: ignore[union-attr]


NOW = datetime(2026, 11, 27, 10, 0, tzinfo=CHINA)  # a Friday


def clock_of(status: Status, policy: Policy, **times: datetime):  # type: ignore[no-untyped-def]
    return stage_clock(
        status,
        received_at=times.get("received", NOW),
        dispatched_at=times.get("dispatched"),
        deadline=times.get("deadline", NOW + timedelta(days=20)),
        now=times.get("now", NOW),
        limits=policy.limits,
        calendar=policy.calendar,
    )


def test_clocks_follow_the_step_and_colour_as_they_near(policy: Policy) -> None:
    received = clock_of(Status.RECEIVED, policy)
    assert received.stage is Stage.DISPATCH
    assert received.due.date().isoformat() == "2026-11-30"  # next working day (Monday)
    assert received.level is Level.NEAR
    late = clock_of(Status.DISPATCHED, policy, dispatched=NOW - timedelta(days=7))
    assert late.stage is Stage.SIGN and late.level is Level.OVER and late.days_left < 0
    reply = clock_of(Status.HANDLING, policy)
    assert reply.stage is Stage.REPLY and reply.level is Level.OK
    urgent = clock_of(Status.RECEIVED, policy, deadline=NOW + timedelta(hours=2))
    assert urgent.level is Level.TODAY and urgent.due == NOW + timedelta(hours=2)
    assert clock_of(Status.CLOSED, policy) is None
