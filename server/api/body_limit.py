"""Refuse request bodies over MAX_BODY with 413, whether or not Content-Length is sent."""

from __future__ import annotations

from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.api.errors import error_response

MAX_BODY = 8 * 1024 * 1024


class BodyLimit:
    """ASGI middleware: a declared length over the limit is answered at once; a body
    that grows past it while it is read ends in the same 413."""

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
