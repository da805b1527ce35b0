"""The real server as a subprocess on 127.0.0.1, the app's and the server's command lines as
processes, and the databases behind the server (a SQLite file, or PostgreSQL when
HOTLINE_TEST_PG_URL is set)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.support.net import free_port
from tests.support.users import PASSWORD

ROOT = Path(__file__).resolve().parents[2]


# Tests that record at fixed times of November 2026 (working days and deadlines they know)
# run their store with an offline window reaching back to those times, so that they keep
# passing as the calendar moves on; tests of the window itself use the default.
FIXED_CLOCKS_FROM = date(2026, 11, 1)


def fixed_clock_args() -> list[str]:
    """`serve` options for a store that accepts client times from FIXED_CLOCKS_FROM on."""
    from server.times import OFFLINE_LIMIT

    days = (date.today() - FIXED_CLOCKS_FROM).days + OFFLINE_LIMIT.days
    return ["--offline-days", str(max(days, OFFLINE_LIMIT.days))]


class ServerProcess:
    """`python -m server.cli serve` on 127.0.0.1, stopped, killed and restarted at will."""

    def __init__(
        self, db_url: str, log_path: Path, port: int | None = None, args: Sequence[str] = ()
    ) -> None:
        self.db_url = db_url
        self.args = list(args)  # more `serve` options
        self.port = port or free_port()
        self.log_path = log_path
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        scheme = "https" if "--tls-cert" in self.args else "http"
        return f"{scheme}://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0, verify: bool | str = True) -> None:
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "server.cli",
                "serve",
                "--db",
                self.db_url,
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                *self.args,
            ],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log_path.read_text()[-2000:]}")
            try:
                ready = requests.get(self.url + "/healthz", timeout=0.5, verify=verify)
                if ready.status_code == 200:
                    return
            except requests.RequestException:
                time.sleep(0.05)
        raise RuntimeError("server did not become ready")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.proc = None

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)
        self.proc = None


# A fixture's server starter: start(*serve_options) → a running ServerProcess.
Start = Callable[..., ServerProcess]


def cli(
    *args: str,
    stdin: str = "",
    env: dict[str, str] | None = None,
    module: str = "app",
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=timeout,
    )


# ---- databases for the server ---------------------------------------------------------------

PG_ENV = "HOTLINE_TEST_PG_URL"

# The server's two backends as a test parameter: PostgreSQL only where the cluster is given.
BACKENDS = [
    "sqlite",
    pytest.param(
        "postgres",
        marks=[
            pytest.mark.postgres,
            pytest.mark.skipif(not os.environ.get(PG_ENV), reason=f"{PG_ENV} is not set"),
        ],
    ),
]


@contextlib.contextmanager
def server_database(kind: str, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL: a SQLite file, or a new database on the test cluster."""
    if kind == "sqlite":
        yield str(tmp_path / "central.sqlite3")
        return
    import uuid

    import psycopg

    base = os.environ[PG_ENV]
    name = "hotline_test_" + uuid.uuid4().hex[:12]
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    head, _, _ = base.rpartition("/")
    try:
        yield f"{head}/{name}"
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def seed_users(db_url: str, users: dict[str, tuple[str, str]]) -> None:
    """Add users straight into the store's tables (the CLI has its own test)."""
    from argon2 import PasswordHasher

    from app.models.enums import Role
    from server.auth import Accounts
    from server.schema import Database

    db = Database(db_url)
    try:
        db.create()
        # Cheap argon2 parameters keep the tests fast; verification reads them from the hash.
        accounts = Accounts(db, hasher=PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
        for name, (role, unit) in users.items():
            accounts.add_user(name, PASSWORD, Role(role), unit)
    finally:
        db.dispose()


def server_rows(db_url: str, sql: str) -> list[Any]:
    from sqlalchemy import text

    from server.schema import Database

    db = Database(db_url)
    try:
        with db.engine.connect() as conn:
            return list(conn.execute(text(sql)))
    finally:
        db.dispose()


def paused_sync(env: Mapping[str, str], marker: Path) -> subprocess.Popen[bytes]:
    """`hotline-desk sync` in its own process, paused inside its first pulled page (holding
    the workspace's sync lock): `marker` appears once it is there."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "sync"],
        cwd=ROOT,
        env={**os.environ, **env, "HOTLINE_DESK_TEST_PAUSE_APPLY": str(marker)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not marker.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert marker.exists(), "the sync never reached its pull"
    return proc
