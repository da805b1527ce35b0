"""Signing in to the real server over raw HTTP, and reading its refusals."""

from __future__ import annotations

import requests

from tests.support.users import PASSWORD

TOKEN = "/api/v1/auth/token"


def sign_in(
    url: str,
    user: str,
    password: str = PASSWORD,
    forwarded_for: str | None = None,
    **kwargs: object,
) -> requests.Response:
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    return requests.post(
        url + TOKEN,
        json={"user": user, "password": password},
        headers=headers,
        timeout=60,
        **kwargs,  # type: ignore[arg-type]
    )


def retry_after(r: requests.Response) -> int:
    value = r.headers.get("Retry-After", "")
    assert value.isdigit(), r.headers
    return int(value)
