"""What operators type, as the domain reads it: order numbers in any spacing, case or width."""

from __future__ import annotations

import pytest

from app.models.numbering import normalise_number


@pytest.mark.parametrize(
    "typed",
    [
        "ZS261128-W07-0012",
        "zs261128-w07-0012",
        "zs261128 w07 0012",
        " ZS 261128 W07 0012 ",
        "ZS261128W070012",
        "ＺＳ２６１１２８－Ｗ０７－００１２",
        "ZS261128—W07—0012",
        "ZS261128\u2013W07\u20130012",
        "ZS261128_W07.0012",
    ],
)
def test_an_order_number_is_read_however_it_was_typed(typed: str) -> None:
    assert normalise_number(typed) == "ZS261128-W07-0012"


def test_a_renumbered_order_keeps_its_suffix_and_a_station_may_end_in_digits() -> None:
    assert normalise_number("zs261128 w07 0012 2") == "ZS261128-W07-0012-2"
    assert normalise_number("zs261128ab120001") == "ZS261128-AB12-0001"


def test_text_that_is_no_number_stays_itself_upper_cased() -> None:
    assert normalise_number("w07 0012") == "W07-0012"
    assert normalise_number("") == ""
