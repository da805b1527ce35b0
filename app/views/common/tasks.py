"""One way to run work off the GUI thread, with the result delivered back on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work = work
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # delivered to the caller's failure callback
            self.relay.failed.emit(exc)
        else:
            self.relay.succeeded.emit(result)


class TaskRunner(QObject):
    """Runs callables on a thread pool; callbacks run on the GUI thread.

    Callbacks of a task superseded by a newer one with the same key are dropped, so a
    slow search never overwrites the answer to a newer query.
    """

    def __init__(self, parent: QObject | None = None, threads: int = 2) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self._latest: dict[str, int] = {}
        self._serial = 0
        self._relays: set[_Relay] = set()
        self._closed = False

    def run(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None] | None = None,
        key: str = "",
    ) -> None:
        self._serial += 1
        serial = self._serial
        if key:
            self._latest[key] = serial
        relay = _Relay()
        self._relays.add(relay)

        def current() -> bool:
            if self._closed:  # the window is gone: its widgets must not be touched
                return False
            return not key or self._latest.get(key) == serial

        @Slot(object)
        def succeeded(result: Any) -> None:
            self._relays.discard(relay)
            if current():
                on_success(result)

        @Slot(object)
        def failed(exc: Any) -> None:
            self._relays.discard(relay)
            if current() and on_failure is not None:
                on_failure(exc)

        relay.succeeded.connect(succeeded)
        relay.failed.connect(failed)
        self.pool.start(_Job(work, relay))

    def wait(self, msecs: int = 5000) -> bool:
        return self.pool.waitForDone(msecs)

    def shutdown(self, msecs: int = 3000) -> None:
        """Drop queued work and every callback still to come; wait for running work."""
        self._closed = True
        self.pool.clear()
        self.pool.waitForDone(msecs)
