"""The knowledge-base screen: search and read; maintainers edit, import and export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.models.enums import Role
from app.models.kb import ImportReport
from app.operations import kb as kb_ops
from app.operations.changes import Changes
from app.resources import kb_expiry_days
from app.store.kb.governance import governed, may_propose
from app.views.common.failures import reason
from app.views.common.plain import inform, plain, warn
from app.views.kb.edit_dialog import ArticleEditDialog
from app.views.kb.flagging import flag_article, may_flag
from app.views.kb.widgets import ArticleView, KbSearchBox
from app.views.shell.actions import build_actions

if TYPE_CHECKING:
    from app.views.shell.context import ScreenContext


class KnowledgePage(QWidget):
    def __init__(self, context: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.workspace = workspace = context.workspace
        self.tasks = tasks = context.tasks
        self.operations = context.operations
        self.operations.changes.changed.connect(self.follow_changes)
        self.search = KbSearchBox(workspace, tasks)
        self.view = ArticleView(workspace)
        self.view.show_article(None)
        self.edit_button = QPushButton(self.tr("&Edit (new version)"), objectName="edit")
        self.import_button = QPushButton(self.tr("&Import…"), objectName="import")
        self.export_button = QPushButton(self.tr("E&xport…"), objectName="export")
        self.flag_button = QPushButton(
            self.tr("Flag a correction… (Ctrl+Shift+J)"), objectName="flag"
        )
        self.flag_button.setEnabled(False)
        self.flag_button.clicked.connect(self.flag_current)
        self.summary = plain(QLabel(objectName="kb_unit_summary"))
        self.edit_button.setEnabled(False)
        self.edit_button.clicked.connect(self.edit_current)
        self.import_button.clicked.connect(self.choose_import)
        self.export_button.clicked.connect(self.choose_export)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        for button in (self.flag_button, self.edit_button, self.import_button, self.export_button):
            buttons.addWidget(button)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.search)
        splitter.addWidget(self.view)
        splitter.setSizes([480, 760])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.search.current_changed.connect(self.show_article)
        self.search.chosen.connect(self.show_article)
        self.setFocusProxy(self.search)
        self.progress: QProgressDialog | None = None
        build_actions(self, {"kb_flag": self.flag_current})
        context.actor.changed.connect(lambda _a: self.show_controls())
        self.show_controls()

    def show_controls(self) -> None:
        """Only the roles that may change articles see the editing controls: everyone on a
        workspace that never synced; on a governed one, a unit and the editor (proposals)."""
        actor = self.context.actor()
        editing = not governed(self.workspace.database) or may_propose(actor.role)
        for button in (self.edit_button, self.import_button):
            button.setVisible(editing)
        self.flag_button.setVisible(may_flag(actor))
        self.show_summary()

    def show_summary(self) -> None:
        """Per unit: articles owned, proposals waiting, flags open, articles expiring (the
        editor: the whole city)."""
        actor = self.context.actor()
        rows = self.workspace.governance().summaries(
            self.workspace.clock().date(), kb_expiry_days()
        )
        if actor.role is Role.UNIT:
            rows = [r for r in rows if r.unit == actor.unit]
        totals = [
            sum(getattr(r, k) for r in rows) for k in ("articles", "proposals", "flags", "expiring")
        ]
        text = self.tr("Articles %1 · proposals waiting %2 · flags open %3 · expiring %4")
        for n, value in enumerate(totals, start=1):
            text = text.replace(f"%{n}", str(value))
        self.summary.setText(text)

    def flag_current(self) -> None:
        if self.view.article is not None:
            article_id = self.view.article.id
            flag_article(
                self,
                self.operations,
                self.context.actor(),
                article_id,
                lambda: self.show_article(article_id),
            )

    def show_article(self, article_id: str) -> None:
        kb = self.workspace.knowledge()
        article = kb.get(article_id) if article_id else None
        self.view.show_article(article, kb.versions(article_id) if article else None)
        self.edit_button.setEnabled(article is not None)
        self.flag_button.setEnabled(article is not None)

    def edit_current(self) -> None:
        if self.view.article is None:
            return
        dialog = ArticleEditDialog(
            self.workspace, self.view.article, self.operations, self, self.context.actor()
        )
        if dialog.exec() and dialog.saved is not None:
            if dialog.saved.version == 0:  # proposed to the editor, not stored here
                self.context.show_message(self.tr("Revision proposed; the editor reviews it"))
            self.show_article(dialog.saved.id)

    def follow_changes(self, changes: Changes) -> None:
        """Articles changed (edited, imported, pulled): search again."""
        if changes.kb:
            self.search.search_now()
        if changes.session:  # signed in or out: governed by a store or not
            self.show_controls()
        elif changes.kb:
            self.show_summary()

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import articles"), "", self.tr("JSON Lines (*.jsonl *.json)")
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Import off the GUI thread with a busy indicator; report per-line problems after."""
        self.progress = QProgressDialog(
            self.tr("Importing %1…").replace("%1", path.name), "", 0, 0, self
        )
        self.progress.setCancelButton(None)
        self.progress.setMinimumDuration(200)
        actor = self.context.actor()
        self.operations(self, lambda ws: kb_ops.import_articles(ws, path, actor)).success(
            self._imported
        ).failure(self._failed).run_in_background()

    def _imported(self, report: ImportReport | kb_ops.ProposedImport) -> None:
        self._close_progress()
        if isinstance(report, kb_ops.ProposedImport):
            text = self.tr("%1 proposed to the editor, %2 unchanged.")
            text = text.replace("%1", str(report.proposed)).replace("%2", str(report.unchanged))
        else:
            text = self.tr("%1 new, %2 updated (new versions), %3 unchanged.")
            text = (
                text.replace("%1", str(report.created))
                .replace("%2", str(report.updated))
                .replace("%3", str(report.unchanged))
            )
        if report.errors:
            lines = "\n".join(str(e) for e in report.errors[:20])
            text += (
                "\n\n" + self.tr("%n line(s) not imported:", "", len(report.errors)) + "\n" + lines
            )
        inform(self, self.tr("Import finished"), text)

    def _failed(self, exc: Exception) -> None:
        self._close_progress()
        warn(self, self.tr("Import failed"), reason(exc))

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress = None

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export articles"),
            "knowledge-base.jsonl",
            self.tr("JSON Lines (*.jsonl)"),
        )
        if path:
            count = self.workspace.knowledge().export_jsonl(Path(path))
            inform(self, self.tr("Export finished"), self.tr("%n article(s) written.", "", count))
