"""The knowledge base's governance in the domain: a thread folded from its events, the
checks both sides run, and the side-by-side comparison the editor reads."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.models.clock import CHINA
from app.models.enums import EventType, Role
from app.models.kb_diff import changed_fields, side_by_side
from app.models.kb_events import Thread, check_kb, field_errors, fold, kb_order_id
from app.models.records import Event
from app.models.rules import RuleViolation

E = EventType
AT = datetime(2026, 11, 27, 10, 30, tzinfo=CHINA)


def _event(event_id: str, kind: EventType, payload: dict[str, object], unit: str = "") -> Event:
    return Event(
        id=event_id,
        order_id=kb_order_id("kb-1"),
        type=kind,
        payload={"article": "kb-1", **payload},
        actor="someone",
        device_id="d",
        client_time=AT,
        base_version=0,
        role="unit" if unit else "kb_editor",
        unit=unit,
    )


def _thread() -> Thread:
    thread = Thread("kb-1", version=2, owner="cgj")
    fold(thread, _event("p1", E.KB_PROPOSAL, {"base_version": 1, "answer": "新"}, "cgj"))
    fold(thread, _event("f1", E.KB_FLAG, {"version": 2, "note": "错了"}))
    return thread


def test_a_thread_knows_what_waits_and_what_is_stale() -> None:
    thread = _thread()
    [proposal] = thread.pending()
    assert thread.stale(proposal) and proposal.unit == "cgj"
    assert [f.note for f in thread.open_flags()] == ["错了"]
    fold(thread, _event("r1", E.KB_RULING, {"proposal": "p1", "decision": "return", "reason": "x"}))
    fold(thread, _event("r2", E.KB_RULING, {"proposal": "p1", "decision": "approve"}))
    assert thread.pending() == [] and thread.proposals["p1"].decision == "return"  # first wins
    fold(thread, _event("x1", E.KB_FLAG_RESOLVED, {"flag": "f1"}))
    assert thread.open_flags() == []


@pytest.mark.parametrize(
    ("kind", "role", "unit", "payload", "code"),
    [
        (E.KB_PROPOSAL, Role.UNIT, "gaj", {"base_version": 2, "unit": "gaj"}, "not_own_article"),
        (E.KB_PROPOSAL, Role.UNIT, "cgj", {"base_version": 2, "unit": "gaj"}, "not_own_article"),
        (E.KB_PROPOSAL, Role.UNIT, "cgj", {"base_version": 3, "unit": "cgj"}, "bad_base_version"),
        (
            E.KB_RULING,
            Role.KB_EDITOR,
            "",
            {"proposal": "nope", "decision": "approve"},
            "unknown_proposal",
        ),
        (E.KB_RULING, Role.KB_EDITOR, "", {"proposal": "p1", "decision": "maybe"}, "bad_decision"),
        (
            E.KB_RULING,
            Role.KB_EDITOR,
            "",
            {"proposal": "p1", "decision": "return"},
            "reason_required",
        ),
        (E.KB_FLAG_RESOLVED, Role.UNIT, "gaj", {"flag": "f1"}, "not_own_article"),
        (E.KB_FLAG_RESOLVED, Role.KB_EDITOR, "", {"flag": "f9"}, "unknown_flag"),
    ],
)
def test_check_kb_refuses(
    kind: EventType, role: Role, unit: str, payload: dict[str, object], code: str
) -> None:
    with pytest.raises(RuleViolation) as refused:
        check_kb(_thread(), kind, role, unit, {"article": "kb-1", **payload})
    assert refused.value.code == code


def test_check_kb_lets_the_owner_and_the_editor_through() -> None:
    check_kb(
        _thread(),
        E.KB_PROPOSAL,
        Role.UNIT,
        "cgj",
        {"article": "kb-1", "base_version": 2, "unit": "cgj"},
    )
    check_kb(_thread(), E.KB_PROPOSAL, Role.KB_EDITOR, "", {"article": "kb-1", "unit": "gaj"})
    check_kb(_thread(), E.KB_FLAG_RESOLVED, Role.UNIT, "cgj", {"article": "kb-1", "flag": "f1"})
    with pytest.raises(RuleViolation) as unknown:
        check_kb(Thread("kb-2"), E.KB_FLAG, Role.OPERATOR, "", {"article": "kb-2", "note": "x"})
    assert unknown.value.code == "unknown_article"


def test_field_errors_name_what_is_wrong() -> None:
    empty = field_errors(E.KB_PROPOSAL, {"article": "kb-1", "title": "t", "answer": " "})
    assert empty and "answer" in empty[0].message
    dates = {"title": "t", "answer": "a", "effective": "2026-12-01", "expires": "2026-11-01"}
    assert (
        "失效日期早于生效日期"
        in field_errors(E.KB_PROPOSAL, {"article": "kb-1", **dates})[0].message
    )
    assert field_errors(E.KB_FLAG, {"article": "kb-1", "note": "  "})[0].code == "required"
    assert field_errors(E.KB_FLAG, {"article": "kb-1", "note": "x" * 501})[0].code == "too_long"


def test_long_article_ids_are_filed_within_the_event_logs_64_characters() -> None:
    assert kb_order_id("kb-1") == "kb:kb-1"
    long_id = "a" * 64
    assert len(kb_order_id(long_id)) <= 64 and kb_order_id(long_id) != kb_order_id("a" * 63 + "b")


def test_side_by_side_marks_what_was_removed_and_added() -> None:
    left, right = side_by_side("到市民中心办理", "到街道服务站办理")
    assert "".join(t for _k, t in left) == "到市民中心办理"
    assert "".join(t for _k, t in right) == "到街道服务站办理"
    assert ("same", "到") in left and ("same", "办理") in right
    assert {k for k, _t in left} == {"same", "del"} and {k for k, _t in right} == {"same", "ins"}
    long_old, long_new = "行\n" * 4000, "行\n" * 3999 + "新\n"
    _left, r2 = side_by_side(long_old, long_new)  # compared line by line
    assert "".join(t for _k, t in r2) == long_new and ("ins", "新\n") in r2
    assert changed_fields(
        {"answer": "a", "keywords": ("k",)}, {"answer": "a", "keywords": ["k", "j"]}
    ) == ["keywords"]
