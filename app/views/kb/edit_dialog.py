"""Edit a knowledge-base article: saving makes a new version; the old one stays readable."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.models.kb import Article, ArticleInvalid
from app.models.operations import Actor
from app.models.rules import RuleViolation
from app.operations import kb as kb_ops
from app.store.workspace import Workspace
from app.views.common.operation import OperationRunner, show_failure
from app.views.common.plain import plain
from app.views.common.widgets import ERROR_STYLE, SearchCombo, fit_to_screen


class ArticleEditDialog(QDialog):
    def __init__(
        self,
        workspace: Workspace,
        article: Article,
        operations: OperationRunner,
        parent: QWidget | None = None,
        actor: Actor | None = None,
    ) -> None:
        super().__init__(parent)
        self.actor = actor  # on a workspace governed by a central store the edit is proposed
        self.workspace = workspace
        self.operations = operations
        self.article = article
        self.saved: Article | None = None
        self.setWindowTitle(self.tr("Edit article %1").replace("%1", article.id))
        fit_to_screen(self, 760, 680)
        policy = workspace.policy
        self.title = QLineEdit(article.title, objectName="title")
        self.questions = QPlainTextEdit("\n".join(article.questions), objectName="questions")
        self.answer = QPlainTextEdit(article.answer, objectName="answer")
        self.keywords = QLineEdit("、".join(article.keywords), objectName="keywords")
        self.legal_basis = QLineEdit(article.legal_basis or "", objectName="legal_basis")
        self.unit = SearchCombo()
        for unit in policy.units:
            self.unit.add(unit.name, unit.code)
        self.unit.select_code(article.unit)
        self.category = SearchCombo()
        for category in policy.leaf_categories():
            self.category.add(category.path, category.code)
        self.category.select_code(article.category)
        self.effective = self._date_edit(article.effective)
        self.has_expiry = QCheckBox(self.tr("Expires on"))
        self.expires = self._date_edit(article.expires)
        self.has_expiry.setChecked(article.expires is not None)
        self.expires.setEnabled(article.expires is not None)
        self.has_expiry.toggled.connect(self.expires.setEnabled)
        for edit in (self.questions, self.answer):
            edit.setTabChangesFocus(True)
        expiry = QHBoxLayout()
        expiry.addWidget(self.has_expiry)
        expiry.addWidget(self.expires, 1)
        self.error = plain(QLabel(objectName="error"))
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("&Title"), self.title)
        form.addRow(self.tr("&Questions (one per line)"), self.questions)
        form.addRow(self.tr("Official &answer"), self.answer)
        form.addRow(self.tr("&Keywords"), self.keywords)
        form.addRow(self.tr("&Responsible unit"), self.unit)
        form.addRow(self.tr("&Category"), self.category)
        form.addRow(self.tr("&Legal basis"), self.legal_basis)
        form.addRow(self.tr("&Effective from"), self.effective)
        form.addRow("", QWidget())
        form.addRow("", self._wrap(expiry))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(self.error)
        form.addRow(buttons)
        self.setLayout(form)

    @staticmethod
    def _wrap(layout: QHBoxLayout) -> QWidget:
        widget = QWidget()
        layout.setContentsMargins(0, 0, 0, 0)
        widget.setLayout(layout)
        return widget

    @staticmethod
    def _date_edit(value: date | None) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setDate(QDate(value) if value else QDate.currentDate())
        return edit

    def save(self) -> None:
        """Store a new version; on a refusal say why and keep everything typed."""
        keywords = [k.strip() for k in self.keywords.text().replace(",", "、").split("、")]
        fields: dict[str, Any] = dict(
            title=self.title.text().strip(),
            questions=tuple(
                q.strip() for q in self.questions.toPlainText().splitlines() if q.strip()
            ),
            answer=self.answer.toPlainText().strip(),
            keywords=tuple(k for k in keywords if k),
            unit=self.unit.code(),
            category=self.category.code(),
            legal_basis=self.legal_basis.text().strip() or None,
            effective=self.effective.date().toPython(),
            expires=self.expires.date().toPython() if self.has_expiry.isChecked() else None,
        )
        article_id, actor = self.article.id, self.actor
        self.operations(
            self, lambda ws: kb_ops.edit_article(ws, article_id, actor, **fields)
        ).success(self._saved).failure(self._refused).run_now()

    def _saved(self, article: Article) -> None:
        self.saved = article
        self.accept()

    def _refused(self, exc: Exception) -> None:
        if isinstance(exc, RuleViolation):  # a refused proposal, beside the form
            self.error.setText(exc.message)
        elif isinstance(exc, (ArticleInvalid, ValueError)):  # beside the form
            self.error.setText(str(exc))
        else:
            show_failure(self, exc)
