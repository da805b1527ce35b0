"""Ctrl+K from anywhere: search the knowledge base, read an article, use its answer."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.models.kb import Article
from app.models.operations import Actor
from app.store.workspace import Workspace
from app.views.common.operation import OperationRunner
from app.views.common.tasks import TaskRunner
from app.views.common.widgets import fit_to_screen
from app.views.kb.flagging import flag_article, may_flag
from app.views.kb.widgets import ArticleView, KbSearchBox


class KbDialog(QDialog):
    def __init__(
        self,
        workspace: Workspace,
        tasks: TaskRunner,
        on_use: Callable[[Article], None] | None = None,
        parent: QWidget | None = None,
        operations: OperationRunner | None = None,
        actor: Actor | None = None,
    ) -> None:
        super().__init__(parent)
        self.operations, self.actor = operations, actor
        self.setWindowTitle(self.tr("Knowledge base"))
        fit_to_screen(self, 1100, 700)
        self.workspace = workspace
        self.on_use = on_use
        self.search = KbSearchBox(workspace, tasks)
        self.view = ArticleView(workspace)
        self.view.show_article(None)
        self.use_button = QPushButton(self.tr("Use this answer (Ctrl+Enter)"), objectName="use")
        self.use_button.setEnabled(False)
        self.use_button.setVisible(on_use is not None)
        self.use_button.clicked.connect(self.use_current)
        self.flag_button = QPushButton(
            self.tr("Flag a correction… (Ctrl+Shift+J)"), objectName="flag"
        )
        self.flag_button.setVisible(
            actor is not None and operations is not None and may_flag(actor)
        )
        self.flag_button.setEnabled(False)
        self.flag_button.clicked.connect(self.flag_current)
        QShortcut(QKeySequence("Ctrl+Shift+J"), self, activated=self.flag_current)
        close = QPushButton(self.tr("Close (Esc)"))
        close.clicked.connect(self.reject)
        for button in (self.use_button, self.flag_button, close):
            button.setAutoDefault(False)  # Enter is the dialog's own (keyPressEvent)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.search)
        splitter.addWidget(self.view)
        splitter.setSizes([420, 680])
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.flag_button)
        buttons.addWidget(close)
        buttons.addWidget(self.use_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

        self.search.current_changed.connect(self.show_article)
        self.search.chosen.connect(self._chosen)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.use_current)
        self.search.setFocus()

    def start(self, query: str = "", article_id: str = "") -> None:
        self.search.line.setText(query)
        self.search.line.selectAll()
        if query:
            self.search.search_now()
        if article_id:
            self.show_article(article_id)

    def show_article(self, article_id: str) -> None:
        kb = self.workspace.knowledge()
        article = kb.get(article_id) if article_id else None
        self.view.show_article(article, kb.versions(article_id) if article else None)
        self.use_button.setEnabled(article is not None)
        self.flag_button.setEnabled(article is not None)

    def _chosen(self, article_id: str) -> None:
        self.show_article(article_id)
        if self.on_use is not None:
            self.use_current()
        else:
            self.view.setFocus()

    def flag_current(self) -> None:
        if self.operations is None or self.actor is None or self.view.article is None:
            return
        article_id = self.view.article.id
        flag_article(
            self, self.operations, self.actor, article_id, lambda: self.show_article(article_id)
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter anywhere in the dialog (the search line, the article) uses the selected
        answer as Ctrl+Enter does, once the results are those of the words typed; it never
        closes the dialog without using one."""
        plain_enter = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain_enter:
            if self._results_current():
                self.use_current()
            return
        super().keyPressEvent(event)

    def _results_current(self) -> bool:
        search = self.search
        return not search.timer.isActive() and search.results_for == search.line.text()

    def use_current(self) -> None:
        if self.on_use is None or self.view.article is None:
            return
        self.on_use(self.view.article)
        self.accept()
