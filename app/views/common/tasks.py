"""One way to run work off the GUI thread, with the result delivered back on it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QMainWindow

from app.views.common.failures import FAILURE_MS, failure_text, mark_reported

log = logging.getLogger("hotline.tasks")


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
    slow search never overwrites the answer to a newer query. A failure is logged, then
    handed to the task's `on_failure`; a task without one reports it: `failure_reported`
    carries the message, which the window the runner belongs to shows in its status bar.
    Work gets its database connection from the workspace (Workspace.worker_database and
    the readers built on it), never the GUI thread's.
    """

    failure_reported = Signal(str)  # a failure no caller handled, in words for the user

    def __init__(self, parent: QObject | None = None, threads: int = 2) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        # The threads stay for the next task, and so do their connections.
        self.pool.setExpiryTimeout(-1)
        self._latest: dict[str, int] = {}
        self._serial = 0
        self._relays: set[_Relay] = set()
        self._closed = False
        if isinstance(parent, QMainWindow):
            window = parent
            self.failure_reported.connect(
                lambda text: window.statusBar().showMessage(text, FAILURE_MS)
            )

    def run(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None] | None = None,
        key: str = "",
        *,
        what: str = "",
    ) -> None:
        """`what` names the work for a failure reported without `on_failure` (translated,
        e.g. "Knowledge-base suggestions"). Nothing runs once the runner is shut down."""
        if self._closed:  # a timer of a closed window: its workspace may be closing
            return
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
                try:
                    on_success(result)
                except Exception as exc:
                    self.report(what, exc)
                    mark_reported(exc)
                    raise

        @Slot(object)
        def failed(exc: Any) -> None:
            self._relays.discard(relay)
            if not current():
                return  # superseded (its answer is no longer wanted) or the window is gone
            if on_failure is None:
                self.report(what, exc)
            else:
                log.warning("%s failed", what or "background task", exc_info=exc)
                on_failure(exc)

        relay.succeeded.connect(succeeded)
        relay.failed.connect(failed)
        self.pool.start(_Job(work, relay))

    def report(self, what: str, exc: BaseException) -> None:
        """Log a failure and tell the user (failure_reported)."""
        log.error("%s failed", what or "background task", exc_info=exc)
        self.failure_reported.emit(failure_text(what, exc))

    def pending(self) -> int:
        """Tasks whose result or failure is still to be delivered."""
        return len(self._relays)

    def wait(self, msecs: int = 5000) -> bool:
        return self.pool.waitForDone(msecs)

    def shutdown(self, msecs: int = 3000) -> None:
        """Drop queued work and every callback still to come; wait for running work."""
        self._closed = True
        self.pool.clear()
        self.pool.waitForDone(msecs)
