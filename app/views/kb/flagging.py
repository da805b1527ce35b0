"""纠错: flag an article's answer as wrong or outdated with a short note (Ctrl+Shift+J from
the knowledge base, Ctrl+K's dialog or the intake's suggestion panel). The flag goes to the
owning unit's queue and the editor's; the article shows that a correction is pending."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QWidget

from app.models.enums import EventType
from app.models.operations import Actor
from app.models.rules import RULES
from app.operations import kb as kb_ops
from app.views.common.failures import reason
from app.views.common.operation import OperationRunner
from app.views.common.plain import warn


def may_flag(actor: Actor) -> bool:
    return actor.role in RULES[EventType.KB_FLAG].roles


def flag_article(
    parent: QWidget,
    operations: OperationRunner,
    actor: Actor,
    article_id: str,
    done: Callable[[], None] = lambda: None,
) -> None:
    """Ask for the note, record the flag; a refusal is said in a message, the note kept."""
    if not article_id or not may_flag(actor):
        return
    note, ok = QInputDialog.getText(
        parent,
        QCoreApplication.translate("Flagging", "Flag a correction"),
        QCoreApplication.translate(
            "Flagging", "What is wrong or outdated in this answer (briefly):"
        ),
    )
    if not ok:
        return

    def record(ws: object) -> object:
        from app.store.workspace import Workspace

        assert isinstance(ws, Workspace)
        article = ws.knowledge().get(article_id)
        version = article.version if article is not None else 0
        return kb_ops.flag(ws, actor, article_id, version, note)

    def refused(exc: Exception) -> None:
        warn(
            parent,
            QCoreApplication.translate("Flagging", "Flag not recorded"),
            reason(exc) + "\n\n" + note,
        )

    operations(parent, record).success(lambda _e: done()).failure(refused).run_now()
