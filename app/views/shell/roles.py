"""The demo-user switcher: on the demo workspace, a local demo user per role.

Which screens each role sees, and which it starts on, is data of the screen registry
(app/views/shell/screens.py); the main window shows the current role's (`apply_role`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QMainWindow, QToolBar

from app.models.enums import Role
from app.models.operations import Actor
from app.views.common.labels import role_label
from app.views.shell.identity import Identity, demo_home


def actor_label(actor: Actor, unit_name: Callable[[str], str]) -> str:
    if actor.role is Role.UNIT and actor.unit:
        return f"{role_label(actor.role.value)} · {unit_name(actor.unit)}"
    if demo_home(actor) == "follow_up":  # the follow-up desk's operator
        desk = QCoreApplication.translate("Roles", "Follow-up")
        return f"{role_label(actor.role.value)} · {desk}"
    return f"{role_label(actor.role.value)} · {actor.user}"


def user_switcher(
    window: QMainWindow, identity: Identity, unit_name: Callable[[str], str]
) -> QComboBox | None:
    """A tool bar to act as another demo user (Ctrl+Shift+U); None without demo users."""
    choices = identity.choices
    if not choices:
        return None
    bar = QToolBar(QCoreApplication.translate("Roles", "Demo user"), window)
    bar.setObjectName("identity_bar")
    bar.setMovable(False)
    label = QLabel(QCoreApplication.translate("Roles", "Demo user (Ctrl+Shift+U): "))
    combo = QComboBox(objectName="identity")
    combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    for actor in choices:
        combo.addItem(actor_label(actor, unit_name), actor.user)
    current = identity()
    combo.setCurrentIndex(next((i for i, a in enumerate(choices) if a == current), 0))
    combo.currentIndexChanged.connect(lambda i: identity.switch(choices[i]))

    def follow(actor: Actor) -> None:  # switched elsewhere (tests, scripts): show it
        index = next((i for i, a in enumerate(choices) if a == actor), -1)
        if index >= 0 and index != combo.currentIndex():
            combo.blockSignals(True)
            combo.setCurrentIndex(index)
            combo.blockSignals(False)

    identity.changed.connect(follow)
    bar.addWidget(label)
    bar.addWidget(combo)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    return combo
