"""The dispatcher's step dialogs: dispatch with a unit picker, rulings, review, merge."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.models.deadlines import extend
from app.models.policy import Policy
from app.models.records import Order
from app.operations.changes import Done
from app.store.dispatch.suggest import Suggestion
from app.store.workspace import Workspace
from app.views.common.plain import bold_heading, fill, plain, set_tip
from app.views.common.widgets import SearchCombo
from app.views.orders.models import short_time
from app.views.work.panel import StepDialog


def text_box(height: int = 70) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


class UnitPicker(QWidget):
    """Assisting units: a filter line and a checkable list (Space ticks the current one)."""

    def __init__(self, policy: Policy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter = QLineEdit(objectName="assist_filter")
        self.filter.setPlaceholderText(self.tr("Filter units"))
        self.list = QListWidget(objectName="assists")
        self.list.setMinimumHeight(150)
        for unit in policy.units:
            item = QListWidgetItem(unit.name)
            item.setData(Qt.ItemDataRole.UserRole, unit.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.chosen = plain(QLabel(objectName="assists_chosen"))
        self.chosen.setWordWrap(True)
        self.filter.textChanged.connect(self._filter)
        self.list.itemChanged.connect(lambda _i: self._show_chosen())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        layout.addWidget(self.chosen)
        self.setFocusProxy(self.filter)
        self._show_chosen()

    def _show_chosen(self) -> None:
        names = [
            self.list.item(r).text()
            for r in range(self.list.count())
            if self.list.item(r).checkState() == Qt.CheckState.Checked
        ]
        text = "、".join(names) if names else self.tr("none")
        self.chosen.setText(self.tr("Chosen: %1").replace("%1", text))

    def _filter(self, text: str) -> None:
        first = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = bool(text) and text.lower() not in item.text().lower()
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        if first is not None:
            self.list.setCurrentItem(first)

    def set_codes(self, codes: Sequence[str]) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in codes
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def codes(self) -> list[str]:
        return [
            str(self.list.item(r).data(Qt.ItemDataRole.UserRole))
            for r in range(self.list.count())
            if self.list.item(r).checkState() == Qt.CheckState.Checked
        ]


class DispatchDialog(StepDialog):
    def __init__(
        self,
        policy: Policy,
        order: Order,
        suggestions: list[Suggestion],
        submit: Callable[[Workspace, str, list[str], str], Done[Order]],
        parent: QWidget | None = None,
    ) -> None:
        again = bool(order.lead_unit)
        title = self.tr("Re-dispatch") if again else self.tr("Dispatch")
        super().__init__(title, bold_heading(order.number, order.title), parent)
        self.setMinimumWidth(680)
        self.policy = policy
        self.suggestions = suggestions
        self.suggested = QListWidget(objectName="suggestions")
        self.suggested.setMaximumHeight(110)
        for s in suggestions:
            self.suggested.addItem(self._suggestion_text(s))
        self.lead = SearchCombo()
        self.lead.setObjectName("lead")
        for unit in policy.units:
            self.lead.add(unit.name, unit.code)
        self.assists = UnitPicker(policy)
        self.reason = QLineEdit(objectName="reason")
        self.add_row(self.tr("&Suggested"), self.suggested)
        self.add_row(self.tr("&Lead unit"), self.lead)
        self.add_row(self.tr("&Assisting"), self.assists)
        self.add_row(self.tr("&Reason"), self.reason)
        self.set_ok_text(
            self.tr("Re-dispatch (Ctrl+Enter)") if again else self.tr("Dispatch (Ctrl+Enter)")
        )
        self.suggested.currentRowChanged.connect(self._use_suggestion)
        self.lead.currentTextChanged.connect(self._lead_changed)
        if suggestions:
            self.suggested.setCurrentRow(0)
        else:
            self.lead.select_code("")
        self.lead.setFocus()
        self.submit = lambda ws: submit(
            ws, self.lead_code(), self.assists.codes(), self.reason.text()
        )

    def lead_code(self) -> str:
        return self.lead.code() or self.lead.currentText().strip()

    def _suggestion_text(self, s: Suggestion) -> str:
        name = self.policy.unit_name(s.lead)
        if s.source == "catalogue":
            text = self.tr("%1 (dispatch catalogue)").replace("%1", name)
        else:
            text = self.tr("%1 (similar orders went here)").replace("%1", name)
        if s.count:
            text += "　" + self.tr("%n past order(s)", "", s.count)
        if s.assists:
            assists = "、".join(self.policy.unit_name(a) for a in s.assists)
            text += "　" + self.tr("assisted by %1").replace("%1", assists)
        return text

    def _lead_changed(self) -> None:
        """The lead cannot also assist: untick it among the assisting units."""
        lead = self.lead.code()
        if lead in self.assists.codes():
            self.assists.set_codes([c for c in self.assists.codes() if c != lead])

    def _use_suggestion(self, row: int) -> None:
        if 0 <= row < len(self.suggestions):
            s = self.suggestions[row]
            self.lead.select_code(s.lead)
            self.assists.set_codes(s.assists)


class RulingDialog(StepDialog):
    """Rule on a request: return (uphold / refuse), extension (approve / refuse with the
    new deadline shown as the days change), unreasonable appeal (approve / refuse)."""

    def __init__(
        self,
        title: str,
        heading: str,
        yes: str,
        no: str,
        submit: Callable[[Workspace, bool, int, str], Done[Order]],
        *,
        days: int = 0,
        order: Order | None = None,
        policy: Policy | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, heading, parent)
        self.yes = QRadioButton(yes, objectName="yes")
        self.no = QRadioButton(no, objectName="no")
        self.yes.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.yes)
        group.addButton(self.no)
        choice = QWidget()
        row = QHBoxLayout(choice)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.yes)
        row.addWidget(self.no)
        row.addStretch(1)
        self.add_row(self.tr("Ruling"), choice)
        self.days = QSpinBox(objectName="days")
        self.new_deadline = plain(QLabel(objectName="new_deadline"))
        if days and order is not None and policy is not None:
            self.days.setRange(1, 60)
            self.days.setValue(days)
            self.add_row(self.tr("&Days"), self.days)
            self.add_row(self.tr("New deadline"), self.new_deadline)

            def show_deadline() -> None:
                since = order.received_at.date()
                due = extend(order.deadline, self.days.value(), policy.calendar, since)
                text = short_time(due.due.isoformat())
                self.new_deadline.setText(text + ("\n⚠ " + due.warning if due.warning else ""))
                set_tip(self.new_deadline, due.warning)

            self.days.valueChanged.connect(show_deadline)
            show_deadline()
        self.opinion = text_box()
        self.opinion.setObjectName("opinion")
        self.add_row(self.tr("&Opinion"), self.opinion)
        self.yes.setFocus()
        self.submit = lambda ws: submit(
            ws, self.yes.isChecked(), self.days.value(), self.opinion.toPlainText()
        )


class MergeDialog(StepDialog):
    def __init__(
        self,
        order: Order,
        candidates: list[tuple[str, str]],
        submit: Callable[[Workspace, str, str], Done[Order]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            self.tr("Merge"),
            fill(
                self.tr("Merge %1 into the order it repeats; its callers join that order.").replace(
                    "%1", "<b>%1</b>"
                ),
                order.number,
            ),
            parent,
        )
        self.target = SearchCombo()
        self.target.setObjectName("target")
        for number, title in candidates:
            self.target.add(f"{number}　{title}", number)
        self.target.select_code(candidates[0][0] if candidates else "")
        self.reason = QLineEdit(objectName="reason")
        self.reason.setText(self.tr("Same matter, merged"))
        self.add_row(self.tr("&Into order"), self.target)
        self.add_row(self.tr("&Reason"), self.reason)
        self.target.setFocus()
        self.submit = lambda ws: submit(
            ws, self.target.code() or self.target.currentText().strip(), self.reason.text()
        )
