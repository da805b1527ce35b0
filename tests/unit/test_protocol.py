"""The protocol version a request announces (app.models.protocol)."""

from __future__ import annotations

import pytest

from app.models.protocol import OLDEST_VERSION, PROTOCOL_VERSION, ProtocolError, read_version


def test_missing_header_is_version_one() -> None:
    assert read_version(None) == OLDEST_VERSION == 1


def test_known_versions_are_kept_and_newer_ones_answered_as_ours() -> None:
    assert read_version("1") == 1
    assert read_version(" 2 ") == PROTOCOL_VERSION == 2
    assert read_version("7") == PROTOCOL_VERSION


@pytest.mark.parametrize("value", ["", "0", "-1", "2.0", "two", "٢", "1" * 40, "2, 3"])
def test_malformed_headers_are_refused(value: str) -> None:
    with pytest.raises(ProtocolError):
        read_version(value)
