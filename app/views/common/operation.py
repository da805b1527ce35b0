"""Run a user action's operation from a screen, in the manner of Anki's CollectionOp.

    self.operations(self, lambda ws: dispatch.close(ws, order.id, actor)).success(
        self.closed
    ).run_now()

An operation (app/operations) returns `Done(value, changes)`. On success the runner calls
`success(value)`, then sends `changes` once on the window's change signal, from which every
screen refreshes. On failure it calls `failure(exc)` when the caller handles errors itself
(a refusal shown next to the field), otherwise it tells the user in a message: no failure
passes unseen. Either way the caller's form is untouched, so nothing typed is lost.

`run_now()` runs on the GUI thread's connection: for the quick steps an operator waits on
(an intake, a step of the chain: a few milliseconds), so the form cannot change while it is
saved. `run_in_background()` runs on a thread of the window's TaskRunner with the thread's
own connection, for the ones that can take time (an import).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.models.rules import RuleViolation
from app.operations.changes import NOTHING, Changes, Done
from app.store.db import StoreError
from app.store.workspace import Workspace
from app.views.common.changes import ChangeHub
from app.views.common.failures import reason
from app.views.common.plain import message_box
from app.views.common.tasks import TaskRunner

T = TypeVar("T")
Op = Callable[[Workspace], Done[T]]


def failure_text(exc: Exception) -> str:
    """What the user reads when an operation fails (their words are kept on the form)."""
    translate = QCoreApplication.translate
    if isinstance(exc, RuleViolation):
        return translate("Operation", "Not allowed: %1").replace("%1", exc.message)
    if isinstance(exc, KeyError):
        return translate("Operation", "This order is not here (any more), or not one of yours.")
    if isinstance(exc, StoreError):
        return translate("Operation", "Could not save: %1").replace("%1", reason(exc))
    return translate("Operation", "Could not complete this: %1").replace("%1", reason(exc))


def show_failure(parent: QWidget | None, exc: Exception) -> QMessageBox:
    """The default: a message over `parent` that does not block the window."""
    box = message_box(
        parent,
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("Operation", "Not done"),
        failure_text(exc),
    )
    box.setObjectName("operation_failed")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


class OperationRunner:
    """The window's: runs operations on its workspace and sends what each changed on its
    change hub. Call it with a parent widget and an operation to get an `Operation`."""

    def __init__(self, workspace: Workspace, tasks: TaskRunner, changes: ChangeHub) -> None:
        self.workspace = workspace
        self.tasks = tasks
        self.changes = changes

    def __call__(self, parent: QWidget | None, op: Op[T]) -> Operation[T]:
        return Operation(self, parent, op)

    def notify(self, changes: Changes) -> None:
        if changes != NOTHING:
            self.changes.notify(changes)


class Operation(Generic[T]):
    def __init__(self, runner: OperationRunner, parent: QWidget | None, op: Op[T]) -> None:
        self._runner = runner
        self._parent = parent
        self._op = op
        self._success: Callable[[T], Any] | None = None
        self._failure: Callable[[Exception], Any] | None = None

    def success(self, success: Callable[[T], Any] | None) -> Operation[T]:
        self._success = success
        return self

    def failure(self, failure: Callable[[Exception], Any] | None) -> Operation[T]:
        """Handle errors here instead of the default message (e.g. beside the field)."""
        self._failure = failure
        return self

    def run_now(self) -> T | None:
        """On the GUI thread; the operation's value, or None when it failed (an operation
        whose value is None tells its success through `success`)."""
        try:
            done = self._op(self._runner.workspace)
        except Exception as exc:  # shown to the user (or the caller's handler), never lost
            self._failed(exc)
            return None
        self._succeeded(done)
        return done.value

    def run_in_background(self, key: str = "") -> None:
        """On a worker thread with its own connection; callbacks on the GUI thread. A newer
        operation with the same `key` supersedes this one's callbacks."""
        workspace = self._runner.workspace
        self._runner.tasks.run(
            lambda: self._op(workspace.on_this_thread()),
            self._succeeded,
            self._failed,
            key=key,
        )

    def _succeeded(self, done: Done[T]) -> None:
        try:
            if self._success is not None:
                self._success(done.value)
        finally:
            self._runner.notify(done.changes)

    def _failed(self, exc: Exception) -> None:
        if self._failure is not None:
            self._failure(exc)
        else:
            show_failure(self._parent, exc)
