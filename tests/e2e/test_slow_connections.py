"""Slow or half-open connections are dropped (server.timeouts), attacked with raw sockets
against the real server; the store keeps answering others meanwhile."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
import requests

from tests.support.server import ServerProcess, Start

SHORT = ("--header-timeout", "1", "--body-timeout", "2")
GENEROUS = 60  # the test's own bound: far above the timeouts, never a latency figure


def open_socket(server: ServerProcess) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=GENEROUS)
    return sock


def closed_by_server(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (raises on our timeout)."""
    data = b""
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk


def still_serving(server: ServerProcess) -> None:
    assert requests.get(server.url + "/healthz", timeout=GENEROUS).status_code == 200


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """Connections are the HTTP layer's: one database kind is enough."""
    return str(tmp_path / "central.sqlite3")


@pytest.fixture
def server_short(start: Start) -> ServerProcess:
    return start(*SHORT)


def test_half_a_header_then_silence(server_short: ServerProcess) -> None:
    with open_socket(server_short) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        still_serving(server_short)
        assert closed_by_server(sock) == b""


def test_a_header_trickled_a_byte_at_a_time(server_short: ServerProcess) -> None:
    import time

    with open_socket(server_short) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        with pytest.raises(OSError):  # closed while we still trickle
            for _ in range(400):
                sock.sendall(b"X-Trickle: a\r\n")
                time.sleep(0.05)
        assert closed_by_server(sock) == b""


def test_a_connection_that_sends_nothing(server_short: ServerProcess) -> None:
    with open_socket(server_short) as sock:
        assert closed_by_server(sock) == b""


def test_a_body_that_stops_coming(server_short: ServerProcess) -> None:
    with open_socket(server_short) as sock:
        sock.sendall(
            b"POST /api/v1/auth/token HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n"
            b'{"user": "op1", '
        )
        still_serving(server_short)
        closed_by_server(sock)  # whatever it says, it hangs up


def test_kept_alive_connection_stalling_in_its_second_request(server_short: ServerProcess) -> None:
    with open_socket(server_short) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        first = b""
        while not first.endswith(b'{"status":"ok"}'):
            first += sock.recv(65536)
        assert first.startswith(b"HTTP/1.1 200")
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHo")
        assert closed_by_server(sock) == b""


def test_a_prompt_request_is_answered(server_short: ServerProcess) -> None:
    with open_socket(server_short) as sock:
        sock.sendall(
            b"POST /api/v1/auth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            b"Content-Type: application/json\r\nContent-Length: 36\r\n\r\n"
            b'{"user": "op1", "password": "wrong"}'
        )
        assert closed_by_server(sock).startswith(b"HTTP/1.1 401")


def test_default_header_timeout_applies(start: Start) -> None:
    server = start()
    with open_socket(server) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        assert closed_by_server(sock) == b""
