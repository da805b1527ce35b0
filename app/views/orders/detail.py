"""One order: its fields, its deadline in working days, and every event in its timeline."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models.deadlines import working_days_left
from app.models.enums import OPEN_STATUSES, EventType
from app.models.numbering import STORE_ACTOR
from app.models.records import Event, Order
from app.models.timeline import Delivery, TimelineEntry
from app.models.validation import mask_phone
from app.models.visibility import Viewer
from app.store.workspace import Workspace
from app.views.common import colours
from app.views.common.labels import (
    appeal_type_label,
    appellant_kind_label,
    channel_label,
    event_label,
    role_label,
    status_label,
    urgency_label,
)
from app.views.common.plain import fill, plain_label, rich_label, set_tip
from app.views.common.widgets import fit_to_screen
from app.views.orders.models import short_time

# Payload keys worth showing in the timeline, in this order.
DETAIL_KEYS = (
    "lead_unit",
    "assist_units",
    "reason",
    "text",
    "answer",
    "comment",
    "opinion",
    "days",
    "approved",
    "upheld",
    "satisfaction",
    "resolved",
    "reached",
    "target",
    "kind",
    "into",
    "phone",
)


def _entries(entries: list[TimelineEntry], shown: list[Event]) -> list[TimelineEntry]:
    """The timeline with each readable step as the viewer may see it (`shown`: the access's
    events, callers' details taken out where the viewer may not see them)."""
    by_id = {e.id: e for e in shown}
    return [replace(e, event=by_id.get(e.event_id)) if e.readable else e for e in entries]


class OrderDetailDialog(QDialog):
    def __init__(
        self,
        workspace: Workspace,
        order_id: str,
        parent: QWidget | None = None,
        *,
        viewer: Viewer,  # who looks: the order as that role may see it
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.policy = workspace.policy
        self.viewer = viewer
        view = workspace.open_order(self.viewer, order_id)
        if view is None:  # no such order, or not this viewer's: the same answer
            raise KeyError(order_id)
        order = view.order
        self.order = order
        self.setWindowTitle(self.tr("Order %1").replace("%1", order.number))
        fit_to_screen(self, 980, 720)
        self._build(order, _entries(workspace.timeline_entries(order_id), view.events))

    def _build(self, order: Order, events: list[TimelineEntry]) -> None:
        head = rich_label(fill("<h2>%1　%2</h2>", order.number, order.title), "heading")
        head.setWordWrap(True)
        appellant_box = self._appellant_box(order)
        facts_box = self._facts_box(order)

        top = QHBoxLayout()
        top.addWidget(appellant_box, 1)
        top.addWidget(facts_box, 2)

        content_box = self._content_box(order)

        self.timeline = self._timeline(events)
        timeline_box = QGroupBox(self.tr("Timeline"))
        QVBoxLayout(timeline_box).addWidget(self.timeline)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addLayout(top)
        layout.addWidget(content_box)
        layout.addWidget(timeline_box, 1)
        layout.addWidget(buttons)

    def _appellant_box(self, order: Order) -> QGroupBox:
        """Who called, as far as the viewer may see them."""
        appellant = QFormLayout()
        a = order.appellant
        name = a.name or self.tr("(not given)")
        phone = mask_phone(a.phone)
        if not self.viewer.sees_caller(a.confidential):
            name = phone = (
                self.tr("[confidential]") if a.confidential else self.tr("(not shown to your role)")
            )
        elif a.confidential:
            name += "　" + self.tr("[confidential]")
        appellant.addRow(self.tr("Caller"), plain_label(phone, "caller_phone"))
        appellant.addRow(self.tr("Name"), plain_label(name, "caller_name"))
        appellant.addRow(self.tr("Kind"), plain_label(appellant_kind_label(a.kind.value)))
        if a.company:
            appellant.addRow(self.tr("Company"), plain_label(a.company, "caller_company"))
        appellant_box = QGroupBox(self.tr("Appellant"))
        appellant_box.setLayout(appellant)
        return appellant_box

    def _facts_box(self, order: Order) -> QGroupBox:
        """The order's facts: status, kind, place, times and who handles it."""
        facts = QFormLayout()
        status = rich_label(fill("<b>%1</b>", status_label(order.status.value)))
        facts.addRow(self.tr("Status"), status)
        facts.addRow(
            self.tr("Type / urgency"),
            plain_label(
                f"{appeal_type_label(order.appeal_type.value)} / "
                f"{urgency_label(order.urgency.value)}"
            ),
        )
        facts.addRow(self.tr("Channel"), plain_label(channel_label(order.channel.value)))
        category = plain_label(self.policy.category_path(order.category))
        facts.addRow(self.tr("Category"), category)
        place = self.policy.town_name(order.town) + "　" + order.address
        facts.addRow(self.tr("Place"), plain_label(place.strip(), "place"))
        received = plain_label(short_time(order.received_at.isoformat()))
        facts.addRow(self.tr("Received"), received)
        if order.former_numbers:  # a duplicate number the central store renumbered
            former = plain_label(
                self.tr("%1 (a duplicate number, renumbered by the central store)").replace(
                    "%1", "、".join(order.former_numbers)
                ),
                "former_numbers",
            )
            former.setStyleSheet(f"color:{colours.DUE_TODAY};")
            facts.addRow(self.tr("Former number"), former)
        facts.addRow(self.tr("Due"), self._deadline_label(order))
        if order.lead_unit:
            units = self.policy.unit_name(order.lead_unit)
            if order.assist_units:
                assists = "、".join(self.policy.unit_name(u) for u in order.assist_units)
                units = self.tr("%1 (assisted by %2)").replace("%2", assists).replace("%1", units)
            facts.addRow(self.tr("Handling unit"), plain_label(units))
        facts_box = QGroupBox(self.tr("Order"))
        facts_box.setLayout(facts)
        return facts_box

    def _content_box(self, order: Order) -> QGroupBox:
        """What the caller asked and, when answered on the call, the answer."""
        content = plain_label(order.content, "content")
        content.setWordWrap(True)
        content_box = QGroupBox(self.tr("Appeal"))
        QVBoxLayout(content_box).addWidget(content)
        if order.answer:
            answer = plain_label(order.answer, "answer")
            answer.setWordWrap(True)
            content_box.layout().addWidget(rich_label(fill("<b>%1</b>", self.tr("Answer given"))))
            content_box.layout().addWidget(answer)
        if order.kb_article:  # the version read to the caller, kept when the article changes
            source = self.tr("Knowledge-base article %1, version %2")
            source = source.replace("%2", str(order.kb_version)).replace("%1", order.kb_article)
            content_box.layout().addWidget(plain_label(source, "kb_source"))
        return content_box

    def _deadline_label(self, order: Order) -> QLabel:
        text = short_time(order.deadline.isoformat())
        style = ""
        if order.status in OPEN_STATUSES:
            left = working_days_left(self.workspace.clock(), order.deadline, self.policy.calendar)
            if left < 0:
                text += "　" + self.tr("overdue by %n working day(s)", "", -left)
                style = f"color:{colours.OVERDUE}; font-weight:bold;"
            else:
                text += "　" + self.tr("%n working day(s) left", "", left)
                if left <= 1:
                    style = f"color:{colours.DUE_TODAY}; font-weight:bold;"
        label = plain_label(text, "deadline")
        label.setStyleSheet(style)
        if order.deadline_warning:
            label.setText(text + "\n⚠ " + order.deadline_warning)
            set_tip(label, order.deadline_warning)
        return label

    def _timeline(self, entries: list[TimelineEntry]) -> QTableWidget:
        """Every stored step: its own time, who the central store says did it and when the
        store received it (a step recorded offline shows how much later), or that it is
        still waiting or was refused. A step this build cannot read is shown as such."""
        table = QTableWidget(len(entries), 5, objectName="timeline")
        table.setHorizontalHeaderLabels(
            [
                self.tr("When"),
                self.tr("Step"),
                self.tr("Who"),
                self.tr("Central store"),
                self.tr("Details"),
            ]
        )
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        for row, entry in enumerate(entries):
            when = short_time(entry.client_time.isoformat()) if entry.client_time else "—"
            cells = (
                when,
                event_label(entry.type) if entry.readable else entry.type,
                self._who(entry),
                self._delivery(entry),
                self._entry_details(entry),
            )
            for column, text in enumerate(cells):
                table.setItem(row, column, QTableWidgetItem(text))
        return table

    def _who(self, entry: TimelineEntry) -> str:
        """The author the central store recorded (the user whose token pushed the step);
        before its record arrives, the user who recorded it here."""
        if entry.record is not None:
            user, role, unit = entry.record.user, entry.record.role, entry.record.unit
        elif entry.event is not None:
            user, role, unit = entry.event.actor, "", entry.event.unit
        else:
            user, role, unit = entry.actor, "", ""
        if user == STORE_ACTOR:  # an event the central store wrote itself
            return self.tr("Central store")
        who = user
        if unit:
            who += f"（{self.policy.unit_name(unit)}）"
        elif role:
            who += f"（{role_label(role)}）"
        return who

    def _delivery(self, entry: TimelineEntry) -> str:
        if entry.delivery is Delivery.WAITING:
            return self.tr("waiting to be sent")
        if entry.delivery is Delivery.REFUSED:
            return self.tr("refused")
        if entry.record is None:
            return self.tr("accepted")
        text = short_time(entry.record.received_at.isoformat())
        gap = entry.offline_gap
        if gap is not None:
            text += "　" + self._gap_text(gap)
        return text

    def _gap_text(self, gap: timedelta) -> str:
        hours = int(abs(gap).total_seconds() // 3600)
        minutes = int(abs(gap).total_seconds() // 60) % 60
        span = (
            self.tr("%n day(s)", "", hours // 24) + self.tr("%n hour(s)", "", hours % 24)
            if hours >= 24
            else self.tr("%n hour(s)", "", hours) + self.tr("%n minute(s)", "", minutes)
        )
        if gap < timedelta(0):  # the workstation's clock ran ahead of the store's
            return self.tr("recorded %1 after it arrived (clock ahead)").replace("%1", span)
        return self.tr("arrived %1 after it was recorded (offline)").replace("%1", span)

    def _entry_details(self, entry: TimelineEntry) -> str:
        if entry.event is None:
            return self.tr("This record cannot be read by this version of Hotline Desk")
        try:
            return self._details(entry.event)
        except (KeyError, ValueError, TypeError, AttributeError, OverflowError):
            return self.tr("This record cannot be read by this version of Hotline Desk")

    def _details(self, event: Event) -> str:
        """One readable line of what the step said (unit names, days, rulings)."""
        p = event.payload
        parts: list[str] = []
        if event.type is EventType.INTAKE:
            return self.tr("Recorded as %1").replace("%1", str(p.get("number", "")))
        if event.type is EventType.RENUMBER:
            return (
                self.tr("%1 was already in use: now %2")
                .replace("%1", str(p.get("old_number", "")))
                .replace("%2", str(p.get("number", "")))
            )
        if p.get("lead_unit"):
            parts.append(self.policy.unit_name(str(p["lead_unit"])))
        if p.get("assist_units"):
            names = "、".join(self.policy.unit_name(str(u)) for u in p["assist_units"])
            parts.append(self.tr("assisted by %1").replace("%1", names))
        if "upheld" in p:
            parts.append(self.tr("return upheld") if p["upheld"] else self.tr("return refused"))
        if "approved" in p:
            parts.append(self.tr("approved") if p["approved"] else self.tr("not approved"))
        if p.get("days"):
            parts.append(self.tr("%n working day(s)", "", int(p["days"])))
        if "reached" in p and not p["reached"]:
            parts.append(self.tr("caller not reached"))
        if "resolved" in p and event.type in (EventType.REPLY, EventType.FOLLOW_UP):
            parts.append(self.tr("resolved") if p["resolved"] else self.tr("not resolved"))
        if p.get("satisfaction"):
            parts.append(str(p["satisfaction"]))
        for key in ("reason", "text", "answer", "comment", "opinion", "target", "kind"):
            if p.get(key):
                parts.append(str(p[key]))
        if p.get("into"):
            parts.append(
                self.tr("into order %1").replace("%1", str(p.get("into_number") or p["into"]))
            )
        return "；".join(parts)
