"""Which order a quoted number means, when more than one answers to it (a duplicate number
the central store renumbered: the old number stays an alias of the renumbered order)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QWidget

from app.models.validation import mask_phone
from app.store.orders.query import OrderRow


def choose_order(parent: QWidget, number: str, rows: list[OrderRow]) -> str | None:
    """The id of the order the operator picks among `rows` (None: cancelled). One row is
    picked without asking."""
    if len(rows) == 1:
        return rows[0].id
    labels = [
        f"{r.number}　{mask_phone(r.phone)}　{r.received_at[:16].replace('T', ' ')}　{r.title}"
        for r in rows
    ]
    title = QCoreApplication.translate("OrderChoice", "Open order")
    prompt = QCoreApplication.translate("OrderChoice", "Several orders answer to %1:")
    picked, ok = QInputDialog.getItem(parent, title, prompt.replace("%1", number), labels, 0, False)
    if not ok:
        return None
    return rows[labels.index(picked)].id
