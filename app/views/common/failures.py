"""A failure of work done off the GUI thread, in words for the operator."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.store.db import StoreError, WorkspaceCorrupt


def reason(exc: BaseException) -> str:
    """Why it failed: the message meant for operators when the error has one."""
    from app.sync.errors import SyncError  # not loaded before the first failure

    if isinstance(exc, SyncError):
        return exc.message
    if isinstance(exc, WorkspaceCorrupt):
        return str(exc)  # names the file and what to do, in both languages
    if isinstance(exc, StoreError):
        text = QCoreApplication.translate(
            "Failures", "the workspace file could not be read or written (%1)"
        )
        return text.replace("%1", str(exc))
    detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return QCoreApplication.translate("Failures", "an unexpected error (%1)").replace("%1", detail)


def failure_text(what: str, exc: BaseException) -> str:
    """'<what> failed: <why>'; `what` is already translated (e.g. "Signing out")."""
    what = what or QCoreApplication.translate("Failures", "A background task")
    text = QCoreApplication.translate("Failures", "%1 failed: %2")
    return text.replace("%1", what).replace("%2", reason(exc))
