"""The intake screen: record a call from the keyboard while the caller is still talking."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDateTime, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QGuiApplication, QShowEvent, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.models.clock import CHINA
from app.models.enums import AppealType, AppellantKind, Channel, Urgency
from app.models.held import HeldIntake, dump_held, parse_held, visible_to
from app.models.operations import DirectAnswer
from app.models.records import Appellant, Intake, Order
from app.models.validation import FieldError, normalise_phone, phone_error
from app.models.visibility import viewer_of
from app.operations import intake as intake_ops
from app.operations.changes import Changes
from app.store.workspace import IntakeInvalid
from app.views.common.failures import reason
from app.views.common.labels import (
    appeal_type_label,
    appellant_kind_label,
    channel_label,
    urgency_label,
)
from app.views.common.messages import field_error_text
from app.views.common.plain import fill, plain, rich
from app.views.common.widgets import FieldBox, SearchCombo, scrolled
from app.views.intake.draft import DraftKeeper, capture, is_blank, restore
from app.views.intake.held import HeldIntakes
from app.views.intake.history import flag_mark, history_table, show_history
from app.views.orders.models import CallerHistoryModel

if TYPE_CHECKING:
    from app.models.kb import Article
    from app.views.shell.context import ScreenContext

HISTORY_DELAY_MS = 150


class IntakePage(QWidget):
    open_order = Signal(str)  # order id
    held_changed = Signal(int)  # how many intakes are held

    def __init__(self, context: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.workspace = workspace = context.workspace
        self.actor = actor = context.actor
        # the window's runner: a recorded order's notice refreshes every screen
        self.operations = context.operations
        self.operations.changes.changed.connect(self.follow_changes)
        self.policy = workspace.policy
        self._build()
        self._history_timer = QTimer(self)
        self._history_timer.setSingleShot(True)
        self._history_timer.setInterval(HISTORY_DELAY_MS)
        self._history_timer.timeout.connect(self.refresh_history)
        self.phone.textChanged.connect(lambda _t: self._history_timer.start())
        self.kb_choice: tuple[str, int] | None = None
        self._banner_kind = ""
        self.held: list[HeldIntake] = []
        self._back_to: QWidget | None = None
        self.form_user = actor().user  # whose intake the form holds
        self.reset_form()
        self.drafts = DraftKeeper(self, workspace)
        self._restore_draft()
        self.drafts.watch()
        self.held_box.resume.connect(self.resume)
        self.held_box.discard.connect(self.discard_held)
        self.held_box.leave.connect(self._leave_held)
        actor.changed.connect(lambda _actor: self.follow_user())  # the user switched
        self._reload_held()

    # ---- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        self._build_fields()
        left = self._build_form()
        self._build_side()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([760, 600])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._update_save_label()

    def _build_fields(self) -> None:
        """The appeal's input widgets."""
        self.phone = QLineEdit(objectName="phone")
        self.phone.setPlaceholderText(self.tr("e.g. 138 0000 1234 or 0760-8888 1234"))
        self.kind = QComboBox(objectName="kind")
        for kind in AppellantKind:
            self.kind.addItem(appellant_kind_label(kind.value), kind.value)
        self.name = QLineEdit(objectName="name")
        self.company = QLineEdit(objectName="company")
        self.confidential = QCheckBox(
            self.tr("Keep identity confidential"), objectName="confidential"
        )
        self.appeal_type = QComboBox(objectName="appeal_type")
        for appeal_type in AppealType:
            self.appeal_type.addItem(appeal_type_label(appeal_type.value), appeal_type.value)
        self.urgency = QComboBox(objectName="urgency")
        for urgency in Urgency:
            self.urgency.addItem(urgency_label(urgency.value), urgency.value)
        self.channel = QComboBox(objectName="channel")
        for channel in Channel:
            self.channel.addItem(channel_label(channel.value), channel.value)
        self.category = SearchCombo()
        self.category.setObjectName("category")
        for category in self.policy.leaf_categories():
            self.category.add(category.path, category.code)
        self.town = SearchCombo()
        self.town.setObjectName("town")
        for town in self.policy.towns:
            self.town.add(town.name, town.code)
        self.address = QLineEdit(objectName="address")
        self.received = QDateTimeEdit(objectName="received_at")
        self.received.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.received.setCalendarPopup(True)
        # Tab would walk through the date's five sections; the time defaults to now and is
        # rarely changed, so it stays out of the tab chain and is reached with Alt+V.
        self.received.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.title = QLineEdit(objectName="title")
        self.content = QPlainTextEdit(objectName="content")
        self.content.setTabChangesFocus(True)
        self.content.setMinimumHeight(120)
        self.direct = QCheckBox(
            self.tr("Answered on the call (close at first contact)"), objectName="direct"
        )
        self.answer = QPlainTextEdit(objectName="answer")
        self.answer.setTabChangesFocus(True)
        self.answer.setPlaceholderText(self.tr("The answer given to the caller"))
        self.answer.setFixedHeight(80)
        self.answer.setEnabled(False)
        self.direct.toggled.connect(self._direct_toggled)
        self.kb_source = plain(QLabel(objectName="kb_source"))
        self.kb_source.setStyleSheet("color:#1565c0;")
        self.kb_source.setWordWrap(True)
        self.kb_source.hide()
        self.kind.currentIndexChanged.connect(self._kind_changed)

    def _build_form(self) -> QWidget:
        """The labelled form with its buttons, under the banner and the held intakes."""
        self.boxes: dict[str, FieldBox] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows = [
            ("phone", self.tr("Caller &number"), self.phone),
            ("kind", self.tr("Appellant &kind"), self.kind),
            ("name", self.tr("N&ame"), self.name),
            ("company", self.tr("Compan&y"), self.company),
            ("confidential", "", self.confidential),
            ("appeal_type", self.tr("Appeal &type"), self.appeal_type),
            ("urgency", self.tr("&Urgency"), self.urgency),
            ("channel", self.tr("C&hannel"), self.channel),
            ("category", self.tr("Cate&gory"), self.category),
            ("town", self.tr("To&wn"), self.town),
            ("address", self.tr("Add&ress"), self.address),
            ("received_at", self.tr("Recei&ved"), self.received),
            ("title", self.tr("T&itle"), self.title),
            ("content", self.tr("&Content"), self.content),
            ("direct", "", self.direct),
            ("answer", self.tr("An&swer"), self.answer),
        ]
        for key, label, widget in rows:
            box = FieldBox(widget)
            self.boxes[key] = box
            if label:
                buddy = plain(QLabel(label))
                buddy.setBuddy(widget)
                form.addRow(buddy, box)
            else:
                form.addRow("", box)

        self.save_button = QPushButton(objectName="save")
        self.save_button.clicked.connect(self.save)
        self.clear_button = QPushButton(self.tr("New intake (F2)"), objectName="clear")
        self.clear_button.clicked.connect(lambda: self.new_intake())
        self.held_box = HeldIntakes()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.save_button)

        self.banner = rich(QLabel(objectName="banner"))  # our messages; values escaped
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.form_error = plain(QLabel(objectName="form_error"))
        self.form_error.setStyleSheet("color: #c62828;")
        self.form_error.setWordWrap(True)
        self.form_error.hide()

        form_box = QGroupBox(self.tr("Appeal"))
        form_layout = QVBoxLayout(form_box)
        form_layout.addLayout(form)
        form_layout.addWidget(self.kb_source)

        # held calls and form scroll on a small screen; banner, error and buttons stay
        fields = QWidget(objectName="intake_fields")
        fields_layout = QVBoxLayout(fields)
        fields_layout.setContentsMargins(0, 0, 0, 0)
        fields_layout.addWidget(self.held_box)
        fields_layout.addWidget(form_box, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.banner)
        left_layout.addWidget(scrolled(fields), 1)
        left_layout.addWidget(self.form_error)
        left_layout.addLayout(buttons)
        return left

    def _build_side(self) -> None:
        """The caller's history, in the side column other panels join."""
        self.history_summary = plain(QLabel(objectName="history_summary"))
        self.history_summary.setWordWrap(True)
        self.history_model = CallerHistoryModel(self.policy.town_name, self.workspace.clock, self)
        self.history = history_table(self.history_model)
        self.history.doubleClicked.connect(self._history_activated)
        history_box = QGroupBox(self.tr("Caller history"))
        history_layout = QVBoxLayout(history_box)
        history_layout.addWidget(self.history_summary)
        self.caller_flag = flag_mark(history_layout)
        history_layout.addWidget(self.history, 1)

        # Later screens (knowledge-base suggestions) add their panels here.
        self.side = QWidget()
        self.side_layout = QVBoxLayout(self.side)
        self.side_layout.setContentsMargins(0, 0, 0, 0)
        self.side_layout.addWidget(history_box, 1)

    def stop_timers(self) -> None:
        """Before the window closes: stop pending work, keep what was typed."""
        self._history_timer.stop()
        if self.drafts.timer.isActive():
            self.drafts.save()

    # ---- behaviour ----------------------------------------------------------------------

    def _kind_changed(self) -> None:
        is_person = self.kind.currentData() == AppellantKind.PERSON.value
        self.company.setEnabled(not is_person)

    def _direct_toggled(self, on: bool) -> None:
        self.answer.setEnabled(on)
        self._update_save_label()
        if on:
            self.answer.setFocus()

    def _update_save_label(self) -> None:
        if self.direct.isChecked():
            self.save_button.setText(self.tr("Answer and close (Ctrl+Enter)"))
        else:
            self.save_button.setText(self.tr("Save for dispatch (Ctrl+Enter)"))

    def _restore_draft(self) -> None:
        draft = self.drafts.load()
        if draft is None:
            return
        author = str(draft.get("user") or "")
        if author and author != self.form_user and author in self.workspace.seat_users():
            self._hold_for(author, draft)  # another user's intake: it waits for them
            return
        restore(self, draft)
        self.refresh_history()
        self._show_banner(
            "restored", fill(self.tr("The intake that was being typed has been restored."))
        )

    def _show_banner(self, kind: str, markup: str) -> None:
        """`markup` is built with plain.fill: every value in it escaped."""
        colours = {
            "recorded": "background:#e8f5e9; border:1px solid #66bb6a;",
            "restored": "background:#fff8e1; border:1px solid #ffb300;",
            "resumed": "background:#e3f2fd; border:1px solid #42a5f5;",
        }
        self._banner_kind = kind
        self.banner.setText(markup)
        self.banner.setStyleSheet(colours[kind] + " padding:8px; border-radius:4px;")
        self.banner.show()

    def hide_banner(self) -> None:
        self._banner_kind = ""
        self.banner.hide()

    def form_emptied(self) -> None:
        """The operator cleared the form by hand: 'restored' no longer describes it."""
        if self._banner_kind in ("restored", "resumed"):
            self.hide_banner()

    def use_article(self, article: Article) -> None:
        """Answer on the call with a knowledge-base article; the order records which one."""
        self.direct.setChecked(True)
        self.answer.setPlainText(article.answer)
        self.show_kb_choice(
            (article.id, article.version),
            self.tr("Answer from the knowledge base: %1 (v%2)")
            .replace("%2", str(article.version))
            .replace("%1", article.title),
        )
        self.answer.setFocus()

    def show_kb_choice(self, choice: tuple[str, int], text: str) -> None:
        self.kb_choice = choice
        self.kb_source.setText(text)
        self.kb_source.show()

    def suggestion_text(self) -> str:
        return f"{self.title.text()} {self.content.toPlainText()}"

    # ---- held intakes ------------------------------------------------------------------

    def new_intake(self, phone: str = "") -> None:
        """The next call (F2, or the telephony's incoming call with `phone`). What is typed
        on the form is held, never dropped: Ctrl+Shift+H resumes it."""
        self.follow_user()
        parked = self._park()
        # held and the draft cleared in one commit, before the form (kept if that failed)
        if parked is not None and not self._keep("", {parked.id: dump_held(parked)}):
            return
        self.reset_form(phone)

    def _park(self) -> HeldIntake | None:
        """What is on the form as a held intake; None when nothing is typed."""
        state = capture(self)
        if is_blank(state):
            return None
        held_at = self.workspace.clock().isoformat(timespec="seconds")
        return HeldIntake(held_at, state, self.form_user)

    def _hold_for(self, author: str, state: dict[str, object]) -> bool:
        held_at = self.workspace.clock().isoformat(timespec="seconds")
        held = HeldIntake(held_at, dict(state), author)
        return self._keep("", {held.id: dump_held(held)})

    def _keep(
        self, draft: str, hold: dict[str, str] | None = None, release: tuple[str, ...] = ()
    ) -> bool:
        """Hold, resume or discard (one commit); False when it failed (the user is told and
        the form keeps what it has)."""
        kept: list[None] = []
        self.operations(self, lambda ws: intake_ops.keep_intakes(ws, draft, hold, release)).success(
            kept.append
        ).run_now()
        return bool(kept)

    def follow_user(self) -> None:
        """Another user at the seat: an intake typed by someone who signed in here is held
        for them (as their unsent work waits for them), and the held list is theirs."""
        user = self.actor().user
        if user == self.form_user:
            return
        previous, self.form_user = self.form_user, user
        if previous in self.workspace.seat_users():
            state = capture(self)
            if not is_blank(state) and self._hold_for(previous, state):
                self.reset_form()
        self._reload_held()

    def _reload_held(self) -> None:
        """The held list as the workspace has it (another window may have changed it),
        as far as the user at the seat may see it."""
        every = parse_held(self.workspace.load_held())
        self.held = visible_to(every, self.actor().user, self.workspace.seat_users())
        self._show_held()

    def _show_held(self) -> None:
        self.held_box.show_held(self.held, self.workspace.clock())
        self.held_changed.emit(len(self.held))

    def choose_held(self) -> bool:
        """Ctrl+Shift+H: the cursor to the held list; False when nothing is held."""
        focus = QGuiApplication.focusObject()
        if isinstance(focus, QWidget) and focus is not self.held_box.list:
            self._back_to = focus
        self.follow_user()
        self._reload_held()
        return self.held_box.choose()

    def showEvent(self, event: QShowEvent) -> None:
        self.follow_user()  # the user may have signed in or out while another screen showed
        super().showEvent(event)

    def _leave_held(self) -> None:
        (self._back_to or self.phone).setFocus()

    def resume(self, held_id: str) -> None:
        """Put a held intake back on the form; what was on the form is held in its place."""
        self.follow_user()
        self._reload_held()
        chosen = next((h for h in self.held if h.id == held_id), None)
        if chosen is None:  # resumed or discarded in another window meanwhile
            return
        parked = self._park()
        if not self._keep(
            json.dumps(chosen.state, ensure_ascii=False),  # now the form's draft
            {parked.id: dump_held(parked)} if parked else None,
            (chosen.id,),
        ):
            return
        self.reset_form(keep_draft=True)
        restore(self, chosen.state)
        self.drafts.timer.stop()  # the draft on disk is this state already
        self.refresh_history()
        text = self.tr("Resumed the held intake from %1.")
        if parked is not None:
            text += " " + self.tr("The intake that was on the form is held.")
        self._show_banner("resumed", fill(text, chosen.phone or "—"))
        self.content.setFocus()
        self.content.moveCursor(QTextCursor.MoveOperation.End)

    def discard_held(self, held_id: str) -> None:
        state = capture(self)
        draft = "" if is_blank(state) else json.dumps(state, ensure_ascii=False)
        if not self._keep(draft, release=(held_id,)):
            return
        if self.held:
            self.held_box.choose()
        else:
            self._leave_held()

    def reset_form(self, phone: str = "", *, keep_draft: bool = False) -> None:
        """Clear the form, its draft and its banner (after saving, or once it is held)."""
        self.hide_banner()
        self.kb_choice = None
        self.kb_source.hide()
        for line in (self.name, self.company, self.address, self.title):
            line.clear()
        self.content.clear()
        self.answer.clear()
        self.direct.setChecked(False)
        self.confidential.setChecked(False)
        self.kind.setCurrentIndex(0)
        self.appeal_type.setCurrentIndex(0)
        self.urgency.setCurrentIndex(0)
        self.channel.setCurrentIndex(0)
        self.category.select_code("")
        self.town.select_code("")
        self.received.setDateTime(QDateTime(self.workspace.clock().replace(tzinfo=None)))
        self._show_errors([])
        self.phone.setText(phone)
        self.refresh_history()
        self._kind_changed()
        if phone:
            self.kind.setFocus()
        else:
            self.phone.setFocus()
        if hasattr(self, "drafts"):
            if keep_draft:
                self.drafts.timer.stop()
            elif phone:
                self.drafts.save()  # the number of the caller on the line, at once
            else:
                self.drafts.clear()

    def show_recorded(self, order: Order) -> None:
        self.show_done(self.tr("Order %1 recorded. Read the number back to the caller."), order)

    def show_done(self, message: str, order: Order) -> None:
        """`message` (our text) with the order's number in large bold for %1."""
        markup = fill(message).replace("%1", "<b style='font-size:15pt'>%1</b>")
        self._show_banner("recorded", fill(markup, order.number))

    def refresh_history(self) -> None:
        raw = self.phone.text()
        if not raw.strip() or phone_error(raw) is not None:
            show_history(self.history_model, self.caller_flag, [], {})
            self.history_summary.setText(
                self.tr("Type the caller's number to see earlier appeals.")
            )
            return
        access = self.workspace.access(viewer_of(self.actor()))
        phone = normalise_phone(raw)
        total, rows = access.caller_history(phone)
        show_history(self.history_model, self.caller_flag, rows, access.caller_flags(phone))
        if total == 0:
            self.history_summary.setText(self.tr("First call from this number."))
        else:
            open_count = sum(1 for r in rows if r.is_open)
            text = self.tr("Repeat caller: %1 earlier appeals, %2 still open.")
            self.history_summary.setText(
                text.replace("%1", str(total)).replace("%2", str(open_count))
            )
            font = QFont(self.history_summary.font())
            font.setBold(True)
            self.history_summary.setFont(font)

    def _history_activated(self) -> None:
        row = self.history_model.row_at(self.history.currentIndex().row())
        if row is not None:
            self.open_order.emit(row.id)

    def current_intake(self) -> Intake:
        received = self.received.dateTime().toPython().replace(tzinfo=CHINA)
        return Intake(
            appellant=Appellant(
                phone=normalise_phone(self.phone.text()),
                name=self.name.text().strip(),
                kind=AppellantKind(self.kind.currentData()),
                company=self.company.text().strip() if self.company.isEnabled() else "",
                confidential=self.confidential.isChecked(),
            ),
            appeal_type=AppealType(self.appeal_type.currentData()),
            urgency=Urgency(self.urgency.currentData()),
            channel=Channel(self.channel.currentData()),
            category=self.category.code(),
            town=self.town.code() if self.town.currentText().strip() else "",
            address=self.address.text().strip(),
            title=self.title.text().strip(),
            content=self.content.toPlainText().strip(),
            received_at=received,
        )

    def save(self) -> Order | None:
        """Record the intake (Ctrl+Enter). On a problem nothing typed is lost."""
        intake = self.current_intake()
        errors: list[FieldError] = []
        if self.town.currentText().strip() and not self.town.code():
            errors.append(FieldError("town", "unknown", ""))
        if self.category.currentText().strip() and not self.category.code():
            errors.append(FieldError("category", "required", ""))
        answer = None
        if self.direct.isChecked():
            article, version = self.kb_choice or ("", 0)
            answer = DirectAnswer(self.answer.toPlainText().strip(), article, version)
        if errors:
            self._show_errors(errors)
            return None
        actor = self.actor()

        def refused(exc: Exception) -> None:
            """Beside the fields, the form untouched."""
            if isinstance(exc, IntakeInvalid):
                self._show_errors(exc.errors)
                return
            # the store failed (disk full, locked): say so, keep the form
            self.form_error.setText(self.tr("Could not save: %1").replace("%1", reason(exc)))
            self.form_error.show()

        return (
            self.operations(self, lambda ws: intake_ops.record(ws, intake, actor, answer))
            .success(self._recorded)
            .failure(refused)
            .run_now()
        )

    def _recorded(self, order: Order) -> None:
        self.reset_form()  # the intake is an order now: nothing to hold
        self.show_recorded(order)
        QGuiApplication.clipboard().setText(order.number)
        self.context.show_message(
            QCoreApplication.translate(
                "MainWindow", "Order %1 recorded; its number is on the clipboard."
            ).replace("%1", order.number)
        )

    def follow_changes(self, changes: Changes) -> None:
        """The one change signal: the held list, and the caller's history when orders
        changed (recorded here, or pulled from other workstations)."""
        if changes.held or changes.session:
            self._reload_held()
        if changes.any_order:
            self.refresh_history()

    def _show_errors(self, errors: list[FieldError]) -> None:
        by_field = {e.field: e for e in errors}
        for key, box in self.boxes.items():
            error = by_field.get(key)
            box.show_error(field_error_text(error) if error else "")
        self.form_error.hide()
        if errors:
            first = next((self.boxes[e.field] for e in errors if e.field in self.boxes), None)
            if first is not None:
                first.setFocus()
            self.form_error.setText(self.tr("%n problem(s) to fix before saving.", "", len(errors)))
            self.form_error.show()
            self.hide_banner()
