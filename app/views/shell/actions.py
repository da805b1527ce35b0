"""Every command of the main window, with its shortcut and where it leads, in one table.

Each entry's `target` says where it leads, one hop (tests/gui/test_action_targets.py follows
every one): `Show` goes to a screen of the registry (app/views/shell/screens.py); `Command`
runs a method the main window declares; `OnScreen` is a screen's own command (a step
button, a side panel's), built by that screen and live only while it is shown. A target
that names a screen is off for the roles that do not see that screen.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class Show:
    """Go to the screen (the window builds the action when the screen joins it)."""

    screen: str

    @property
    def screens(self) -> tuple[str, ...]:
        return (self.screen,)


@dataclass(frozen=True)
class Command:
    """The main window's method `name`; with `screen`, built when that screen joins the
    window and off for the roles that do not see it."""

    name: str
    screen: str = ""

    @property
    def screens(self) -> tuple[str, ...]:
        return (self.screen,) if self.screen else ()


@dataclass(frozen=True)
class OnScreen:
    """Built by each of these screens (or their side panels) for themselves."""

    screens: tuple[str, ...]

    def __init__(self, *screens: str) -> None:
        object.__setattr__(self, "screens", screens)


Target = Show | Command | OnScreen


@dataclass(frozen=True)
class ActionSpec:
    id: str
    text: str  # source text, translated in context "Actions"
    shortcuts: tuple[str, ...]
    tip: str = ""
    target: Target = field(kw_only=True)


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "new_intake",
        QT_TRANSLATE_NOOP("Actions", "New intake"),
        ("F2",),
        QT_TRANSLATE_NOOP("Actions", "Start recording a new call"),
        target=Command("new_intake", screen="intake"),
    ),
    ActionSpec(
        "held_intakes",
        QT_TRANSLATE_NOOP("Actions", "Held intakes"),
        ("Ctrl+Shift+H",),
        QT_TRANSLATE_NOOP(
            "Actions", "Choose a held intake (set aside by F2 or a new call); Enter resumes it"
        ),
        target=Command("choose_held", screen="intake"),
    ),
    ActionSpec(
        "save_intake",
        QT_TRANSLATE_NOOP("Actions", "Save intake"),
        ("Ctrl+Return", "Ctrl+Enter"),
        QT_TRANSLATE_NOOP("Actions", "Record the appeal and issue its order number"),
        target=Command("save_intake", screen="intake"),
    ),
    ActionSpec(
        "find_order",
        QT_TRANSLATE_NOOP("Actions", "Find order"),
        ("Ctrl+F",),
        QT_TRANSLATE_NOOP("Actions", "Search the order list"),
        target=Command("find_order", screen="orders"),
    ),
    ActionSpec(
        "knowledge_search",
        QT_TRANSLATE_NOOP("Actions", "Knowledge base"),
        ("Ctrl+K",),
        QT_TRANSLATE_NOOP("Actions", "Search the knowledge base from anywhere"),
        target=Command("open_knowledge"),
    ),
    ActionSpec(
        "open_order",
        QT_TRANSLATE_NOOP("Actions", "Open order by number"),
        ("Ctrl+O",),
        QT_TRANSLATE_NOOP("Actions", "Open an order by the number the caller reads out"),
        target=Command("open_order_by_number"),
    ),
    ActionSpec(
        "refresh",
        QT_TRANSLATE_NOOP("Actions", "Refresh"),
        ("F5",),
        QT_TRANSLATE_NOOP("Actions", "Reload the current screen"),
        target=Command("refresh"),
    ),
    ActionSpec(
        "page_intake",
        QT_TRANSLATE_NOOP("Actions", "Go to intake"),
        ("Ctrl+1",),
        target=Show("intake"),
    ),
    ActionSpec(
        "page_orders",
        QT_TRANSLATE_NOOP("Actions", "Go to orders"),
        ("Ctrl+2",),
        target=Show("orders"),
    ),
    ActionSpec(
        "page_knowledge",
        QT_TRANSLATE_NOOP("Actions", "Go to knowledge base"),
        ("Ctrl+3",),
        target=Show("knowledge"),
    ),
    ActionSpec(
        "page_reports",
        QT_TRANSLATE_NOOP("Actions", "Go to reports"),
        ("Ctrl+9",),
        QT_TRANSLATE_NOOP("Actions", "Appeal analysis reports"),
        target=Show("reports"),
    ),
    ActionSpec(
        "sync_now",
        QT_TRANSLATE_NOOP("Actions", "Sync now"),
        ("Ctrl+Shift+S",),
        QT_TRANSLATE_NOOP("Actions", "Send and fetch changes now"),
        target=Command("sync_now", screen="attention"),
    ),
    ActionSpec(
        "sign_in",
        QT_TRANSLATE_NOOP("Actions", "Sign in…"),
        ("Ctrl+Shift+L",),
        QT_TRANSLATE_NOOP("Actions", "Sign in to the central store"),
        target=Command("sign_in", screen="attention"),
    ),
    ActionSpec(
        "sign_out",
        QT_TRANSLATE_NOOP("Actions", "Sign out"),
        (),
        QT_TRANSLATE_NOOP("Actions", "Sign out and forget the saved sign-in"),
        target=Command("sign_out", screen="attention"),
    ),
    ActionSpec(
        "page_attention",
        QT_TRANSLATE_NOOP("Actions", "Go to refused steps"),
        ("Ctrl+0",),
        QT_TRANSLATE_NOOP("Actions", "Steps the central store refused, waiting for a decision"),
        target=Show("attention"),
    ),
    ActionSpec("quit", QT_TRANSLATE_NOOP("Actions", "Quit"), ("Ctrl+Q",), target=Command("close")),
    # The work screens (their step shortcuts are live only while that screen is shown).
    ActionSpec(
        "page_dispatch",
        QT_TRANSLATE_NOOP("Actions", "Go to dispatch"),
        ("Ctrl+4",),
        target=Show("dispatch"),
    ),
    ActionSpec(
        "page_unit",
        QT_TRANSLATE_NOOP("Actions", "Go to unit work"),
        ("Ctrl+5",),
        target=Show("unit"),
    ),
    ActionSpec(
        "page_follow_up",
        QT_TRANSLATE_NOOP("Actions", "Go to follow-up calls"),
        ("Ctrl+6",),
        target=Show("follow_up"),
    ),
    ActionSpec(
        "page_drills",
        QT_TRANSLATE_NOOP("Actions", "Go to drills"),
        ("Ctrl+7",),
        QT_TRANSLATE_NOOP("Actions", "Drill on the knowledge base"),
        target=Show("drills"),
    ),
    ActionSpec(
        "page_drill_trainer",
        QT_TRANSLATE_NOOP("Actions", "Go to drill dashboard"),
        ("Ctrl+8",),
        QT_TRANSLATE_NOOP("Actions", "Trainees' figures and drill sets"),
        target=Show("drill_trainer"),
    ),
    ActionSpec(
        "drill_answer",
        QT_TRANSLATE_NOOP("Actions", "Answer drill"),
        ("F9",),
        QT_TRANSLATE_NOOP(
            "Actions", "Answer the drill scenario; once answered, go to the next one"
        ),
        target=OnScreen("drills"),
    ),
    ActionSpec(
        "drill_export",
        QT_TRANSLATE_NOOP("Actions", "Export drill figures"),
        ("Ctrl+Shift+X",),
        QT_TRANSLATE_NOOP("Actions", "Save the drill dashboard's figures as CSV"),
        target=OnScreen("drill_trainer"),
    ),
    ActionSpec(
        "page_kb_queue",
        QT_TRANSLATE_NOOP("Actions", "Go to the knowledge-base queue"),
        ("Ctrl+Shift+K",),
        QT_TRANSLATE_NOOP("Actions", "Proposals, flags and expiring articles"),
        target=Show("kb_queue"),
    ),
    ActionSpec(
        "kb_approve",
        QT_TRANSLATE_NOOP("Actions", "Approve proposal"),
        ("Ctrl+Shift+P",),
        QT_TRANSLATE_NOOP("Actions", "Publish the proposed article as its next version"),
        target=OnScreen("kb_queue"),
    ),
    ActionSpec(
        "kb_return",
        QT_TRANSLATE_NOOP("Actions", "Return proposal"),
        ("Ctrl+Shift+B",),
        QT_TRANSLATE_NOOP("Actions", "Send the proposal back to its unit with a reason"),
        target=OnScreen("kb_queue"),
    ),
    ActionSpec(
        "kb_edit_approve",
        QT_TRANSLATE_NOOP("Actions", "Edit and approve"),
        ("Ctrl+Shift+E",),
        QT_TRANSLATE_NOOP("Actions", "Publish the proposal with the answer as edited here"),
        target=OnScreen("kb_queue"),
    ),
    ActionSpec(
        "kb_resolve_flag",
        QT_TRANSLATE_NOOP("Actions", "Resolve flag"),
        ("Ctrl+Shift+D",),
        QT_TRANSLATE_NOOP("Actions", "Mark a correction flag on the article as dealt with"),
        target=OnScreen("kb_queue"),
    ),
    ActionSpec(
        "kb_flag",
        QT_TRANSLATE_NOOP("Actions", "Flag a correction"),
        ("Ctrl+Shift+J",),
        QT_TRANSLATE_NOOP(
            "Actions", "The answer is wrong or outdated: tell its unit and the editor"
        ),
        target=OnScreen("knowledge", "intake"),
    ),
    ActionSpec(
        "drill_publish",
        QT_TRANSLATE_NOOP("Actions", "Publish drill set"),
        ("Ctrl+Shift+P",),
        QT_TRANSLATE_NOOP("Actions", "Send the drill set to every operator through the store"),
        target=OnScreen("drill_trainer"),
    ),
    ActionSpec(
        "drill_retire",
        QT_TRANSLATE_NOOP("Actions", "Retire drill set"),
        ("Ctrl+Shift+I",),
        QT_TRANSLATE_NOOP("Actions", "Stop drilling the set everywhere; attempts are kept"),
        target=OnScreen("drill_trainer"),
    ),
    ActionSpec(
        "switch_user",
        QT_TRANSLATE_NOOP("Actions", "Switch demo user"),
        ("Ctrl+Shift+U",),
        QT_TRANSLATE_NOOP("Actions", "Act as another local demo user (demo workspace only)"),
        target=Command("focus_switcher"),
    ),
    ActionSpec(
        "dispatch_order",
        QT_TRANSLATE_NOOP("Actions", "Dispatch"),
        ("Ctrl+D",),
        QT_TRANSLATE_NOOP("Actions", "Dispatch or re-dispatch the selected order"),
        target=OnScreen("dispatch"),
    ),
    ActionSpec(
        "rule_request",
        QT_TRANSLATE_NOOP("Actions", "Rule on request"),
        ("Ctrl+R",),
        QT_TRANSLATE_NOOP("Actions", "Rule on a return, extension or unreasonable-appeal request"),
        target=OnScreen("dispatch"),
    ),
    ActionSpec(
        "review_reply",
        QT_TRANSLATE_NOOP("Actions", "Review reply"),
        ("Ctrl+E",),
        QT_TRANSLATE_NOOP("Actions", "Approve the unit's reply or send it back"),
        target=OnScreen("dispatch"),
    ),
    ActionSpec(
        "close_order",
        QT_TRANSLATE_NOOP("Actions", "Close"),
        ("Ctrl+L",),
        QT_TRANSLATE_NOOP("Actions", "Close a reviewed order"),
        target=OnScreen("dispatch"),
    ),
    ActionSpec(
        "supervise",
        QT_TRANSLATE_NOOP("Actions", "Supervise"),
        ("Ctrl+G",),
        QT_TRANSLATE_NOOP("Actions", "Urge the unit on an overdue order"),
        target=OnScreen("dispatch"),
    ),
    ActionSpec(
        "merge_order",
        QT_TRANSLATE_NOOP("Actions", "Merge"),
        ("Ctrl+M",),
        QT_TRANSLATE_NOOP("Actions", "Merge the selected order into the order it repeats"),
        target=OnScreen("dispatch"),
    ),
    ActionSpec(
        "sign_order",
        QT_TRANSLATE_NOOP("Actions", "Sign for"),
        ("Ctrl+S",),
        QT_TRANSLATE_NOOP("Actions", "Sign for the selected order"),
        target=OnScreen("unit"),
    ),
    ActionSpec(
        "reply_order",
        QT_TRANSLATE_NOOP("Actions", "Reply"),
        ("Ctrl+R",),
        QT_TRANSLATE_NOOP("Actions", "Reply with what was done"),
        target=OnScreen("unit"),
    ),
    ActionSpec(
        "request_extension",
        QT_TRANSLATE_NOOP("Actions", "Ask for extension"),
        ("Ctrl+E",),
        QT_TRANSLATE_NOOP("Actions", "Ask the centre for more working days"),
        target=OnScreen("unit"),
    ),
    ActionSpec(
        "request_return",
        QT_TRANSLATE_NOOP("Actions", "Return"),
        ("Ctrl+T",),
        QT_TRANSLATE_NOOP("Actions", "Return the order to the centre with a reason"),
        target=OnScreen("unit"),
    ),
    ActionSpec(
        "request_unreasonable",
        QT_TRANSLATE_NOOP("Actions", "Unreasonable appeal"),
        ("Ctrl+U",),
        QT_TRANSLATE_NOOP("Actions", "Apply to mark the appeal unreasonable"),
        target=OnScreen("unit"),
    ),
    ActionSpec(
        "record_follow_up",
        QT_TRANSLATE_NOOP("Actions", "Record call"),
        ("Ctrl+R",),
        QT_TRANSLATE_NOOP("Actions", "Record the follow-up call"),
        target=OnScreen("follow_up"),
    ),
    ActionSpec(
        "reopen_order",
        QT_TRANSLATE_NOOP("Actions", "Reopen"),
        ("Ctrl+Shift+R",),
        QT_TRANSLATE_NOOP("Actions", "Send the order back to its unit for handling again"),
        target=OnScreen("follow_up"),
    ),
    ActionSpec(
        "reveal_contact",
        QT_TRANSLATE_NOOP("Actions", "Show full number"),
        ("Ctrl+Shift+N",),
        QT_TRANSLATE_NOOP(
            "Actions", "Show the caller's full number to call back (each time is recorded)"
        ),
        target=OnScreen("dispatch", "follow_up"),
    ),
    ActionSpec(
        "attach_caller",
        QT_TRANSLATE_NOOP("Actions", "Attach caller"),
        ("Ctrl+Shift+A",),
        QT_TRANSLATE_NOOP(
            "Actions", "Attach this caller to the selected earlier order instead of a new one"
        ),
        target=OnScreen("intake"),
    ),
    ActionSpec(
        "transfer_call",
        QT_TRANSLATE_NOOP("Actions", "Transfer"),
        ("Ctrl+Shift+T",),
        QT_TRANSLATE_NOOP(
            "Actions",
            "Record the appeal and transfer it (110/119/120/122, another city, the province)",
        ),
        target=OnScreen("intake"),
    ),
    ActionSpec(
        "flag_appellant",
        QT_TRANSLATE_NOOP("Actions", "Flag appellant"),
        ("Ctrl+Shift+F",),
        QT_TRANSLATE_NOOP(
            "Actions", "Flag the caller of the selected order as malicious or false, with a reason"
        ),
        target=OnScreen("intake"),
    ),
)

SPEC_BY_ID: Mapping[str, ActionSpec] = {spec.id: spec for spec in ACTIONS}


def translated(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


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
