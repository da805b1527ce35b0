"""Every screen of the main window in one table, as actions.py has every command.

Per screen: its id and title; the factory that builds it from the window's ScreenContext
("module:callable", imported only when the screen is first shown, so the start stays fast);
the roles that see it (None: every role) and the roles that start on it; when it joins the
window (`Stage`); its side panels; which of its signals the window answers, and with which
of its declared methods; the screen's methods the window calls when the user switches, on
F5 and before it closes. Its commands are the entries of the shortcut table whose target
names it (`actions_of`).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.models.enums import Role
from app.views.shell.actions import ACTIONS, ActionSpec

if TYPE_CHECKING:
    from collections.abc import Callable

R = Role


class Stage(Enum):
    """When a screen joins the window (its entry in the navigation, its commands)."""

    FIRST = "first"  # with the window, before its first paint
    REST = "rest"  # right after the first paint (MainWindow.build_rest)
    SYNC = "sync"  # once synchronisation starts (MainWindow.attach_sync)


Wiring = tuple[tuple[str, str], ...]  # (the widget's signal, the window's method)


@dataclass(frozen=True)
class PanelSpec:
    """A panel beside a screen's own side content, built with the rest of the window.
    `factory(context, screen)` builds it; `first` puts it above that content."""

    id: str
    factory: str
    first: bool = False
    signals: Wiring = ()


@dataclass(frozen=True)
class ScreenSpec:
    id: str
    title: str  # source text, translated in context `title_context`
    factory: str  # "module:callable" taking the ScreenContext
    roles: frozenset[Role] | None = None
    home: frozenset[Role] = frozenset()
    stage: Stage = Stage.REST
    eager: bool = False  # built with the window (the screen painted first), not when shown
    panels: tuple[PanelSpec, ...] = ()
    signals: Wiring = ()
    on_switch: str = ""  # the screen's method to call when the user switches (if built)
    refresh: str = "refresh"  # the screen's method F5 calls ("": nothing to read again)
    on_close: str = ""  # the screen's method to call before the window closes
    title_context: str = "MainWindow"

    def translated_title(self) -> str:
        return QCoreApplication.translate(self.title_context, self.title)

    def visible_to(self, role: Role) -> bool:
        return self.roles is None or role in self.roles


OPENS_ORDERS: Wiring = (("open_order", "show_order"),)

SCREENS: tuple[ScreenSpec, ...] = (
    ScreenSpec(
        "intake",
        QT_TRANSLATE_NOOP("MainWindow", "Intake"),
        "app.views.intake.page:IntakePage",
        roles=frozenset({R.OPERATOR, R.DISPATCHER, R.ADMIN}),
        home=frozenset({R.OPERATOR}),
        stage=Stage.FIRST,
        eager=True,
        panels=(  # built in this order (the keyboard's tab order); `first` places above
            PanelSpec(
                "kb_suggestions",
                "app.views.kb.suggest:intake_suggestions",
                signals=(("open_article", "open_suggested_article"),),
            ),
            # likely duplicates, transfer and flagging (首接负责)
            PanelSpec("duplicates", "app.views.intake.extras:IntakeExtras", first=True),
        ),
        signals=(*OPENS_ORDERS, ("held_changed", "show_held_count")),
        refresh="refresh_history",
        on_close="stop_timers",  # a draft being saved is saved now
    ),
    ScreenSpec(
        "orders",
        QT_TRANSLATE_NOOP("MainWindow", "Orders"),
        "app.views.orders.list_page:OrderListPage",
        # a trainer sees no orders (app/models/visibility.py): no order list
        roles=frozenset({R.OPERATOR, R.DISPATCHER, R.ANALYST, R.ADMIN}),
        stage=Stage.FIRST,
        signals=OPENS_ORDERS,
        on_switch="refresh",  # the list was another user's
        on_close="stop_timers",
    ),
    ScreenSpec(
        "reports",
        QT_TRANSLATE_NOOP("MainWindow", "Reports"),
        "app.views.reports.page:ReportsPage",  # QtCharts loads on first use
        stage=Stage.FIRST,
        signals=OPENS_ORDERS,
        on_switch="clear",  # a report shown was another user's
    ),
    ScreenSpec(
        "knowledge",
        QT_TRANSLATE_NOOP("MainWindow", "Knowledge base"),
        "app.views.kb.page:KnowledgePage",
        refresh="",
    ),
    ScreenSpec(
        "kb_queue",
        QT_TRANSLATE_NOOP("MainWindow", "KB queue"),
        "app.views.kb.queue:KbQueuePage",
        # proposals, rulings and flags through the central store (app/models/kb_events.py)
        roles=frozenset({R.KB_EDITOR, R.UNIT, R.ADMIN}),
        home=frozenset({R.KB_EDITOR}),
        on_switch="refresh",
    ),
    ScreenSpec(
        "dispatch",
        QT_TRANSLATE_NOOP("Roles", "Dispatch"),
        "app.views.dispatch.page:DispatchPage",
        roles=frozenset({R.DISPATCHER, R.ADMIN}),
        home=frozenset({R.DISPATCHER}),
        signals=OPENS_ORDERS,
        on_switch="refresh",
        title_context="Roles",
    ),
    ScreenSpec(
        "unit",
        QT_TRANSLATE_NOOP("Roles", "Unit work"),
        "app.views.unit.page:UnitPage",
        roles=frozenset({R.UNIT}),
        home=frozenset({R.UNIT}),
        signals=OPENS_ORDERS,
        on_switch="refresh",
        title_context="Roles",
    ),
    ScreenSpec(
        "follow_up",
        QT_TRANSLATE_NOOP("Roles", "Follow-up"),
        "app.views.followup.page:FollowUpPage",
        roles=frozenset({R.OPERATOR, R.ADMIN}),
        signals=OPENS_ORDERS,
        on_switch="refresh",
        title_context="Roles",
    ),
    ScreenSpec(
        "drills",
        QT_TRANSLATE_NOOP("MainWindow", "Drills"),
        "app.views.drills.page:DrillPage",
        # those who take calls drill (rules.RULES: drill_attempt); trainers watch and build sets
        roles=frozenset({R.OPERATOR, R.DISPATCHER}),
        on_close="stop_timers",
    ),
    ScreenSpec(
        "drill_trainer",
        QT_TRANSLATE_NOOP("MainWindow", "Drill dashboard"),
        "app.views.drills.trainer:TrainerPage",
        roles=frozenset({R.TRAINER, R.ADMIN}),
        home=frozenset({R.TRAINER}),
    ),
    ScreenSpec(
        "attention",
        QT_TRANSLATE_NOOP("MainWindow", "Refused steps"),
        "app.views.sync.attention_page:AttentionPage",
        stage=Stage.SYNC,
        signals=OPENS_ORDERS,  # a resolved step's notice wakes the sync (SyncBridge.follow)
    ),
)

SCREEN_BY_ID = {spec.id: spec for spec in SCREENS}


def visible(screen_id: str, role: Role) -> bool:
    return SCREEN_BY_ID[screen_id].visible_to(role)


def home_screen(role: Role) -> str:
    """The screen a role starts on when its current one is not its own ("": the first)."""
    return next((s.id for s in SCREENS if role in s.home), "")


def actions_of(screen_id: str) -> tuple[ActionSpec, ...]:
    """The commands of the shortcut table that lead to this screen."""
    return tuple(a for a in ACTIONS if screen_id in a.target.screens)


def load(factory: str) -> Callable[..., Any]:
    """The callable a "module:name" factory names (its module imported now)."""
    module, _, name = factory.partition(":")
    built: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return built
