"""Drill sets published through the central store: one `drill_publish` event per scenario
of a set, and `drill_retire` for a scenario or a whole set.

A trainer publishes; operators and dispatchers receive the scenarios by sync. Nothing is
deleted: a retired scenario stays in the log and its attempts keep pointing at it, it is
only no longer drilled. Checked with the same functions on the workstation and the store.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from app.models.drills import Scenario, ScenarioInvalid, drill_order_id, parse_scenario
from app.models.enums import EventType
from app.models.validation import FieldError

DRILL_SET_EVENTS = frozenset({EventType.DRILL_PUBLISH, EventType.DRILL_RETIRE})


def set_order_id(set_name: str) -> str:
    """What retiring a whole set is filed under (a set's name may be long Chinese text)."""
    return "drillset:" + hashlib.sha256(set_name.encode("utf-8")).hexdigest()[:40]


def publish_payload(scenario: Scenario) -> dict[str, Any]:
    return {
        "set": scenario.set_name,
        "scenario_id": scenario.id,
        "text": scenario.text,
        "articles": list(scenario.articles),
        "appeal_type": scenario.appeal_type.value,
        "category": scenario.category,
        "unit": scenario.unit,
        "source": scenario.source,
    }


def published_scenario(payload: Mapping[str, Any]) -> Scenario:
    """The scenario a publish event carries; raises ScenarioInvalid naming the field."""
    data = {k: v for k, v in payload.items() if k != "scenario_id"}
    data["id"] = payload.get("scenario_id", "")
    return parse_scenario(data)


def filed_under(event_type: EventType, payload: Mapping[str, Any]) -> str:
    scenario = str(payload.get("scenario_id", ""))
    if event_type is EventType.DRILL_RETIRE and not scenario:
        return set_order_id(str(payload.get("set", "")))
    return drill_order_id(scenario)


def field_errors(event_type: EventType, payload: Mapping[str, Any]) -> list[FieldError]:
    """A published scenario the drill store would refuse, or a retirement naming nothing."""
    if event_type is EventType.DRILL_PUBLISH:
        try:
            published_scenario(payload)
        except ScenarioInvalid as exc:
            return [FieldError("scenario", "invalid_scenario", str(exc))]
    if event_type is EventType.DRILL_RETIRE and not str(payload.get("set", "")).strip():
        return [FieldError("set", "required", "请指明要停用的练习题组")]
    return []
