"""Translated display names for the domain's closed vocabularies."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.models.enums import (
    AppealType,
    AppellantKind,
    Channel,
    EventType,
    FlagKind,
    Role,
    Status,
    Urgency,
)


def _lookup(enum: type[StrEnum], names: Mapping[Any, str], value: str) -> str:
    try:
        return names.get(enum(value), value)
    except ValueError:
        return value


def flag_label(kind: str) -> str:
    """恶意投诉 / 虚假投诉 / 疑难件: how a caller was flagged."""
    names = {
        FlagKind.MALICIOUS: QCoreApplication.translate("IntakeExtras", "Malicious complaint"),
        FlagKind.FALSE: QCoreApplication.translate("IntakeExtras", "False complaint"),
        FlagKind.HARD_CASE: QCoreApplication.translate("IntakeExtras", "Hard case"),
    }
    return _lookup(FlagKind, names, kind)


def status_label(status: str) -> str:
    names = {
        Status.RECEIVED: QCoreApplication.translate("Labels", "Awaiting dispatch"),
        Status.DISPATCHED: QCoreApplication.translate("Labels", "Awaiting sign-off"),
        Status.HANDLING: QCoreApplication.translate("Labels", "In handling"),
        Status.RETURN_PENDING: QCoreApplication.translate("Labels", "Return under review"),
        Status.REPLIED: QCoreApplication.translate("Labels", "Reply under review"),
        Status.REVIEWED: QCoreApplication.translate("Labels", "Awaiting closure"),
        Status.CLOSED: QCoreApplication.translate("Labels", "Closed"),
        Status.ARCHIVED: QCoreApplication.translate("Labels", "Archived"),
        Status.MERGED: QCoreApplication.translate("Labels", "Merged"),
        Status.TRANSFERRED: QCoreApplication.translate("Labels", "Transferred"),
    }
    return _lookup(Status, names, status)


def appeal_type_label(value: str) -> str:
    names = {
        AppealType.ENQUIRY: QCoreApplication.translate("Labels", "Enquiry"),
        AppealType.HELP: QCoreApplication.translate("Labels", "Request for help"),
        AppealType.SUGGESTION: QCoreApplication.translate("Labels", "Suggestion"),
        AppealType.COMPLAINT: QCoreApplication.translate("Labels", "Complaint"),
        AppealType.REPORT: QCoreApplication.translate("Labels", "Report of wrongdoing"),
        AppealType.PRAISE: QCoreApplication.translate("Labels", "Praise"),
        AppealType.OTHER: QCoreApplication.translate("Labels", "Other"),
    }
    return _lookup(AppealType, names, value)


def urgency_label(value: str) -> str:
    names = {
        Urgency.NORMAL: QCoreApplication.translate("Labels", "Normal"),
        Urgency.URGENT: QCoreApplication.translate("Labels", "Urgent"),
        Urgency.CRITICAL: QCoreApplication.translate("Labels", "Critical"),
    }
    return _lookup(Urgency, names, value)


def channel_label(value: str) -> str:
    names = {
        Channel.PHONE: QCoreApplication.translate("Labels", "Phone"),
        Channel.WEB: QCoreApplication.translate("Labels", "Website"),
        Channel.APP: QCoreApplication.translate("Labels", "Zhongshan+ app"),
        Channel.BUSINESS_LINE: QCoreApplication.translate("Labels", "Business line"),
        Channel.LEADER_LINE: QCoreApplication.translate("Labels", "Leadership line"),
        Channel.OTHER: QCoreApplication.translate("Labels", "Other channel"),
    }
    return _lookup(Channel, names, value)


def appellant_kind_label(value: str) -> str:
    names = {
        AppellantKind.PERSON: QCoreApplication.translate("Labels", "Person"),
        AppellantKind.COMPANY: QCoreApplication.translate("Labels", "Company"),
        AppellantKind.ORGANISATION: QCoreApplication.translate("Labels", "Organisation"),
    }
    return _lookup(AppellantKind, names, value)


def role_label(value: str) -> str:
    names = {
        Role.OPERATOR: QCoreApplication.translate("Labels", "Operator"),
        Role.DISPATCHER: QCoreApplication.translate("Labels", "Dispatcher"),
        Role.UNIT: QCoreApplication.translate("Labels", "Handling unit"),
        Role.TRAINER: QCoreApplication.translate("Labels", "Trainer"),
        Role.ANALYST: QCoreApplication.translate("Labels", "Analyst"),
        Role.ADMIN: QCoreApplication.translate("Labels", "Administrator"),
        Role.KB_EDITOR: QCoreApplication.translate("Labels", "Knowledge-base editor"),
    }
    return _lookup(Role, names, value)


def event_label(value: str) -> str:
    names = {
        EventType.INTAKE: QCoreApplication.translate("Labels", "Intake"),
        EventType.DIRECT_ANSWER: QCoreApplication.translate("Labels", "Answered on the call"),
        EventType.DISPATCH: QCoreApplication.translate("Labels", "Dispatched"),
        EventType.SIGN: QCoreApplication.translate("Labels", "Signed for"),
        EventType.RETURN_REQUEST: QCoreApplication.translate("Labels", "Return requested"),
        EventType.RETURN_RULING: QCoreApplication.translate("Labels", "Return ruled"),
        EventType.REDISPATCH: QCoreApplication.translate("Labels", "Re-dispatched"),
        EventType.EXTENSION_REQUEST: QCoreApplication.translate("Labels", "Extension requested"),
        EventType.EXTENSION_RULING: QCoreApplication.translate("Labels", "Extension ruled"),
        EventType.UNREASONABLE_REQUEST: QCoreApplication.translate(
            "Labels", "Unreasonable-appeal application"
        ),
        EventType.UNREASONABLE_RULING: QCoreApplication.translate(
            "Labels", "Unreasonable-appeal ruling"
        ),
        EventType.REPLY: QCoreApplication.translate("Labels", "Replied"),
        EventType.REVIEW: QCoreApplication.translate("Labels", "Reviewed"),
        EventType.CLOSE: QCoreApplication.translate("Labels", "Closed"),
        EventType.FOLLOW_UP: QCoreApplication.translate("Labels", "Follow-up call"),
        EventType.REOPEN: QCoreApplication.translate("Labels", "Reopened"),
        EventType.SUPERVISE: QCoreApplication.translate("Labels", "Supervised"),
        EventType.MERGE: QCoreApplication.translate("Labels", "Merged"),
        EventType.ADD_CALLER: QCoreApplication.translate("Labels", "Caller added"),
        EventType.TRANSFER: QCoreApplication.translate("Labels", "Transferred"),
        EventType.FLAG: QCoreApplication.translate("Labels", "Flagged"),
        EventType.NOTE: QCoreApplication.translate("Labels", "Note"),
        EventType.CALL_RECORD: QCoreApplication.translate("Labels", "Call record"),
        EventType.DRILL_ATTEMPT: QCoreApplication.translate("Labels", "Drill attempt"),
        EventType.REVEAL_CONTACT: QCoreApplication.translate("Labels", "Full number shown"),
        EventType.RENUMBER: QCoreApplication.translate("Labels", "Renumbered"),
        EventType.KB_PROPOSAL: QCoreApplication.translate("Labels", "Article proposed"),
        EventType.KB_RULING: QCoreApplication.translate("Labels", "Proposal ruled"),
        EventType.KB_FLAG: QCoreApplication.translate("Labels", "Correction flagged"),
        EventType.KB_FLAG_RESOLVED: QCoreApplication.translate("Labels", "Correction resolved"),
        EventType.DRILL_PUBLISH: QCoreApplication.translate("Labels", "Drill published"),
        EventType.DRILL_RETIRE: QCoreApplication.translate("Labels", "Drill retired"),
    }
    return _lookup(EventType, names, value)
