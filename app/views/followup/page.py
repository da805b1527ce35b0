"""Follow-up calls (回访): closed orders due a call; unresolved or unsatisfied reopens them."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.models.enums import EventType, Satisfaction
from app.operations import followup as ops
from app.store.queues.work import Queue, QueueRow
from app.views.common.plain import bold_heading
from app.views.dispatch.dialogs import text_box
from app.views.work.choices import choice_box, chosen, unanswered, yes_no
from app.views.work.panel import StepDialog
from app.views.work.queue_page import QueuePage, Step

E = EventType


class FollowUpPage(QueuePage):
    columns = ("number", "closed", "type", "status", "town", "title")

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.heading.setText(
            "<b>"
            + self.tr("Follow-up calls")
            + "</b>　"
            + self.tr("Orders to reopen first, then closed orders never called, oldest first.")
        )

    def queue_ids(self) -> list[str]:
        return [Queue.FOLLOW_UP.value]

    def tab_titles(self) -> list[str]:
        return [self.tr("&1 Due a call (%1)").replace("%1", str(self.model.rowCount()))]

    def load(self, queue: str) -> list[QueueRow]:
        return self.queries.follow_up(self.workspace.clock())

    def empty_text(self) -> str:
        return self.tr("No closed orders are waiting for a follow-up call.")

    def steps(self) -> list[Step]:
        return [
            Step("record_follow_up", (E.FOLLOW_UP,), self.record, self.tr("Record call")),
            Step("reopen_order", (E.REOPEN,), self.reopen, self.tr("Reopen")),
            self.reveal_step(),
        ]

    def record(self) -> None:
        order = self.order
        assert order is not None
        actor = self.actor()
        dialog = StepDialog(
            self.tr("Follow-up call"),
            bold_heading(
                order.number, order.title, self.tr("Reply: %1").replace("%1", order.reply_text)
            ),
            self,
        )
        # Nothing is chosen at first: the outcome is what the caller said, never a default.
        reached = yes_no("reached")
        contacted = yes_no("contacted")
        resolved = yes_no("resolved")
        satisfaction = choice_box(
            "satisfaction",
            (
                (self.tr("Satisfied"), Satisfaction.SATISFIED),
                (self.tr("Basically satisfied"), Satisfaction.BASICALLY_SATISFIED),
                (self.tr("Unsatisfied"), Satisfaction.UNSATISFIED),
            ),
        )
        note = text_box()
        note.setObjectName("note")
        note.setPlaceholderText(self.tr("When unsatisfied: what the appellant is unsatisfied with"))
        dialog.add_row(
            self.tr("Appellant r&eached"),
            reached,
            missing=unanswered(reached, self.tr("Choose whether the appellant was reached")),
        )
        dialog.add_row(
            self.tr("Unit had &contacted them"),
            contacted,
            missing=unanswered(
                contacted, self.tr("Choose whether the unit had contacted the appellant")
            ),
        )
        dialog.add_row(
            self.tr("&Resolved"),
            resolved,
            missing=unanswered(resolved, self.tr("Choose whether the appeal was resolved")),
        )
        dialog.add_row(
            self.tr("&Satisfaction"),
            satisfaction,
            refusals=("satisfaction_required",),
            missing=unanswered(satisfaction, self.tr("Choose the appellant's satisfaction")),
        )
        dialog.add_row(self.tr("&Note"), note, refusals=("reason_required",))
        answers: list[QWidget] = [contacted, resolved, satisfaction]
        reached.currentIndexChanged.connect(
            lambda: [w.setEnabled(chosen(reached) is not False) for w in answers]
        )
        dialog.submit = lambda ws: ops.follow_up(
            ws,
            order.id,
            actor,
            reached=bool(chosen(reached)),
            contacted=bool(chosen(contacted)),
            resolved=bool(chosen(resolved)),
            satisfaction=None
            if chosen(satisfaction) is None
            else Satisfaction(chosen(satisfaction)),
            text=note.toPlainText(),
        )
        reached.setFocus()
        self.open_step(dialog, self.tr("Follow-up call on %1 recorded."))

    def reopen(self) -> None:
        order = self.order
        assert order is not None
        actor = self.actor()
        dialog = StepDialog(
            self.tr("Reopen"),
            bold_heading(
                order.number,
                order.title,
                self.tr("Back to %1 with a new reply deadline.").replace(
                    "%1", self.policy.unit_name(order.lead_unit) or self.tr("the dispatch queue")
                ),
            ),
            self,
        )
        reason = text_box()
        reason.setObjectName("reason")
        reason.setPlainText(self.tr("Unresolved or unsatisfied at the follow-up call"))
        dialog.add_row(self.tr("&Reason"), reason)
        dialog.submit = lambda ws: ops.reopen(ws, order.id, actor, reason.toPlainText())
        reason.setFocus()
        self.open_step(dialog, self.tr("Order %1 reopened."))
