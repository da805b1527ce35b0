"""Drop connections that send their request too slowly.

uvicorn closes an idle keep-alive connection (`timeout_keep_alive`), but it waits forever
for a request head that has begun and never ends, for a connection that opens and sends
nothing, and for a body that stops coming: a few hundred such sockets (slowloris) hold the
store's connections and memory. This protocol (uvicorn's httptools protocol, which the
store runs, with two timers) closes the connection when
* the request head (request line and headers) is not complete `header_timeout` seconds
  after the connection opened or, on a kept-alive connection, after the request began;
* the body is not complete `body_timeout` seconds after its head.
The time the application takes to answer is not limited here.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

HEADER_TIMEOUT = 10.0
BODY_TIMEOUT = 60.0


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    header_timeout = HEADER_TIMEOUT
    body_timeout = BODY_TIMEOUT

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._slow_timer: asyncio.TimerHandle | None = None

    def _arm(self, seconds: float) -> None:
        self._disarm()
        self._slow_timer = self.loop.call_later(seconds, self._drop_slow)

    def _disarm(self) -> None:
        if self._slow_timer is not None:
            self._slow_timer.cancel()
            self._slow_timer = None

    def _drop_slow(self) -> None:
        self._slow_timer = None
        if not self.transport.is_closing():
            self.logger.info("closing a connection whose request came too slowly")
            self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm(self.header_timeout)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        if self._slow_timer is None:
            self._arm(self.header_timeout)

    def on_headers_complete(self) -> None:
        super().on_headers_complete()
        self._arm(self.body_timeout)

    def on_message_complete(self) -> None:
        self._disarm()
        super().on_message_complete()


def guarded_protocol(header_timeout: float, body_timeout: float) -> type[HttpToolsProtocol]:
    """The protocol class for `uvicorn.Config(http=...)` with these timeouts."""
    return type(
        "GuardedHttpToolsProtocol",
        (GuardedHttpToolsProtocol,),
        {"header_timeout": header_timeout, "body_timeout": body_timeout},
    )
