"""The payload schema (app.models.payloads): every field of every event type, its JSON
type, bounds and protocol version; what every producer of events writes fits it."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

import pytest

from app.models import drills
from app.models.clock import CHINA
from app.models.enums import EventType
from app.models.kb import MAX_ID as MAX_ARTICLE_ID
from app.models.kb_events import KB_EVENTS
from app.models.payloads import (
    SCHEMA,
    EventSchema,
    Field,
    Kind,
    check_payload,
    event_types,
    fields_of,
    newest_field_version,
    payload_errors,
    text,
    text_length_errors,
)
from app.models.policy import Policy
from app.models.protocol import PROTOCOL_VERSION
from app.models.rules import RULES, RuleViolation
from app.models.validation import MAX_ARTICLE_ANSWER
from app.store.demo.generator import DemoGenerator

E = EventType


def _good(spec: Field) -> Any:
    if spec.choices:
        return min(spec.choices)
    return {
        Kind.TEXT: "x",
        Kind.BOOL: True,
        Kind.INT: 1,
        Kind.NUMBER: 1.5,
        Kind.TEXT_LIST: ["a"],
        Kind.OBJECT: {},
    }[spec.kind]


# JSON values of every other type, and the range breakers (a NaN or Infinity, an integer
# past 64 bits, a bool where an integer belongs)
_WRONG: dict[Kind, list[Any]] = {
    Kind.TEXT: [1, 1.5, True, None, [], {}, ["x"]],
    Kind.BOOL: ["true", 1, 0, None, [], {}],
    Kind.INT: ["1", 1.0, True, False, None, [], {}, float("nan"), 2**64, -(2**64)],
    Kind.NUMBER: ["1", True, None, [], {}, float("nan"), float("inf"), -float("inf"), 10**30],
    Kind.TEXT_LIST: ["a", 1, None, {}, [1], [None], [["a"]], [{"a": 1}]],
    Kind.OBJECT: ["x", 1, None, [], [{}], True],
}


def _fields() -> list[tuple[EventType, str, Field]]:
    return [(t, name, spec) for t, s in SCHEMA.items() for name, spec in s.fields.items()]


def test_every_event_type_has_a_schema() -> None:
    assert set(SCHEMA) == set(EventType) == set(RULES)
    assert event_types(PROTOCOL_VERSION) == frozenset(EventType)
    assert newest_field_version() <= PROTOCOL_VERSION


@pytest.mark.parametrize(
    ("event_type", "name", "spec"), _fields(), ids=lambda v: getattr(v, "value", str(v))[:20]
)
def test_every_field_refuses_every_wrong_json_type(
    event_type: EventType, name: str, spec: Field
) -> None:
    check_payload(event_type, {name: _good(spec)})
    for wrong in _WRONG[spec.kind]:
        errors = payload_errors(event_type, {name: wrong})
        assert [e.field for e in errors] == [f"payload.{name}"], (name, wrong)
        assert errors[0].code in ("invalid_type", "out_of_range")
        with pytest.raises(RuleViolation) as refused:
            check_payload(event_type, {name: wrong})
        assert refused.value.code == "invalid_type"
        assert f"payload.{name}" in refused.value.message


@pytest.mark.parametrize("event_type", list(EventType))
def test_an_unknown_field_is_named(event_type: EventType) -> None:
    with pytest.raises(RuleViolation) as refused:
        check_payload(event_type, {"nickname": "x"})
    assert refused.value.code == "unknown_field"
    assert "payload.nickname" in refused.value.message


def test_the_appellant_is_checked_field_by_field() -> None:
    errors = payload_errors(
        E.INTAKE, {"appellant": {"name": ["张三"], "nickname": "x", "confidential": "yes"}}
    )
    assert {(e.field, e.code) for e in errors} == {
        ("payload.appellant.name", "invalid_type"),
        ("payload.appellant.nickname", "unknown_field"),
        ("payload.appellant.confidential", "invalid_type"),
    }
    with pytest.raises(RuleViolation) as refused:
        check_payload(E.INTAKE, {"appellant": {"nickname": "x"}, "days": "x"})
    assert refused.value.code == "unknown_field"  # unknown fields are named first
    assert "payload.appellant.nickname" in refused.value.message
    assert "payload.days" in refused.value.message


@pytest.mark.parametrize(
    ("event_type", "name", "spec"),
    [f for f in _fields() if f[2].kind in (Kind.TEXT, Kind.TEXT_LIST)],
    ids=lambda v: getattr(v, "value", str(v))[:20],
)
def test_every_text_has_a_bound(event_type: EventType, name: str, spec: Field) -> None:
    # an official answer (答复口径) is the one longer text: the knowledge base's own bound
    longest = MAX_ARTICLE_ANSWER if name == "answer" and event_type in KB_EVENTS else 4000
    assert 0 < spec.max_length <= longest
    at_limit = "字" * spec.max_length
    over = at_limit + "字"
    value: Any = [over] if spec.kind is Kind.TEXT_LIST else over
    ok: Any = [at_limit] if spec.kind is Kind.TEXT_LIST else at_limit
    assert text_length_errors(event_type, {name: ok}) == []
    errors = text_length_errors(event_type, {name: value})
    assert [(e.field, e.code) for e in errors] == [(name, "too_long")]
    assert str(spec.max_length) in errors[0].message


def test_nested_texts_have_bounds_too() -> None:
    errors = text_length_errors(E.INTAKE, {"appellant": {"other_contact": "微" * 101}})
    assert [e.field for e in errors] == ["appellant.other_contact"]


def test_lists_are_bounded_in_items() -> None:
    errors = payload_errors(E.DISPATCH, {"assist_units": ["u"] * 51})
    assert [(e.field, e.code) for e in errors] == [("payload.assist_units", "too_many")]


def test_drill_limits_follow_the_drill_importer() -> None:
    assert SCHEMA[E.DRILL_ATTEMPT].fields["text"].max_length == drills.MAX_TEXT
    assert SCHEMA[E.DRILL_ATTEMPT].fields["scenario_id"].max_length >= drills.MAX_ID
    assert SCHEMA[E.DRILL_ATTEMPT].fields["set"].max_length >= drills.MAX_NAME
    assert SCHEMA[E.DRILL_ATTEMPT].fields["article"].max_length == MAX_ARTICLE_ID


def test_a_field_or_type_of_a_later_version_is_unknown_to_an_earlier_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    later = PROTOCOL_VERSION + 1
    note = SCHEMA[E.NOTE]
    fields = {**note.fields, "mood": text(10, "心情", since=later)}
    monkeypatch.setitem(SCHEMA, E.NOTE, EventSchema(fields))  # type: ignore[index]
    monkeypatch.setitem(SCHEMA, E.CALL_RECORD, EventSchema({}, since=later))  # type: ignore[index]
    assert "mood" in fields_of(E.NOTE, later)
    assert "mood" not in fields_of(E.NOTE, PROTOCOL_VERSION)
    check_payload(E.NOTE, {"text": "x", "mood": "ok"}, later)
    with pytest.raises(RuleViolation) as refused:
        check_payload(E.NOTE, {"text": "x", "mood": "ok"}, PROTOCOL_VERSION)
    assert refused.value.code == "unknown_field"
    assert "payload.mood" in refused.value.message
    assert E.CALL_RECORD not in event_types(PROTOCOL_VERSION)
    with pytest.raises(RuleViolation):
        check_payload(E.CALL_RECORD, {}, PROTOCOL_VERSION)
    assert newest_field_version() == later


def test_every_event_the_demo_generator_makes_fits_the_schema(policy: Policy) -> None:
    now = datetime(2026, 11, 30, 12, tzinfo=CHINA)
    generator = DemoGenerator(policy, now, seed=7, days=60)
    seen: set[EventType] = set()
    for events, _order in generator.orders(400):
        for event in events:
            assert payload_errors(event.type, event.payload) == [], event
            assert text_length_errors(event.type, event.payload) == [], event
            seen.add(event.type)
    assert len(seen) >= 15


def test_numbers_are_finite() -> None:
    assert payload_errors(E.DRILL_ATTEMPT, {"seconds": 12.5}) == []
    for bad in (math.nan, math.inf, -1.0):
        assert payload_errors(E.DRILL_ATTEMPT, {"seconds": bad})[0].code == "out_of_range"


def test_an_event_type_without_a_schema_is_refused_not_a_crash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delitem(SCHEMA, E.CALL_RECORD)  # type: ignore[attr-defined]
    with pytest.raises(RuleViolation) as refused:
        check_payload(E.CALL_RECORD, {})
    assert refused.value.code == "unknown_event_type" and "call_record" in refused.value.message
    assert text_length_errors(E.CALL_RECORD, {"text": "x" * 10_000}) == []


@pytest.mark.parametrize(
    ("event_type", "name", "good"),
    [(EventType.FLAG, "kind", "malicious"), (EventType.TRANSFER, "target", "110")],
)
def test_a_code_of_a_closed_vocabulary_holds_nothing_else(
    event_type: EventType, name: str, good: str
) -> None:
    """A code field a reader receives as it is can carry no name or number."""
    assert payload_errors(event_type, {name: good, "reason": "理由"}) == []
    (error,) = payload_errors(event_type, {name: "欧阳秀珍13912345678", "reason": "理由"})
    assert (error.field, error.code) == (f"payload.{name}", "invalid_type")
