"""Failures the user hears about: in words for the operator, and shown when no one caught them."""

from __future__ import annotations

import contextlib
import logging
import sys
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow

from app.store.db import StoreError, WorkspaceCorrupt

log = logging.getLogger("hotline.tasks")

FAILURE_MS = 15000  # how long a failure stays in the status bar


def reason(exc: BaseException) -> str:
    """Why it failed: the message meant for operators when the error has one."""
    from app.sync.errors import SyncError  # not loaded before the first failure

    if isinstance(exc, SyncError):
        from app.views.common.sync_reasons import sync_reason

        return sync_reason(exc)
    if isinstance(exc, WorkspaceCorrupt):
        text = QCoreApplication.translate(
            "Failures",
            "the workspace file %1 is empty or damaged; it was left as it is. Restore it from "
            "a backup, or have a technician look at it (work not yet sent is only there)",
        )
        return text.replace("%1", str(exc.path))
    if isinstance(exc, StoreError):
        return store_reason(exc)
    # A fault of the program: its own words, for whoever is called to look at it
    detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return QCoreApplication.translate("Failures", "an unexpected error (%1)").replace("%1", detail)


def store_reason(exc: StoreError) -> str:
    """The workspace file's trouble, in the interface's words when it is a known one."""
    translate = QCoreApplication.translate
    known = {
        "full": translate("Failures", "the disk is full: the workspace file cannot grow"),
        "busy": translate("Failures", "the workspace file is in use by another program"),
        "read_only": translate("Failures", "the workspace file is read-only"),
        "io": translate("Failures", "the disk could not read or write the workspace file"),
        "cannot_open": translate("Failures", "the workspace file cannot be opened"),
        "damaged": translate("Failures", "the workspace file is damaged"),
        "folder": translate("Failures", "a folder stands where the workspace file should be"),
        "closed": translate("Failures", "the workspace was closed"),
    }
    if exc.kind in known:
        return known[exc.kind]
    text = translate("Failures", "the workspace file could not be read or written (%1)")
    return text.replace("%1", str(exc))


def failure_text(what: str, exc: BaseException) -> str:
    """'<what> failed: <why>'; `what` is already translated (e.g. "Signing out")."""
    what = what or QCoreApplication.translate("Failures", "A background task")
    text = QCoreApplication.translate("Failures", "%1 failed: %2")
    return text.replace("%1", what).replace("%2", reason(exc))


def mark_reported(exc: BaseException) -> None:
    """`exc` has been shown to the user already (show_unhandled_in leaves it alone)."""
    exc.__dict__["hotline_reported"] = True


def show_unhandled_in(window: QMainWindow) -> None:
    """An exception no slot caught (a timer's work on the GUI thread, such as the draft
    saved at a pause in typing) is logged and shown in the window's status bar, after
    the hook in place before (which prints it) has seen it."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        previous(kind, exc, tb)
        if not isinstance(exc, Exception) or exc.__dict__.get("hotline_reported"):
            return
        log.error("exception not caught on the GUI thread", exc_info=(kind, exc, tb))
        what = QCoreApplication.translate("Failures", "An action")
        with contextlib.suppress(RuntimeError):  # the window is gone
            window.statusBar().showMessage(failure_text(what, exc), FAILURE_MS)

    sys.excepthook = hook
