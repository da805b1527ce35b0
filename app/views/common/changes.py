"""The one "what changed" signal: operations report through it, screens refresh from it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.operations.changes import Changes


class ChangeHub(QObject):
    """One per main window. `changed` carries the `Changes` of every finished operation."""

    changed = Signal(object)

    def notify(self, changes: Changes) -> None:
        self.changed.emit(changes)
