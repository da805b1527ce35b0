"""Every payload field of every event type: its JSON type, its bounds, and the protocol
version that introduced it.

The central store refuses at push any event whose payload has a field not listed here for
the workstation's protocol version (`unknown_field`), or a field of the wrong JSON type or
out of its range (`invalid_type`), before any rule reads the payload; over-long texts are
refused with the other field checks (`invalid_field`, checks.check_content). A workstation
runs the same checks when it records an event (operations, drills), so it never queues an
event the store would refuse for its shape. What a reader receives of each field is
decided by app.models.disclosure.

Adding a field or an event type: add it here with `since` = the protocol version that
brings it (bump app.models.protocol.PROTOCOL_VERSION when it is a new version), and decide
in app.models.disclosure what a unit and an analyst receive of it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from app.models.enums import EventType, FlagKind, TransferTarget
from app.models.protocol import PROTOCOL_VERSION
from app.models.rules import RuleViolation
from app.models.validation import (
    MAX_ADDRESS,
    MAX_ARTICLE_ANSWER,
    MAX_ARTICLE_ID,
    MAX_ARTICLE_ITEM,
    MAX_ARTICLE_TITLE,
    MAX_CODE,
    MAX_COMPANY,
    MAX_CONTACT,
    MAX_CONTENT,
    MAX_FLAG_NOTE,
    MAX_GENDER,
    MAX_NAME,
    MAX_NOTE,
    MAX_PARTY,
    MAX_PHONE,
    MAX_TIME,
    MAX_TITLE,
    MAX_WARNING,
    FieldError,
    clean_text,
    control_error,
    has_control,
)
from app.models.validation import (
    MAX_ARTICLE_LIST as MAX_ARTICLES,
)

_INT32 = 2**31 - 1
MAX_UNITS = 50  # assisting units on one dispatch
MAX_DRILL_TEXT = 2000  # app.models.drills.MAX_TEXT (drills imports this module's rules)
MAX_SECONDS = 86_400.0 * 366  # a drill attempt's answering time


class Kind(StrEnum):
    TEXT = "text"
    BOOL = "bool"
    INT = "int"
    NUMBER = "number"  # an integer or a finite float
    TEXT_LIST = "text_list"
    OBJECT = "object"


@dataclass(frozen=True)
class Field:
    kind: Kind
    max_length: int = 0  # text: characters; text list: characters of each item
    label: str = ""  # what the operator calls it, for the message of an over-long text
    low: float = 0
    high: float = 0
    max_items: int = 0
    fields: Mapping[str, Field] = field(default_factory=dict)  # an object's fields
    since: int = 1  # the protocol version that introduced the field
    typed: bool = False  # free text a person typed (identities are taken out for some readers)
    choices: frozenset[str] = frozenset()  # a closed vocabulary: nothing else is a value


def text(max_length: int, label: str, since: int = 1) -> Field:
    return Field(Kind.TEXT, max_length=max_length, label=label, since=since)


def typed(max_length: int, label: str, since: int = 1) -> Field:
    """Free text a person typed: it may name anyone (app.models.disclosure masks it)."""
    return Field(Kind.TEXT, max_length=max_length, label=label, since=since, typed=True)


def one_of(values: type[StrEnum], label: str, since: int = 1) -> Field:
    """A code from a closed vocabulary: nobody can type a name or a number into it."""
    choices = frozenset(v.value for v in values)
    longest = max(len(v) for v in choices)
    return Field(Kind.TEXT, max_length=longest, label=label, since=since, choices=choices)


def flag(since: int = 1) -> Field:
    return Field(Kind.BOOL, since=since)


def integer(low: int, high: int, since: int = 1) -> Field:
    return Field(Kind.INT, low=low, high=high, since=since)


def texts(max_items: int, max_length: int, label: str, since: int = 1) -> Field:
    return Field(
        Kind.TEXT_LIST, max_items=max_items, max_length=max_length, label=label, since=since
    )


@dataclass(frozen=True)
class EventSchema:
    fields: Mapping[str, Field]
    since: int = 1  # the protocol version that introduced the event type


CODE = text(MAX_CODE, "编码")
TIME = text(MAX_TIME, "时间")
REASON = typed(MAX_NOTE, "理由")
OPINION = typed(MAX_NOTE, "意见")

# A caller (诉求人). Which of these identify the caller: app.models.disclosure.
APPELLANT: Mapping[str, Field] = {
    "phone": text(MAX_PHONE, "来电号码"),
    "name": text(MAX_NAME, "姓名"),
    "kind": text(MAX_CODE, "诉求人类别"),
    "company": text(MAX_COMPANY, "单位名称"),
    "gender": text(MAX_GENDER, "性别"),
    "other_contact": text(MAX_CONTACT, "其他联系方式"),
    "confidential": flag(),
}

E = EventType
SCHEMA: Mapping[EventType, EventSchema] = {
    E.INTAKE: EventSchema(
        {
            "number": text(MAX_CODE, "工单编号"),
            "appellant": Field(Kind.OBJECT, fields=APPELLANT),
            "appeal_type": text(MAX_CODE, "诉求类型"),
            "urgency": text(MAX_CODE, "紧急程度"),
            "channel": text(MAX_CODE, "受理渠道"),
            "category": text(MAX_CODE, "问题分类"),
            "town": text(MAX_CODE, "镇街"),
            "address": typed(MAX_ADDRESS, "地址"),
            "title": typed(MAX_TITLE, "标题"),
            "content": typed(MAX_CONTENT, "诉求内容"),
            "party_complained": typed(MAX_PARTY, "被投诉人"),
            "received_at": TIME,
            "deadline": TIME,
            "deadline_warning": text(MAX_WARNING, "期限提示"),
        }
    ),
    E.DIRECT_ANSWER: EventSchema(
        {
            "answer": typed(MAX_CONTENT, "答复内容"),
            "kb_article": text(MAX_ARTICLE_ID, "知识库文章"),
            "kb_version": integer(0, _INT32),
        }
    ),
    E.DISPATCH: EventSchema(
        {
            "lead_unit": CODE,
            "assist_units": texts(MAX_UNITS, MAX_CODE, "协办单位"),
            "reason": REASON,
        }
    ),
    E.SIGN: EventSchema({}),
    E.RETURN_REQUEST: EventSchema({"reason": text(MAX_CODE, "退单理由"), "text": REASON}),
    E.RETURN_RULING: EventSchema({"upheld": flag(), "opinion": OPINION}),
    E.EXTENSION_REQUEST: EventSchema({"days": integer(-_INT32, _INT32), "reason": REASON}),
    E.EXTENSION_RULING: EventSchema(
        {
            "approved": flag(),
            "opinion": OPINION,
            "days": integer(-_INT32, _INT32),
            "new_deadline": TIME,
            "deadline_warning": text(MAX_WARNING, "期限提示", since=2),
        }
    ),
    E.UNREASONABLE_REQUEST: EventSchema({"reason": REASON}),
    E.UNREASONABLE_RULING: EventSchema({"approved": flag(), "opinion": OPINION}),
    E.REPLY: EventSchema(
        {"text": typed(MAX_NOTE, "答复内容"), "contacted": flag(), "resolved": flag()}
    ),
    E.REVIEW: EventSchema({"approved": flag(), "opinion": OPINION}),
    E.CLOSE: EventSchema({}),
    E.FOLLOW_UP: EventSchema(
        {
            "reached": flag(),
            "contacted": flag(),
            "resolved": flag(),
            "satisfaction": text(MAX_CODE, "满意度"),
            "text": typed(MAX_NOTE, "回访记录"),
        }
    ),
    E.REOPEN: EventSchema(
        {
            "reason": REASON,
            "new_deadline": TIME,
            "deadline_warning": text(MAX_WARNING, "期限提示", since=2),
        }
    ),
    E.SUPERVISE: EventSchema({"reason": REASON}),
    E.MERGE: EventSchema({"into": CODE, "into_number": CODE, "reason": REASON}),
    # 并单 at intake: another caller about the same matter.
    E.ADD_CALLER: EventSchema(
        {
            "phone": APPELLANT["phone"],
            "name": APPELLANT["name"],
            "confidential": flag(),
            "text": typed(MAX_NOTE, "备注"),
        }
    ),
    E.TRANSFER: EventSchema({"target": one_of(TransferTarget, "转办去向"), "reason": REASON}),
    E.FLAG: EventSchema({"kind": one_of(FlagKind, "标记类别"), "reason": REASON}),
    E.NOTE: EventSchema({"text": typed(MAX_NOTE, "备注")}),
    E.CALL_RECORD: EventSchema(
        {"recording_id": text(MAX_CODE, "录音编号"), "text": typed(MAX_NOTE, "通话记录")}
    ),
    # who saw an order's caller's full number, and when: the envelope says it all
    E.REVEAL_CONTACT: EventSchema({}, since=2),
    # the central store's own: a duplicate order number renumbered (server/numbering.py)
    E.RENUMBER: EventSchema(
        {"number": text(MAX_CODE, "工单编号"), "old_number": text(MAX_CODE, "原工单编号")},
        since=2,
    ),
    E.DRILL_ATTEMPT: EventSchema(
        {
            "scenario_id": CODE,
            "set": text(MAX_NAME * 2, "练习集"),
            "category": CODE,
            "text": text(MAX_DRILL_TEXT, "练习内容"),
            "seconds": Field(Kind.NUMBER, low=0, high=MAX_SECONDS),
            "article": text(MAX_ARTICLE_ID, "知识库文章"),
            "appeal_type": CODE,
            "unit": CODE,
            "expected_articles": texts(MAX_ARTICLES, MAX_ARTICLE_ID, "参考文章"),
            "expected_type": CODE,
            "expected_unit": CODE,
            "article_ok": flag(),
            "type_ok": flag(),
            "unit_ok": flag(),
        }
    ),
}
# An article's content as a proposal or the editor's edit carries it (app/models/kb_events.py).
ARTICLE_CONTENT: Mapping[str, Field] = {
    "title": text(MAX_ARTICLE_TITLE, "标题", since=2),
    "questions": texts(MAX_ARTICLES, MAX_ARTICLE_ITEM, "来电问法", since=2),
    "answer": text(MAX_ARTICLE_ANSWER, "答复口径", since=2),
    "category": text(MAX_CODE, "问题分类", since=2),
    "unit": text(MAX_CODE, "负责单位", since=2),
    "keywords": texts(MAX_ARTICLES, MAX_ARTICLE_ITEM, "关键词", since=2),
    "legal_basis": text(MAX_ARTICLE_ITEM, "政策依据", since=2),
    "effective": text(MAX_TIME, "生效日期", since=2),
    "expires": text(MAX_TIME, "有效期至", since=2),
}
ARTICLE = text(MAX_ARTICLE_ID, "知识库文章", since=2)
SCHEMA = {
    **SCHEMA,
    E.REDISPATCH: SCHEMA[E.DISPATCH],
    E.KB_PROPOSAL: EventSchema(
        {
            "article": ARTICLE,
            "base_version": integer(0, _INT32, since=2),
            **ARTICLE_CONTENT,
            "note": typed(MAX_NOTE, "修订说明", since=2),
        },
        since=2,
    ),
    E.KB_RULING: EventSchema(
        {
            "article": ARTICLE,
            "proposal": text(MAX_CODE, "提议", since=2),
            "decision": text(MAX_CODE, "审核结果", since=2),
            "reason": typed(MAX_NOTE, "退回理由", since=2),
            **ARTICLE_CONTENT,
        },
        since=2,
    ),
    E.KB_FLAG: EventSchema(
        {
            "article": ARTICLE,
            "version": integer(0, _INT32, since=2),
            "note": typed(MAX_FLAG_NOTE, "纠错说明", since=2),
        },
        since=2,
    ),
    E.KB_FLAG_RESOLVED: EventSchema(
        {
            "article": ARTICLE,
            "flag": text(MAX_CODE, "纠错", since=2),
            "note": typed(MAX_NOTE, "处理说明", since=2),
        },
        since=2,
    ),
    E.DRILL_PUBLISH: EventSchema(
        {
            "set": text(MAX_NAME * 2, "练习题组", since=2),
            "scenario_id": text(MAX_CODE, "练习题", since=2),
            "text": text(MAX_DRILL_TEXT, "练习内容", since=2),
            "articles": texts(MAX_ARTICLES, MAX_ARTICLE_ID, "参考文章", since=2),
            "appeal_type": text(MAX_CODE, "诉求类型", since=2),
            "category": text(MAX_CODE, "问题分类", since=2),
            "unit": text(MAX_CODE, "承办单位", since=2),
            "source": text(200, "来源", since=2),
        },
        since=2,
    ),
    E.DRILL_RETIRE: EventSchema(
        {
            "set": text(MAX_NAME * 2, "练习题组", since=2),
            "scenario_id": text(MAX_CODE, "练习题", since=2),
        },
        since=2,
    ),
}


def newest_field_version() -> int:
    """The newest protocol version that brought an event type or a payload field."""
    found = 1
    for schema in SCHEMA.values():
        found = max(found, schema.since)
        for spec in schema.fields.values():
            found = max(found, spec.since, *(f.since for f in spec.fields.values()))
    return found


def event_types(version: int) -> frozenset[EventType]:
    """The event types a workstation of protocol `version` knows."""
    return frozenset(t for t, s in SCHEMA.items() if s.since <= version)


def fields_of(event_type: EventType, version: int = PROTOCOL_VERSION) -> Mapping[str, Field]:
    """The payload fields of `event_type` that protocol `version` knows."""
    return _known(SCHEMA[event_type].fields, version)


def _known(fields: Mapping[str, Field], version: int) -> Mapping[str, Field]:
    if all(f.since <= version for f in fields.values()):
        return fields
    return {name: f for name, f in fields.items() if f.since <= version}


# ---- checking a payload's shape --------------------------------------------------------

_JSON_NAMES = {str: "text", bool: "true/false", int: "integer", float: "number"}
_EXPECTED = {
    Kind.TEXT: ("文本", "text"),
    Kind.BOOL: ("是或否", "true or false"),
    Kind.INT: ("整数", "an integer"),
    Kind.NUMBER: ("数字", "a number"),
    Kind.TEXT_LIST: ("文本列表", "a list of texts"),
    Kind.OBJECT: ("对象", "an object"),
}


def _json_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return _JSON_NAMES.get(type(value), type(value).__name__)


def _wrong(path: str, spec: Field, value: Any) -> FieldError:
    zh, en = _EXPECTED[spec.kind]
    return FieldError(path, "invalid_type", f"应为{zh} (must be {en}, not {_json_name(value)})")


def _out_of_range(path: str, spec: Field) -> FieldError:
    low, high = spec.low, spec.high
    shown = (int(low), int(high)) if spec.kind is Kind.INT else (low, high)
    return FieldError(
        path,
        "out_of_range",
        f"应在{shown[0]}到{shown[1]}之间 (must be from {shown[0]} to {shown[1]})",
    )


def _value_errors(path: str, spec: Field, value: Any, version: int) -> list[FieldError]:
    kind = spec.kind
    if kind is Kind.TEXT:
        if type(value) is not str:
            return [_wrong(path, spec, value)]
        if spec.choices and value not in spec.choices:
            shown = ", ".join(sorted(spec.choices))
            return [FieldError(path, "invalid_type", f"应为以下之一 (must be one of: {shown})")]
        return []
    if kind is Kind.BOOL:
        return [] if type(value) is bool else [_wrong(path, spec, value)]
    if kind is Kind.INT:
        if type(value) is not int:
            return [_wrong(path, spec, value)]
        return [] if spec.low <= value <= spec.high else [_out_of_range(path, spec)]
    if kind is Kind.NUMBER:
        if type(value) is not int and type(value) is not float:
            return [_wrong(path, spec, value)]
        if not math.isfinite(value) or not spec.low <= value <= spec.high:
            return [_out_of_range(path, spec)]
        return []
    if kind is Kind.TEXT_LIST:
        if type(value) is not list or not all(type(v) is str for v in value):
            return [_wrong(path, spec, value)]
        if len(value) > spec.max_items:
            message = f"最多{spec.max_items}项 (at most {spec.max_items} items)"
            return [FieldError(path, "too_many", message)]
        return []
    if type(value) is not dict:
        return [_wrong(path, spec, value)]
    return _object_errors(path + ".", _known(spec.fields, version), value, version)


_TEXT, _BOOL = Kind.TEXT, Kind.BOOL


def _object_errors(
    prefix: str, fields: Mapping[str, Field], data: Mapping[str, Any], version: int
) -> list[FieldError]:
    errors: list[FieldError] = []
    for name, value in data.items():
        spec = fields.get(name)
        # the common cases first: the store reads thousands of payloads a push
        kind = type(value)
        if spec is not None and (
            (kind is str and spec.kind is _TEXT and not spec.choices)
            or (kind is bool and spec.kind is _BOOL)
        ):
            continue
        if spec is None:
            errors.append(
                FieldError(
                    prefix + str(name),
                    "unknown_field",
                    "未知字段 (no such field)",
                )
            )
        else:
            errors.extend(_value_errors(prefix + name, spec, value, version))
    return errors


def payload_errors(
    event_type: EventType, payload: Mapping[str, Any], version: int = PROTOCOL_VERSION
) -> list[FieldError]:
    """Every field of `payload` that protocol `version` does not know for `event_type`,
    or whose JSON type or range is wrong. Fields are named `payload.<field>` (nested:
    `payload.appellant.name`). Lengths are checked with the other field checks
    (text_length_errors), whose messages a workstation shows."""
    schema = SCHEMA.get(event_type)
    if schema is None or schema.since > version:  # an event type no workstation may send
        return [
            FieldError(
                "type",
                "unknown_event_type",
                f"{event_type.value} is not an event type of protocol version {version}",
            )
        ]
    return _object_errors("payload.", _known(schema.fields, version), payload, version)


def check_payload(
    event_type: EventType, payload: Mapping[str, Any], version: int = PROTOCOL_VERSION
) -> None:
    """payload_errors as a refusal: `unknown_field` when a field is not known (the message
    names it), else `invalid_type` naming each field of the wrong type or range."""
    errors = payload_errors(event_type, payload, version)
    if not errors:
        return
    if errors[0].code == "unknown_event_type":
        raise RuleViolation("unknown_event_type", f"{errors[0].field}: {errors[0].message}")
    unknown = [e for e in errors if e.code == "unknown_field"]
    code = "unknown_field" if unknown else "invalid_type"
    shown = unknown or errors
    raise RuleViolation(code, "；".join(f"{e.field}: {e.message}" for e in shown))


def text_length_errors(event_type: EventType, payload: Mapping[str, Any]) -> list[FieldError]:
    """Every text of `payload` longer than its field allows (the shape already checked),
    with the message the intake screen gives for an over-long field, and every text that
    holds a control character (validation.has_control: only tab and newline may stand in
    a text)."""
    errors: list[FieldError] = []
    schema = SCHEMA.get(event_type)
    if schema is not None:
        _lengths("", schema.fields, payload, errors)
    return errors


def _lengths(
    prefix: str, fields: Mapping[str, Field], data: Mapping[str, Any], errors: list[FieldError]
) -> None:
    for name, value in data.items():
        spec = fields.get(name)
        if spec is None:
            continue
        if spec.kind is Kind.TEXT and isinstance(value, str):
            if len(value) > spec.max_length:
                errors.append(_too_long(prefix + name, spec.label, spec.max_length, len(value)))
            elif has_control(value):
                errors.append(control_error(prefix + name, spec.label))
        elif spec.kind is Kind.TEXT_LIST and isinstance(value, list):
            for item in value:
                if isinstance(item, str) and len(item) > spec.max_length:
                    errors.append(_too_long(prefix + name, spec.label, spec.max_length, len(item)))
                    break
                if isinstance(item, str) and has_control(item):
                    errors.append(control_error(prefix + name, spec.label))
                    break
        elif spec.kind is Kind.OBJECT and isinstance(value, dict):
            _lengths(prefix + name + ".", spec.fields, value, errors)


def _too_long(path: str, label: str, limit: int, actual: int) -> FieldError:
    return FieldError(
        path,
        "too_long",
        f"{label}最多{limit}字，当前{actual}字，请精简后再保存",
        (limit, actual),
    )


def clean_payload(event_type: EventType, payload: Mapping[str, Any]) -> dict[str, Any]:
    """`payload` with the control characters taken out of every text its schema lists
    (validation.clean_text): what a workstation records of what was typed or pasted."""
    schema = SCHEMA.get(event_type)
    return _cleaned(schema.fields if schema else {}, payload)


def _cleaned(fields: Mapping[str, Field], data: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(data)
    for name, value in data.items():
        spec = fields.get(name)
        if spec is None:
            continue
        if spec.kind is Kind.TEXT and isinstance(value, str):
            out[name] = clean_text(value)
        elif spec.kind is Kind.TEXT_LIST and isinstance(value, list):
            out[name] = [clean_text(v) if isinstance(v, str) else v for v in value]
        elif spec.kind is Kind.OBJECT and isinstance(value, Mapping):
            out[name] = _cleaned(spec.fields, value)
    return out
