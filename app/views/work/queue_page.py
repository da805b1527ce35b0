"""The frame every work screen shares: queue tabs, the queue, the selected order, the steps.

Subclasses name their queues (`queues`) and their steps (`steps`: action id, button text,
the event it needs, the handler). A step's button and shortcut are enabled only when the
rules allow that event for this user on the selected order (rules.allowed_events), so the
screen never offers what the rules refuse; the rules still check every step on submit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from app.models.enums import EventType
from app.models.policy import Policy
from app.models.records import Order
from app.models.rules import RuleViolation, allowed_events
from app.models.visibility import viewer_of
from app.operations import orders
from app.operations.changes import Changes
from app.store.queues.work import QueueQueries, QueueRow
from app.views.common.flow import FlowLayout
from app.views.common.operation import Op, show_failure
from app.views.common.plain import plain, rich
from app.views.common.widgets import RoomForTitles, record_table
from app.views.shell.actions import SPEC_BY_ID, build_actions
from app.views.work.panel import OrderSummary, StepDialog
from app.views.work.queue_models import QueueModel

if TYPE_CHECKING:
    from app.views.shell.context import ScreenContext


@dataclass(frozen=True)
class Step:
    action: str  # id in actions.ACTIONS (text and shortcut come from there)
    events: tuple[EventType, ...]  # enabled when any of these is allowed now
    run: Callable[[], None]
    text: str


class QueuePage(QWidget):
    open_order = Signal(str)

    redact = False
    columns = QueueModel.ALL_COLUMNS

    def __init__(self, context: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.workspace = workspace = context.workspace
        self.policy = workspace.policy
        self.actor = context.actor
        # the window's runner: every step's notice refreshes every screen (this one too)
        self.operations = context.operations
        self.operations.changes.changed.connect(self.follow_changes)
        self.queries = QueueQueries(workspace.database)
        self.order: Order | None = None
        self.dialog: QWidget | None = None
        self.model = QueueModel(self.policy, workspace.clock, self.columns, self)
        self.tabs = QTabBar(objectName="queues")
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for _ in self.queue_ids():
            self.tabs.addTab("")
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        self.heading = rich(QLabel(objectName="page_heading"))  # our own markup
        self.table = record_table(self.model, "queue")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the queue's own order first
        self.table.setSortingEnabled(True)  # a header sorts by its column's value (QueueModel)
        # the arrow, and the room every column keeps for it, only once a column is sorted
        header.setSortIndicatorShown(False)
        header.sortIndicatorChanged.connect(lambda c, _o: header.setSortIndicatorShown(c >= 0))
        if "title" in self.columns:
            RoomForTitles(self.table, self.columns.index("title"))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selected())
        self.table.activated.connect(lambda _i: self._open_current())
        self.summary = OrderSummary(self.policy, redact=self.redact)
        self.empty = plain(QLabel(objectName="empty"))
        self.empty.setStyleSheet("color:#666; padding:6px;")

        self.step_list = self.steps()
        self.buttons: dict[str, QPushButton] = {}
        bar = FlowLayout()  # wraps on a small screen rather than widening the window
        for step in self.step_list:
            keys = SPEC_BY_ID[step.action].shortcuts
            button = QPushButton(f"{step.text} ({keys[0]})" if keys else step.text)
            button.setObjectName(step.action)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the shortcut is the keyboard way
            button.clicked.connect(lambda _c=False, run=step.run: run())
            self.buttons[step.action] = button
            bar.addWidget(button)
        self.actions = build_actions(self, {s.action: self._guarded(s) for s in self.step_list})

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tabs)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.summary, 1)
        self.side = right_layout
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([960, 320])  # the queue's columns first; the summary wraps
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(splitter, 1)
        layout.addLayout(bar)
        self.setFocusProxy(self.table)

    # ---- for subclasses -----------------------------------------------------------------

    def queue_ids(self) -> list[str]:
        raise NotImplementedError

    def tab_titles(self) -> list[str]:
        raise NotImplementedError

    def load(self, queue: str) -> list[QueueRow]:
        raise NotImplementedError

    def steps(self) -> list[Step]:
        raise NotImplementedError

    def empty_text(self) -> str:
        return self.tr("Nothing waiting here.")

    def order_selected(self, order: Order | None) -> None:
        """Hook: the selection changed (e.g. to show dispatch suggestions)."""

    def policy_changed(self, policy: Policy) -> None:
        """Hook: a pull brought other units or another dispatch catalogue."""

    def _follow_policy(self) -> None:
        # Names, buttons and dialogs use the unit list the workspace checks with, which a
        # pull may have replaced since the page was built.
        policy = self.workspace.refresh_policy()
        if policy is not self.policy:
            self.policy = self.model.policy = self.summary.policy = policy
            self.policy_changed(policy)

    # ---- behaviour ----------------------------------------------------------------------

    def current_queue(self) -> str:
        return self.queue_ids()[max(0, self.tabs.currentIndex())]

    def refresh(self) -> None:
        self._follow_policy()
        selected = self.order.id if self.order else ""
        # only what the user may see of each order (app/store/access.py)
        access = self.workspace.access(viewer_of(self.actor()))
        self.model.set_rows(access.queue(self.load(self.current_queue())))
        for index, title in enumerate(self.tab_titles()):
            self.tabs.setTabText(index, title)
        self.empty.setText(self.empty_text() if not self.model.rowCount() else "")
        self.empty.setVisible(not self.model.rowCount())
        row = next((i for i, r in enumerate(self.model.rows) if r.id == selected), 0)
        if self.model.rowCount():
            self.table.selectRow(row)
        self._selected()

    def _selected(self) -> None:
        row = self.model.row_at(self.table.currentIndex().row())
        view = self.workspace.open_order(viewer_of(self.actor()), row.id) if row else None
        self.order = view.order if view else None
        self.summary.show_order(self.order, view.events if view else [])
        self.order_selected(self.order)
        self.update_steps()

    def allowed(self) -> set[EventType]:
        if self.order is None:
            return set()
        actor = self.actor()
        return set(
            allowed_events(
                self.order, actor.role, actor_unit=actor.unit, units=self.policy.unit_info
            )
        )

    def update_steps(self) -> None:
        allowed = self.allowed()
        for step in self.step_list:
            enabled = any(e in allowed for e in step.events)
            self.buttons[step.action].setEnabled(enabled)
            self.actions[step.action].setEnabled(enabled)

    def _guarded(self, step: Step) -> Callable[[], None]:
        def run() -> None:
            if self.buttons[step.action].isEnabled():
                step.run()

        return run

    def follow_changes(self, changes: Changes) -> None:
        """The one change signal: orders moved (a step here or elsewhere, a pull)."""
        if (changes.any_order or changes.session) and self.isVisible():
            self.refresh()

    def done(self, order: Order | None, message: str) -> None:
        """After a step: keep the keyboard in the queue, tell the window (the step's notice
        refreshes the queue)."""
        if order is None:
            return
        self.window().activateWindow()
        self.table.setFocus()
        self.show_status(message.replace("%1", order.number))

    def show_status(self, text: str) -> None:
        self.context.show_message(text)

    def run_step(self, op: Op[Order], message: str) -> None:
        """A step without a form (sign, close): a refusal is shown in the summary."""
        self.operations(self, op).success(lambda order: self.done(order, message)).failure(
            self.refused
        ).run_now()

    def refused(self, exc: Exception) -> None:
        if isinstance(exc, RuleViolation):
            self.summary.show_message(self.tr("Not allowed: %1").replace("%1", exc.message))
        else:
            show_failure(self, exc)

    def open_step(self, dialog: StepDialog, message: str) -> None:
        """Show a step's dialog without blocking; it runs the step's operation."""
        self.dialog = dialog
        dialog.operations = self.operations
        dialog.accepted.connect(lambda: self.done(dialog.result_order, message))
        dialog.open()
        dialog.activateWindow()

    def reveal_step(self) -> Step:
        """Ctrl+Shift+N: the caller's full number, to call back (follow-up and dispatch)."""
        return Step(
            "reveal_contact",
            (EventType.REVEAL_CONTACT,),
            self.reveal,
            QCoreApplication.translate("QueuePage", "Show full number"),
        )

    def reveal(self) -> None:
        """Record the reveal (who, when, which order: it syncs like every step), then show
        the number beside the caller until another order is selected."""
        order = self.order
        if order is None:
            return
        actor = self.actor()

        def shown(phone: str) -> None:
            self.summary.reveal(order.id, phone)
            self.show_status(
                QCoreApplication.translate(
                    "QueuePage", "Full number of %1 shown; this was recorded."
                ).replace("%1", order.number)
            )

        def refused(exc: Exception) -> None:
            if not isinstance(exc, (RuleViolation, KeyError)):
                show_failure(self, exc)
                return
            self.summary.show_message(
                QCoreApplication.translate(
                    "QueuePage", "The full number cannot be shown to your role."
                )
            )

        self.operations(self, lambda ws: orders.reveal_contact(ws, order.id, actor)).success(
            shown
        ).failure(refused).run_now()

    def _open_current(self) -> None:
        if self.order is not None:
            self.open_order.emit(self.order.id)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        self.refresh()
        self.table.setFocus()
