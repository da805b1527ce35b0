"""Checks on what an operator types, with a message for the field that is wrong."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from app.models.enums import AppealType, AppellantKind, Channel, EventType, Urgency
from app.models.records import Appellant, Intake, new_appellant, new_intake

MAX_TITLE = 100
MAX_NUMBER = 40  # an order number (ZS261128-W07-0012), with room for a renumbered one's "-2"
MAX_CONTENT = 4000  # Open311's description limit; longer texts belong in an attachment
MAX_NAME = 50
MAX_ADDRESS = 200
# The other texts an event carries (app.models.payloads bounds every text of every payload)
MAX_COMPANY = MAX_NAME * 2
MAX_PHONE = 32  # as typed: "+86 138-0000-1234" fits; a valid number is at most 13 digits
MAX_CONTACT = 100  # other contact: a second number, an e-mail, a WeChat id
MAX_GENDER = 10
MAX_PARTY = 200  # 被投诉人: the party complained about
MAX_CODE = 64  # ids, order numbers, unit, category, 镇街 and article codes
MAX_TIME = 40  # an ISO time with its offset
MAX_WARNING = 500  # a deadline's warning (the fallback calendar), written by the workstation
MAX_NOTE = MAX_CONTENT  # notes, replies, reasons, opinions, follow-up records
# Knowledge-base articles (app/models/kb.py), as imported and as proposed through the store.
MAX_ARTICLE_ID = 64
MAX_ARTICLE_TITLE = 200
MAX_ARTICLE_ANSWER = 20_000  # 答复口径: an official answer read to callers
MAX_ARTICLE_LIST = 100  # caller phrasings, keywords
MAX_ARTICLE_ITEM = 500  # one phrasing, keyword or the legal basis
MAX_FLAG_NOTE = 500  # 纠错: a short note typed during a call
FUTURE_TOLERANCE = timedelta(minutes=10)
OLDEST_RECEIPT = timedelta(days=366)

# Spaces, brackets, dots and every kind of dash (after NFKC: full-width ones are ASCII).
_PHONE_NOISE = re.compile(r"[\s\-()（）.\u2010-\u2015\u2212\u30fc]")
# A mobile, a landline with its area code, a local number, a service number (95…, 400…).
_PHONE = re.compile(r"1[3-9]\d{9}|0\d{2,3}\d{7,8}|[2-9]\d{6,7}|(?:95|96|400|800)\d{3,8}", re.ASCII)


# C0 controls but tab and newline, DEL, and the C1 controls: invisible, never typed on
# purpose, and able to upset what later shows or exports the text. Refused in every text of
# every event (payloads.text_length_errors); a workstation takes them out of what an
# operator typed or pasted before it records it (clean_text).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def has_control(text: str) -> bool:
    return _CONTROL.search(text) is not None


def clean_text(text: str) -> str:
    """`text` without control characters; a carriage return (CR LF from a Windows paste)
    becomes a newline."""
    if _CONTROL.search(text) is None:
        return text
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def control_error(field: str, label: str) -> FieldError:
    return FieldError(field, "control_chars", f"{label}含有不可见的控制字符，请删除后再保存")


@dataclass(frozen=True)
class FieldError:
    field: str
    code: str
    message: str
    numbers: tuple[int, ...] = ()  # e.g. (limit, actual) for too_long


def normalise_phone(raw: str) -> str:
    """Digits only, country code dropped: '+86 138-0000-1234' → '13800001234'; full-width
    digits, plus and brackets as typed by a Chinese input method are their ASCII selves."""
    text = _PHONE_NOISE.sub("", unicodedata.normalize("NFKC", raw).strip())
    if text.startswith("+86"):
        text = text[3:]
    elif text.startswith("0086"):
        text = text[4:]
    elif text.startswith("86") and len(text) == 13 and text[2] == "1":
        text = text[2:]
    return text


def phone_error(raw: str) -> FieldError | None:
    phone = normalise_phone(raw)
    if not phone:
        return FieldError("phone", "required", "请填写来电号码")
    if not (phone.isascii() and phone.isdigit()):
        return FieldError("phone", "phone_chars", "来电号码只能包含数字（可带 +86、空格或横线）")
    if _PHONE.fullmatch(phone) is None:
        return FieldError("phone", "phone_format", "来电号码格式不正确：手机11位，固话含区号")
    return None


def mask_phone(phone: str) -> str:
    """138****1234: what lists and handling units see."""
    if len(phone) >= 7:
        return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
    return "*" * len(phone)


def _length(field: str, value: str, limit: int, label: str) -> FieldError | None:
    return _too_long(field, value, limit, label) if len(value) > limit else None


def _too_long(field: str, value: str, limit: int, label: str) -> FieldError:
    return FieldError(
        field,
        "too_long",
        f"{label}最多{limit}字，当前{len(value)}字，请精简后再保存",
        (limit, len(value)),
    )


def validate_intake(
    intake: Intake,
    now: datetime,
    known_towns: AbstractSet[str],
    known_categories: AbstractSet[str] | None = None,
) -> list[FieldError]:
    """Every problem at once, so the operator can fix them in one pass."""
    errors: list[FieldError] = []
    if (e := phone_error(intake.appellant.phone)) is not None:
        errors.append(e)
    appellant = intake.appellant
    if appellant.kind is not AppellantKind.PERSON and not appellant.company.strip():
        errors.append(FieldError("company", "required", "企业或组织来电请填写单位名称"))
    for field, value, limit, label in (
        ("name", appellant.name, MAX_NAME, "姓名"),
        ("company", appellant.company, MAX_COMPANY, "单位名称"),
        ("address", intake.address, MAX_ADDRESS, "地址"),
        ("title", intake.title, MAX_TITLE, "标题"),
        ("content", intake.content, MAX_CONTENT, "诉求内容"),
    ):
        if len(value) > limit:
            errors.append(_too_long(field, value, limit, label))
    if not intake.title.strip():
        errors.append(FieldError("title", "required", "请填写标题"))
    if not intake.content.strip():
        errors.append(FieldError("content", "required", "请填写诉求内容"))
    if intake.appeal_type is not AppealType.PRAISE and not intake.category:
        errors.append(FieldError("category", "required", "请选择问题分类"))
    elif (
        intake.category and known_categories is not None and intake.category not in known_categories
    ):
        errors.append(FieldError("category", "unknown", "请从问题分类目录中选择分类"))
    if intake.town and intake.town not in known_towns:
        errors.append(FieldError("town", "unknown", "请选择中山市的镇街"))
    if intake.received_at > now + FUTURE_TOLERANCE:
        errors.append(FieldError("received_at", "future", "受理时间不能晚于当前时间"))
    elif intake.received_at < now - OLDEST_RECEIPT:
        errors.append(FieldError("received_at", "too_old", "受理时间不能早于一年前"))
    return errors


def validate_answer(answer: str) -> FieldError | None:
    if not answer.strip():
        return FieldError("answer", "required", "直接答复须填写答复内容")
    return _length("answer", answer, MAX_CONTENT, "答复内容")


# ---- the same checks on an event's payload, as the central store receives it ------------

_CHOICES: dict[str, tuple[type[Any], str]] = {
    "appeal_type": (AppealType, "诉求类型"),
    "urgency": (Urgency, "紧急程度"),
    "channel": (Channel, "受理渠道"),
}
# Each choice's members by value, made once (a push checks thousands of payloads, and a
# dict lookup is a twentieth of calling the enum).
_MEMBERS: dict[type[Any], dict[Any, Any]] = {
    enum: {e.value: e for e in enum} for enum in (AppealType, Urgency, Channel, AppellantKind)
}
_PERSON = AppellantKind.PERSON.value
_KINDS = _MEMBERS[AppellantKind]
_TEXTS = ("category", "town", "address", "title", "content", "party_complained")
_APPELLANT_TEXTS = ("phone", "name", "company", "gender", "other_contact")


def aware_time(value: Any) -> datetime | None:
    """An ISO time with its offset from `value`, or None when it is anything else."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.utcoffset() is not None else None


def _not_text(field: str, label: str) -> FieldError:
    return FieldError(field, "invalid", f"{label}须为文本")


def intake_from_payload(payload: Mapping[str, Any]) -> tuple[Intake | None, list[FieldError]]:
    """The Intake an intake event's payload describes, or what makes it unreadable.

    Strict about kinds (text is text, a choice is one of its values, times carry their
    offset), so a payload that parses is one a workstation's intake screen could produce.
    The central store reads thousands a push: the well-formed path stays short."""
    errors: list[FieldError] = []
    _check_number(payload.get("number"), errors)
    appellant = _appellant_from(payload.get("appellant"), errors)
    get = payload.get
    appeal_type = _choice(errors, "appeal_type", get("appeal_type"))
    urgency = _choice(errors, "urgency", get("urgency"))
    channel = _choice(errors, "channel", get("channel"))
    category, town, address = get("category", ""), get("town", ""), get("address", "")
    title, content = get("title", ""), get("content", "")
    party_complained = get("party_complained", "")
    if not (
        isinstance(category, str)
        and isinstance(town, str)
        and isinstance(address, str)
        and isinstance(title, str)
        and isinstance(content, str)
        and isinstance(party_complained, str)
    ):
        errors.extend(_not_text(k, k) for k in _TEXTS if not isinstance(get(k, ""), str))
    received = aware_time(get("received_at"))
    if received is None:
        errors.append(FieldError("received_at", "invalid", "受理时间须为带时区的ISO时间"))
    if aware_time(get("deadline")) is None:
        errors.append(FieldError("deadline", "invalid", "办理期限须为带时区的ISO时间"))
    if errors or appellant is None or received is None:
        return None, errors
    intake = new_intake(
        appellant=appellant,
        appeal_type=appeal_type,
        urgency=urgency,
        channel=channel,
        category=category,
        town=town,
        address=address,
        title=title,
        content=content,
        received_at=received,
        party_complained=party_complained,
    )
    return intake, []


def _check_number(number: Any, errors: list[FieldError]) -> None:
    if not isinstance(number, str) or not number.strip():
        errors.append(FieldError("number", "invalid", "工单编号须为非空文本"))
    elif len(number) > MAX_NUMBER or not number.isprintable() or number != number.strip():
        errors.append(
            FieldError("number", "invalid", f"工单编号须为不超过{MAX_NUMBER}个字符的可见文本")
        )


def _appellant_from(raw: Any, errors: list[FieldError]) -> Appellant | None:
    """The appellant an intake payload describes; None when it is unreadable (what is wrong
    added to `errors`) or when `errors` already holds something."""
    if not isinstance(raw, Mapping):
        errors.append(FieldError("appellant", "invalid", "诉求人信息格式不正确"))
        return None
    get = raw.get
    phone, name, company = get("phone", ""), get("name", ""), get("company", "")
    gender, other_contact = get("gender", ""), get("other_contact", "")
    texts_ok = (
        isinstance(phone, str)
        and isinstance(name, str)
        and isinstance(company, str)
        and isinstance(gender, str)
        and isinstance(other_contact, str)
    )
    if not texts_ok:
        errors.extend(_not_text(k, k) for k in _APPELLANT_TEXTS if not isinstance(get(k, ""), str))
    kind = get("kind", _PERSON)
    member: AppellantKind | None = _KINDS.get(kind) if isinstance(kind, str) else None
    if member is None:
        errors.append(FieldError("kind", "unknown", f"诉求人类别“{kind}”不在规定之列"))
    confidential = get("confidential", False)
    if not isinstance(confidential, bool):
        errors.append(FieldError("confidential", "invalid", "是否保密须为是或否"))
        return None
    if not texts_ok or errors or member is None:
        return None
    return new_appellant(
        phone=phone,
        name=name,
        kind=member,
        company=company,
        gender=gender,
        other_contact=other_contact,
        confidential=confidential,
    )


def _choice(errors: list[FieldError], field: str, value: Any) -> Any:
    """The member of the field's choice (_CHOICES) that `value` names; else None, with the
    error added."""
    enum, label = _CHOICES[field]
    chosen = _MEMBERS[enum].get(value) if isinstance(value, str) else None
    if chosen is None:
        errors.append(FieldError(field, "unknown", f"{label}“{value}”不在规定之列"))
    return chosen


def read_intake(
    payload: Mapping[str, Any],
    now: datetime,
    known_towns: AbstractSet[str],
    known_categories: AbstractSet[str] | None = None,
) -> tuple[Intake | None, list[FieldError]]:
    """intake_from_payload, then validate_intake: the Intake when nothing is wrong with it
    (else None), and everything wrong."""
    intake, errors = intake_from_payload(payload)
    if intake is not None:
        errors = validate_intake(intake, now, known_towns, known_categories)
    return (intake if not errors else None), errors


def event_field_errors(
    event_type: EventType,
    payload: Mapping[str, Any],
    now: datetime,
    known_towns: AbstractSet[str],
    known_categories: AbstractSet[str] | None = None,
) -> list[FieldError]:
    """What validate_intake (and the answer and caller checks) finds wrong in an event that
    carries what an operator typed: intake, direct answer, another caller. `now` is when
    the event was recorded (its client_time), the moment a workstation checked it."""
    if event_type is EventType.INTAKE:
        return read_intake(payload, now, known_towns, known_categories)[1]
    if event_type is EventType.DIRECT_ANSWER:
        answer = payload.get("answer", "")
        if not isinstance(answer, str):
            return [_not_text("answer", "答复内容")]
        error = validate_answer(answer)
        return [error] if error is not None else []
    if event_type is EventType.ADD_CALLER:
        phone, name = payload.get("phone", ""), payload.get("name", "")
        if not isinstance(phone, str):
            return [_not_text("phone", "来电号码")]
        if not isinstance(name, str):
            return [_not_text("name", "姓名")]
        found = [phone_error(phone), _length("name", name, MAX_NAME, "姓名")]
        return [e for e in found if e is not None]
    return []


def describe(errors: list[FieldError]) -> str:
    """One line naming every wrong field: what the central store answers with."""
    return "；".join(f"{e.field}: {e.message}" for e in errors)


def clean_intake(intake: Intake) -> Intake:
    """The intake with the control characters taken out of every text (clean_text)."""
    a = intake.appellant
    appellant = replace(
        a,
        phone=clean_text(a.phone),
        name=clean_text(a.name),
        company=clean_text(a.company),
        gender=clean_text(a.gender),
        other_contact=clean_text(a.other_contact),
    )
    return replace(
        intake,
        appellant=appellant,
        address=clean_text(intake.address),
        title=clean_text(intake.title),
        content=clean_text(intake.content),
        party_complained=clean_text(intake.party_complained),
    )
