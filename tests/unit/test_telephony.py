"""A call handed over as a number or as a tel: link (the desktop's handler for tel:)."""

from __future__ import annotations

import pytest

from app.main import build_parser
from app.models.telephony import call_number


@pytest.mark.parametrize(
    ("argument", "number"),
    [
        ("13800001234", "13800001234"),
        (" 0760-88881234 ", "0760-88881234"),
        ("tel:13800001234", "13800001234"),
        ("TEL:+86-138-0000-1234", "+86-138-0000-1234"),
        ("tel:+86-138-0000-1234;ext=12;phone-context=zs", "+86-138-0000-1234"),
        ("tel:%2B86%20138%200000%201234", "+86 138 0000 1234"),
        ("tel://13800001234", "13800001234"),
        ("tel:", ""),
        ("", ""),
    ],
)
def test_call_number(argument: str, number: str) -> None:
    assert call_number(argument) == number


def test_call_command_takes_a_tel_link_or_nothing() -> None:
    argv = ["call", "tel:+8613800001234;ext=1"]
    assert build_parser(argv).parse_args(argv).phone == "+8613800001234"
    args = build_parser(["call"]).parse_args(["call"])
    assert args.phone == "" and args.gui_call
