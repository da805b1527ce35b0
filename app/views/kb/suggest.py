"""The intake's side panel: the articles that best fit what the operator is typing."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QGroupBox, QVBoxLayout, QWidget

from app.models.kb import good_matches
from app.store.workspace import Workspace
from app.views.common.failures import failure_text
from app.views.common.plain import plain_label
from app.views.common.tasks import TaskRunner
from app.views.kb.flagging import flag_article
from app.views.kb.widgets import HitList
from app.views.shell.actions import build_actions

if TYPE_CHECKING:
    from app.models.kb import SearchHit
    from app.views.intake.page import IntakePage
    from app.views.shell.context import ScreenContext

SUGGEST_DELAY_MS = 300
SUGGESTIONS = 5
QUERY_CHARS = 300
HINT_STYLE = "color:#607d8b;"
FAILED_STYLE = "color:#c62828;"


class KbSuggestPanel(QGroupBox):
    """Searches after a pause in typing, off the GUI thread, so typing never stutters."""

    open_article = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        tasks: TaskRunner,
        text_source: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Knowledge base suggestions"), parent)
        self.workspace = workspace
        self.tasks = tasks
        self.text_source = text_source
        self.hits = HitList(workspace)
        self.hits.setObjectName("kb_suggestions")
        self.hint = plain_label(self._usage())
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(HINT_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.hits, 1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SUGGEST_DELAY_MS)
        self.timer.timeout.connect(self.suggest_now)
        self.hits.chosen.connect(self.open_article)
        self.last_query = ""

    def text_changed(self) -> None:
        self.timer.start()

    def suggest_now(self) -> None:
        self.timer.stop()
        query = self.text_source().strip()[:QUERY_CHARS]
        if query == self.last_query:
            return
        self.last_query = query
        if not query:
            self.hits.set_hits([])
            return
        self.tasks.run(
            lambda: self.workspace.knowledge_reader().search(query, limit=SUGGESTIONS),
            self._show,
            self._failed,
            key="kb-suggest",
        )

    def _usage(self) -> str:
        return self.tr("Articles appear here as the appeal is typed. Ctrl+K searches.")

    def _show(self, hits: list[SearchHit]) -> None:
        good = good_matches(hits)  # below the score floor a hit is no match
        self.hits.set_hits(good)
        self.hits.clearSelection()
        self.hint.setStyleSheet(HINT_STYLE)
        if hits and not good:
            self.hint.setText(self.tr("No good match in the knowledge base for this appeal."))
        else:
            self.hint.setText(self._usage())

    def _failed(self, exc: Exception) -> None:
        """Said in the panel, where the suggestions would be: no dialog while typing."""
        self.last_query = ""  # the next pause in typing asks again
        self.hint.setText(failure_text(self.tr("Knowledge base suggestions"), exc))
        self.hint.setStyleSheet(FAILED_STYLE)


def intake_suggestions(context: ScreenContext, intake: IntakePage) -> KbSuggestPanel:
    """The panel beside the intake form, following its title and content."""
    panel = KbSuggestPanel(context.workspace, context.tasks, intake.suggestion_text)
    intake.title.textChanged.connect(panel.text_changed)
    intake.content.textChanged.connect(panel.text_changed)

    def flag_suggested() -> None:  # 纠错 on the highlighted suggestion, during the call
        flag_article(intake, context.operations, context.actor(), panel.hits.current_id())

    build_actions(intake, {"kb_flag": flag_suggested})
    return panel
