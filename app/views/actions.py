"""Every command of the main window, with its shortcut, in one table."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class ActionSpec:
    id: str
    text: str  # source text, translated in context "Actions"
    shortcuts: tuple[str, ...]
    tip: str = ""


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("new_intake", "New intake", ("F2",), "Start recording a new call"),
    ActionSpec(
        "save_intake",
        "Save intake",
        ("Ctrl+Return", "Ctrl+Enter"),
        "Record the appeal and issue its order number",
    ),
    ActionSpec("find_order", "Find order", ("Ctrl+F",), "Search the order list"),
    ActionSpec(
        "knowledge_search", "Knowledge base", ("Ctrl+K",), "Search the knowledge base from anywhere"
    ),
    ActionSpec(
        "open_order",
        "Open order by number",
        ("Ctrl+O",),
        "Open an order by the number the caller reads out",
    ),
    ActionSpec("refresh", "Refresh", ("F5",), "Reload the current screen"),
    ActionSpec("page_intake", "Go to intake", ("Ctrl+1",)),
    ActionSpec("page_orders", "Go to orders", ("Ctrl+2",)),
    ActionSpec("page_knowledge", "Go to knowledge base", ("Ctrl+3",)),
    ActionSpec("sync_now", "Sync now", ("Ctrl+Shift+S",), "Send and fetch changes now"),
    ActionSpec("quit", "Quit", ("Ctrl+Q",)),
)

SPEC_BY_ID: Mapping[str, ActionSpec] = {spec.id: spec for spec in ACTIONS}


def translated(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


# The strings above, spelled out once so lupdate finds them.
_FOR_LUPDATE = (
    QCoreApplication.translate("Actions", "New intake"),
    QCoreApplication.translate("Actions", "Save intake"),
    QCoreApplication.translate("Actions", "Find order"),
    QCoreApplication.translate("Actions", "Knowledge base"),
    QCoreApplication.translate("Actions", "Open order by number"),
    QCoreApplication.translate("Actions", "Refresh"),
    QCoreApplication.translate("Actions", "Go to intake"),
    QCoreApplication.translate("Actions", "Go to orders"),
    QCoreApplication.translate("Actions", "Go to knowledge base"),
    QCoreApplication.translate("Actions", "Sync now"),
    QCoreApplication.translate("Actions", "Quit"),
    QCoreApplication.translate("Actions", "Start recording a new call"),
    QCoreApplication.translate("Actions", "Record the appeal and issue its order number"),
    QCoreApplication.translate("Actions", "Search the order list"),
    QCoreApplication.translate("Actions", "Search the knowledge base from anywhere"),
    QCoreApplication.translate("Actions", "Open an order by the number the caller reads out"),
    QCoreApplication.translate("Actions", "Reload the current screen"),
    QCoreApplication.translate("Actions", "Send and fetch changes now"),
)


def build_actions(
    parent: QWidget, handlers: Mapping[str, Callable[[], None]]
) -> dict[str, QAction]:
    """QActions for every spec that has a handler, added to `parent` so shortcuts work."""
    actions: dict[str, QAction] = {}
    for spec in ACTIONS:
        handler = handlers.get(spec.id)
        if handler is None:
            continue
        action = QAction(translated(spec.text), parent)
        action.setObjectName(f"action_{spec.id}")
        action.setShortcuts([QKeySequence(s) for s in spec.shortcuts])
        if spec.tip:
            action.setToolTip(translated(spec.tip))
        action.triggered.connect(lambda _checked=False, run=handler: run())
        parent.addAction(action)
        actions[spec.id] = action
    return actions
