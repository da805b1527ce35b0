"""The dispatcher's screen (派单员 / 审核员): dispatch, rule on requests, review, supervise."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from app.models.enums import EventType
from app.models.policy import Policy
from app.models.records import Order
from app.models.rules import RuleViolation
from app.operations import dispatch as ops
from app.operations.changes import Done
from app.store.dispatch.suggest import DispatchSuggester
from app.store.orders.duplicates import DuplicateFinder
from app.store.queues.work import Queue, QueueRow
from app.store.workspace import Workspace
from app.views.common.plain import bold_heading, plain
from app.views.dispatch.dialogs import DispatchDialog, MergeDialog, RulingDialog, text_box
from app.views.orders.models import short_time
from app.views.work.panel import REQUEST_OF, StepDialog, last_event
from app.views.work.queue_page import QueuePage, Step

E = EventType
QUEUES = (Queue.TO_DISPATCH, Queue.RULINGS, Queue.REVIEWS, Queue.OVERDUE)


class DispatchPage(QueuePage):
    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.side.addWidget(self.suggestion_label)
        self.heading.setText(
            "<b>"
            + self.tr("Dispatch and review")
            + "</b>　"
            + self.tr("Oldest and most urgent first; overdue at the top.")
        )

    def queue_ids(self) -> list[str]:
        return [q.value for q in QUEUES]

    def tab_titles(self) -> list[str]:
        counts = self.queries.counts(self.workspace.clock())
        titles = (
            self.tr("&1 To dispatch (%1)"),
            self.tr("&2 Requests (%1)"),
            self.tr("&3 Replies to review (%1)"),
            self.tr("&4 Overdue (%1)"),
        )
        return [t.replace("%1", str(counts[q])) for t, q in zip(titles, QUEUES, strict=True)]

    def load(self, queue: str) -> list[QueueRow]:
        now = self.workspace.clock()
        return {
            Queue.TO_DISPATCH: self.queries.to_dispatch,
            Queue.RULINGS: self.queries.rulings,
            Queue.REVIEWS: self.queries.reviews,
            Queue.OVERDUE: self.queries.overdue,
        }[Queue(queue)](now)

    def policy_changed(self, policy: Policy) -> None:
        self.suggester = DispatchSuggester(self.workspace.database, policy)

    def steps(self) -> list[Step]:
        self.suggester = DispatchSuggester(self.workspace.database, self.policy)
        self.suggestion_label = plain(QLabel(objectName="suggestion"))
        self.suggestion_label.setWordWrap(True)
        self.suggestion_label.setStyleSheet("padding:6px; background:#e3f2fd;")
        return [
            Step("dispatch_order", (E.DISPATCH, E.REDISPATCH), self.dispatch, self.tr("Dispatch")),
            Step(
                "rule_request",
                (E.RETURN_RULING, E.EXTENSION_RULING, E.UNREASONABLE_RULING),
                self.rule,
                self.tr("Rule on request"),
            ),
            Step("review_reply", (E.REVIEW,), self.review, self.tr("Review reply")),
            Step("close_order", (E.CLOSE,), self.close_order, self.tr("Close")),
            Step("supervise", (E.SUPERVISE,), self.supervise, self.tr("Supervise")),
            Step("merge_order", (E.MERGE,), self.merge, self.tr("Merge")),
            self.reveal_step(),
        ]

    def empty_text(self) -> str:
        return self.tr("Nothing waiting in this queue.")

    def suggestions(self, order: Order):  # type: ignore[no-untyped-def]
        return self.suggester.suggest(order.category, order.town, self.workspace.clock())

    def order_selected(self, order: Order | None) -> None:
        if order is None or (order.lead_unit and self.current_queue() != Queue.TO_DISPATCH):
            self.suggestion_label.hide()
            return
        found = self.suggestions(order)
        if not found:
            self.suggestion_label.hide()
            return
        names = "、".join(self.policy.unit_name(s.lead) for s in found)
        self.suggestion_label.setText(self.tr("Suggested lead: %1").replace("%1", names))
        self.suggestion_label.show()

    # ---- steps --------------------------------------------------------------------------

    def dispatch(self) -> None:
        order = self.order
        assert order is not None
        dialog = DispatchDialog(
            self.policy,
            order,
            self.suggestions(order),
            lambda ws, lead, assists, reason: ops.dispatch(
                ws, order.id, self.actor(), lead, assists, reason
            ),
            self,
        )
        self.open_step(dialog, self.tr("Order %1 dispatched."))

    def rule(self) -> None:
        order = self.order
        assert order is not None
        allowed = self.allowed()
        kind = next(
            k for k in (E.RETURN_RULING, E.EXTENSION_RULING, E.UNREASONABLE_RULING) if k in allowed
        )
        request = last_event(self.workspace.timeline(order.id), REQUEST_OF[kind])
        p = request.payload if request else {}
        said = " ".join(str(p.get(k, "")) for k in ("reason", "text")).strip()
        unit = self.policy.unit_name(order.lead_unit)
        heading = bold_heading(order.number, order.title, f"{unit}：{said}")
        actor = self.actor()
        if kind is E.RETURN_RULING:
            dialog = RulingDialog(
                self.tr("Rule on return"),
                heading,
                self.tr("&Uphold: re-dispatch"),
                self.tr("Re&fuse: back to the unit"),
                lambda ws, yes, _d, text: ops.rule_return(ws, order.id, actor, yes, text),
                parent=self,
            )
        elif kind is E.EXTENSION_RULING:
            dialog = RulingDialog(
                self.tr("Rule on extension"),
                heading,
                self.tr("&Approve"),
                self.tr("Re&fuse"),
                lambda ws, yes, days, text: ops.rule_extension(
                    ws, order.id, actor, yes, days, text
                ),
                days=int(p.get("days") or 5),
                order=order,
                policy=self.policy,
                parent=self,
            )
        else:
            dialog = RulingDialog(
                self.tr("Rule on unreasonable appeal"),
                heading,
                self.tr("&Approve: unreasonable"),
                self.tr("Re&fuse: keep handling"),
                lambda ws, yes, _d, text: ops.rule_unreasonable(ws, order.id, actor, yes, text),
                parent=self,
            )
        self.open_step(dialog, self.tr("Ruling on %1 recorded."))

    def review(self) -> None:
        order = self.order
        assert order is not None
        actor = self.actor()
        contacted = self.tr("contacted") if order.contacted else self.tr("not contacted")
        resolved = self.tr("resolved") if order.resolved else self.tr("not resolved")
        heading = bold_heading(
            order.number,
            order.title,
            f"{self.policy.unit_name(order.lead_unit)}（{contacted}，{resolved}）：",
            order.reply_text,
        )
        dialog = RulingDialog(
            self.tr("Review reply"),
            heading,
            self.tr("&Approve"),
            self.tr("Send &back to the unit"),
            lambda ws, yes, _d, text: ops.review(ws, order.id, actor, yes, text),
            parent=self,
        )
        self.open_step(dialog, self.tr("Reply to %1 reviewed."))

    def close_order(self) -> None:
        order = self.order
        assert order is not None
        actor = self.actor()
        self.run_step(
            lambda ws: ops.close(ws, order.id, actor),
            self.tr("Order %1 closed; it now waits for the follow-up call."),
        )

    def supervise(self) -> None:
        order = self.order
        assert order is not None
        actor = self.actor()
        due = short_time(order.deadline.isoformat())
        dialog = StepDialog(
            self.tr("Supervise"),
            bold_heading(
                order.number,
                order.title,
                self.tr("Due %1, with %2")
                .replace("%2", self.policy.unit_name(order.lead_unit))
                .replace("%1", due),
            ),
            self,
        )
        text = text_box()
        text.setObjectName("opinion")
        text.setPlainText(self.tr("This order is overdue; handle and reply at once."))
        dialog.add_row(self.tr("&Notice"), text)
        dialog.submit = lambda ws: ops.supervise(ws, order.id, actor, text.toPlainText())
        text.setFocus()
        self.open_step(dialog, self.tr("Order %1 supervised."))

    def merge(self) -> None:
        order = self.order
        assert order is not None
        actor = self.actor()
        finder = DuplicateFinder(self.workspace.database)
        found = finder.find(
            phone=order.appellant.phone,
            town=order.town,
            title=order.title,
            now=self.workspace.clock(),
            days=30,
        )
        candidates = [(d.row.number, d.row.title) for d in found if d.row.id != order.id]

        def submit(ws: Workspace, number: str, reason: str) -> Done[Order]:
            target = ws.orders.find_by_number(number)
            if target is None:
                raise RuleViolation(
                    "bad_merge_target", self.tr("No order %1 here.").replace("%1", number)
                )
            into = ws.events.load_order(target.id)
            assert into is not None
            return ops.merge(ws, order.id, actor, into, reason)

        self.open_step(MergeDialog(order, candidates, submit, self), self.tr("Order %1 merged."))
