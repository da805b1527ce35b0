"""The knowledge-base queue (知识库审核): what waits on the editor or on a unit.

The editor (知识库管理员) sees the whole city: every proposal waiting for a ruling, with the
answer compared side by side (what is removed marked on the left, what is added on the
right) and a proposal started from an older version marked stale with both versions; and
approves (Ctrl+Shift+P), returns with a reason (Ctrl+Shift+B) or edits the proposed answer
and approves (Ctrl+Shift+E). A unit sees its own proposals, the flags (纠错) on its articles,
which it resolves (Ctrl+Shift+D), and its articles expiring within the policy's days
(resources/policy/kb_governance.json). Above, per unit: articles owned, proposals waiting,
flags open, articles expiring.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.models.enums import Role
from app.models.kb import Article
from app.models.kb_diff import Piece, changed_fields, side_by_side
from app.models.kb_events import Decision, Flag, content_of, proposed_article
from app.operations import kb as kb_ops
from app.operations.changes import Changes
from app.resources import kb_expiry_days
from app.store.kb.governance import Waiting
from app.views.common.failures import reason
from app.views.common.plain import plain, warn
from app.views.shell.actions import build_actions

if TYPE_CHECKING:
    from app.views.shell.context import ScreenContext

_MARK = {"del": "background:#ffcdd2;text-decoration:line-through", "ins": "background:#c8e6c9"}


def pieces_html(pieces: list[Piece]) -> str:
    """Escaped text with the changed pieces marked: nothing typed is read as markup."""
    out = []
    for kind, text in pieces:
        body = html.escape(text).replace("\n", "<br>")
        out.append(f"<span style='{_MARK[kind]}'>{body}</span>" if kind in _MARK else body)
    return "".join(out)


@dataclass(frozen=True)
class Entry:
    kind: str  # "proposal" | "returned" | "flag" | "expiring"
    article: str
    item: Any  # Waiting | Proposal | Flag | Article


class KbQueuePage(QWidget):
    def __init__(self, context: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.workspace = context.workspace
        self.operations = context.operations
        self.operations.changes.changed.connect(self.follow_changes)
        self.summary = QTableWidget(0, 5, objectName="kb_summary")
        self.summary.setHorizontalHeaderLabels(
            [
                self.tr("Unit"),
                self.tr("Articles"),
                self.tr("Proposals waiting"),
                self.tr("Flags open"),
                self.tr("Expiring"),
            ]
        )
        self.summary.verticalHeader().setVisible(False)
        self.summary.setMaximumHeight(160)
        header = self.summary.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.summary.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.entries = QListWidget(objectName="kb_queue")
        self.entries.currentRowChanged.connect(lambda _r: self.show_entry())
        self.notice = plain(QLabel(objectName="kb_queue_notice"))
        self.notice.setWordWrap(True)
        self.left = QTextBrowser(objectName="kb_diff_old")
        self.right = QPlainTextEdit(objectName="kb_diff_new")
        self.right_view = QTextBrowser(objectName="kb_diff_new_view")
        self.right_hint = plain(
            QLabel(self.tr("The answer as it will be published by Edit and approve:"))
        )
        self.left_title = plain(QLabel())
        self.right_title = plain(QLabel())
        self.approve = QPushButton(self.tr("Approve (Ctrl+Shift+P)"), objectName="kb_approve")
        self.send_back = QPushButton(self.tr("Return… (Ctrl+Shift+B)"), objectName="kb_return")
        self.edit_approve = QPushButton(
            self.tr("Edit and approve (Ctrl+Shift+E)"), objectName="kb_edit_approve"
        )
        self.resolve = QPushButton(self.tr("Resolve flag (Ctrl+Shift+D)"), objectName="kb_resolve")
        self.approve.clicked.connect(lambda: self.rule(Decision.APPROVE))
        self.send_back.clicked.connect(lambda: self.rule(Decision.RETURN))
        self.edit_approve.clicked.connect(lambda: self.rule(Decision.EDIT))
        self.resolve.clicked.connect(self.resolve_flag)
        self._layout()
        build_actions(
            self,
            {
                "kb_approve": lambda: self.rule(Decision.APPROVE),
                "kb_return": lambda: self.rule(Decision.RETURN),
                "kb_edit_approve": lambda: self.rule(Decision.EDIT),
                "kb_resolve_flag": self.resolve_flag,
            },
        )
        self.setFocusProxy(self.entries)
        self.refresh()

    def _layout(self) -> None:
        columns = QSplitter(Qt.Orientation.Horizontal)
        for title, view in ((self.left_title, self.left), (self.right_title, self.right_view)):
            box = QWidget()
            inner = QVBoxLayout(box)
            inner.setContentsMargins(0, 0, 0, 0)
            inner.addWidget(title)
            inner.addWidget(view, 1)
            if view is self.right_view:
                inner.addWidget(self.right_hint)
                inner.addWidget(self.right, 1)
            columns.addWidget(box)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.addWidget(self.notice)
        detail_layout.addWidget(columns, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.resolve, self.send_back, self.edit_approve, self.approve):
            buttons.addWidget(button)
        detail_layout.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.entries)
        split.addWidget(detail)
        split.setSizes([360, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)

    # ---- reading ------------------------------------------------------------------------

    @property
    def editor(self) -> bool:
        return self.context.actor().role in (Role.KB_EDITOR, Role.ADMIN)

    def _unit(self) -> str | None:
        """The unit whose queue this is; None: the whole city (the editor)."""
        actor = self.context.actor()
        return None if self.editor else actor.unit

    def refresh(self) -> None:
        gov = self.workspace.governance()
        unit = self._unit()
        today = self.workspace.clock().date()
        days = kb_expiry_days()
        rows = [s for s in gov.summaries(today, days) if unit is None or s.unit == unit]
        rows.sort(key=lambda s: (-(s.proposals + s.flags + s.expiring), s.unit))  # work first
        self.summary.setRowCount(len(rows))
        policy = self.workspace.policy
        for r, s in enumerate(rows):
            name = policy.unit_name(s.unit) if s.unit else self.tr("(no unit)")
            for c, value in enumerate((name, s.articles, s.proposals, s.flags, s.expiring)):
                self.summary.setItem(r, c, QTableWidgetItem(str(value)))
        entries = [Entry("proposal", w.proposal.article, w) for w in gov.waiting(unit)]
        if unit is not None:
            entries += [Entry("returned", p.article, p) for p in gov.returned(unit)]
        entries += [Entry("flag", f.article, f) for f in gov.open_flags(unit)]
        if unit is not None:
            entries += [Entry("expiring", a.id, a) for a in gov.expiring(today, days, unit)]
        self._entries = entries
        self.entries.clear()
        for entry in entries:
            self.entries.addItem(QListWidgetItem(self._entry_text(entry)))
        if entries:
            self.entries.setCurrentRow(0)
        self.show_entry()

    def _entry_text(self, entry: Entry) -> str:
        if entry.kind == "proposal":
            w: Waiting = entry.item
            title = str(w.proposal.content.get("title", entry.article))
            stale = self.tr(" [stale]") if w.stale else ""
            return self.tr("Proposal: %1%2").replace("%1", title).replace("%2", stale)
        if entry.kind == "returned":
            return self.tr("Returned: %1").replace("%1", str(entry.item.content.get("title", "")))
        if entry.kind == "flag":
            return (
                self.tr("Flag: %1 — %2").replace("%1", entry.article).replace("%2", entry.item.note)
            )
        return (
            self.tr("Expires %1: %2")
            .replace("%1", str(entry.item.expires))
            .replace("%2", entry.item.title)
        )

    def current(self) -> Entry | None:
        row = self.entries.currentRow()
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def show_entry(self) -> None:
        entry = self.current()
        is_proposal = entry is not None and entry.kind == "proposal"
        for button in (self.approve, self.send_back, self.edit_approve):
            button.setVisible(self.editor)
            button.setEnabled(is_proposal)
        self.resolve.setVisible(entry is not None and entry.kind == "flag")
        self.right.setVisible(self.editor and is_proposal)
        self.right_hint.setVisible(self.editor and is_proposal)
        if entry is None:
            self.notice.setText(self.tr("Nothing waits here."))
            self.left.clear()
            self.right_view.clear()
            self.left_title.setText("")
            self.right_title.setText("")
            return
        if entry.kind == "proposal":
            self._show_proposal(entry.item)
        elif entry.kind == "flag":
            self._show_flag(entry.item)
        elif entry.kind == "returned":
            self.notice.setText(
                self.tr("Returned by %1: %2")
                .replace("%1", entry.item.ruled_by)
                .replace("%2", entry.item.reason)
            )
            self._compare(None, dict(entry.item.content), self.tr("Proposed"))
        else:
            self.notice.setText(
                self.tr("Expires on %1: propose a revision or a new expiry date.").replace(
                    "%1", str(entry.item.expires)
                )
            )
            self._compare(None, content_of(entry.item), self.tr("Current"))

    def _show_proposal(self, waiting: Waiting) -> None:
        proposal = waiting.proposal
        current = waiting.current
        old = content_of(current) if current is not None else {}
        fields = changed_fields(old, proposal.content)
        who = self.tr("Proposed by %1 (%2) from version %3.").replace("%1", proposal.author)
        who = who.replace("%2", proposal.unit or "—").replace("%3", str(proposal.base_version))
        lines = [who]
        if proposal.note:
            lines.append(self.tr("Note: %1").replace("%1", proposal.note))
        if fields:
            names = "、".join(self._field_name(f) for f in fields)
            lines.append(self.tr("Changed: %1").replace("%1", names))
        if waiting.stale and current is not None:
            lines.append(
                self.tr(
                    "Stale: the article was published again (version %1) after the version "
                    "this proposal started from (%2); both are shown."
                )
                .replace("%1", str(current.version))
                .replace("%2", str(proposal.base_version))
            )
        self.notice.setText("\n".join(lines))
        title = self.tr("Current version %1").replace("%1", str(current.version)) if current else ""
        self._compare(current, dict(proposal.content), self.tr("Proposed"), title, waiting.base)

    def _field_name(self, key: str) -> str:
        names = {
            "title": self.tr("title"),
            "questions": self.tr("caller phrasings"),
            "answer": self.tr("answer"),
            "category": self.tr("category"),
            "unit": self.tr("unit"),
            "keywords": self.tr("keywords"),
            "legal_basis": self.tr("legal basis"),
            "effective": self.tr("effective date"),
            "expires": self.tr("expiry date"),
        }
        return names.get(key, key)

    def _compare(
        self,
        current: Article | None,
        new: dict[str, Any],
        right_title: str,
        left_title: str = "",
        base: Article | None = None,
    ) -> None:
        old_answer = current.answer if current is not None else ""
        new_answer = str(new.get("answer", ""))
        left, right = side_by_side(old_answer, new_answer)
        self.left_title.setText(left_title or self.tr("(new article)"))
        body = pieces_html(left)
        if base is not None and current is not None and base.version != current.version:
            heading = self.tr("Version %1, which the proposal started from").replace(
                "%1", str(base.version)
            )
            body += f"<hr><p><b>{html.escape(heading)}</b></p><p>{html.escape(base.answer)}</p>"
        self.left.setHtml(body)
        self.right_title.setText(right_title)
        self.right_view.setHtml(pieces_html(right))
        self.right.setPlainText(new_answer)
        self._proposed = new

    def _show_flag(self, flag: Flag) -> None:
        text = self.tr("Flagged by %1 on version %2: %3")
        self.notice.setText(
            text.replace("%1", flag.author)
            .replace("%2", str(flag.version))
            .replace("%3", flag.note)
        )
        article = self.workspace.knowledge().get(flag.article)
        self._compare(None, content_of(article) if article else {}, self.tr("Current"))

    # ---- acting -------------------------------------------------------------------------

    def rule(self, decision: Decision) -> None:
        entry = self.current()
        if not self.editor or entry is None or entry.kind != "proposal":
            return
        waiting: Waiting = entry.item
        why = ""
        if decision is Decision.RETURN:
            why, ok = QInputDialog.getText(
                self, self.tr("Return proposal"), self.tr("Reason (the unit reads it):")
            )
            if not ok:
                return
        content = {**self._proposed, "answer": self.right.toPlainText()}
        actor = self.context.actor()
        proposal_id = waiting.proposal.id

        def run(ws: Any) -> Any:
            edited = proposed_article(entry.article, content) if decision is Decision.EDIT else None
            return kb_ops.rule(ws, actor, entry.article, proposal_id, decision, why, edited)

        self.operations(self, run).success(lambda _e: None).failure(self._refused).run_now()

    def resolve_flag(self) -> None:
        entry = self.current()
        if entry is None or entry.kind != "flag":
            return
        note, ok = QInputDialog.getText(self, self.tr("Resolve flag"), self.tr("What was done:"))
        if not ok:
            return
        actor = self.context.actor()
        flag_id = entry.item.id
        self.operations(
            self, lambda ws: kb_ops.resolve_flag(ws, actor, entry.article, flag_id, note)
        ).success(lambda _e: None).failure(self._refused).run_now()

    def _refused(self, exc: Exception) -> None:
        warn(self, self.tr("Not recorded"), reason(exc))

    def follow_changes(self, changes: Changes) -> None:
        if changes.kb:
            self.refresh()
