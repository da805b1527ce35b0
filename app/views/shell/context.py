"""What every screen is built from: one `ScreenContext` per main window."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QSettings

from app.models.visibility import Viewer, viewer_of
from app.store.workspace import Workspace
from app.views.common.changes import ChangeHub
from app.views.common.operation import OperationRunner
from app.views.common.tasks import TaskRunner
from app.views.shell.identity import Identity


@dataclass(frozen=True)
class ScreenContext:
    """The window's workspace, user, background tasks, change signal, operation runner
    and settings.

    `actor` is who is at the keyboard now (call it); it says when the user switches
    (`actor.changed`). `operations` runs a user action's operation (app/operations) and
    sends what it changed on `changes`, from which every screen refreshes. `show_message`
    puts a short notice in the window's status bar (a step done, an order's number).
    """

    workspace: Workspace
    actor: Identity
    tasks: TaskRunner
    changes: ChangeHub
    operations: OperationRunner
    settings: QSettings
    show_message: Callable[[str], None]

    def viewer(self) -> Viewer:
        """The user as the order access sees them (app/store/access.py)."""
        return viewer_of(self.actor())
