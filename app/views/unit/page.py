"""A handling unit's screen (承办单位): its own orders only; sign, reply, extend, return.

A confidential appellant's name and number are never shown here (OrderSummary redacts,
and the queue shows "(confidential)" instead of the number).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QSpinBox

from app.models.enums import EventType, ReturnReason
from app.operations import unit as ops
from app.store.queues.work import Queue, QueueRow
from app.views.common.plain import bold_heading
from app.views.dispatch.dialogs import text_box
from app.views.work.choices import choice_box, chosen, unanswered, yes_no
from app.views.work.panel import StepDialog
from app.views.work.queue_page import QueuePage, Step

E = EventType


def return_reason_label(reason: ReturnReason) -> str:
    names = {
        ReturnReason.WRONG_TERRITORY: QCoreApplication.translate("UnitPage", "Wrong territory"),
        ReturnReason.UNCLEAR_OWNERSHIP: QCoreApplication.translate("UnitPage", "Unclear ownership"),
        ReturnReason.OVERLAPPING_DUTIES: QCoreApplication.translate(
            "UnitPage", "Overlapping duties"
        ),
        ReturnReason.NOT_OUR_DUTY: QCoreApplication.translate("UnitPage", "Not our duty"),
        ReturnReason.OTHER: QCoreApplication.translate("UnitPage", "Other reason"),
    }
    return names[reason]


class UnitPage(QueuePage):
    redact = True
    columns = ("number", "clock", "urgency", "type", "status", "town", "title")

    def queue_ids(self) -> list[str]:
        return [Queue.UNIT.value]

    def tab_titles(self) -> list[str]:
        unit = self.actor().unit
        name = self.policy.unit_name(unit) if unit else self.tr("no unit")
        count = str(self.model.rowCount())
        return [self.tr("&1 Orders of %1 (%2)").replace("%1", name).replace("%2", count)]

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.heading.setText(
            "<b>"
            + self.tr("Unit work")
            + "</b>　"
            + self.tr("Only orders your unit leads or assists; nearest deadline first.")
        )

    def load(self, queue: str) -> list[QueueRow]:
        return self.queries.unit(self.actor().unit)

    def empty_text(self) -> str:
        return self.tr("No open orders for your unit.")

    def steps(self) -> list[Step]:
        return [
            Step("sign_order", (E.SIGN,), self.sign, self.tr("Sign for")),
            Step("reply_order", (E.REPLY,), self.reply, self.tr("Reply")),
            Step(
                "request_extension",
                (E.EXTENSION_REQUEST,),
                self.extension,
                self.tr("Ask for extension"),
            ),
            Step("request_return", (E.RETURN_REQUEST,), self.return_order, self.tr("Return")),
            Step(
                "request_unreasonable",
                (E.UNREASONABLE_REQUEST,),
                self.unreasonable,
                self.tr("Unreasonable appeal"),
            ),
        ]

    def _heading(self) -> str:
        assert self.order is not None
        return bold_heading(self.order.number, self.order.title)

    def sign(self) -> None:
        order = self.order
        assert order is not None
        actor = self.actor()
        self.run_step(lambda ws: ops.sign(ws, order.id, actor), self.tr("Order %1 signed for."))

    def reply(self) -> None:
        order = self.order
        assert order is not None
        actor = self.actor()
        dialog = StepDialog(self.tr("Reply"), self._heading(), self)
        # Chosen each time, never pre-set: both count in the unit's assessment.
        contacted = yes_no("contacted")
        resolved = yes_no("resolved")
        text = text_box(140)
        text.setObjectName("reply_text")
        text.setPlaceholderText(self.tr("What was done, as the appellant will hear it"))
        dialog.add_row(
            self.tr("Appellant &contacted"),
            contacted,
            missing=unanswered(contacted, self.tr("Choose whether the appellant was contacted")),
        )
        dialog.add_row(
            self.tr("&Resolved"),
            resolved,
            missing=unanswered(resolved, self.tr("Choose whether the appeal was resolved")),
        )
        dialog.add_row(self.tr("&Public reply"), text, refusals=("reply_required",))
        dialog.set_ok_text(self.tr("Reply (Ctrl+Enter)"))
        dialog.submit = lambda ws: ops.reply(
            ws,
            order.id,
            actor,
            text=text.toPlainText(),
            contacted=bool(chosen(contacted)),
            resolved=bool(chosen(resolved)),
        )
        text.setFocus()
        self.open_step(dialog, self.tr("Reply to %1 sent for review."))

    def extension(self) -> None:
        order = self.order
        assert order is not None
        actor = self.actor()
        dialog = StepDialog(self.tr("Ask for extension"), self._heading(), self)
        days = QSpinBox(objectName="days")
        days.setRange(1, 60)
        days.setValue(5)
        days.setSuffix(self.tr(" working days"))
        reason = text_box()
        reason.setObjectName("reason")
        dialog.add_row(self.tr("&Days"), days)
        dialog.add_row(self.tr("&Reason"), reason)
        dialog.submit = lambda ws: ops.request_extension(
            ws, order.id, actor, days.value(), reason.toPlainText()
        )
        days.setFocus()
        self.open_step(dialog, self.tr("Extension for %1 requested."))

    def return_order(self) -> None:
        order = self.order
        assert order is not None
        actor = self.actor()
        dialog = StepDialog(self.tr("Return to the centre"), self._heading(), self)
        reason = choice_box(
            "return_reason", ((return_reason_label(r), r.value) for r in ReturnReason)
        )
        text = text_box()
        text.setObjectName("reason")
        text.setPlaceholderText(self.tr("Why the order is not this unit's, and whose it is"))
        dialog.add_row(
            self.tr("&Why"),
            reason,
            refusals=("bad_return_reason",),
            missing=lambda: (
                self.tr("Choose the reason for the return") if chosen(reason) is None else ""
            ),
        )
        dialog.add_row(self.tr("&Details"), text, refusals=("reason_required",))
        dialog.submit = lambda ws: ops.request_return(
            ws, order.id, actor, ReturnReason(chosen(reason)), text.toPlainText()
        )
        reason.setFocus()
        self.open_step(dialog, self.tr("Order %1 returned to the centre."))

    def unreasonable(self) -> None:
        order = self.order
        assert order is not None
        actor = self.actor()
        dialog = StepDialog(self.tr("Unreasonable appeal"), self._heading(), self)
        reason = text_box()
        reason.setObjectName("reason")
        dialog.add_row(self.tr("&Reason"), reason)
        dialog.submit = lambda ws: ops.request_unreasonable(
            ws, order.id, actor, reason.toPlainText()
        )
        reason.setFocus()
        self.open_step(dialog, self.tr("Application for %1 sent."))
