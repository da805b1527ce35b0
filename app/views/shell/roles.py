"""Which screens each role sees, the work screens of the chain, and the demo-user switcher.

`install_roles(window)` is called once by the main window: it registers the dispatch, unit
and follow-up screens (built when first shown), adds the duplicates panel to the intake
screen, and shows only the screens of the current user's role, again whenever the user
switches (on the demo workspace, a local demo user per role).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QMainWindow, QToolBar, QWidget

from app.models.enums import Role
from app.models.operations import Actor
from app.views.common.labels import role_label
from app.views.shell.actions import build_actions
from app.views.shell.identity import Identity, as_identity

if TYPE_CHECKING:  # loaded when needed: the main window asks `visible` before its first paint
    from app.views.orders.detail import OrderDetailDialog

R = Role
# Screens not listed here (e.g. the knowledge base) are for everyone.
PAGE_ROLES: dict[str, frozenset[Role]] = {
    "intake": frozenset({R.OPERATOR, R.DISPATCHER, R.ADMIN}),
    # a trainer sees no orders (app/models/visibility.py): no order list
    "orders": frozenset({R.OPERATOR, R.DISPATCHER, R.ANALYST, R.ADMIN}),
    "dispatch": frozenset({R.DISPATCHER, R.ADMIN}),
    "unit": frozenset({R.UNIT}),
    "follow_up": frozenset({R.OPERATOR, R.ADMIN}),
}
# The screen a role starts on when its current screen is not one of its own.
HOME = {R.OPERATOR: "intake", R.DISPATCHER: "dispatch", R.UNIT: "unit"}
# Window commands that belong to a screen: off when the role does not see that screen.
ACTION_PAGE = {
    "new_intake": "intake",
    "save_intake": "intake",
    "held_intakes": "intake",
    "page_intake": "intake",
    "find_order": "orders",
    "page_orders": "orders",
    "page_dispatch": "dispatch",
    "page_unit": "unit",
    "page_follow_up": "follow_up",
}


def visible(page_id: str, role: Role) -> bool:
    roles = PAGE_ROLES.get(page_id)
    return roles is None or role in roles


def actor_label(actor: Actor, unit_name: Any) -> str:
    if actor.role is Role.UNIT and actor.unit:
        return f"{role_label(actor.role.value)} · {unit_name(actor.unit)}"
    return f"{role_label(actor.role.value)} · {actor.user}"


class RoleScreens:
    def __init__(self, window: Any) -> None:
        self.window = window
        self.identity: Identity = as_identity(window.actor, window)
        ws = window.workspace
        window.identity = self.identity

        def make(module: str, name: str) -> Any:
            """A factory: the screen's module loads when it is first shown (fast start)."""

            def build() -> QWidget:
                cls = getattr(importlib.import_module(module), name)
                page = cls(ws, self.identity, operations=window.operations)
                page.open_order.connect(self.show_order)
                return page

            return build

        window.add_page(
            "dispatch",
            QCoreApplication.translate("Roles", "Dispatch"),
            make("app.views.dispatch.page", "DispatchPage"),
        )
        window.add_page(
            "unit",
            QCoreApplication.translate("Roles", "Unit work"),
            make("app.views.unit.page", "UnitPage"),
        )
        window.add_page(
            "follow_up",
            QCoreApplication.translate("Roles", "Follow-up"),
            make("app.views.followup.page", "FollowUpPage"),
        )
        from app.views.intake.extras import install_intake_extras

        self.extras = install_intake_extras(window.intake, ws, self.identity, window.tasks)
        window.actions_by_id.update(
            build_actions(
                window,
                {
                    "page_dispatch": lambda: self.show("dispatch"),
                    "page_unit": lambda: self.show("unit"),
                    "page_follow_up": lambda: self.show("follow_up"),
                    "switch_user": self.focus_switcher,
                },
            )
        )
        self.switcher = self._switcher(window)
        self.identity.changed.connect(lambda _a: self.apply())
        self.apply()

    def _switcher(self, window: QMainWindow) -> QComboBox | None:
        choices = self.identity.choices
        if not choices:
            return None
        bar = QToolBar(QCoreApplication.translate("Roles", "Demo user"), window)
        bar.setObjectName("identity_bar")
        bar.setMovable(False)
        label = QLabel(QCoreApplication.translate("Roles", "Demo user (Ctrl+Shift+U): "))
        combo = QComboBox(objectName="identity")
        combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        policy = self.window.workspace.policy
        for actor in choices:
            combo.addItem(actor_label(actor, policy.unit_name), actor.user)
        current = self.identity()
        combo.setCurrentIndex(next((i for i, a in enumerate(choices) if a == current), 0))
        combo.currentIndexChanged.connect(lambda i: self.identity.switch(choices[i]))

        def follow(actor: Actor) -> None:  # switched elsewhere (tests, scripts): show it
            index = next((i for i, a in enumerate(choices) if a == actor), -1)
            if index >= 0 and index != combo.currentIndex():
                combo.blockSignals(True)
                combo.setCurrentIndex(index)
                combo.blockSignals(False)

        self.identity.changed.connect(follow)
        bar.addWidget(label)
        bar.addWidget(combo)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        return combo

    def focus_switcher(self) -> None:
        if self.switcher is not None:
            self.switcher.setFocus()
            self.switcher.showPopup()

    def show(self, page_id: str) -> None:
        if visible(page_id, self.identity.role):
            self.window.show_page(page_id)

    def show_order(self, order_id: str) -> OrderDetailDialog | None:
        """The window's: the order as the current user may see it (app/store/access.py)."""
        dialog: OrderDetailDialog | None = self.window.show_order(order_id)
        return dialog

    def apply(self) -> None:
        """Show the screens and commands of the current role; stay on a screen it keeps."""
        window = self.window
        role = self.identity.role
        nav = window.nav
        first = -1
        for row in range(nav.count()):
            item = nav.item(row)
            shown = visible(str(item.data(Qt.ItemDataRole.UserRole)), role)
            item.setHidden(not shown)
            if shown and first < 0:
                first = row
        for action_id, page_id in ACTION_PAGE.items():
            action = window.actions_by_id.get(action_id)
            if action is not None:
                action.setEnabled(visible(page_id, role))
        current = nav.currentRow()
        if current < 0 or nav.item(current).isHidden():
            home = HOME.get(role)
            rows = [
                r for r in range(nav.count()) if nav.item(r).data(Qt.ItemDataRole.UserRole) == home
            ]
            nav.setCurrentRow(rows[0] if rows else first)
        else:
            page = window.stack.currentWidget()
            if page in self.queue_pages():
                page.refresh()
        # the order list and a report shown were another user's: theirs no longer
        for page_id, again in (("orders", "refresh"), ("reports", "clear")):
            built = window.pages.get(page_id)
            if built is not None:
                getattr(built, again)()
        window.status.refresh()

    def queue_pages(self) -> list[QWidget]:
        pages = self.window.pages
        return [pages[p] for p in ("dispatch", "unit", "follow_up") if p in pages]


def install_roles(window: Any) -> RoleScreens:
    screens = RoleScreens(window)
    window.role_screens = screens
    return screens
