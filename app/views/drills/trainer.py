"""The trainer's drill dashboard: every trainee's accuracy and median time per category, the
scenarios most often missed (exported as CSV), and building drill sets from what callers
said on the calls answered with the knowledge base (by category, unit or recent change of
the article; scrubbed, never the article's own phrasings), with the words editable.
"""

from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.models.drill_figures import figures, most_missed
from app.models.drills import Scenario, Selection
from app.operations import drills as drill_ops
from app.operations.changes import Changes
from app.store.drills.sets import DrillStore
from app.views.common.labels import appeal_type_label
from app.views.common.plain import plain
from app.views.common.widgets import SearchCombo
from app.views.drills.models import RowsModel, ScenarioModel
from app.views.drills.page import percent, seconds_text
from app.views.drills.publishing import publishing_bar
from app.views.shell.actions import build_actions

if TYPE_CHECKING:
    from app.views.shell.context import ScreenContext


class TrainerPage(QWidget):
    def __init__(self, context: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.workspace = workspace = context.workspace
        self.tasks = context.tasks
        self.operations = context.operations
        self.operations.changes.changed.connect(self.follow_changes)
        self.store = DrillStore(workspace.database, clock=workspace.clock)
        self.tabs = QTabWidget(objectName="trainer_tabs")
        self.tabs.addTab(self._dashboard(), self.tr("Dashboard"))
        self.tabs.addTab(self._builder(), self.tr("Drill sets"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        build_actions(self, {"drill_export": self.export_dialog})  # live while shown
        self.refresh()

    # ---- dashboard ----------------------------------------------------------------------

    def _dashboard(self) -> QWidget:
        self.filter = QComboBox(objectName="trainer_set_filter")
        self.filter.activated.connect(lambda _i: self.refresh_dashboard())
        filter_label = QLabel(self.tr("Drill &set:"))
        filter_label.setBuddy(self.filter)
        self.totals = plain(QLabel(objectName="trainer_totals"))
        self.export_button = QPushButton(self.tr("Export CSV… (Ctrl+Shift+X)"))
        self.export_button.clicked.connect(self.export_dialog)
        top = QHBoxLayout()
        top.addWidget(filter_label)
        top.addWidget(self.filter)
        top.addSpacing(16)
        top.addWidget(self.totals, 1)
        top.addWidget(self.export_button)

        self.figures_model = RowsModel(
            [
                self.tr("Trainee"),
                self.tr("Category"),
                self.tr("Attempts"),
                self.tr("Right"),
                self.tr("Accuracy"),
                self.tr("Median time"),
            ],
            [None, None, None, None, percent, seconds_text],
            self,
        )
        self.figures_table = self._table(self.figures_model, "trainer_figures", 1)
        self.missed_model = RowsModel(
            [
                self.tr("Caller's words"),
                self.tr("Set"),
                self.tr("Missed"),
                self.tr("Attempts"),
                self.tr("Miss rate"),
                self.tr("Most often picked instead"),
            ],
            [None, None, None, None, percent, None],
            self,
        )
        self.missed_table = self._table(self.missed_model, "trainer_missed", 0, 5)

        figures_box = QGroupBox(self.tr("Accuracy and median time per trainee and category"))
        QVBoxLayout(figures_box).addWidget(self.figures_table)
        missed_box = QGroupBox(self.tr("Most often missed scenarios"))
        QVBoxLayout(missed_box).addWidget(self.missed_table)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(figures_box)
        splitter.addWidget(missed_box)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        return page

    @staticmethod
    def _table(model: RowsModel | ScenarioModel, name: str, stretch: int, *also: int) -> QTableView:
        """Text columns (`stretch`, `also`) share the width; the others fit their contents."""
        table = QTableView(objectName=name)
        table.setModel(model)
        table.verticalHeader().hide()
        table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (stretch, *also):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        return table

    def refresh(self) -> None:
        current = str(self.filter.currentData() or "")
        self.filter.clear()
        self.filter.addItem(self.tr("All sets"), "")
        for name, count in self.store.sets():
            self.filter.addItem(f"{name}（{count}）", name)
        index = self.filter.findData(current)
        self.filter.setCurrentIndex(max(0, index))
        self.refresh_dashboard()
        self.refresh_sets()

    def refresh_dashboard(self) -> None:
        set_name = str(self.filter.currentData() or "") or None
        attempts = self.store.attempts(set_name=set_name)
        policy = self.workspace.policy
        kb = self.workspace.knowledge()
        self.figures_model.set_rows(
            [
                (
                    f.user,
                    policy.category_path(f.category) if f.category else "—",
                    f.attempts,
                    f.correct,
                    f.accuracy,
                    f.median_seconds,
                )
                for f in figures(attempts)
            ]
        )
        rows = []
        for m in most_missed(attempts):
            wrong = kb.get(m.common_wrong) if m.common_wrong else None
            rows.append(
                (
                    m.text,
                    m.set_name,
                    m.misses,
                    m.attempts,
                    m.miss_rate,
                    wrong.title if wrong is not None else m.common_wrong,
                )
            )
        self.missed_model.set_rows(rows)
        trainees = len({a.user for a in attempts})
        right = sum(1 for a in attempts if a.correct)
        self.totals.setText(
            self.tr("%1 trainees, %2 attempts, %3 right")
            .replace("%1", str(trainees))
            .replace("%2", str(len(attempts)))
            .replace("%3", str(right))
        )

    def export_csv(self, path: Path | str) -> int:
        """Both tables into one CSV (UTF-8 with BOM, so spreadsheet programs read the
        Chinese); returns the number of data rows written."""
        count = 0
        with Path(path).open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            for model in (self.figures_model, self.missed_model):
                writer.writerow(model.headers)
                for row in model.display_rows():
                    writer.writerow(row)
                    count += 1
                writer.writerow([])
        return count

    def export_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export drill figures"), "drills.csv", self.tr("CSV files (*.csv)")
        )
        if path:
            self.export_csv(path)

    # ---- building sets ------------------------------------------------------------------

    def _builder(self) -> QWidget:
        policy = self.workspace.policy
        self.set_name = QComboBox(objectName="builder_set")
        self.set_name.setEditable(True)
        self.set_name.lineEdit().setPlaceholderText(self.tr("Name of a new or existing set"))
        self.set_name.currentTextChanged.connect(lambda _t: self.refresh_scenarios())
        self.category = SearchCombo()
        self.category.setObjectName("builder_category")
        self.category.add(self.tr("Any category"), "")
        for category in policy.categories:
            self.category.add(category.path, category.code)
        self.unit = SearchCombo()
        self.unit.setObjectName("builder_unit")
        self.unit.add(self.tr("Any unit"), "")
        for unit in policy.units:
            self.unit.add(unit.name, unit.code)
        self.days = QSpinBox(objectName="builder_days")
        self.days.setRange(0, 365)
        self.days.setSpecialValueText(self.tr("any time"))
        self.days.setSuffix(self.tr(" days"))
        self.per_article = QSpinBox(objectName="builder_per_article")
        self.per_article.setRange(1, 10)
        self.per_article.setValue(2)
        self.generate_button = QPushButton(self.tr("Generate from the knowledge base"))
        self.generate_button.setObjectName("builder_generate")
        self.generate_button.clicked.connect(self.generate)
        self.report = plain(QLabel(objectName="builder_report"))
        self.report.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Set &name"), self.set_name)
        form.addRow(self.tr("&Category"), self.category)
        form.addRow(self.tr("&Unit"), self.unit)
        form.addRow(self.tr("Articles changed in the &last"), self.days)
        form.addRow(self.tr("Callers per &article"), self.per_article)
        buttons = QHBoxLayout()
        buttons.addWidget(self.generate_button)
        buttons.addWidget(self.report, 1)
        box = QGroupBox(self.tr("Generate scenarios from calls answered with the knowledge base"))
        box_layout = QVBoxLayout(box)
        box_layout.addLayout(form)
        box_layout.addLayout(buttons)

        self.scenario_model = ScenarioModel(
            [
                self.tr("Caller's words (double-click to edit)"),
                self.tr("Article"),
                self.tr("Appeal type"),
                self.tr("Handling unit"),
                self.tr("Category"),
            ],
            self._describe,
            self._edited,
            self,
        )
        self.scenario_table = self._table(self.scenario_model, "builder_scenarios", 0, 1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(box)
        layout.addWidget(self.scenario_table, 1)
        layout.addLayout(publishing_bar(self, self.context, self.set_name.currentText))
        return page

    def _describe(self, s: Scenario) -> list[str]:
        policy = self.workspace.policy
        kb = self.workspace.knowledge()
        titles = []
        for article_id in s.articles:
            article = kb.get(article_id)
            titles.append(article.title if article is not None else article_id)
        return [
            "、".join(titles),
            appeal_type_label(s.appeal_type.value),
            policy.unit_name(s.unit) if s.unit else "",
            policy.category_path(s.category) if s.category else "",
        ]

    def _edited(self, scenario: Scenario) -> None:
        self.operations(self, lambda ws: drill_ops.save_scenarios(ws, [scenario])).run_now()

    def follow_changes(self, changes: Changes) -> None:
        """Attempts recorded here or pulled, sets edited: the dashboard reads them again."""
        if changes.drills and self.isVisible():
            self.refresh()

    def refresh_sets(self) -> None:
        text = self.set_name.currentText()
        self.set_name.blockSignals(True)
        self.set_name.clear()
        for name, _count in self.store.sets():
            self.set_name.addItem(name)
        self.set_name.setEditText(text)
        self.set_name.blockSignals(False)
        self.refresh_scenarios()

    def refresh_scenarios(self) -> None:
        name = self.set_name.currentText().strip()
        self.scenario_model.set_scenarios(self.store.scenarios(name) if name else [])

    def selection(self) -> Selection:
        category, unit = self.category.code(), self.unit.code()
        today = self.workspace.clock().date()
        days = self.days.value()
        return Selection(
            categories=(category,) if category else (),
            units=(unit,) if unit else (),
            changed_since=today - timedelta(days=days) if days else None,
            per_article=self.per_article.value(),
        )

    def generate(self) -> int:
        """Add scenarios made from the calls answered with the selected articles to the
        named set; returns how many are new."""
        name = self.set_name.currentText().strip()
        if not name:
            self.report.setText(self.tr("Name the set first."))
            self.set_name.setFocus()
            return 0
        selection = self.selection()
        done = self.operations(
            self, lambda ws: drill_ops.generate_set(ws, name, selection)
        ).run_now()
        if done is None:
            return 0
        if not done.found:
            self.report.setText(
                self.tr(
                    "No call answered with a matching article in force yet "
                    "(confidential callers are never used)."
                )
            )
            return 0
        self.report.setText(
            self.tr("%1 new scenarios, %2 already in the set.")
            .replace("%1", str(done.created))
            .replace("%2", str(done.already))
        )
        self.refresh()
        self.set_name.setEditText(name)
        self.refresh_scenarios()
        return done.created
