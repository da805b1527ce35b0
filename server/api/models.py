"""The request and answer bodies of the API (pydantic), as the OpenAPI schema shows them."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, SkipValidation

MAX_EVENTS = 500
MAX_SEQ = 2**62
_NO_CONTROL = r"^[^\x00-\x1f\x7f]*$"  # PostgreSQL text cannot hold NUL; ids are printable
_ID = Annotated[str, Field(min_length=1, max_length=64, pattern=_NO_CONTROL)]
_TEXT = Annotated[str, Field(max_length=200)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class TokenRequest(Strict):
    user: Annotated[str, Field(min_length=1, max_length=100, pattern=_NO_CONTROL)]
    password: Annotated[str, Field(min_length=1, max_length=1024, pattern=_NO_CONTROL)]
    # the workstation signing in: the store gives it its station code (server.numbering)
    device_id: _ID | None = None


class TokenAnswer(BaseModel):
    token: str
    token_type: str = "bearer"
    expires_at: str
    user: str
    role: str
    unit: str
    station: str = Field("", description="the station code of the device_id sent, if any")


class StationRequest(Strict):
    device_id: _ID


class StationAnswer(BaseModel):
    station: str


class Me(BaseModel):
    user: str
    role: str
    unit: str


class WireEvent(Strict):
    id: _ID
    order_id: _ID
    type: Annotated[str, Field(min_length=1, max_length=32, pattern=_NO_CONTROL)]
    # Checked to be an object by read_push, not copied by pydantic: its content is the
    # feed's to check (app.models), and the copy cost a fifth of validating a push.
    payload: SkipValidation[dict[str, Any]]
    actor: _TEXT
    role: _TEXT = ""
    unit: _TEXT = ""
    device_id: _TEXT
    client_time: Annotated[str, Field(min_length=10, max_length=40)]
    base_version: Annotated[int, Field(ge=0, le=MAX_SEQ)]


class PushRequest(Strict):
    device_id: _TEXT
    events: Annotated[list[WireEvent], Field(max_length=MAX_EVENTS)]


class EventResult(BaseModel):
    id: str
    result: str = Field(description="accepted | duplicate | rejected")
    seq: int | None = None
    code: str | None = None
    message: str | None = None
    status: int | None = Field(None, description="HTTP status of this event alone")


class PushAnswer(BaseModel):
    results: list[EventResult]


class Author(BaseModel):
    user: str
    role: str
    unit: str


class PulledEvent(BaseModel):
    seq: int
    event: dict[str, Any]
    received_at: int | None = Field(
        None, description="protocol 2: when the store received it (epoch seconds)"
    )
    by: Author | None = Field(None, description="protocol 2: the token's user who pushed it")


class PullAnswer(BaseModel):
    events: list[PulledEvent]
    articles: list[dict[str, Any]]
    units: list[dict[str, Any]] | None
    catalogue: list[dict[str, Any]] | None
    policy_version: str
    next_since: int
    more: bool


def _inline(schema: dict[str, Any]) -> dict[str, Any]:
    """A model's JSON schema with its `$defs` references written out (for openapi_extra)."""
    defs = schema.pop("$defs", {})

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/"):
                return walk(defs[ref.rsplit("/", 1)[1]])
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(schema)  # type: ignore[no-any-return]


# The push body is read by server.api.push_body, not by FastAPI: its schema is given here.
PUSH_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": _inline(PushRequest.model_json_schema())}},
    }
}
