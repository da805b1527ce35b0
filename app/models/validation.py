"""Checks on what an operator types, with a message for the field that is wrong."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.models.enums import AppealType, AppellantKind
from app.models.records import Intake

MAX_TITLE = 100
MAX_CONTENT = 4000  # Open311's description limit; longer texts belong in an attachment
MAX_NAME = 50
MAX_ADDRESS = 200
FUTURE_TOLERANCE = timedelta(minutes=10)
OLDEST_RECEIPT = timedelta(days=366)

_PHONE_NOISE = re.compile(r"[\s\-()（）.]")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"0\d{2,3}\d{7,8}")
_LOCAL = re.compile(r"[2-9]\d{6,7}")
_SERVICE = re.compile(r"(95|96|400|800)\d{3,8}")


@dataclass(frozen=True)
class FieldError:
    field: str
    code: str
    message: str
    numbers: tuple[int, ...] = ()  # e.g. (limit, actual) for too_long


def normalise_phone(raw: str) -> str:
    """Digits only, country code dropped: '+86 138-0000-1234' → '13800001234'."""
    text = _PHONE_NOISE.sub("", raw.strip())
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
    if not phone.isdigit():
        return FieldError("phone", "phone_chars", "来电号码只能包含数字（可带 +86、空格或横线）")
    if not any(p.fullmatch(phone) for p in (_MOBILE, _LANDLINE, _LOCAL, _SERVICE)):
        return FieldError("phone", "phone_format", "来电号码格式不正确：手机11位，固话含区号")
    return None


def mask_phone(phone: str) -> str:
    """138****1234: what lists and handling units see."""
    if len(phone) >= 7:
        return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
    return "*" * len(phone)


def _length(field: str, value: str, limit: int, label: str) -> FieldError | None:
    if len(value) > limit:
        return FieldError(
            field,
            "too_long",
            f"{label}最多{limit}字，当前{len(value)}字，请精简后再保存",
            (limit, len(value)),
        )
    return None


def validate_intake(intake: Intake, now: datetime, known_towns: set[str]) -> list[FieldError]:
    """Every problem at once, so the operator can fix them in one pass."""
    errors: list[FieldError] = []
    if (e := phone_error(intake.appellant.phone)) is not None:
        errors.append(e)
    appellant = intake.appellant
    if appellant.kind is not AppellantKind.PERSON and not appellant.company.strip():
        errors.append(FieldError("company", "required", "企业或组织来电请填写单位名称"))
    for field, value, limit, label in (
        ("name", appellant.name, MAX_NAME, "姓名"),
        ("company", appellant.company, MAX_NAME * 2, "单位名称"),
        ("address", intake.address, MAX_ADDRESS, "地址"),
        ("title", intake.title, MAX_TITLE, "标题"),
        ("content", intake.content, MAX_CONTENT, "诉求内容"),
    ):
        if (e := _length(field, value, limit, label)) is not None:
            errors.append(e)
    if not intake.title.strip():
        errors.append(FieldError("title", "required", "请填写标题"))
    if not intake.content.strip():
        errors.append(FieldError("content", "required", "请填写诉求内容"))
    if intake.appeal_type is not AppealType.PRAISE and not intake.category:
        errors.append(FieldError("category", "required", "请选择问题分类"))
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
