"""The operator's drill screen: a caller's words, the clock, the intake's own knowledge-base
search and pickers, then at once what was right and what was wrong. F9 answers, then moves on.

The scheduler chooses the next scenario (missed and slow ones come back sooner); "My progress"
shows where the operator stands per category.
"""

from __future__ import annotations

import html
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.models.drill_figures import figures
from app.models.drills import SLOW_SECONDS, Answer, Attempt, Scenario, grade
from app.models.enums import AppealType
from app.operations import drills as drill_ops
from app.store.drills.sets import DrillStore
from app.views.common.labels import appeal_type_label
from app.views.common.plain import plain, rich
from app.views.common.tasks import TaskRunner
from app.views.common.widgets import SearchCombo
from app.views.drills.models import RowsModel
from app.views.kb.widgets import ArticleView, KbSearchBox
from app.views.shell.actions import build_actions

if TYPE_CHECKING:
    from app.views.shell.context import ScreenContext

OK = "<span style='color:#2e7d32'>✔</span>"
WRONG = "<span style='color:#c62828'>✘</span>"


def percent(value: float) -> str:
    return f"{value * 100:.0f} %"


def seconds_text(value: float) -> str:
    return QCoreApplication.translate("DrillPage", "%1 s").replace("%1", f"{value:.0f}")


class DrillPage(QWidget):
    def __init__(self, context: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.workspace = workspace = context.workspace
        self.identity = context.actor
        tasks = context.tasks
        self.operations = context.operations
        self.store = DrillStore(workspace.database, clock=workspace.clock)
        self.scenario: Scenario | None = None
        self.started: datetime | None = None
        self.chosen = ""
        self.answered = False
        self.last: Attempt | None = None
        self._build(tasks)
        self.clock_timer = QTimer(self)
        self.clock_timer.setInterval(1000)
        self.clock_timer.timeout.connect(self._tick)
        build_actions(self, {"drill_answer": self.primary})  # F9, live while shown
        self.refresh()

    # ---- layout -------------------------------------------------------------------------

    def _build(self, tasks: TaskRunner) -> None:
        drill = self._build_drill(tasks)
        mine = self._build_progress()
        self.tabs = QTabWidget(objectName="drill_tabs")
        self.tabs.addTab(drill, self.tr("Drill"))
        self.tabs.addTab(mine, self.tr("My progress"))
        self.tabs.currentChanged.connect(lambda i: self.refresh_progress() if i == 1 else None)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.tabs)

        self.search.current_changed.connect(self._preview)
        self.search.chosen.connect(self.choose_article)
        self.set_combo.activated.connect(lambda _i: self.next_item())
        self.setFocusProxy(self.search)

    def _build_drill(self, tasks: TaskRunner) -> QWidget:
        """The drill tab: the set and its clock, the caller, the knowledge base, the answer."""
        top = self._build_top()

        self.caller = plain(QLabel(objectName="drill_scenario"))  # the caller's own words
        self.caller.setWordWrap(True)
        self.caller.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        caller_font = QFont(self.caller.font())
        caller_font.setPointSizeF(caller_font.pointSizeF() * 1.4)
        self.caller.setFont(caller_font)
        self.caller.setStyleSheet(
            "QLabel { background:#e3f2fd; border-left:4px solid #1565c0; padding:10px 14px; }"
        )
        self.caller.setMinimumHeight(64)

        self.search = KbSearchBox(self.workspace, tasks)
        self.view = ArticleView(self.workspace)
        self.view.show_article(None)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.search)
        splitter.addWidget(self.view)
        splitter.setSizes([420, 620])

        form, picks = self._build_answer()
        self._build_feedback()

        drill = QWidget()
        layout = QVBoxLayout(drill)
        layout.addLayout(top)
        layout.addWidget(self.caller)
        layout.addWidget(splitter, 1)
        layout.addLayout(form)
        layout.addLayout(picks)
        layout.addWidget(self.feedback_box)
        return drill

    def _build_top(self) -> QHBoxLayout:
        """The drill set to choose, what it holds, and the clock."""
        self.set_combo = QComboBox(objectName="drill_set")
        self.set_combo.setMinimumWidth(180)
        set_label = QLabel(self.tr("Drill &set:"))
        set_label.setBuddy(self.set_combo)
        self.summary = plain(QLabel(objectName="drill_summary"))
        self.summary.setStyleSheet("color:#546e7a;")
        self.clock_label = plain(QLabel("00:00", objectName="drill_clock"))
        clock_font = QFont(self.clock_label.font())
        clock_font.setPointSizeF(clock_font.pointSizeF() * 1.6)
        clock_font.setBold(True)
        self.clock_label.setFont(clock_font)
        top = QHBoxLayout()
        top.addWidget(set_label)
        top.addWidget(self.set_combo)
        top.addSpacing(16)
        top.addWidget(self.summary, 1)
        top.addWidget(self.clock_label)
        return top

    def _build_answer(self) -> tuple[QFormLayout, QHBoxLayout]:
        """The chosen article, the appeal type and unit to pick, and the answer button."""
        policy = self.workspace.policy
        self.article_label = plain(QLabel(objectName="drill_article"))
        self.article_label.setWordWrap(True)
        self.appeal_type = QComboBox(objectName="drill_appeal_type")
        for appeal_type in AppealType:
            self.appeal_type.addItem(appeal_type_label(appeal_type.value), appeal_type.value)
        self.unit = SearchCombo()
        self.unit.setObjectName("drill_unit")
        for unit in policy.units:
            self.unit.add(unit.name, unit.code)
        self.unit.setMinimumWidth(260)
        self.submit_button = QPushButton(self.tr("Answer (F9)"), objectName="drill_submit")
        self.submit_button.clicked.connect(self.submit)
        form = QFormLayout()
        form.addRow(self.tr("Chosen article:"), self.article_label)
        picks = QHBoxLayout()
        type_label = QLabel(self.tr("Appeal &type"))
        type_label.setBuddy(self.appeal_type)
        unit_label = QLabel(self.tr("Handling &unit"))
        unit_label.setBuddy(self.unit)
        picks.addWidget(type_label)
        picks.addWidget(self.appeal_type)
        picks.addSpacing(16)
        picks.addWidget(unit_label)
        picks.addWidget(self.unit, 1)
        picks.addSpacing(16)
        picks.addWidget(self.submit_button)
        return form, picks

    def _build_feedback(self) -> None:
        """How the answer fared, with the button to the next scenario."""
        self.feedback = rich(QLabel(objectName="drill_feedback"))  # every value escaped
        self.feedback.setWordWrap(True)
        self.next_button = QPushButton(self.tr("Next scenario (Enter)"), objectName="drill_next")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.next_item)
        self.feedback_box = QFrame(objectName="drill_feedback_box")
        self.feedback_box.setStyleSheet(
            "#drill_feedback_box { background:#fafafa; border:1px solid #cfd8dc; }"
        )
        box = QHBoxLayout(self.feedback_box)
        box.addWidget(self.feedback, 1)
        box.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignBottom)
        self.feedback_box.hide()

    def _build_progress(self) -> QWidget:
        """The progress tab: the operator's accuracy and times by category."""
        self.progress_summary = plain(QLabel(objectName="drill_progress_summary"))
        self.progress_summary.setWordWrap(True)
        self.progress_model = RowsModel(
            [
                self.tr("Category"),
                self.tr("Attempts"),
                self.tr("Right"),
                self.tr("Accuracy"),
                self.tr("Median time"),
            ],
            [None, None, None, percent, seconds_text],
            self,
        )
        self.progress_table = QTableView(objectName="drill_progress_table")
        self.progress_table.setModel(self.progress_model)
        self.progress_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch
        )
        self.progress_table.verticalHeader().hide()
        mine = QWidget()
        mine_layout = QVBoxLayout(mine)
        mine_layout.addWidget(self.progress_summary)
        mine_layout.addWidget(self.progress_table, 1)
        return mine

    # ---- the set and the next scenario -------------------------------------------------

    @property
    def user(self) -> str:
        return self.identity().user

    def set_name(self) -> str:
        return str(self.set_combo.currentData() or "")

    def refresh(self) -> None:
        """Reload the sets (a trainer may have imported one); keep the current scenario."""
        current = self.set_name()
        self.set_combo.blockSignals(True)
        self.set_combo.clear()
        for name, count in self.store.sets():
            self.set_combo.addItem(f"{name}（{count}）", name)
        index = self.set_combo.findData(current)
        self.set_combo.setCurrentIndex(index if index >= 0 else 0)
        self.set_combo.blockSignals(False)
        if self.scenario is None or self.set_name() != current:
            self.next_item()
        self._update_summary()

    def next_item(self, ahead: bool = False) -> None:
        self.feedback_box.hide()
        self.answered = False
        name = self.set_name()
        skip = self.last.scenario_id if self.last is not None else ""
        scenario = (
            self.store.next_scenario(self.user, name, ahead=ahead, skip=skip) if name else None
        )
        self.scenario = scenario
        self.chosen = ""
        self.article_label.setText("")
        self.appeal_type.setCurrentIndex(-1)
        self.unit.setCurrentIndex(-1)
        self.unit.setEditText("")
        self.search.line.clear()
        self.search.hits.set_hits([])
        self.view.show_article(None)
        self._update_summary()
        if scenario is None:
            self.started = None
            self.clock_timer.stop()
            self.clock_label.setText("00:00")
            self.caller.setText(self._idle_text(name))
            self.submit_button.setEnabled(False)
            return
        self.caller.setText("“" + scenario.text + "”")
        self.submit_button.setEnabled(True)
        self.started = self.workspace.clock()
        self.clock_label.setText("00:00")
        self.clock_timer.start()
        self.search.setFocus()

    def _idle_text(self, name: str) -> str:
        if not name:
            return self.tr("No drill set yet. A trainer builds one on the drill dashboard.")
        upcoming = self.store.progress(self.user, name).next_due
        if upcoming is None:
            return self.tr("Nothing to drill in this set.")
        return self.tr(
            "Nothing is due now; the next review is at %1. Press F9 to practise ahead."
        ).replace("%1", upcoming.strftime("%m-%d %H:%M"))

    def _update_summary(self) -> None:
        name = self.set_name()
        if not name:
            self.summary.setText("")
            return
        p = self.store.progress(self.user, name)
        self.summary.setText(
            self.tr("Due %1 · new %2 · learning %3 · mastered %4")
            .replace("%1", str(p.due))
            .replace("%2", str(p.new))
            .replace("%3", str(p.learning))
            .replace("%4", str(p.mastered))
        )

    def _tick(self) -> None:
        if self.started is None or self.answered:
            return
        elapsed = int((self.workspace.clock() - self.started).total_seconds())
        self.clock_label.setText(f"{elapsed // 60:02d}:{elapsed % 60:02d}")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.scenario is not None and not self.answered:
            self.search.setFocus()  # Ctrl+7 lands in the search, ready to type

    def stop_timers(self) -> None:
        self.clock_timer.stop()

    # ---- answering ----------------------------------------------------------------------

    def _preview(self, article_id: str) -> None:
        if self.answered or not article_id:
            return
        self.view.show_article(self.workspace.knowledge().get(article_id))

    def choose_article(self, article_id: str) -> None:
        """Enter on a hit: the article is the answer; on to the appeal type."""
        if self.answered or self.scenario is None:
            return
        article = self.workspace.knowledge().get(article_id)
        if article is None:
            return
        self.chosen = article_id
        self.view.show_article(article)
        self.article_label.setText(article.title)
        self.appeal_type.setFocus()

    def primary(self) -> None:
        """F9: answer the scenario; once answered (or when nothing is due), go on."""
        if self.scenario is not None and not self.answered:
            self.submit()
        else:
            self.next_item(ahead=self.scenario is None)

    def submit(self) -> Attempt | None:
        if self.scenario is None or self.started is None or self.answered:
            return None
        chosen_type = self.appeal_type.currentData()
        answer = Answer(
            article=self.chosen,
            appeal_type=AppealType(chosen_type) if chosen_type else None,
            unit=self.unit.code(),
        )
        attempt = grade(
            self.scenario,
            answer,
            user=self.user,
            started=self.started,
            answered_at=self.workspace.clock(),
        )
        actor = self.identity()
        done = self.operations(
            self, lambda ws: drill_ops.record_attempt(ws, attempt, actor)
        ).run_now()
        if done is None:  # told to the user; the answer stays on the screen to try again
            return None
        self.answered = True
        self.last = attempt
        self.clock_timer.stop()
        self._tick_final(attempt)
        self._show_feedback(attempt)
        self._update_summary()
        return attempt

    def _tick_final(self, attempt: Attempt) -> None:
        whole = int(attempt.seconds)
        self.clock_label.setText(f"{whole // 60:02d}:{whole % 60:02d}")

    def _show_feedback(self, a: Attempt) -> None:
        kb = self.workspace.knowledge()
        policy = self.workspace.policy
        e = html.escape

        def title(article_id: str) -> str:
            article = kb.get(article_id) if article_id else None
            return article.title if article is not None else article_id

        none = self.tr("(none)")
        expected = kb.get(a.expected_articles[0]) if a.expected_articles else None
        lines = []
        if a.correct:
            lines.append("<b style='color:#2e7d32'>" + e(self.tr("All right.")) + "</b>")
        else:
            lines.append(
                "<b style='color:#c62828'>"
                + e(self.tr("%1 of 3 right.").replace("%1", str(a.parts_right)))
                + "</b>"
            )
        rows = [
            (
                a.article_ok,
                self.tr("Article"),
                title(a.article) or none,
                "、".join(title(x) for x in a.expected_articles),
            ),
            (
                a.type_ok,
                self.tr("Appeal type"),
                appeal_type_label(a.appeal_type) if a.appeal_type else none,
                appeal_type_label(a.expected_type),
            ),
            (
                a.unit_ok,
                self.tr("Handling unit"),
                policy.unit_name(a.unit) if a.unit else none,
                policy.unit_name(a.expected_unit) if a.expected_unit else self.tr("any"),
            ),
        ]
        cells = []
        for ok, label, chosen, wanted in rows:
            fix = "" if ok else " → " + e(self.tr("expected: %1").replace("%1", wanted))
            cells.append(
                f"<tr><td>{OK if ok else WRONG}</td><td style='color:#546e7a; padding-right:10px'>"
                f"{e(label)}</td><td>{e(chosen)}{fix}</td></tr>"
            )
        lines.append("<table>" + "".join(cells) + "</table>")
        timing = self.tr("Time taken: %1 s").replace("%1", f"{a.seconds:.0f}")
        if a.seconds > SLOW_SECONDS:
            timing += " — " + self.tr("slow: this scenario comes back sooner")
        lines.append(e(timing))
        self.feedback.setText("".join(lines))
        self.feedback_box.show()
        if expected is not None:  # the official answer, to read while the feedback is up
            self.view.show_article(expected)
        self.next_button.setFocus()

    # ---- my progress --------------------------------------------------------------------

    def refresh_progress(self) -> None:
        attempts = self.store.attempts(self.user)
        policy = self.workspace.policy
        self.progress_model.set_rows(
            [
                (
                    policy.category_path(f.category) if f.category else "—",
                    f.attempts,
                    f.correct,
                    f.accuracy,
                    f.median_seconds,
                )
                for f in figures(attempts, by_user=False)
            ]
        )
        name = self.set_name()
        total = len(attempts)
        right = sum(1 for a in attempts if a.correct)
        text = self.tr("%1 attempts, %2 right.").replace("%1", str(total)).replace("%2", str(right))
        if name:
            p = self.store.progress(self.user, name)
            text += " " + self.tr(
                "In set %1: %2 mastered, %3 learning, %4 new, %5 due now."
            ).replace("%1", name).replace("%2", str(p.mastered)).replace(
                "%3", str(p.learning)
            ).replace("%4", str(p.new)).replace("%5", str(p.due))
        self.progress_summary.setText(text)
