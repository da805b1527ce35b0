"""The HTTP API (sync protocol v1). Every error is JSON {"error": {"code", "message"}}."""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

import orjson
from anyio import to_thread
from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field, SkipValidation, ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.models.enums import Role
from app.models.rules import FunctionalLookup, UnitLookup
from server.auth import Accounts, AuthError, User
from server.feed import MAX_PULL, PULL_ROLES, PUSH_ROLES, ContentCheck, Feed
from server.login import AccessSettings, Busy, LoginGate, Throttled
from server.protocol import Protocol, ProtocolHeader
from server.schema import Database
from server.throttle import Throttle
from server.times import OFFLINE_LIMIT
from server.wire import parse

log = logging.getLogger("hotline.server")
MAX_BODY = 8 * 1024 * 1024
MAX_EVENTS = 500
_NO_CONTROL = r"^[^\x00-\x1f\x7f]*$"  # PostgreSQL text cannot hold NUL; ids are printable
_ID = Annotated[str, Field(min_length=1, max_length=64, pattern=_NO_CONTROL)]
MAX_SEQ = 2**62
_TEXT = Annotated[str, Field(max_length=200)]


class ApiError(Exception):
    def __init__(
        self, status: int, code: str, message: str, retry_after: int | None = None
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.retry_after = retry_after

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt from its own arguments, so it survives pickling (crossing processes).
        args = (self.status, self.code, self.message, self.retry_after)
        return type(self), args, self.__dict__


def error_response(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    body: dict[str, Any] = {"error": {"code": code, "message": message}, **extra}
    return JSONResponse(body, status_code=status, headers=headers)


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


_PUSH_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": _inline(PushRequest.model_json_schema())}},
    }
}


def _invalid_message(errors: list[Any]) -> str:
    parts = []
    for e in errors[:5]:
        where = ".".join(str(p) for p in e.get("loc", ()))
        parts.append(f"{where}: {e.get('msg', 'invalid')}")
    more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
    return "; ".join(parts) + more


def _is_json(content_type: str) -> bool:
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
    if not _is_json(content_type):
        raise ApiError(422, "invalid_request", "body: the body must be application/json")
    try:
        data, plain = parse(raw)
    except (ValueError, RecursionError) as exc:
        raise ApiError(400, "malformed_json", "the body is not valid JSON") from exc
    try:
        PushRequest.model_validate(data)
    except ValidationError as exc:
        errors = [{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]
        raise ApiError(422, "invalid_request", _invalid_message(errors)) from exc
    events: list[dict[str, Any]] = data["events"]
    for n, event in enumerate(events):
        if type(event["payload"]) is not dict:
            where = f"body.events.{n}.payload"
            raise ApiError(422, "invalid_request", f"{where}: Input should be a valid dictionary")
        event.setdefault("role", "")  # the fields WireEvent gives a default
        event.setdefault("unit", "")
    return events, plain


def _json(answer: dict[str, Any]) -> Response:
    """A 200 JSON answer, written by orjson (several times json's speed for a 500-event
    push answer); json for anything orjson refuses."""
    try:
        return Response(orjson.dumps(answer), media_type="application/json")
    except TypeError:
        return JSONResponse(answer)


async def raw_body(request: Request) -> bytes:
    return await request.body()


RawBody = Annotated[bytes, Depends(raw_body)]


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


class BodyLimit:
    """Refuse bodies over MAX_BODY with 413, whether or not Content-Length is sent."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    too_big = int(value) > self.limit
                except ValueError:
                    too_big = False
                if too_big:
                    await _too_large()(scope, receive, send)
                    return
        seen = 0

        async def counting() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise StarletteHTTPException(413, f"the body exceeds {self.limit} bytes")
            return message

        await self.app(scope, counting, send)


def _too_large() -> JSONResponse:
    return error_response(413, "body_too_large", f"the body exceeds {MAX_BODY} bytes")


_STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "body_too_large",
    415: "unsupported_media_type",
}


bearer = HTTPBearer(auto_error=False)
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def current_user(request: Request, cred: Credentials) -> User:
    if cred is None or cred.scheme.lower() != "bearer" or not cred.credentials:
        raise ApiError(401, "unauthorized", "a bearer token is required")
    try:
        return request.app.state.accounts.user_for(cred.credentials)  # type: ignore[no-any-return]
    except AuthError as exc:
        raise ApiError(401, exc.code, exc.message) from exc


CurrentUser = Annotated[User, Depends(current_user)]


def create_app(
    db: Database,
    units: UnitLookup,
    policy_data: dict[str, Any],
    functional: FunctionalLookup | None = None,
    content: ContentCheck | None = None,
    access: AccessSettings | None = None,
    offline_limit: timedelta = OFFLINE_LIMIT,
) -> FastAPI:
    """The API over an opened database. `policy_data` holds 'units' and 'catalogue';
    `units` and `functional` are the lookups app.models.rules.check refuses with;
    `content` checks what an event carries (server.checks.ContentChecks); `access` how
    sign-in is throttled and bounded (server.login); `offline_limit` how long a workstation
    may keep work unsent (server.times)."""
    access = access or AccessSettings()
    accounts = Accounts(db, token_ttl=access.token_ttl)
    gate = LoginGate(accounts, Throttle(db, access.throttle), access.limits)
    feed = Feed(db, units, functional, content, offline_limit=offline_limit)
    server_policy = hashlib.sha256(
        json.dumps(policy_data, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()[:16]
    units_json = json.dumps(policy_data.get("units", []), ensure_ascii=False)
    catalogue_json = json.dumps(policy_data.get("catalogue", []), ensure_ascii=False)

    app = FastAPI(
        title="Hotline Desk central case store",
        version="1",
        description="Sync protocol v1: sign in, push events, pull the feed.",
    )
    app.add_middleware(BodyLimit)
    app.add_middleware(ProtocolHeader)
    app.state.accounts = accounts
    app.state.login_gate = gate
    app.state.feed = feed

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        answer = error_response(exc.status, exc.code, exc.message)
        if exc.retry_after is not None:
            answer.headers["Retry-After"] = str(exc.retry_after)
        return answer

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400 and "parsing the body" in str(exc.detail):
            return error_response(400, "malformed_json", "the body is not valid JSON")
        code = _STATUS_CODES.get(exc.status_code, "http_error")
        return error_response(exc.status_code, code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = list(exc.errors())
        if any(e.get("type") == "json_invalid" for e in errors):
            return error_response(400, "malformed_json", "the body is not valid JSON")
        return error_response(422, "invalid_request", _invalid_message(errors))

    @app.exception_handler(Exception)
    async def _bug(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return error_response(500, "internal", "internal error; the server log has details")

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.post(
        "/api/v1/auth/token",
        response_model=TokenAnswer,
        tags=["auth"],
        responses={
            401: {"description": "wrong user name or password"},
            429: {"description": "too many failed sign-ins for this user from this address"},
            503: {"description": "too many sign-ins at once; Retry-After says when to retry"},
        },
    )
    async def login(body: TokenRequest, request: Request) -> TokenAnswer:
        """Exchange a user name and password for a bearer token (throttled per user and
        client address, server.throttle)."""
        for field, value in (("user", body.user), ("password", body.password)):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate, "\ud800" in the JSON
                message = f"body.{field}: not valid Unicode text"
                raise ApiError(422, "invalid_request", message) from None
        address = access.proxies.client_address(request.scope)
        try:
            issued = await gate.sign_in(body.user, body.password, address)
        except AuthError as exc:
            raise ApiError(401, exc.code, exc.message) from exc
        except Throttled as exc:
            r = exc.refusal
            raise ApiError(429, r.code, r.message, r.retry_after) from exc
        except Busy as exc:
            raise ApiError(503, "busy", str(exc), exc.retry_after) from exc
        station = ""
        if body.device_id:
            station = await to_thread.run_sync(feed.station, body.device_id, issued.user.name)
        return TokenAnswer(
            token=issued.token,
            expires_at=datetime.fromtimestamp(issued.expires_at, UTC).isoformat(),
            user=issued.user.name,
            role=issued.user.role.value,
            unit=issued.user.unit,
            station=station,
        )

    @app.post("/api/v1/auth/station", response_model=StationAnswer, tags=["auth"])
    def station(body: StationRequest, user: CurrentUser) -> StationAnswer:
        """This workstation's station code for its order numbers, assigned the first time
        the device asks and the same ever after (server.numbering)."""
        return StationAnswer(station=feed.station(body.device_id, user.name))

    @app.get("/api/v1/auth/me", response_model=Me, tags=["auth"])
    def me(user: CurrentUser) -> Me:
        return Me(user=user.name, role=user.role.value, unit=user.unit)

    @app.delete("/api/v1/auth/token", status_code=204, tags=["auth"])
    def logout(user: CurrentUser, cred: Credentials) -> Response:
        """Revoke the token of this request."""
        assert cred is not None
        accounts.revoke(cred.credentials)
        return Response(status_code=204)

    @app.post(
        "/api/v1/sync/push",
        response_model=PushAnswer,
        tags=["sync"],
        responses={
            403: {"description": "this role may not push"},
            409: {"description": "every event refused by the rules or an id conflict"},
            413: {"description": "body too large"},
            422: {"description": "malformed request, or every event malformed"},
        },
        openapi_extra=_PUSH_BODY,
    )
    def push(raw: RawBody, request: Request, user: CurrentUser, protocol: Protocol) -> Response:
        """Store a batch of events (at most 500), each checked with app.models.

        200 with one result per event when at least one was accepted or a duplicate; when
        every event was refused, the status of the first refusal (409 conflict, 403 role,
        422 malformed) with the same `results` and an `error`. The body is a `PushRequest`
        (parse_push validates it).
        """
        batch, plain = read_push(raw, request.headers.get("content-type", ""))
        if user.role not in PUSH_ROLES:
            raise ApiError(403, "forbidden_role", f"role {user.role.value} may not push events")
        results = feed.push(user, batch, plain=plain, version=protocol)
        answer = {"results": [r.to_dict() for r in results]}
        if results and all(r.result == "rejected" for r in results):
            first = results[0]
            return error_response(first.status, first.code, first.message, **answer)
        return _json(answer)

    @app.get("/api/v1/sync/pull", response_model=PullAnswer, tags=["sync"])
    def pull(
        user: CurrentUser,
        protocol: Protocol,
        since: Annotated[int, Query(ge=0, le=MAX_SEQ)] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_PULL)] = 500,
        policy_version: Annotated[str, Query(max_length=64)] = "",
    ) -> Response:
        """The feed after `since`: events (as this user may see them) and articles.

        Units and the dispatch catalogue come along whenever `policy_version` differs from
        the server's."""
        if user.role not in PULL_ROLES:
            raise ApiError(403, "forbidden_role", f"role {user.role.value} may not pull")
        page = feed.pull(user, since, limit, version=protocol)
        fresh = policy_version != server_policy
        stamped = protocol >= 2  # the store's record of each event beside it
        parts = [
            '{"events":[',
            ",".join(
                f'{{"seq":{seq},"event":{body},{record}}}'
                if stamped
                else f'{{"seq":{seq},"event":{body}}}'
                for seq, body, record in page["events"]
            ),
            '],"articles":[',
            ",".join(page["articles"]),
            '],"units":',
            units_json if fresh else "null",
            ',"catalogue":',
            catalogue_json if fresh else "null",
            f',"policy_version":"{server_policy}"',
            f',"next_since":{page["next_since"]},"more":{"true" if page["more"] else "false"}}}',
        ]
        return Response("".join(parts).encode("utf-8"), media_type="application/json")

    return app


def default_app(
    db_url: str,
    access: AccessSettings | None = None,
    offline_limit: timedelta = OFFLINE_LIMIT,
) -> FastAPI:
    from app.resources import load_json, load_policy, resources_dir

    db = Database(db_url)
    db.create()
    policy = load_policy()
    catalogue_path = resources_dir() / "policy" / "dispatch_catalogue.json"
    data = {
        "units": load_json("policy/units.json"),
        "catalogue": load_json("policy/dispatch_catalogue.json") if catalogue_path.exists() else [],
    }
    from server.checks import ContentChecks

    return create_app(
        db,
        policy.unit_info,
        data,
        policy.functional_matter,
        ContentChecks(policy),
        access,
        offline_limit,
    )


__all__ = ["Role", "create_app", "default_app"]
