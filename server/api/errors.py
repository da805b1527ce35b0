"""The one shape of every error answer, {"error": {"code", "message"}}, and the handlers
that give it to whatever FastAPI, Starlette or an endpoint raises."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("hotline.server")

STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "body_too_large",
    415: "unsupported_media_type",
}


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


def invalid_message(errors: list[Any]) -> str:
    """The first five validation errors as one line: `where: what; …`."""
    parts = []
    for e in errors[:5]:
        where = ".".join(str(p) for p in e.get("loc", ()))
        parts.append(f"{where}: {e.get('msg', 'invalid')}")
    more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
    return "; ".join(parts) + more


async def _api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    answer = error_response(exc.status, exc.code, exc.message)
    if exc.retry_after is not None:
        answer.headers["Retry-After"] = str(exc.retry_after)
    return answer


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400 and "parsing the body" in str(exc.detail):
        return error_response(400, "malformed_json", "the body is not valid JSON")
    code = STATUS_CODES.get(exc.status_code, "http_error")
    return error_response(exc.status_code, code, str(exc.detail))


async def _invalid(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    if any(e.get("type") == "json_invalid" for e in errors):
        return error_response(400, "malformed_json", "the body is not valid JSON")
    return error_response(422, "invalid_request", invalid_message(errors))


async def _bug(_request: Request, _exc: Exception) -> JSONResponse:
    log.exception("unhandled error")
    return error_response(500, "internal", "internal error; the server log has details")


def add_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(Exception, _bug)
