"""The reports screen, its exports, and `hotline-desk report` over a demo workspace."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtWidgets import QApplication

from app.models.enums import Role
from app.models.operations import Actor
from app.models.policy import Policy
from app.models.reports import Period, Scope
from app.store.demo.generator import seed_demo
from app.store.workspace import Workspace
from app.views.reports.page import ReportOrdersDialog, ReportsPage
from app.views.shell.main_window import MainWindow
from app.views.shell.status_bar import SyncSnapshot
from tests.support.clock import NOW, FixedClock
from tests.support.pdf import pdf_text

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory, policy: Policy) -> Path:
    home = tmp_path_factory.mktemp("report-demo")
    ws = Workspace(home, policy, clock=FixedClock(NOW))
    seed_demo(ws, orders=400, days=60)
    ws.close()
    return home


@pytest.fixture
def page(qtbot, demo_home: Path, policy: Policy, tmp_path: Path) -> Iterator[ReportsPage]:
    ws = Workspace(demo_home, policy, clock=FixedClock(NOW))
    actor = Actor("analyst", Role.ANALYST, ws.device_id)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)

    def snapshot() -> SyncSnapshot:
        return SyncSnapshot("signed_out", 0, "", actor.user, actor.role)

    win = MainWindow(ws, lambda: actor, snapshot, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.actions_by_id["page_reports"].trigger()
    shown = win.stack.currentWidget()
    assert isinstance(shown, ReportsPage)
    yield shown
    win.close()
    win.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    ws.close()


def make(qtbot, page: ReportsPage, period: str = "2026-11", scope: str = "city") -> None:
    page.set_choice(Period.parse(period), Scope.parse(scope))
    with qtbot.waitSignal(page.report_ready, timeout=20000):
        page.run_button.click()


def test_report_on_screen_with_models_checked(qtbot, qtmodeltester, page: ReportsPage) -> None:
    make(qtbot, page)
    assert page.report is not None and page.report.volume > 100
    assert not page.progress.isVisible() and page.run_button.isEnabled()
    summary = page.models["summary"]
    assert summary.rowCount() == 7  # volume + six figures
    assert summary.index(0, 2).data() == f"{page.report.volume:,}"
    units = page.models["units"]
    assert units.rowCount() > 5 and units.index(0, 0).data() == "1"
    for model in page.models.values():
        qtmodeltester.check(model)
    page.dimension.setCurrentIndex(page.dimension.findData("town"))
    assert page.models["mix"].rowCount() == len(page.report.mix["town"])
    assert page.heading.text()


def test_a_row_opens_the_orders_behind_it(qtbot, qtmodeltester, page: ReportsPage) -> None:
    make(qtbot, page)
    assert page.report is not None
    unit_row = page.report.units[0]
    dialogs: list[ReportOrdersDialog] = []
    original = page.show_orders

    def spy(title: str, selection):  # type: ignore[no-untyped-def]
        dialog = original(title, selection)
        dialogs.append(dialog)
        return dialog

    page.show_orders = spy  # type: ignore[method-assign]
    page.open_row("units", 0)
    assert dialogs
    dialog = dialogs[0]
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=10000)
    assert dialog.model.rowCount() == unit_row.counts["dispatched"]
    qtmodeltester.check(dialog.model)
    opened: list[str] = []
    dialog.open_order.connect(opened.append)
    dialog._open(dialog.model.index(0, 0))
    assert opened == [dialog.model.rows[0].id]
    dialog.close()


def test_a_running_month_says_it_is_compared_with_the_same_days(qtbot, page: ReportsPage) -> None:
    make(qtbot, page)  # November, on 27 November
    assert page.report is not None and page.report.running
    shown = page.comparison.text()
    assert "same days of the previous period" in shown and "10/1–10/27" in shown
    assert page.models["summary"].headerData(3, Qt.Orientation.Horizontal) == (
        "Same days, previous period"
    )
    make(qtbot, page, "2026-10")
    assert page.comparison.text() == "Compared with the previous period (9/1–9/30)"


def test_unit_scope_and_week(qtbot, page: ReportsPage) -> None:
    make(qtbot, page, "2026-W47", "town:xiaolan")
    assert page.report is not None
    assert page.report.period == Period.parse("2026-W47")
    assert {r.value for r in page.report.mix["town"]} <= {"xiaolan"}


def test_exports_from_the_screen(qtbot, page: ReportsPage, tmp_path: Path) -> None:
    from pypdf import PdfReader

    make(qtbot, page)
    pdf = page.export_pdf(tmp_path / "r.pdf")
    csv_path = page.export_csv(tmp_path / "r.csv")
    xlsx = page.export_xlsx(tmp_path / "r.xlsx")
    assert pdf and csv_path and xlsx
    reader = PdfReader(str(pdf))
    assert len(reader.pages) >= 4
    text = pdf_text(pdf)
    for heading in ("Units ranked by the three rates", "Overdue by unit", "Response rate"):
        assert heading in text
    with csv_path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Figures"] and rows[2][0] == "Orders received"
    from openpyxl import load_workbook

    book = load_workbook(xlsx)
    assert "Figures" in book.sheetnames
    assert book["Figures"]["B3"].number_format == "0.0%"


def test_cli_writes_pdf_csv_xlsx_in_chinese(demo_home: Path, tmp_path: Path) -> None:
    env = {**os.environ, "HOTLINE_DESK_HOME": str(demo_home), "QT_QPA_PLATFORM": "offscreen"}
    out = tmp_path / "r"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "report",
            "--period",
            "2026-11",
            "--scope",
            "city",
            "--as-of",
            NOW.isoformat(),
            "--pdf",
            f"{out}.pdf",
            "--csv",
            f"{out}.csv",
            "--xlsx",
            f"{out}.xlsx",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "2026-11 city" in result.stdout
    text = pdf_text(f"{out}.pdf")
    for heading in ("诉求分析报告", "承办单位三率排名", "响应率", "解决率", "满意率", "直接办结率"):
        assert heading in text
    # 27 November: November so far against 1–27 October, and the report says so
    # (the PDF's text has ASCII brackets and a figure dash for the font's glyphs)
    assert "与上期同期(10月1日‒27日)相比" in text.replace(" ", "")
    first = Path(f"{out}.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert first == "主要指标"
    bad = subprocess.run(
        [sys.executable, "-m", "app", "report", "--period", "2026-13", "--csv", f"{out}2.csv"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2 and "period" in bad.stderr
