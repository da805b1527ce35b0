"""Shared pieces of the work screens: the selected order's summary, and a step dialog that
shows the rules' refusal (with its reason) instead of closing."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.models.enums import EventType
from app.models.policy import Policy
from app.models.records import Event, Order
from app.models.rules import RuleViolation
from app.models.validation import mask_phone
from app.views.common.failures import reason
from app.views.common.labels import appeal_type_label, event_label, status_label, urgency_label
from app.views.common.operation import Op, OperationRunner
from app.views.common.plain import plain, rich
from app.views.orders.models import short_time

ERROR_STYLE = "color:#c62828; font-weight:bold;"

# The request a dispatcher rules on, and the step that answers it.
REQUEST_OF = {
    EventType.RETURN_RULING: EventType.RETURN_REQUEST,
    EventType.EXTENSION_RULING: EventType.EXTENSION_REQUEST,
    EventType.UNREASONABLE_RULING: EventType.UNREASONABLE_REQUEST,
    EventType.REVIEW: EventType.REPLY,
}


def last_event(events: list[Event], kind: EventType) -> Event | None:
    return next((e for e in reversed(events) if e.type is kind), None)


class OrderSummary(QScrollArea):
    """What the selected order is about. `redact`: the screen of a handling unit, which
    never sees a confidential appellant's name or number."""

    def __init__(self, policy: Policy, redact: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.policy = policy
        self.redact = redact
        self.label = rich(QLabel(objectName="summary"))  # our markup, every value escaped
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setContentsMargins(8, 8, 8, 8)
        self.setWidget(self.label)
        self.setWidgetResizable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._revealed: tuple[str, str] = ("", "")  # (order id, full number) just revealed
        self._shown: tuple[Order | None, list[Event] | None] = (None, None)
        self.show_order(None)

    def reveal(self, order_id: str, phone: str) -> None:
        """Show this order's caller's full number (its reveal was recorded)."""
        self._revealed = (order_id, phone)
        order, events = self._shown
        if order is not None and order.id == order_id:
            self.show_order(order, events)

    def caller_text(self, order: Order) -> str:
        a = order.appellant
        if self._revealed[0] == order.id and self._revealed[1]:
            full = self.tr("%1 (full number, viewing recorded)").replace("%1", self._revealed[1])
            return f"{a.name} {full}".strip()
        if a.confidential:
            if self.redact:
                return self.tr("Confidential appellant: identity withheld from handling units")
            return self.tr("%1 (confidential)").replace("%1", f"{a.name} {mask_phone(a.phone)}")
        return f"{a.name} {mask_phone(a.phone)}".strip()

    def show_order(self, order: Order | None, events: list[Event] | None = None) -> None:
        if order is None or order.id != self._revealed[0]:
            self._revealed = ("", "")  # another order: the number is hidden again
        self._shown = (order, events)
        if order is None:
            self.show_message(self.tr("Select an order in the list."))
            return
        rows = [
            (self.tr("Status"), status_label(order.status.value)),
            (
                self.tr("Type"),
                f"{appeal_type_label(order.appeal_type.value)} · "
                f"{urgency_label(order.urgency.value)}",
            ),
            (self.tr("Category"), self.policy.category_path(order.category)),
            (self.tr("Place"), f"{self.policy.town_name(order.town)} {order.address}".strip()),
            (self.tr("Caller"), self.caller_text(order)),
            (self.tr("Received"), short_time(order.received_at.isoformat())),
            (self.tr("Reply due"), short_time(order.deadline.isoformat())),
        ]
        if order.lead_unit:
            units = self.policy.unit_name(order.lead_unit)
            if order.assist_units:
                names = "、".join(self.policy.unit_name(u) for u in order.assist_units)
                units += " + " + names
            rows.append((self.tr("Units"), units))
        if order.extra_callers:
            rows.append(
                (
                    self.tr("Other callers"),
                    self.tr("%n more caller(s)", "", len(order.extra_callers)),
                )
            )
        if order.return_count or order.extension_count or order.reopen_count:
            counts = self.tr("returned %1, extended %2, reopened %3")
            rows.append(
                (
                    self.tr("History"),
                    counts.replace("%1", str(order.return_count))
                    .replace("%2", str(order.extension_count))
                    .replace("%3", str(order.reopen_count)),
                )
            )
        table = "".join(
            f"<tr><td style='color:#555;padding-right:8px'>{escape(k)}</td>"
            f"<td>{escape(v)}</td></tr>"
            for k, v in rows
        )
        html = [f"<h3>{escape(order.number)}<br>{escape(order.title)}</h3><table>{table}</table>"]
        html.append(f"<p>{escape(order.content)}</p>")
        for event in self._recent(events or []):
            html.append(self._event_html(event))
        self.label.setText("".join(html))

    def show_message(self, text: str) -> None:
        """A line of text instead of the order (its words as they are)."""
        self.label.setText(f"<p>{escape(text)}</p>")

    def _recent(self, events: list[Event]) -> list[Event]:
        shown = (
            EventType.RETURN_REQUEST,
            EventType.EXTENSION_REQUEST,
            EventType.UNREASONABLE_REQUEST,
            EventType.REPLY,
            EventType.REVIEW,
            EventType.SUPERVISE,
            EventType.FOLLOW_UP,
            EventType.REOPEN,
        )
        return [e for e in events if e.type in shown][-3:]

    def _event_html(self, event: Event) -> str:
        p = event.payload
        text = " ".join(
            str(p[k]) for k in ("reason", "text", "opinion") if isinstance(p.get(k), str) and p[k]
        )
        if p.get("days"):
            text += " " + self.tr("%n working day(s)", "", int(p["days"]))
        head = f"{event_label(event.type.value)} · {short_time(event.client_time.isoformat())}"
        body = f"<br>{escape(text.strip())}" if text.strip() else ""
        return f"<p style='background:#fff8e1;padding:4px'><b>{escape(head)}</b>{body}</p>"


class StepDialog(QDialog):
    """A form for one step of the chain. Ctrl+Enter submits; a refusal by the rules is shown
    in the dialog with its reason, and nothing typed is lost."""

    def __init__(self, title: str, heading: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        # The step's operation (app/operations), run by `operations` on Ctrl+Enter.
        self.submit: Op[Order] | None = None
        self.operations: OperationRunner | None = None
        self.result_order: Order | None = None
        self._field_errors: dict[QWidget, QLabel] = {}  # a field → the message under it
        self._codes: dict[str, QWidget] = {}  # a refusal's code → the field it is about
        self._missing: list[tuple[QWidget, Callable[[], str]]] = []
        # `heading` is markup built with plain.fill / plain.bold_heading (values escaped).
        head = rich(QLabel(heading, objectName="heading"))
        head.setWordWrap(True)
        self.form = QFormLayout()
        self.error = plain(QLabel(objectName="error"))
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def set_ok_text(self, text: str) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(text)

    def add_row(
        self,
        label: str,
        widget: QWidget,
        *,
        refusals: Iterable[str] = (),
        missing: Callable[[], str] | None = None,
    ) -> QWidget:
        """A field. `refusals`: codes of the rules' refusals that are about this field,
        shown right under it; `missing`: the message when the field still lacks its answer
        ("" once it has one), checked before the step is tried."""
        if label:
            buddy = plain(QLabel(label))
            buddy.setBuddy(widget)
            self.form.addRow(buddy, widget)
        else:
            self.form.addRow(widget)
        codes = tuple(refusals)
        if codes or missing is not None:
            error = plain(QLabel(objectName=f"{widget.objectName() or 'field'}_error"))
            error.setStyleSheet(ERROR_STYLE)
            error.setWordWrap(True)
            self.form.addRow("", error)
            self.form.setRowVisible(error, False)
            self._field_errors[widget] = error
            self._codes.update(dict.fromkeys(codes, widget))
            if missing is not None:
                self._missing.append((widget, missing))
        return widget

    def field_error(self, widget: QWidget) -> str:
        """The message shown under `widget` now ("" when none)."""
        error = self._field_errors.get(widget)
        return error.text() if error is not None and self.form.isRowVisible(error) else ""

    def show_field_error(self, widget: QWidget, message: str) -> None:
        error = self._field_errors[widget]
        error.setText(message)
        self.form.setRowVisible(error, bool(message))

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def _clear_errors(self) -> None:
        self.show_error("")
        for widget in self._field_errors:
            self.show_field_error(widget, "")

    def _lacking(self) -> bool:
        """Show what each field still lacks beside it; focus the first. True if any."""
        lacking = [(w, m) for w, check in self._missing if (m := check()) and w.isEnabled()]
        for widget, message in lacking:
            self.show_field_error(widget, message)
        if lacking:
            lacking[0][0].setFocus()
        return bool(lacking)

    def accept(self) -> None:
        self._clear_errors()
        if self._lacking():
            return
        if self.submit is None:
            super().accept()
            return
        assert self.operations is not None, "set by the screen that opens the dialog"
        self.operations(self, self.submit).success(self._done).failure(self._refused).run_now()

    def _done(self, order: Order) -> None:
        self.result_order = order
        super().accept()

    def _refused(self, exc: Exception) -> None:
        """Beside the field it is about, or under the form; everything typed is kept."""
        if isinstance(exc, RuleViolation) and exc.code in self._codes:
            widget = self._codes[exc.code]
            self.show_field_error(widget, exc.message)
            widget.setFocus()
        elif isinstance(exc, RuleViolation):
            self.show_error(self.tr("Not allowed: %1").replace("%1", exc.message))
        else:  # the store failed: say so
            self.show_error(self.tr("Could not save: %1").replace("%1", reason(exc)))
