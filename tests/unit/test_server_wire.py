"""server.wire reads and writes JSON exactly as the standard library does (the stored
canonical bodies must never change), only faster where it can."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from server.wire import canonical, legacy_canonical, loads, storable

_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats(allow_nan=False)
    | st.text()  # includes control characters and lone surrogates
)
_values = st.recursive(
    _scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.text(max_size=5), _values, max_size=6))
def test_canonical_is_the_json_modules_text(data: dict[str, Any]) -> None:
    assert canonical(data) == legacy_canonical(data)


@settings(max_examples=400, deadline=None)
@given(_values, st.booleans())
def test_loads_reads_what_json_reads(value: Any, ascii_only: bool) -> None:
    raw = json.dumps(value, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
    assert repr(loads(raw)) == repr(json.loads(raw))


@pytest.mark.parametrize(
    "raw",
    [
        b'{"a": 1e16, "b": 1e-05, "c": 0.5}',
        b'{"a": 100000000000000000000000}',  # orjson would read a float
        b'{"a": -9223372036854775809, "b": 18446744073709551615}',
        b'{"a": NaN, "b": Infinity}',
        b'{"a": "\\ud800"}',  # a lone surrogate, escaped
        b'\xef\xbb\xbf{"a": "\xe4\xb8\xad"}',
        b'{"a": 1, "a": 2}',
    ],
)
def test_edge_cases_read_as_json_reads_them(raw: bytes) -> None:
    assert repr(loads(raw)) == repr(json.loads(raw))


@pytest.mark.parametrize("raw", [b"", b"{", b'{"a": 01}', b'{"a": "x\x01"}', b"[" * 5000])
def test_not_json_is_refused(raw: bytes) -> None:
    with pytest.raises((ValueError, RecursionError)):
        json.loads(raw)
    with pytest.raises((ValueError, RecursionError)):
        loads(raw)


def _event(**changes: Any) -> dict[str, Any]:
    event = {
        "id": "e1",
        "order_id": "o1",
        "type": "note",
        "payload": {"text": "说明"},
        "actor": "op1",
        "device_id": "d",
        "client_time": "2026-11-27T10:00:00+08:00",
        "base_version": 0,
    }
    return {**event, **changes}


def test_parse_push_answers_as_fastapi_would_for_a_push_request() -> None:
    from server.api.errors import ApiError
    from server.api.push_body import parse_push

    body = json.dumps({"device_id": "d", "events": [_event()]}, ensure_ascii=False).encode()
    (event,) = parse_push(body, "application/json; charset=utf-8")
    assert event == {**_event(), "role": "", "unit": ""}  # WireEvent's defaults
    assert parse_push(body, "") == [event]  # no Content-Type: JSON, as FastAPI reads it
    cases = [
        (b"", "application/json", 422, "invalid_request"),
        (body, "text/plain", 422, "invalid_request"),
        (b'{"device_id": "d", "events": [', "application/json", 400, "malformed_json"),
        (b'{"device_id": "d", "events": [], "x": 1}', "application/json", 422, "invalid_request"),
        (
            json.dumps({"device_id": "d", "events": [_event(base_version="1")]}).encode(),
            "application/json",
            422,
            "invalid_request",
        ),
        (b"[]", "application/json", 422, "invalid_request"),
    ]
    for raw, content_type, status, code in cases:
        with pytest.raises(ApiError) as caught:
            parse_push(raw, content_type)
        assert (caught.value.status, caught.value.code) == (status, code), raw
    with pytest.raises(ApiError) as caught:
        parse_push(json.dumps({"device_id": "d", "events": [_event(x=1)]}).encode())
    assert "body.events.0.x" in caught.value.message
    for payload in ([], "text", None, 1):
        events = [_event(), _event(id="e2", payload=payload)]
        with pytest.raises(ApiError) as caught:
            parse_push(json.dumps({"device_id": "d", "events": events}).encode())
        assert (caught.value.status, caught.value.code) == (422, "invalid_request")
        assert "body.events.1.payload" in caught.value.message


def test_storable_is_canonical_and_refuses_a_lone_surrogate() -> None:
    data = {"b": "中山", "a": [1, True, None]}
    assert storable(data).decode() == canonical(data) == storable(data, plain=True).decode()
    assert storable({"big": 2**70}).decode() == canonical({"big": 2**70})
    with pytest.raises(UnicodeEncodeError):
        storable({"a": "\ud800"})
    with pytest.raises(UnicodeEncodeError):
        storable({"a": "\ud800", "big": 2**70})  # json writes it; the text is still refused
