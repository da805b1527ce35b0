"""Reading a push body: parsed once, validated as a PushRequest, refused as FastAPI would
refuse a PushRequest body parameter."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from server.api.errors import ApiError, invalid_message
from server.api.models import PushRequest
from server.wire import parse


def is_json(content_type: str) -> bool:
    """FastAPI's rule for a JSON body: no Content-Type, application/json or …+json."""
    if not content_type:
        return True
    kind = content_type.split(";", 1)[0].strip().lower()
    return kind == "application/json" or (
        kind.startswith("application/") and kind.endswith("+json")
    )


def parse_push(raw: bytes, content_type: str = "application/json") -> list[dict[str, Any]]:
    """A push body, validated with PushRequest, as the events' dicts (with their defaults)."""
    return read_push(raw, content_type)[0]


def read_push(
    raw: bytes, content_type: str = "application/json"
) -> tuple[list[dict[str, Any]], bool]:
    """parse_push, and whether the body is plain JSON (server.wire.parse): the feed then
    writes each event's canonical form without walking it again.

    The body is parsed once (server.wire.loads: orjson where it reads exactly as json) and
    validated in Python mode; the events' own dicts go on to the feed, so they are not
    copied out of the models again. 400 malformed_json, 422 invalid_request as FastAPI
    would answer for a `PushRequest` body parameter.
    """
    if not raw:
        raise ApiError(422, "invalid_request", "body: Field required")
    if not is_json(content_type):
        raise ApiError(422, "invalid_request", "body: the body must be application/json")
    try:
        data, plain = parse(raw)
    except (ValueError, RecursionError) as exc:
        raise ApiError(400, "malformed_json", "the body is not valid JSON") from exc
    try:
        PushRequest.model_validate(data)
    except ValidationError as exc:
        errors = [{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]
        raise ApiError(422, "invalid_request", invalid_message(errors)) from exc
    events: list[dict[str, Any]] = data["events"]
    for n, event in enumerate(events):
        if type(event["payload"]) is not dict:
            where = f"body.events.{n}.payload"
            raise ApiError(422, "invalid_request", f"{where}: Input should be a valid dictionary")
        event.setdefault("role", "")  # the fields WireEvent gives a default
        event.setdefault("unit", "")
    return events, plain
