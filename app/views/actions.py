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
    ActionSpec("page_reports", "Go to reports", ("Ctrl+9",), "Appeal analysis reports"),
    ActionSpec("sync_now", "Sync now", ("Ctrl+Shift+S",), "Send and fetch changes now"),
    ActionSpec("sign_in", "Sign in…", ("Ctrl+Shift+L",), "Sign in to the central store"),
    ActionSpec("sign_out", "Sign out", (), "Sign out and forget the saved sign-in"),
    ActionSpec(
        "page_attention",
        "Go to refused steps",
        ("Ctrl+0",),
        "Steps the central store refused, waiting for a decision",
    ),
    ActionSpec("quit", "Quit", ("Ctrl+Q",)),
    # The work screens (their step shortcuts are live only while that screen is shown).
    ActionSpec("page_dispatch", "Go to dispatch", ("Ctrl+4",)),
    ActionSpec("page_unit", "Go to unit work", ("Ctrl+5",)),
    ActionSpec("page_follow_up", "Go to follow-up calls", ("Ctrl+6",)),
    ActionSpec("page_drills", "Go to drills", ("Ctrl+7",), "Drill on the knowledge base"),
    ActionSpec(
        "page_drill_trainer",
        "Go to drill dashboard",
        ("Ctrl+8",),
        "Trainees' figures and drill sets",
    ),
    ActionSpec(
        "drill_answer",
        "Answer drill",
        ("F9",),
        "Answer the drill scenario; once answered, go to the next one",
    ),
    ActionSpec(
        "drill_export",
        "Export drill figures",
        ("Ctrl+Shift+X",),
        "Save the drill dashboard's figures as CSV",
    ),
    ActionSpec(
        "switch_user",
        "Switch demo user",
        ("Ctrl+Shift+U",),
        "Act as another local demo user (demo workspace only)",
    ),
    ActionSpec(
        "dispatch_order",
        "Dispatch",
        ("Ctrl+D",),
        "Dispatch or re-dispatch the selected order",
    ),
    ActionSpec(
        "rule_request",
        "Rule on request",
        ("Ctrl+R",),
        "Rule on a return, extension or unreasonable-appeal request",
    ),
    ActionSpec(
        "review_reply",
        "Review reply",
        ("Ctrl+E",),
        "Approve the unit's reply or send it back",
    ),
    ActionSpec(
        "close_order",
        "Close",
        ("Ctrl+L",),
        "Close a reviewed order",
    ),
    ActionSpec(
        "supervise",
        "Supervise",
        ("Ctrl+G",),
        "Urge the unit on an overdue order",
    ),
    ActionSpec(
        "merge_order",
        "Merge",
        ("Ctrl+M",),
        "Merge the selected order into the order it repeats",
    ),
    ActionSpec(
        "sign_order",
        "Sign for",
        ("Ctrl+S",),
        "Sign for the selected order",
    ),
    ActionSpec(
        "reply_order",
        "Reply",
        ("Ctrl+R",),
        "Reply with what was done",
    ),
    ActionSpec(
        "request_extension",
        "Ask for extension",
        ("Ctrl+E",),
        "Ask the centre for more working days",
    ),
    ActionSpec(
        "request_return",
        "Return",
        ("Ctrl+T",),
        "Return the order to the centre with a reason",
    ),
    ActionSpec(
        "request_unreasonable",
        "Unreasonable appeal",
        ("Ctrl+U",),
        "Apply to mark the appeal unreasonable",
    ),
    ActionSpec(
        "record_follow_up",
        "Record call",
        ("Ctrl+R",),
        "Record the follow-up call",
    ),
    ActionSpec(
        "reopen_order",
        "Reopen",
        ("Ctrl+Shift+R",),
        "Send the order back to its unit for handling again",
    ),
    ActionSpec(
        "attach_caller",
        "Attach caller",
        ("Ctrl+Shift+A",),
        "Attach this caller to the selected earlier order instead of a new one",
    ),
    ActionSpec(
        "transfer_call",
        "Transfer",
        ("Ctrl+Shift+T",),
        "Record the appeal and transfer it (110/119/120/122, another city, the province)",
    ),
    ActionSpec(
        "flag_appellant",
        "Flag appellant",
        ("Ctrl+Shift+F",),
        "Flag the caller of the selected order as malicious or false, with a reason",
    ),
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
    QCoreApplication.translate("Actions", "Go to reports"),
    QCoreApplication.translate("Actions", "Appeal analysis reports"),
    QCoreApplication.translate("Actions", "Sync now"),
    QCoreApplication.translate("Actions", "Quit"),
    QCoreApplication.translate("Actions", "Start recording a new call"),
    QCoreApplication.translate("Actions", "Record the appeal and issue its order number"),
    QCoreApplication.translate("Actions", "Search the order list"),
    QCoreApplication.translate("Actions", "Search the knowledge base from anywhere"),
    QCoreApplication.translate("Actions", "Open an order by the number the caller reads out"),
    QCoreApplication.translate("Actions", "Reload the current screen"),
    QCoreApplication.translate("Actions", "Send and fetch changes now"),
    QCoreApplication.translate("Actions", "Sign in…"),
    QCoreApplication.translate("Actions", "Sign in to the central store"),
    QCoreApplication.translate("Actions", "Sign out"),
    QCoreApplication.translate("Actions", "Sign out and forget the saved sign-in"),
    QCoreApplication.translate("Actions", "Go to refused steps"),
    QCoreApplication.translate(
        "Actions", "Steps the central store refused, waiting for a decision"
    ),
    QCoreApplication.translate("Actions", "Go to dispatch"),
    QCoreApplication.translate("Actions", "Go to unit work"),
    QCoreApplication.translate("Actions", "Go to follow-up calls"),
    QCoreApplication.translate("Actions", "Go to drills"),
    QCoreApplication.translate("Actions", "Drill on the knowledge base"),
    QCoreApplication.translate("Actions", "Go to drill dashboard"),
    QCoreApplication.translate("Actions", "Trainees' figures and drill sets"),
    QCoreApplication.translate("Actions", "Answer drill"),
    QCoreApplication.translate(
        "Actions", "Answer the drill scenario; once answered, go to the next one"
    ),
    QCoreApplication.translate("Actions", "Export drill figures"),
    QCoreApplication.translate("Actions", "Save the drill dashboard's figures as CSV"),
    QCoreApplication.translate("Actions", "Switch demo user"),
    QCoreApplication.translate("Actions", "Act as another local demo user (demo workspace only)"),
    QCoreApplication.translate("Actions", "Dispatch"),
    QCoreApplication.translate("Actions", "Dispatch or re-dispatch the selected order"),
    QCoreApplication.translate("Actions", "Rule on request"),
    QCoreApplication.translate(
        "Actions", "Rule on a return, extension or unreasonable-appeal request"
    ),
    QCoreApplication.translate("Actions", "Review reply"),
    QCoreApplication.translate("Actions", "Approve the unit's reply or send it back"),
    QCoreApplication.translate("Actions", "Close"),
    QCoreApplication.translate("Actions", "Close a reviewed order"),
    QCoreApplication.translate("Actions", "Supervise"),
    QCoreApplication.translate("Actions", "Urge the unit on an overdue order"),
    QCoreApplication.translate("Actions", "Merge"),
    QCoreApplication.translate("Actions", "Merge the selected order into the order it repeats"),
    QCoreApplication.translate("Actions", "Sign for"),
    QCoreApplication.translate("Actions", "Sign for the selected order"),
    QCoreApplication.translate("Actions", "Reply"),
    QCoreApplication.translate("Actions", "Reply with what was done"),
    QCoreApplication.translate("Actions", "Ask for extension"),
    QCoreApplication.translate("Actions", "Ask the centre for more working days"),
    QCoreApplication.translate("Actions", "Return"),
    QCoreApplication.translate("Actions", "Return the order to the centre with a reason"),
    QCoreApplication.translate("Actions", "Unreasonable appeal"),
    QCoreApplication.translate("Actions", "Apply to mark the appeal unreasonable"),
    QCoreApplication.translate("Actions", "Record call"),
    QCoreApplication.translate("Actions", "Record the follow-up call"),
    QCoreApplication.translate("Actions", "Reopen"),
    QCoreApplication.translate("Actions", "Send the order back to its unit for handling again"),
    QCoreApplication.translate("Actions", "Attach caller"),
    QCoreApplication.translate(
        "Actions", "Attach this caller to the selected earlier order instead of a new one"
    ),
    QCoreApplication.translate("Actions", "Transfer"),
    QCoreApplication.translate(
        "Actions", "Record the appeal and transfer it (110/119/120/122, another city, the province)"
    ),
    QCoreApplication.translate("Actions", "Flag appellant"),
    QCoreApplication.translate(
        "Actions", "Flag the caller of the selected order as malicious or false, with a reason"
    ),
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
