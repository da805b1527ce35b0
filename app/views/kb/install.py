"""Put the knowledge base into the main window: its screen, Ctrl+K, the intake's suggestions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.views.kb.suggest import KbSuggestPanel
from app.views.shell.actions import build_actions

if TYPE_CHECKING:
    from app.views.shell.main_window import MainWindow


def install_knowledge(window: MainWindow) -> None:
    workspace, tasks, intake = window.workspace, window.tasks, window.intake

    def knowledge_page() -> QWidget:
        from app.views.kb.page import KnowledgePage  # loaded when first shown

        return KnowledgePage(workspace, tasks)

    window.add_page(
        "knowledge", QCoreApplication.translate("MainWindow", "Knowledge base"), knowledge_page
    )

    panel = KbSuggestPanel(workspace, tasks, intake.suggestion_text)
    intake.side_layout.addWidget(panel, 1)
    intake.title.textChanged.connect(panel.text_changed)
    intake.content.textChanged.connect(panel.text_changed)
    window.kb_suggestions = panel

    def open_dialog(query: str = "", article_id: str = "") -> QWidget:
        """Ctrl+K: on the intake screen the chosen answer goes into the direct answer."""
        from app.views.kb.dialog import KbDialog

        on_intake = window.stack.currentWidget() is intake
        dialog = KbDialog(workspace, tasks, intake.use_article if on_intake else None, window)
        dialog.start(query, article_id)
        dialog.show()
        window.kb_dialog = dialog
        return dialog

    def from_suggestion(article_id: str) -> None:
        open_dialog(intake.title.text(), article_id)

    panel.open_article.connect(from_suggestion)
    window.open_knowledge = open_dialog
    window.actions_by_id.update(
        build_actions(
            window,
            {
                "knowledge_search": lambda: open_dialog(),
                "page_knowledge": lambda: window.show_page("knowledge"),
            },
        )
    )
