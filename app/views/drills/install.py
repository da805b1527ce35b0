"""Put the knowledge-base drills into the main window: the operator's drill screen (Ctrl+7,
F9 answers and moves on) and the trainer's dashboard (Ctrl+8), each shown to its roles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.models.enums import Role
from app.views.shell.actions import build_actions
from app.views.shell.roles import ACTION_PAGE, HOME, PAGE_ROLES

if TYPE_CHECKING:
    from app.views.shell.main_window import MainWindow

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

    # The screens' modules load when a screen is first shown, not at start-up.
    def drill_page() -> QWidget:
        from app.views.drills.page import DrillPage

        return DrillPage(workspace, tasks, identity)

    def trainer_page() -> QWidget:
        from app.views.drills.trainer import TrainerPage

        return TrainerPage(workspace, tasks)

    window.add_page("drills", QCoreApplication.translate("MainWindow", "Drills"), drill_page)
    window.add_page(
        "drill_trainer",
        QCoreApplication.translate("MainWindow", "Drill dashboard"),
        trainer_page,
    )

    def show(page_id: str) -> None:
        screens = getattr(window, "role_screens", None)
        if screens is not None:
            screens.show(page_id)
        else:
            window.show_page(page_id)

    def answer() -> None:
        page = window.pages.get("drills")
        if page is not None and window.stack.currentWidget() is page:
            page.primary()

    def export() -> None:
        page = window.pages.get("drill_trainer")
        if page is not None and window.stack.currentWidget() is page:
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
