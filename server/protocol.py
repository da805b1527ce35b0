"""Reads the `Hotline-Protocol` request header (app.models.protocol) for every request.

The version is put in the request's state (`request.state.protocol`, or the `Protocol`
dependency) and echoed in the answer's `Hotline-Protocol` header. A header that is not a
version number is refused with 400 `bad_protocol` before any endpoint runs.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.models.protocol import HEADER, ProtocolError, read_version

_HEADER = HEADER.lower().encode("latin-1")


class ProtocolHeader:
    """ASGI middleware: read the version, refuse a malformed header, echo the version."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw = [v for k, v in scope.get("headers", ()) if k == _HEADER]
        try:
            if len(raw) > 1:
                raise ProtocolError(f"{HEADER} is given more than once")
            version = read_version(raw[0].decode("latin-1") if raw else None)
        except ProtocolError as exc:
            answer = JSONResponse(
                {"error": {"code": "bad_protocol", "message": str(exc)}}, status_code=400
            )
            await answer(scope, receive, send)
            return
        scope.setdefault("state", {})["protocol"] = version
        echo = (_HEADER, str(version).encode("ascii"))

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), echo]
            await send(message)

        await self.app(scope, receive, sending)


async def request_protocol(request: Request) -> int:
    """The protocol version of this request (1 when the workstation did not say); async,
    so that it is read on the event loop, not in the thread pool."""
    return int(getattr(request.state, "protocol", 1))


Protocol = Annotated[int, Depends(request_protocol)]
