"""A workstation checks dispatches with the server's units and catalogue once it has them."""

from __future__ import annotations

import json

import pytest

from app.models.enums import AppealType, Channel, EventType, Role, Urgency
from app.models.operations import Actor
from app.models.policy import Policy
from app.models.records import Appellant, Intake
from app.models.rules import RuleViolation
from app.store.policy_source import (
    PULLED_CATALOGUE,
    PULLED_UNITS,
    PULLED_VERSION,
    PolicySource,
    with_pulled,
)
from app.store.sync import state as sync_state
from app.store.workspace import Workspace

OP = Actor("op1", Role.OPERATOR, "dev")
DISP = Actor("disp1", Role.DISPATCHER, "dev")
NEW_UNIT = {"code": "sjj", "name": "中山市数据局", "kind": "city_department", "town": None}


def test_keys_are_the_ones_sync_state_writes() -> None:
    assert PULLED_VERSION == sync_state.POLICY_VERSION
    assert PULLED_UNITS == sync_state.UNITS
    assert PULLED_CATALOGUE == sync_state.CATALOGUE


def test_with_pulled_replaces_units_and_catalogue(policy: Policy) -> None:
    assert with_pulled(policy, [], []) is policy  # nothing pulled: the bundle
    pulled = with_pulled(policy, [NEW_UNIT], [{"category": "A0301", "town": None, "lead": "sjj"}])
    assert pulled.unit_info("sjj") is not None and pulled.unit_info("cgj") is None
    assert pulled.catalogue_entry("A0301", "shiqi").lead == "sjj"  # type: ignore[union-attr]
    assert pulled.towns == policy.towns and pulled.calendar is policy.calendar
    assert policy.unit_info("cgj") is not None  # the bundle itself is untouched


def _pull(ws: Workspace, version: str, units: list[dict[str, object]]) -> None:
    ws.database.set_meta(PULLED_UNITS, json.dumps(units, ensure_ascii=False))
    ws.database.set_meta(PULLED_CATALOGUE, "[]")
    ws.database.set_meta(PULLED_VERSION, version)


def _order(ws: Workspace) -> str:
    intake = Intake(
        appellant=Appellant("13800138000", "陈女士"),
        appeal_type=AppealType.COMPLAINT,
        urgency=Urgency.NORMAL,
        channel=Channel.PHONE,
        category="A0301",
        town="shiqi",
        address="",
        title="噪音",
        content="夜间施工",
        received_at=ws.clock(),
    )
    return ws.record_intake(intake, OP).id


def test_workspace_dispatches_against_the_pulled_unit_list(workspace: Workspace) -> None:
    first, second = _order(workspace), _order(workspace)
    with pytest.raises(RuleViolation) as refusal:  # before any pull: the bundle
        workspace.act(first, EventType.DISPATCH, {"lead_unit": "sjj"}, DISP)
    assert refusal.value.code == "unknown_unit"
    _pull(workspace, "v2", [NEW_UNIT])  # what SyncState.apply_page stores
    with pytest.raises(RuleViolation) as refusal:
        workspace.act(first, EventType.DISPATCH, {"lead_unit": "cgj"}, DISP)
    assert refusal.value.code == "unknown_unit"
    assert workspace.act(first, EventType.DISPATCH, {"lead_unit": "sjj"}, DISP).lead_unit == "sjj"
    assert workspace.policy.unit_name("sjj") == "中山市数据局"
    # unreadable pulled data never leaves the workstation worse off than its bundle
    workspace.database.set_meta(PULLED_UNITS, '[{"no": "code"}]')
    workspace.database.set_meta(PULLED_VERSION, "v3")
    assert workspace.act(second, EventType.DISPATCH, {"lead_unit": "cgj"}, DISP).lead_unit == "cgj"


def test_source_rereads_only_when_the_version_moves(workspace: Workspace, policy: Policy) -> None:
    source = PolicySource(workspace.database, policy)
    assert source.current() is policy
    _pull(workspace, "v1", [NEW_UNIT])
    one = source.current()
    assert one.unit_info("sjj") is not None and source.current() is one
    workspace.database.set_meta(PULLED_UNITS, "[]")  # same version: not read again
    assert source.current() is one
    workspace.database.set_meta(PULLED_VERSION, "v2")
    assert source.current() is policy
