"""What each reader receives of an event (app.models.disclosure)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from app.models.disclosure import (
    ALLOWED,
    IDENTITY,
    MASK,
    Audience,
    Reader,
    callers,
    disclose,
    masker,
    needs_reading,
)
from app.models.drill_events import DRILL_SET_EVENTS
from app.models.enums import EventType
from app.models.kb_events import KB_EVENTS
from app.models.payloads import SCHEMA, EventSchema, text
from app.models.protocol import PROTOCOL_VERSION
from app.models.rules import ORDERLESS

E = EventType
NAME, PHONE = "欧阳秀珍", "13912345678"
UNIT = Reader(Audience.UNIT, PROTOCOL_VERSION)
ANALYST = Reader(Audience.ANALYST, PROTOCOL_VERSION)
CENTRE = Reader(Audience.CENTRE, PROTOCOL_VERSION)
TRAINER = Reader(Audience.TRAINER, PROTOCOL_VERSION)


def _intake(confidential: bool, **appellant: Any) -> dict[str, Any]:
    who = {
        "phone": PHONE,
        "name": NAME,
        "kind": "个人",
        "company": "",
        "gender": "女",
        "other_contact": "wx_ouyang88",
        "confidential": confidential,
        **appellant,
    }
    return {
        "number": "ZS261128-W07-0012",
        "appellant": who,
        "appeal_type": "投诉",
        "urgency": "一般",
        "channel": "电话",
        "category": "A0301",
        "town": "shiqi",
        "address": f"孙文中路1号（{NAME}家，电话139-1234-5678）",
        "title": f"{NAME}反映噪音",
        "content": f"来电人{NAME}（１３９１２３４５６７８）反映，可打 139 1234 5678 或 wx_ouyang88",
        "party_complained": "",
        "received_at": "2026-11-28T09:00:00+08:00",
        "deadline": "2026-12-05T09:00:00+08:00",
        "deadline_warning": "",
    }


def _event(event_type: EventType, payload: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": "e1",
        "order_id": "o1",
        "type": event_type.value,
        "payload": payload,
        "actor": "op1",
        "role": "operator",
        "unit": "",
        "device_id": "d",
        "client_time": "2026-11-28T09:05:00+08:00",
        "base_version": 0,
    }


def _leaks(data: Any, contact: str = "wx_ouyang88") -> list[str]:
    text = json.dumps(data, ensure_ascii=False)
    found = [s for s in (NAME, PHONE, contact) if s and s in text]
    digits = "".join(c for c in text if c.isdigit())
    if PHONE in digits.translate(str.maketrans("０１２３４５６７８９", "0123456789")):
        found.append("digits")
    return found


def test_a_unit_never_reads_a_confidential_callers_identity() -> None:
    intake = _intake(True)
    who = callers(intake, [])
    shown = disclose(_event(E.INTAKE, intake), UNIT, who)
    assert shown is not None
    appellant = shown["payload"]["appellant"]
    assert appellant == {"kind": "个人", "confidential": True}
    assert _leaks(shown) == []
    assert shown["payload"]["title"] == f"{MASK}反映噪音"
    assert shown["payload"]["category"] == "A0301"
    assert shown["payload"]["number"] == "ZS261128-W07-0012"
    for event_type, payload in [
        (E.NOTE, {"text": f"{NAME}又来电 13912345678"}),
        (E.SUPERVISE, {"reason": f"催办：{NAME}"}),
        (E.REVIEW, {"approved": False, "opinion": f"请联系{NAME}"}),
        (E.FOLLOW_UP, {"reached": True, "text": f"{NAME}不满意"}),
        (E.ADD_CALLER, {"phone": "13700001111", "name": "李四", "confidential": False}),
    ]:
        shown = disclose(_event(event_type, payload), UNIT, who)
        assert shown is not None and _leaks(shown) == [], event_type
    # on a confidential order every caller is confidential, whatever their own flag
    added = disclose(
        _event(E.ADD_CALLER, {"phone": "13700001111", "name": "李四", "confidential": False}),
        UNIT,
        callers(intake, [{"phone": "13700001111", "name": "李四", "confidential": False}]),
    )
    assert added is not None and set(added["payload"]) == {"confidential"}


def test_confidentiality_is_per_caller_on_an_ordinary_order() -> None:
    intake = _intake(False, name="王五", phone="13800138000", other_contact="")
    secret = {"phone": PHONE, "name": NAME, "confidential": True, "text": f"{NAME}也反映此事"}
    plain = {"phone": "13600001234", "name": "赵六", "confidential": False, "text": ""}
    who = callers(intake, [secret, plain])
    shown = disclose(_event(E.INTAKE, intake), UNIT, who)
    assert shown is not None
    # the intake caller is not confidential: a unit may call them back, as before
    assert shown["payload"]["appellant"]["name"] == "王五"
    assert shown["payload"]["appellant"]["phone"] == "13800138000"
    # the confidential co-caller, typed into the texts, is masked (the contact is nobody's)
    assert _leaks(shown, contact="") == []
    added = disclose(_event(E.ADD_CALLER, secret), UNIT, who)
    assert added is not None and _leaks(added) == []
    assert set(added["payload"]) == {"confidential", "text"}
    other = disclose(_event(E.ADD_CALLER, plain), UNIT, who)
    assert other is not None and other["payload"]["phone"] == "13600001234"


def test_an_analyst_reads_no_callers_identity_at_all() -> None:
    intake = _intake(False)
    who = callers(intake, [])
    shown = disclose(_event(E.INTAKE, intake), ANALYST, who)
    assert shown is not None
    assert shown["payload"]["appellant"] == {"kind": "个人", "confidential": False}
    assert _leaks(shown) == []
    assert shown["payload"]["title"] == shown["payload"]["content"] == ""
    assert shown["payload"]["address"] == f"孙文中路1号（{MASK}家，电话{MASK}）"
    assert shown["payload"]["category"] == "A0301" and shown["payload"]["town"] == "shiqi"
    # no one's number in the address, not even one the store cannot tie to a caller
    stranger = disclose(_event(E.INTAKE, {"address": "物业电话 0760-8888 1234"}), ANALYST, who)
    assert stranger is not None and stranger["payload"]["address"] == f"物业电话 {MASK}"
    note = disclose(_event(E.NOTE, {"text": "x"}), ANALYST, who)
    assert note is not None and note["payload"] == {}
    added = disclose(
        _event(E.ADD_CALLER, {"phone": "13700001111", "name": "李四", "confidential": False}),
        ANALYST,
        who,
    )
    assert added is not None and set(added["payload"]) == {"confidential"}


def test_the_centre_reads_everything_and_a_trainer_only_drills() -> None:
    intake = _intake(True)
    event = _event(E.INTAKE, intake)
    assert disclose(event, CENTRE, callers(intake, [])) == event
    assert not needs_reading(CENTRE)
    assert needs_reading(UNIT) and needs_reading(ANALYST) and needs_reading(TRAINER)
    assert disclose(event, TRAINER) is None
    drill = _event(E.DRILL_ATTEMPT, {"scenario_id": "s1", "text": "问社保", "seconds": 3.5})
    assert disclose(drill, TRAINER) == drill
    assert disclose(drill, UNIT) is None and disclose(drill, ANALYST) is None


def test_the_call_recording_and_flag_reasons_stay_with_the_centre() -> None:
    record = disclose(_event(E.CALL_RECORD, {"recording_id": "r-1", "text": "x"}), UNIT)
    assert record is not None and record["payload"] == {}
    flagged = disclose(_event(E.FLAG, {"kind": "malicious", "reason": "辱骂话务员"}), UNIT)
    assert flagged is not None and flagged["payload"] == {"kind": "malicious"}


def test_allowlists_name_only_schema_fields_and_cover_every_order_event() -> None:
    for audience, table in ALLOWED.items():
        for event_type, names in table.items():
            assert names <= set(SCHEMA[event_type].fields), (audience, event_type)
    order_events = set(EventType) - ORDERLESS  # a reveal is the centre's alone
    # a unit reads the governance of its own articles (the store selects them); analysts none
    assert set(ALLOWED[Audience.UNIT]) == order_events | KB_EVENTS
    assert set(ALLOWED[Audience.ANALYST]) == order_events
    assert set(ALLOWED[Audience.TRAINER]) == {E.DRILL_ATTEMPT} | DRILL_SET_EVENTS
    assert set(ALLOWED[Audience.KB_EDITOR]) == KB_EVENTS
    assert set(ALLOWED[Audience.CENTRE]) == set(EventType)
    assert set(SCHEMA[E.INTAKE].fields["appellant"].fields) >= IDENTITY


@pytest.mark.parametrize(
    "typed",
    [
        NAME,
        "欧阳 秀珍",
        "13912345678",
        "139-1234-5678",
        "139 1234 5678",
        "+86 139.1234.5678",
        "１３９１２３４５６７８",
        "（139）12345678",
        "139－1234－5678",  # full-width dashes, as a Chinese input method types them
        "139～1234～5678",
        "139，1234，5678",
        "139、1234、5678",
        "＋86 139 1234 5678",
    ],
)
def test_identities_are_masked_however_they_are_typed(typed: str) -> None:
    mask = masker(callers(_intake(True), []))
    masked = mask(f"来电人{typed}说")
    assert MASK in masked and masked.startswith("来电人") and masked.endswith("说")
    assert _leaks(masked) == [] and "秀珍" not in masked and "5678" not in masked


def test_a_landline_is_masked_with_and_without_its_area_code() -> None:
    mask = masker(callers(_intake(True, phone="0760-88881234"), []))
    assert mask("电话0760-88881234或88881234") == f"电话{MASK}或{MASK}"


def test_a_single_character_is_no_identity() -> None:
    mask = masker(callers(_intake(True, name="李", other_contact=""), []))
    assert mask("李子树") == "李子树"


def test_an_older_workstation_receives_only_what_its_version_knows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    later = PROTOCOL_VERSION + 1
    fields = {**SCHEMA[E.NOTE].fields, "mood": text(10, "心情", since=later)}
    monkeypatch.setitem(SCHEMA, E.NOTE, EventSchema(fields))  # type: ignore[index]
    monkeypatch.setitem(  # type: ignore[index]
        SCHEMA, E.CALL_RECORD, EventSchema(SCHEMA[E.CALL_RECORD].fields, since=later)
    )
    note = _event(E.NOTE, {"text": "x", "mood": "ok"})
    assert needs_reading(CENTRE)  # the feed now holds what this version does not know
    old = disclose(note, CENTRE)
    assert old is not None and old["payload"] == {"text": "x"}
    assert disclose(note, Reader(Audience.CENTRE, later)) == note
    assert disclose(_event(E.CALL_RECORD, {}), CENTRE) is None
    assert disclose(_event(E.CALL_RECORD, {}), Reader(Audience.CENTRE, later)) is not None


def test_a_protocol_1_workstation_does_not_receive_the_warning_of_a_later_deadline() -> None:
    warned = {"reason": "x", "new_deadline": "2027-01-08T17:30:00+08:00", "deadline_warning": "w"}
    reopen = _event(E.REOPEN, warned)
    assert needs_reading(Reader(Audience.CENTRE, 1))
    old = disclose(reopen, Reader(Audience.CENTRE, 1))
    assert old is not None and "deadline_warning" not in old["payload"]
    assert disclose(reopen, CENTRE) == reopen
    unit = disclose(reopen, UNIT)
    assert unit is not None and unit["payload"]["deadline_warning"] == "w"


def test_a_reveal_of_a_callers_number_stays_with_the_centre() -> None:
    reveal = _event(E.REVEAL_CONTACT, {})
    assert disclose(reveal, CENTRE) == reveal
    for reader in (UNIT, ANALYST, TRAINER, Reader(Audience.CENTRE, 1)):
        assert disclose(reveal, reader) is None
