"""The knowledge-base hit list: ranked articles with the words that matched highlighted."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtWidgets import QStyledItemDelegate

from app.views.common.plain import tip

if TYPE_CHECKING:
    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QStyleOptionViewItem

    from app.models.kb import SearchHit, Span

Index = QModelIndex | QPersistentModelIndex
HTML_ROLE = Qt.ItemDataRole.UserRole + 1
HIT_ROLE = Qt.ItemDataRole.UserRole + 2
MARK = "<span style='background:#fff176; color:#000'>"


def marked(text: str, spans: tuple[Span, ...]) -> str:
    """HTML of `text` with the spans highlighted; everything else escaped."""
    out: list[str] = []
    position = 0
    for start, end in sorted(spans):
        if start < position:
            continue
        out.append(html.escape(text[position:start]))
        out.append(MARK + html.escape(text[start:end]) + "</span>")
        position = end
    out.append(html.escape(text[position:]))
    return "".join(out)


class KbHitModel(QAbstractListModel):
    def __init__(self, unit_name: Any = str, parent: Any = None) -> None:
        super().__init__(parent)
        self.hits: list[SearchHit] = []
        self.unit_name = unit_name

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self.hits = list(hits)
        self.endResetModel()

    def hit_at(self, row: int) -> SearchHit | None:
        return self.hits[row] if 0 <= row < len(self.hits) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        hit = self.hit_at(index.row()) if index.isValid() else None
        if hit is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip(hit.snippet)
        if role == HIT_ROLE:
            return hit.id
        if role == HTML_ROLE:
            title = marked(hit.title, hit.title_spans)
            if hit.expired:
                expired = QCoreApplication.translate("KbHitModel", "expired")
                title = f"<s>{title}</s> <span style='color:#c62828'>[{expired}]</span>"
            unit = html.escape(self.unit_name(hit.unit)) if hit.unit else ""
            snippet = marked(hit.snippet, hit.snippet_spans)
            return (
                f"<div><b>{title}</b>　<span style='color:#546e7a'>{unit}</span></div>"
                f"<div style='color:#455a64'>{snippet}</div>"
            )
        return None


class HtmlDelegate(QStyledItemDelegate):
    """Draws an item's HTML_ROLE text, so matched words can be highlighted in a list.

    (Its Qt classes load with the first item drawn: the intake's suggestion panel need
    not load them at start-up.)"""

    def _document(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        from PySide6.QtGui import QTextDocument

        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(str(index.data(HTML_ROLE) or ""))
        doc.setTextWidth(max(option.rect.width() - 8, 100))
        return doc

    def paint(self, painter: Any, option: QStyleOptionViewItem, index: Index) -> None:
        from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette
        from PySide6.QtWidgets import QStyle

        self.initStyleOption(option, index)
        doc = self._document(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        painter.save()
        painter.translate(option.rect.left() + 4, option.rect.top() + 3)
        context = QAbstractTextDocumentLayout.PaintContext()
        if option.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(
                QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.HighlightedText)
            )
        painter.setClipRect(QRectF(0, 0, option.rect.width() - 4, option.rect.height() - 3))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()) + 8, int(doc.size().height()) + 6)
