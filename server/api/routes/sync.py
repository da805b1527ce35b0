"""Push (a batch of events into the feed) and pull (the feed after a cursor)."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from server.api.deps import (
    CurrentUser,
    FeedDep,
    PolicyDep,
    Protocol,
    Puller,
    RawBody,
    require_role,
)
from server.api.errors import error_response
from server.api.models import MAX_SEQ, PUSH_BODY, PullAnswer, PushAnswer
from server.api.push_body import read_push
from server.feed import MAX_PULL, PUSH_ROLES

router = APIRouter(prefix="/sync", tags=["sync"])


def _json(answer: dict[str, Any]) -> Response:
    """A 200 JSON answer, written by orjson (several times json's speed for a 500-event
    push answer); json for anything orjson refuses."""
    try:
        return Response(orjson.dumps(answer), media_type="application/json")
    except TypeError:
        return JSONResponse(answer)


@router.post(
    "/push",
    response_model=PushAnswer,
    responses={
        403: {"description": "this role may not push"},
        409: {"description": "every event refused by the rules or an id conflict"},
        413: {"description": "body too large"},
        422: {"description": "malformed request, or every event malformed"},
    },
    openapi_extra=PUSH_BODY,
)
def push(
    raw: RawBody, request: Request, user: CurrentUser, protocol: Protocol, feed: FeedDep
) -> Response:
    """Store a batch of events (at most 500), each checked with app.models.

    200 with one result per event when at least one was accepted or a duplicate; when
    every event was refused, the status of the first refusal (409 conflict, 403 role,
    422 malformed) with the same `results` and an `error`. The body is a `PushRequest`
    (parse_push validates it).
    """
    events, plain = read_push(raw, request.headers.get("content-type", ""))
    # After the body: a malformed body is refused (400, 422) before a role (403).
    require_role(user, PUSH_ROLES, "push events")
    results = feed.push(user, events, plain=plain, version=protocol)
    answer = {"results": [r.to_dict() for r in results]}
    if results and all(r.result == "rejected" for r in results):
        first = results[0]
        return error_response(first.status, first.code, first.message, **answer)
    return _json(answer)


@router.get("/pull", response_model=PullAnswer)
def pull(
    user: Puller,
    protocol: Protocol,
    feed: FeedDep,
    policy: PolicyDep,
    since: Annotated[int, Query(ge=0, le=MAX_SEQ)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PULL)] = 500,
    policy_version: Annotated[str, Query(max_length=64)] = "",
) -> Response:
    """The feed after `since`: events (as this user may see them) and articles.

    Units and the dispatch catalogue come along whenever `policy_version` differs from
    the server's."""
    page = feed.pull(user, since, limit, version=protocol)
    fresh = policy_version != policy.version
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
        policy.units_json if fresh else "null",
        ',"catalogue":',
        policy.catalogue_json if fresh else "null",
        f',"policy_version":"{policy.version}"',
        f',"next_since":{page["next_since"]},"more":{"true" if page["more"] else "false"}}}',
    ]
    return Response("".join(parts).encode("utf-8"), media_type="application/json")
