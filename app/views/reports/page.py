"""报表 Reports: pick a period and a scope; volume, trend, mix, the rates per unit, overdue,
hot spots; every row opens the orders behind it; export as PDF, CSV and XLSX."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.models.reports import (
    AssessmentPolicy,
    Period,
    PeriodKind,
    Report,
    Scope,
    build_report,
)
from app.models.visibility import Viewer
from app.operations.changes import Changes
from app.resources import load_json
from app.store.reports.queries import ReportQueries, Selection
from app.views.common.failures import failure_text
from app.views.common.plain import plain, plain_label, warn
from app.views.common.widgets import fit_to_screen, scrolled
from app.views.reports import charts
from app.views.reports import export as report_export
from app.views.reports.models import OrderRowsModel, ReportTableModel
from app.views.reports.tables import (
    Namer,
    ReportTable,
    all_tables,
    comparison_text,
    dimension_name,
    previous_title,
)

if TYPE_CHECKING:
    from app.views.shell.context import ScreenContext

MIX_ORDER = ("appeal_type", "category", "channel", "town", "lead_unit")


def _table_view(model: ReportTableModel, name: str) -> QTableView:
    view = QTableView(objectName=name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(False)
    return view


class ReportsPage(QWidget):
    open_order = Signal(str)
    report_ready = Signal(object)

    def __init__(self, context: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.workspace = workspace = context.workspace
        self.tasks = context.tasks
        # whose report: a unit's counts and opens only its own orders (app/store/access.py)
        self.viewer = viewer = context.viewer
        self.report_viewer: Viewer = viewer()
        self.assessment = AssessmentPolicy.from_data(load_json("policy/assessment.json"))
        self.namer = Namer(workspace.policy)
        self.report: Report | None = None
        self.tables: dict[str, ReportTable] = {}
        self.models: dict[str, ReportTableModel] = {}
        # The worker writes (done, total) here; a GUI-thread timer shows it. (Emitting a
        # signal from the worker for each step crashed PySide6 6.12 with a refcount error.)
        self._done_total = (0, 0)
        self._poll = QTimer(self)
        self._poll.setInterval(100)
        self._poll.timeout.connect(self._step)
        self._stale = False
        context.changes.changed.connect(self.follow_changes)
        self._build()

    # ---- layout ------------------------------------------------------------------------
    def _build(self) -> None:
        bar, heading_row = self._build_bars()
        # each tab scrolls when its charts are taller than a small screen leaves them
        self.tabs = QTabWidget(objectName="report_tabs")
        self.tabs.addTab(scrolled(self._overview_tab()), self.tr("Overview"))
        self.tabs.addTab(scrolled(self._mix_tab()), self.tr("Mix"))
        self.tabs.addTab(scrolled(self._units_tab()), self.tr("Units"))
        self.tabs.addTab(scrolled(self._overdue_tab()), self.tr("Overdue"))
        self.tabs.addTab(scrolled(self._hot_tab()), self.tr("Hot spots"))

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(heading_row)
        layout.addWidget(self.comparison)
        layout.addWidget(self.tabs, 1)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.run_button.clicked.connect(self.refresh)
        self.pdf_button.clicked.connect(self.export_pdf)
        self.csv_button.clicked.connect(self.export_csv)
        self.xlsx_button.clicked.connect(self.export_xlsx)
        self._kind_changed()

    def _build_bars(self) -> tuple[QHBoxLayout, QHBoxLayout]:
        """The period and scope with the button that makes the report; the report's heading
        with its exports."""
        self.kind = QComboBox(objectName="period_kind")
        for kind, text in (
            (PeriodKind.DAY, self.tr("Day")),
            (PeriodKind.WEEK, self.tr("Week")),
            (PeriodKind.MONTH, self.tr("Month")),
            (PeriodKind.CUSTOM, self.tr("Custom")),
        ):
            self.kind.addItem(text, kind.value)
        self.kind.setCurrentIndex(2)
        today = QDate.fromString(self.workspace.clock().date().isoformat(), Qt.DateFormat.ISODate)
        self.date_from = QDateEdit(today, objectName="date_from")
        self.date_to = QDateEdit(today, objectName="date_to")
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.to_label = plain(QLabel(self.tr("to")))
        self.scope = QComboBox(objectName="scope")
        # long unit names would make the bar wider than a 1366-pixel screen at 125 %
        self.scope.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.scope.setMinimumContentsLength(12)
        self.scope.addItem(self.tr("Whole city"), "city")
        for town in self.workspace.policy.towns:
            self.scope.addItem(self.tr("Town: %1").replace("%1", town.name), f"town:{town.code}")
        for unit in self.workspace.policy.units:
            if unit.kind != "community":
                self.scope.addItem(
                    self.tr("Unit: %1").replace("%1", unit.name), f"unit:{unit.code}"
                )
        self.run_button = QPushButton(self.tr("&Make report"), objectName="make_report")
        self.run_button.setDefault(True)
        self.pdf_button = QPushButton(self.tr("Export &PDF…"), objectName="export_pdf")
        self.csv_button = QPushButton(self.tr("Export &CSV…"), objectName="export_csv")
        self.xlsx_button = QPushButton(self.tr("Export &XLSX…"), objectName="export_xlsx")
        for button in (self.pdf_button, self.csv_button, self.xlsx_button):
            button.setEnabled(False)
        self.progress = QProgressBar(objectName="progress")
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.heading = QLabel(objectName="heading")
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold; color: #1d3f66;")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.comparison = QLabel(objectName="comparison")
        self.comparison.setTextFormat(Qt.TextFormat.PlainText)
        self.comparison.setWordWrap(True)
        self.comparison.setStyleSheet("color: #1d3f66;")

        bar = QHBoxLayout()
        for w in (
            QLabel(self.tr("Period:")),
            self.kind,
            self.date_from,
            self.to_label,
            self.date_to,
            QLabel(self.tr("Scope:")),
            self.scope,
            self.run_button,
            self.progress,
        ):
            bar.addWidget(w)
        bar.addStretch(1)
        # the exports beside the heading, not the bar: one row would not fit a small screen
        heading_row = QHBoxLayout()
        heading_row.addWidget(self.heading, 1)
        for w in (self.pdf_button, self.csv_button, self.xlsx_button):
            heading_row.addWidget(w)

        return bar, heading_row

    def _model(self, table_id: str) -> ReportTableModel:
        model = ReportTableModel(self)
        self.models[table_id] = model
        return model

    def _view(self, table_id: str) -> QTableView:
        view = _table_view(self._model(table_id), f"table_{table_id}")
        view.setToolTip(self.tr("Double-click a row to see its orders"))
        view.doubleClicked.connect(lambda index, t=table_id: self.open_row(t, index.row()))
        return view

    def _chart_slot(self, name: str) -> QWidget:
        holder = QWidget(objectName=f"chart_{name}")
        QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
        holder.setMinimumHeight(240)
        return holder

    def _overview_tab(self) -> QWidget:
        tab = QWidget()
        grid = QGridLayout(tab)
        self.summary_view = self._view("summary")
        self.summary_view.setMaximumHeight(250)
        self.chart_slots = {n: self._chart_slot(n) for n in ("trend", "appeal_type", "channel")}
        grid.addWidget(self.summary_view, 0, 0)
        grid.addWidget(self.chart_slots["trend"], 0, 1)
        grid.addWidget(self.chart_slots["appeal_type"], 1, 0)
        grid.addWidget(self.chart_slots["channel"], 1, 1)
        self.summary_note = plain(QLabel(wordWrap=True))
        self.summary_note.setStyleSheet("color: #666;")
        self.summary_note.setTextFormat(Qt.TextFormat.PlainText)
        grid.addWidget(self.summary_note, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        return tab

    def _mix_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.dimension = QComboBox(objectName="dimension")
        for d in MIX_ORDER:
            self.dimension.addItem(dimension_name(d), d)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Orders by:")))
        row.addWidget(self.dimension)
        row.addStretch(1)
        layout.addLayout(row)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.chart_slots_mix = self._chart_slot("mix")
        self.mix_view = _table_view(self._model("mix"), "table_mix")
        self.mix_view.doubleClicked.connect(lambda index: self.open_row("mix", index.row()))
        split.addWidget(self.chart_slots_mix)
        split.addWidget(self.mix_view)
        split.setSizes([500, 500])
        layout.addWidget(split, 1)
        self.dimension.currentIndexChanged.connect(self._show_mix)
        return tab

    def _units_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self._view("units"), 1)
        self.units_note = plain(QLabel(wordWrap=True))
        self.units_note.setStyleSheet("color: #666;")
        self.units_note.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.units_note)
        return tab

    def _overdue_tab(self) -> QWidget:
        tab = QWidget()
        layout = QHBoxLayout(tab)
        self.chart_slots["overdue"] = self._chart_slot("overdue")
        layout.addWidget(self.chart_slots["overdue"], 1)
        layout.addWidget(self._view("overdue"), 1)
        return tab

    def _hot_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.hot_note = plain(QLabel(wordWrap=True))
        self.hot_note.setStyleSheet("color: #666;")
        self.hot_note.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self._view("hot_spots"), 3)
        layout.addWidget(self.hot_note)
        layout.addWidget(QLabel(self.tr("Repeated appeals about one address")))
        layout.addWidget(self._view("problems"), 2)
        return tab

    # ---- choosing ----------------------------------------------------------------------
    def _kind_changed(self) -> None:
        custom = self.kind.currentData() == PeriodKind.CUSTOM.value
        self.date_to.setVisible(custom)
        self.to_label.setVisible(custom)

    def period(self) -> Period:
        first = date.fromisoformat(self.date_from.date().toString(Qt.DateFormat.ISODate))
        kind = PeriodKind(self.kind.currentData())
        if kind is PeriodKind.DAY:
            return Period.day(first)
        if kind is PeriodKind.WEEK:
            return Period.week(first)
        if kind is PeriodKind.MONTH:
            return Period.month(first)
        last = date.fromisoformat(self.date_to.date().toString(Qt.DateFormat.ISODate))
        return Period.custom(min(first, last), max(first, last))

    def chosen_scope(self) -> Scope:
        return Scope.parse(str(self.scope.currentData()))

    def set_choice(self, period: Period, scope: Scope) -> None:
        kinds = [self.kind.itemData(i) for i in range(self.kind.count())]
        self.kind.setCurrentIndex(kinds.index(period.kind.value))
        self.date_from.setDate(QDate(period.start.year, period.start.month, period.start.day))
        self.date_to.setDate(QDate(period.last.year, period.last.month, period.last.day))
        index = self.scope.findData(scope.code_text())
        self.scope.setCurrentIndex(max(index, 0))

    # ---- computing (off the GUI thread) ------------------------------------------------
    def _queries(self, viewer: Viewer) -> ReportQueries:
        """On the connection of the worker thread that runs them."""
        database = self.workspace.worker_database()
        return ReportQueries(database, self.workspace.policy, self.assessment, viewer)

    def clear(self) -> None:
        """Forget the report shown (another user is at the keyboard)."""
        self.report = None
        self.tables = {}
        for model in self.models.values():
            model.set_table(None)
        for label in (self.heading, self.comparison, self.summary_note, self.units_note):
            label.clear()
        self.hot_note.clear()
        for button in (self.pdf_button, self.csv_button, self.xlsx_button):
            button.setEnabled(False)
        for holder in (*self.chart_slots.values(), self.chart_slots_mix):
            layout = holder.layout()
            while layout.count():
                item = layout.takeAt(0)
                if item.widget() is not None:
                    item.widget().deleteLater()

    def follow_changes(self, changes: Changes) -> None:
        """Orders changed (a step, a pull): the report shown is made again, now or when the
        screen is next shown."""
        if self.report is None or not changes.any_order:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and self.report is not None:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        viewer = self.report_viewer = self.viewer()
        period, scope = self.period(), self.chosen_scope()
        as_of: datetime = self.workspace.clock()
        assessment = self.assessment
        self._done_total = (0, 0)

        def progress(done: int, total: int) -> None:
            self._done_total = (done, total)

        def work() -> Report:
            data = self._queries(viewer).report_input(period, scope, as_of, progress)
            return build_report(data, assessment)

        self.run_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self._poll.start()
        self.tasks.run(work, self._show, self._failed, key="report")

    def _step(self) -> None:
        done, total = self._done_total
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _failed(self, exc: Exception) -> None:
        self._poll.stop()
        self.run_button.setEnabled(True)
        self.progress.hide()
        warn(self, self.tr("Reports"), failure_text(self.tr("Making the report"), exc))

    # ---- showing -----------------------------------------------------------------------
    def _show(self, report: Report) -> None:
        self.report = report
        self._poll.stop()
        self.run_button.setEnabled(True)
        self.progress.hide()
        for button in (self.pdf_button, self.csv_button, self.xlsx_button):
            button.setEnabled(True)
        self.tables = {t.id: t for t in all_tables(report, self.namer)}
        self.heading.setText(report_export.report_title(report, self.namer))
        self.comparison.setText(comparison_text(report))
        for table_id, model in self.models.items():
            if table_id != "mix":
                model.set_table(self.tables.get(table_id))
        self.summary_note.setText(self.tables["summary"].note)
        self.units_note.setText(self.tables["units"].note)
        self.hot_note.setText(self.tables["hot_spots"].note)
        self._place(self.chart_slots["trend"], charts.trend_chart(report))
        for d in ("appeal_type", "channel"):
            rows = report.mix[d]
            self._place(
                self.chart_slots[d],
                charts.pie_chart(
                    self.tr("Orders by %1").replace("%1", dimension_name(d)),
                    rows,
                    [self.namer.value(d, r.value) for r in rows],
                ),
            )
        self._place(self.chart_slots["overdue"], charts.overdue_chart(report, self.namer))
        self._show_mix()
        self.report_ready.emit(report)

    def _show_mix(self) -> None:
        if self.report is None:
            return
        d = str(self.dimension.currentData())
        self.models["mix"].set_table(self.tables.get(f"mix_{d}"))
        rows = [r for r in self.report.mix[d] if r.value]  # the chart leaves out "none"
        self._place(
            self.chart_slots_mix,
            charts.bar_chart(
                self.tr("Top %1 by orders").replace("%1", dimension_name(d)),
                rows,
                [self.namer.value(d, r.value) for r in rows],
                limit=15,
                previous_name=previous_title(self.report),
            ),
        )

    def _place(self, holder: QWidget, chart: charts.QChart) -> None:
        layout = holder.layout()
        while layout.count():
            item = layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        layout.addWidget(charts.make_view(chart))

    # ---- the orders behind a row -------------------------------------------------------
    def open_row(self, table_id: str, row: int) -> None:
        if self.report is None:
            return
        table = self.models["mix"].table if table_id == "mix" else self.tables.get(table_id)
        if table is None or not 0 <= row < len(table.selections):
            return
        selection = table.selections[row]
        if selection is not None:
            self.show_orders(f"{table.title}: {table.rows[row][0]}", selection)

    def show_orders(self, title: str, selection: Selection) -> ReportOrdersDialog:
        assert self.report is not None
        report = self.report
        viewer = self.report_viewer
        dialog = ReportOrdersDialog(title, self.workspace.policy.town_name, self)
        dialog.open_order.connect(self.open_order)

        def work() -> list[object]:
            queries = self._queries(viewer)
            ids = queries.order_ids(report.period, report.scope, report.as_of, selection)
            return list(queries.order_rows(ids))

        self.tasks.run(work, dialog.set_rows, dialog.failed)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    # ---- export ------------------------------------------------------------------------
    def _file_name(self, suffix: str) -> str:
        assert self.report is not None
        scope = self.report.scope.code_text().replace(":", "-")
        return f"report-{self.report.period.code()}-{scope}.{suffix}"

    def _ask(self, suffix: str, kind: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export report"), self._file_name(suffix), kind
        )
        return Path(path) if path else None

    def export_pdf(self, path: Path | None = None) -> Path | None:
        if self.report is None:
            return None
        path = path or self._ask("pdf", "PDF (*.pdf)")
        if path is not None:
            report_export.write_pdf(self.report, self.namer, path, self.workspace.clock())
        return path

    def export_csv(self, path: Path | None = None) -> Path | None:
        if self.report is None:
            return None
        path = path or self._ask("csv", "CSV (*.csv)")
        if path is not None:
            report_export.write_csv(list(self.tables.values()), path)
        return path

    def export_xlsx(self, path: Path | None = None) -> Path | None:
        if self.report is None:
            return None
        path = path or self._ask("xlsx", "Excel (*.xlsx)")
        if path is not None:
            report_export.write_xlsx(list(self.tables.values()), path)
        return path


class ReportOrdersDialog(QDialog):
    """The orders behind one figure or row; double-click opens one."""

    open_order = Signal(str)

    def __init__(self, title: str, town_name: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        fit_to_screen(self, 900, 520)
        self.model = OrderRowsModel(town_name, self)  # type: ignore[arg-type]
        self.view = QTableView(objectName="behind_orders")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(self._open)
        self.count = plain_label(self.tr("Loading…"), "behind_count")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)

    def set_rows(self, rows: list[object]) -> None:
        self.model.set_rows(rows)  # type: ignore[arg-type]
        self.view.resizeColumnsToContents()
        self.count.setText(self.tr("%n order(s); double-click one to open it.", "", len(rows)))

    def failed(self, exc: Exception) -> None:
        self.count.setText(failure_text(self.tr("Loading the orders"), exc))

    def _open(self, index: object) -> None:
        order_id = self.model.data(index, Qt.ItemDataRole.UserRole)  # type: ignore[arg-type]
        if order_id:
            self.open_order.emit(str(order_id))
