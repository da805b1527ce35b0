"""A fault-injecting HTTP proxy in front of the real server: per path, the next requests get
a planned fault (an error page, a dropped or half-sent answer, the server killed mid-request)."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable

from tests.support.net import free_port

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
