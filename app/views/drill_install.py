"""Put the knowledge-base drills into the main window: the operator's drill screen (Ctrl+7,
F9 answers and moves on) and the trainer's dashboard (Ctrl+8), each shown to its roles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from app.models.enums import Role
from app.views.actions import build_actions
from app.views.drill_page import DrillPage
from app.views.drill_trainer import TrainerPage
from app.views.roles import ACTION_PAGE, HOME, PAGE_ROLES

if TYPE_CHECKING:
    from app.views.main_window import MainWindow

# Those who take calls drill (rules.RULES: drill_attempt); trainers watch and build sets.
PAGE_ROLES["drills"] = frozenset({Role.OPERATOR, Role.DISPATCHER})
PAGE_ROLES["drill_trainer"] = frozenset({Role.TRAINER, Role.ADMIN})
HOME.setdefault(Role.TRAINER, "drill_trainer")
ACTION_PAGE.update(
    {
        "page_drills": "drills",
        "drill_answer": "drills",
        "page_drill_trainer": "drill_trainer",
        "drill_export": "drill_trainer",
    }
)


def install_drills(window: MainWindow) -> None:
    workspace, tasks = window.workspace, window.tasks
    identity = getattr(window, "identity", None) or window.actor

    window.add_page(
        "drills",
        QCoreApplication.translate("MainWindow", "Drills"),
        lambda: DrillPage(workspace, tasks, identity),
    )
    window.add_page(
        "drill_trainer",
        QCoreApplication.translate("MainWindow", "Drill dashboard"),
        lambda: TrainerPage(workspace, tasks),
    )

    def show(page_id: str) -> None:
        screens = getattr(window, "role_screens", None)
        if screens is not None:
            screens.show(page_id)
        else:
            window.show_page(page_id)

    def answer() -> None:
        page = window.stack.currentWidget()
        if isinstance(page, DrillPage):
            page.primary()

    def export() -> None:
        page = window.stack.currentWidget()
        if isinstance(page, TrainerPage):
            page.export_dialog()

    window.actions_by_id.update(
        build_actions(
            window,
            {
                "page_drills": lambda: show("drills"),
                "page_drill_trainer": lambda: show("drill_trainer"),
                "drill_answer": answer,
                "drill_export": export,
            },
        )
    )
    screens = getattr(window, "role_screens", None)
    if screens is not None:
        screens.apply()  # hide the new screens from roles they are not for
