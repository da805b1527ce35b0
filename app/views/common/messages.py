"""People-facing text for the stable codes the domain returns (validation and rules)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.models.validation import FieldError


def field_error_text(error: FieldError) -> str:
    """The translated message; the domain's own (Chinese) message for an unknown code."""
    known = {
        ("phone", "required"): QCoreApplication.translate("Messages", "Enter the caller's number"),
        ("phone", "phone_chars"): QCoreApplication.translate(
            "Messages", "A phone number has digits only (+86, spaces, dashes allowed)"
        ),
        ("phone", "phone_format"): QCoreApplication.translate(
            "Messages", "Not a valid number: mobiles have 11 digits, landlines need the area code"
        ),
        ("company", "required"): QCoreApplication.translate(
            "Messages", "A company or organisation needs its name"
        ),
        ("title", "required"): QCoreApplication.translate("Messages", "Enter a title"),
        ("content", "required"): QCoreApplication.translate(
            "Messages", "Enter what the caller is asking for"
        ),
        ("category", "required"): QCoreApplication.translate("Messages", "Choose a category"),
        ("town", "unknown"): QCoreApplication.translate(
            "Messages", "Choose one of Zhongshan's towns and subdistricts"
        ),
        ("received_at", "future"): QCoreApplication.translate(
            "Messages", "The time received cannot be in the future"
        ),
        ("received_at", "too_old"): QCoreApplication.translate(
            "Messages", "The time received cannot be more than a year ago"
        ),
        ("answer", "required"): QCoreApplication.translate(
            "Messages", "A direct answer needs the answer text"
        ),
    }
    text = known.get((error.field, error.code))
    if text is not None:
        return text
    if error.code == "too_long" and len(error.numbers) == 2:
        limit, actual = error.numbers
        return (
            QCoreApplication.translate(
                "Messages", "Too long: at most %1 characters, now %2. Shorten it before saving."
            )
            .replace("%1", str(limit))
            .replace("%2", str(actual))
        )
    return error.message
