"""Signing in and out: tokens, the workstation's station code, who a token belongs to."""

from __future__ import annotations

from datetime import UTC, datetime

from anyio import to_thread
from fastapi import APIRouter
from fastapi.responses import Response

from server.api.deps import (
    AccountsDep,
    ClientAddress,
    Credentials,
    CurrentUser,
    FeedDep,
    LoginGateDep,
)
from server.api.errors import ApiError
from server.api.models import Me, StationAnswer, StationRequest, TokenAnswer, TokenRequest
from server.auth import AuthError
from server.login import Busy, Throttled

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post(
    "/token",
    response_model=TokenAnswer,
    responses={
        401: {"description": "wrong user name or password"},
        429: {"description": "too many failed sign-ins for this user from this address"},
        503: {"description": "too many sign-ins at once; Retry-After says when to retry"},
    },
)
async def login(
    body: TokenRequest, gate: LoginGateDep, feed: FeedDep, address: ClientAddress
) -> TokenAnswer:
    """Exchange a user name and password for a bearer token (throttled per user and
    client address, server.throttle)."""
    for field, value in (("user", body.user), ("password", body.password)):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate, "\ud800" in the JSON
            message = f"body.{field}: not valid Unicode text"
            raise ApiError(422, "invalid_request", message) from None
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


@router.post("/station", response_model=StationAnswer)
def station(body: StationRequest, user: CurrentUser, feed: FeedDep) -> StationAnswer:
    """This workstation's station code for its order numbers, assigned the first time
    the device asks and the same ever after (server.numbering)."""
    return StationAnswer(station=feed.station(body.device_id, user.name))


@router.get("/me", response_model=Me)
def me(user: CurrentUser) -> Me:
    return Me(user=user.name, role=user.role.value, unit=user.unit)


@router.delete("/token", status_code=204)
def logout(user: CurrentUser, cred: Credentials, accounts: AccountsDep) -> Response:
    """Revoke the token of this request."""
    assert cred is not None
    accounts.revoke(cred.credentials)
    return Response(status_code=204)
