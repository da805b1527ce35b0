"""Knowledge-base widgets shared by the Ctrl+K dialog, the intake panel and the KB screen."""

from __future__ import annotations

import html
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.models.kb import MAX_SEARCH_CHARS, good_matches
from app.store.workspace import Workspace
from app.views.common.failures import failure_text
from app.views.common.plain import esc, plain
from app.views.common.tasks import TaskRunner
from app.views.kb.models import HIT_ROLE, HtmlDelegate, KbHitModel

if TYPE_CHECKING:
    from app.models.kb import Article, SearchHit

SEARCH_DELAY_MS = 120


class HitList(QListView):
    """Ranked articles; Enter or a double click chooses one."""

    chosen = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_ = KbHitModel(workspace.policy.unit_name, self)
        self.setModel(self.model_)
        self.setItemDelegate(HtmlDelegate(self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.doubleClicked.connect(self._choose_current)

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.model_.set_hits(hits)
        if hits:
            self.setCurrentIndex(self.model_.index(0, 0))

    def current_id(self) -> str:
        index = self.currentIndex()
        return str(index.data(HIT_ROLE)) if index.isValid() else ""

    def _choose_current(self) -> None:
        if self.current_id():
            self.chosen.emit(self.current_id())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._choose_current()
            return
        super().keyPressEvent(event)


class KbSearchBox(QWidget):
    """A search line over a hit list; each keystroke searches off the GUI thread."""

    chosen = Signal(str)
    current_changed = Signal(str)

    def __init__(
        self, workspace: Workspace, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.tasks = tasks
        self.line = QLineEdit(objectName="kb_query")
        self.line.setPlaceholderText(self.tr("Words, pinyin or initials: 停水, shebao, jtwz …"))
        self.line.setClearButtonEnabled(True)
        self.hits = HitList(workspace)
        self.hits.setObjectName("kb_hits")
        self.status = plain(QLabel(objectName="kb_status"))
        self.status.setStyleSheet("color:#607d8b;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line)
        layout.addWidget(self.status)
        layout.addWidget(self.hits, 1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.search_now)
        self.line.textChanged.connect(lambda _t: self.timer.start())
        self.line.returnPressed.connect(self._enter)
        self.hits.chosen.connect(self.chosen)
        self.hits.selectionModel().currentChanged.connect(
            lambda *_: self.current_changed.emit(self.hits.current_id())
        )
        self.setFocusProxy(self.line)
        self.results_for = ""

    def search_now(self) -> None:
        self.timer.stop()
        query = self.line.text()[:MAX_SEARCH_CHARS]  # a paste is searched by its beginning
        if not query.strip():
            self.hits.set_hits([])
            self.status.setText("")
            return
        self.tasks.run(
            lambda: self.workspace.knowledge_reader().search(query, limit=20),
            lambda hits: self._show(query, hits),
            lambda exc: self.status.setText(failure_text(self.tr("Search"), exc)),
            key=f"kb-search-{id(self)}",
        )

    def _show(self, query: str, hits: list[SearchHit]) -> None:
        self.results_for = query
        good = good_matches(hits)  # below the score floor a hit is no match
        self.hits.set_hits(good)
        if good:
            self.status.setText(self.tr("%n article(s)", "", len(good)))
        elif hits:
            self.status.setText(self.tr("No good match: no article fits what was typed."))
        else:
            self.status.setText(self.tr("No article matches."))

    def _enter(self) -> None:
        if self.timer.isActive():
            self.search_now()
            return
        if self.hits.current_id():
            self.hits.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and self.line.hasFocus():
            self.hits.setFocus()
            return
        super().keyPressEvent(event)


class ArticleView(QTextBrowser):
    """One article as the operator reads it out: the official answer first."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.article: Article | None = None
        self.setOpenLinks(False)
        self.setObjectName("kb_article")

    def show_article(self, article: Article | None, versions: list[int] | None = None) -> None:
        self.article = article
        if article is None:
            hint = self.tr("Choose an article.")
            self.setHtml(f"<p style='color:#607d8b'>{html.escape(hint)}</p>")
            return
        policy = self.workspace.policy
        today = self.workspace.clock().date()
        e = html.escape
        parts = [f"<h2>{e(article.title)}</h2>"]
        if article.is_expired(today):
            parts.append(
                "<p style='color:#c62828'><b>"
                + e(
                    self.tr("Expired on %1: check before quoting it.").replace(
                        "%1", str(article.expires)
                    )
                )
                + "</b></p>"
            )
        pending = self.workspace.governance().thread(article.id).open_flags()
        if pending:
            parts.append(
                "<p style='color:#e65100'><b>"
                + e(
                    self.tr(
                        "Correction pending (%n flag(s)): check before quoting it.",
                        "",
                        len(pending),
                    )
                )
                + "</b></p>"
            )
        answer_heading = self.tr("Official answer")
        parts.append(f"<h3>{e(answer_heading)}</h3><p>{esc(article.answer)}</p>")
        if article.questions:
            items = "".join(f"<li>{e(q)}</li>" for q in article.questions)
            asked = self.tr("How callers ask")
            parts.append(f"<h3>{e(asked)}</h3><ul>{items}</ul>")
        rows = [
            (self.tr("Responsible unit"), policy.unit_name(article.unit) if article.unit else ""),
            (
                self.tr("Category"),
                policy.category_path(article.category) if article.category else "",
            ),
            (self.tr("Legal basis"), article.legal_basis or ""),
            (self.tr("In force"), _period(article.effective, article.expires)),
            (self.tr("Version"), self._version_text(article, versions)),
            (self.tr("Published"), self._provenance(article)),
        ]
        table = "".join(
            f"<tr><td style='color:#546e7a; padding-right:12px'>{e(k)}</td><td>{e(v)}</td></tr>"
            for k, v in rows
            if v
        )
        parts.append(f"<table>{table}</table>")
        self.setHtml("".join(parts))

    def _provenance(self, article: Article) -> str:
        found = self.workspace.knowledge().provenance(article.id, article.version)
        if found is None:
            return ""
        author, approver, when = found
        text = self.tr("by %1").replace("%1", author)
        if approver:
            text += "，" + self.tr("approved by %1").replace("%1", approver)
        return text + ("　" + when[:16].replace("T", " ") if when else "")

    def _version_text(self, article: Article, versions: list[int] | None) -> str:
        text = f"v{article.version}"
        if versions and len(versions) > 1:
            text += "（" + self.tr("%n version(s) kept", "", len(versions)) + "）"
        if article.updated_at:
            text += "　" + article.updated_at[:16].replace("T", " ")
        return text


def _period(start: date | None, end: date | None) -> str:
    if start is None and end is None:
        return ""
    return f"{start or '…'} — {end or '…'}"
