"""Starting the real server with `serve` options, and signing in over raw HTTP."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests

from tests.e2e.conftest import USERS
from tests.e2e.support import PASSWORD, ServerProcess, seed_users

TOKEN = "/api/v1/auth/token"
Start = Callable[..., ServerProcess]


@pytest.fixture
def start(db_url: str, tmp_path: Path) -> Iterator[Start]:
    """start(*serve_options) → a running server on the test database (users seeded once)."""
    seed_users(db_url, USERS)
    made: list[ServerProcess] = []

    def run(*args: str, verify: bool | str = True) -> ServerProcess:
        proc = ServerProcess(db_url, tmp_path / f"server{len(made)}.log", args=args)
        made.append(proc)
        proc.start(verify=verify)
        return proc

    yield run
    for proc in made:
        proc.stop()


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
