"""Test support: the real server as a subprocess, a fault-injecting TCP proxy, workstations."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


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


# ---- a fault-injecting HTTP proxy ----------------------------------------------------------

PASS = "pass"
HTTP_500 = "500"
HTTP_503 = "503"
DROP_AFTER_COMMIT = "drop"  # forward, let the server answer, close before the client reads
CUT_HALF = "cut"  # forward, send the client only the first half of the answer
GARBAGE = "garbage"  # answer 200 with an HTML page
KILL_SERVER = "kill"  # forward, then kill the server before it can answer


class FaultProxy:
    """One HTTP/1.1 request per connection, forwarded to 127.0.0.1:target_port unless a
    planned fault for the request's path says otherwise."""

    def __init__(self, target_port: int, on_kill: Callable[[], None] | None = None) -> None:
        self.target_port = target_port
        self.on_kill = on_kill
        self.port = free_port()
        self.plans: dict[str, list[str]] = {}
        self.seen: list[tuple[str, str]] = []  # (path, mode)
        self._lock = threading.Lock()
        self._sock = socket.create_server(("127.0.0.1", self.port))
        self._sock.settimeout(0.2)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def plan(self, path_prefix: str, *modes: str) -> None:
        """The next requests whose path starts with `path_prefix` get these modes in turn."""
        with self._lock:
            self.plans.setdefault(path_prefix, []).extend(modes)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self._sock.close()

    def _mode_for(self, path: str) -> str:
        with self._lock:
            for prefix, modes in self.plans.items():
                if path.startswith(prefix) and modes:
                    return modes.pop(0)
        return PASS

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._handle, args=(client,), daemon=True).start()

    def _handle(self, client: socket.socket) -> None:
        with contextlib.closing(client):
            client.settimeout(30)
            try:
                head, body = _read_request(client)
            except (OSError, ValueError):
                return
            request_line = head.split(b"\r\n", 1)[0].decode("latin-1")
            path = request_line.split(" ")[1] if " " in request_line else "/"
            mode = self._mode_for(path)
            with self._lock:
                self.seen.append((path, mode))
            if mode in (HTTP_500, HTTP_503):
                page = b"<html><body>Service Unavailable</body></html>"
                reason = (
                    b"500 Internal Server Error" if mode == HTTP_500 else b"503 Service Unavailable"
                )
                client.sendall(
                    b"HTTP/1.1 "
                    + reason
                    + b"\r\nContent-Type: text/html\r\nContent-Length: "
                    + str(len(page)).encode()
                    + b"\r\nConnection: close\r\n\r\n"
                    + page
                )
                return
            if mode == GARBAGE:
                page = b"<html>Gateway says hello</html>"
                client.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: "
                    + str(len(page)).encode()
                    + b"\r\nConnection: close\r\n\r\n"
                    + page
                )
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=30)
            except OSError:
                return  # the server is down: the client sees a dropped connection
            with contextlib.closing(upstream):
                upstream.sendall(_close_after(head) + body)
                if mode == KILL_SERVER:
                    time.sleep(0.01)
                    if self.on_kill is not None:
                        self.on_kill()
                    return
                answer = _read_all(upstream)
            if mode == DROP_AFTER_COMMIT:
                return
            if mode == CUT_HALF:
                body_at = answer.find(b"\r\n\r\n") + 4
                client.sendall(answer[: body_at + (len(answer) - body_at) // 2])
                return
            client.sendall(answer)


def _read_request(sock: socket.socket) -> tuple[bytes, bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ValueError("closed before the request head")
        data += chunk
    head, rest = data.split(b"\r\n\r\n", 1)
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        rest += chunk
    return head, rest


def _close_after(head: bytes) -> bytes:
    lines = [
        line
        for line in head.split(b"\r\n")
        if not line.lower().startswith((b"connection:", b"keep-alive:"))
    ]
    return b"\r\n".join([*lines, b"Connection: close"]) + b"\r\n\r\n"


def _read_all(sock: socket.socket) -> bytes:
    chunks = []
    while True:
        try:
            chunk = sock.recv(65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


# ---- databases for the server ---------------------------------------------------------------

PG_ENV = "HOTLINE_TEST_PG_URL"


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
