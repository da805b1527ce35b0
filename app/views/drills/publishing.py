"""A trainer publishes a drill set through the central store (Ctrl+Shift+P) and retires it
(Ctrl+Shift+I): operators and dispatchers receive it, or stop drilling it, at their next
sync. Nothing is deleted; attempts keep pointing at what was drilled."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QWidget

from app.operations import drills as drill_ops
from app.views.common.failures import reason
from app.views.common.plain import inform, warn
from app.views.shell.actions import build_actions

if TYPE_CHECKING:
    from app.views.shell.context import ScreenContext


def publishing_bar(
    page: QWidget, context: ScreenContext, set_name: Callable[[], str]
) -> QHBoxLayout:
    """Buttons (and their shortcuts, live while `page` is shown) for the set `set_name()`."""

    def publish() -> None:
        name = set_name().strip()
        if not name:
            return
        actor = context.actor()
        context.operations(page, lambda ws: drill_ops.publish_set(ws, actor, name)).success(
            lambda n: inform(
                page,
                QCoreApplication.translate("DrillPublishing", "Drill set published"),
                QCoreApplication.translate(
                    "DrillPublishing",
                    "%1 scenario(s) of “%2” go to every operator at the next sync.",
                )
                .replace("%1", str(n))
                .replace("%2", name),
            )
        ).failure(
            lambda exc: warn(
                page, QCoreApplication.translate("DrillPublishing", "Not published"), reason(exc)
            )
        ).run_now()

    def retire() -> None:
        name = set_name().strip()
        if not name:
            return
        asked = QMessageBox.question(
            page,
            QCoreApplication.translate("DrillPublishing", "Retire drill set"),
            QCoreApplication.translate(
                "DrillPublishing", "Stop drilling “%1” everywhere? Attempts already made are kept."
            ).replace("%1", name),
        )
        if asked != QMessageBox.StandardButton.Yes:
            return
        actor = context.actor()
        context.operations(page, lambda ws: drill_ops.retire(ws, actor, name)).success(
            lambda _n: None
        ).failure(
            lambda exc: warn(
                page, QCoreApplication.translate("DrillPublishing", "Not retired"), reason(exc)
            )
        ).run_now()

    publish_button = QPushButton(
        QCoreApplication.translate("DrillPublishing", "Publish set (Ctrl+Shift+P)"),
        objectName="drill_publish",
    )
    retire_button = QPushButton(
        QCoreApplication.translate("DrillPublishing", "Retire set… (Ctrl+Shift+I)"),
        objectName="drill_retire",
    )
    publish_button.clicked.connect(publish)
    retire_button.clicked.connect(retire)
    build_actions(page, {"drill_publish": publish, "drill_retire": retire})
    bar = QHBoxLayout()
    bar.addStretch(1)
    bar.addWidget(retire_button)
    bar.addWidget(publish_button)
    return bar
