"""Every export (PDF, CSV, XLSX) succeeds on any report the app can compute: generated
inputs (hypothesis) and a few edge datasets through the real store and command line."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.models.policy import Policy
from app.models.records import Appellant
from app.models.report_places import AddressCount, HotSpotRule
from app.models.reports import (
    COUNTED_SETS,
    AssessmentPolicy,
    Period,
    ReportInput,
    Scope,
    build_report,
)
from app.store.workspace import Workspace
from app.views.reports import export as report_export
from app.views.reports.tables import Kind, Namer, all_tables, format_cell
from tests.support.builders import make_intake, operator
from tests.support.clock import NOW, FixedClock
from tests.support.pdf import pdf_text

ROOT = Path(__file__).resolve().parents[2]
ADDRESS = '=HYPERLINK("http://x")<b>粗</b>'
HOSTILE = '<b>粗</b><a href="x">链</a><script>alert(1)</script>=HYPERLINK("http://x")&amp;'

codes = st.sampled_from(["", "shiqi", "xiaolan", "cgj", "rsj", "A0201", "nope", HOSTILE])
texts = st.text(max_size=30) | st.just(HOSTILE) | st.sampled_from(["=1+2", "-3", "@x", "+"])
counts = st.dictionaries(st.sampled_from(sorted(COUNTED_SETS)), st.integers(0, 10**6))
spot_keys = st.tuples(codes, codes)


@st.composite
def report_inputs(draw: st.DrawFn) -> ReportInput:
    start = draw(st.dates(date(2020, 1, 1), date(2030, 12, 1)))
    last = start + timedelta(days=draw(st.integers(0, 40)))
    period = draw(
        st.sampled_from(
            [Period.day(start), Period.week(start), Period.month(start), Period.custom(start, last)]
        )
    )
    baseline = period.baseline(draw(st.integers(0, 3)))
    mix = {
        d: draw(st.dictionaries(codes, st.integers(0, 1000), max_size=5))
        for d in ("appeal_type", "category", "channel", "town", "lead_unit")
    }
    return ReportInput(
        period=period,
        scope=draw(st.sampled_from([Scope(), Scope.parse("town:shiqi"), Scope.parse("unit:cgj")])),
        as_of=NOW,
        by_unit=draw(st.dictionaries(codes, counts, max_size=4)),
        previous_by_unit=draw(st.dictionaries(codes, counts, max_size=4)),
        mix=mix,
        previous_mix=mix if draw(st.booleans()) else {},
        daily=draw(st.dictionaries(st.just(period.start), st.integers(0, 500))),
        previous_daily={},
        spots_current=draw(st.dictionaries(spot_keys, st.integers(0, 500), max_size=6)),
        spots_baseline=[
            draw(st.dictionaries(spot_keys, st.integers(0, 50), max_size=3)) for _ in baseline
        ],
        baseline_periods=baseline,
        addresses=draw(
            st.lists(st.builds(AddressCount, codes, texts, codes, st.integers(1, 50)), max_size=6)
        ),
    )


POLICY = AssessmentPolicy(hot_spots=HotSpotRule(min_count=1, repeat_min=1))


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=report_inputs())
def test_tables_csv_and_xlsx_on_any_report(
    qapp, data: ReportInput, policy: Policy, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    report = build_report(data, POLICY)
    tables = all_tables(report, Namer(policy))
    for table in tables:
        for row in table.rows:
            for column, value in zip(table.columns, row, strict=True):
                assert isinstance(format_cell(value, column.kind), str)
    csv_path = report_export.write_csv(tables, tmp_path / "r.csv")
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        cells = [c for row in csv.reader(handle) for c in row]
    # caller text never starts a spreadsheet formula
    assert not [c for c in cells if c[:1] in ("=", "+", "@") and not c[1:2].isdigit()]
    book = load_workbook(report_export.write_xlsx(tables, tmp_path / "r.xlsx"))
    assert not [
        cell.coordinate
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=report_inputs())
def test_pdf_on_any_report(qapp, data: ReportInput, policy: Policy, tmp_path: Path) -> None:
    from pypdf import PdfReader

    report = build_report(data, POLICY)
    namer = Namer(policy)
    path = report_export.write_pdf(report, namer, tmp_path / "r.pdf", NOW)
    metadata = PdfReader(str(path)).metadata
    assert metadata is not None and metadata.title == report_export.report_title(report, namer)
    assert f"{report.volume:,}" in pdf_text(path)  # the cover's count of orders received


def test_a_number_column_may_hold_a_word() -> None:
    assert format_cell("新", Kind.NUMBER) == "新"
    assert format_cell(float("nan"), Kind.PCT) == "—"
    assert format_cell(float("inf"), Kind.CHANGE) == "—"
    assert format_cell(2.5, Kind.NUMBER) == "2.50"


# ---- edge datasets, through the store and `hotline-desk report` ------------------------


def _record(ws: Workspace, n: int, **changes: object) -> None:
    for i in range(n):
        ws.record_intake(
            make_intake(received_at=NOW - timedelta(hours=i + 1), **changes), operator(ws)
        )


def _empty(ws: Workspace) -> None:
    return None


def _one(ws: Workspace) -> None:
    _record(ws, 1)


def _new_hot_spot(ws: Workspace) -> None:
    _record(ws, 12)  # a category's first orders: a hot spot with no baseline


def _all_confidential(ws: Workspace) -> None:
    _record(ws, 4, appellant=Appellant("13800001234", "保密人", confidential=True))


def _hostile(ws: Workspace) -> None:
    _record(
        ws,
        12,
        appellant=Appellant("13800001234", HOSTILE[:20]),
        title=HOSTILE[:60],
        content=HOSTILE,
        address=ADDRESS,
    )


@pytest.mark.parametrize(
    "fill", [_empty, _one, _new_hot_spot, _all_confidential, _hostile], ids=lambda f: f.__name__
)
def test_cli_exports_every_edge_dataset(fill, tmp_path: Path, policy: Policy) -> None:
    home = tmp_path / "ws"
    ws = Workspace(home, policy, clock=FixedClock(NOW))
    fill(ws)
    ws.close()
    out = tmp_path / "r"
    env = {**os.environ, "HOTLINE_DESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [
            sys.executable, "-m", "app", "report", "--period", "2026-11", "--as-of",
            NOW.isoformat(), "--pdf", f"{out}.pdf", "--csv", f"{out}.csv", "--xlsx", f"{out}.xlsx",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    text = pdf_text(f"{out}.pdf")
    assert "诉求分析报告" in text
    if fill is _hostile:
        # the address is shown as typed in the repeated-appeals table, never as markup,
        # and a spreadsheet reads it as text, never as a formula
        squeezed = text.replace(" ", "")  # the PDF's text breaks lines (and mangles quotes)
        assert "=HYPERLINK(" in squeezed and "<b>粗</b>停水" in squeezed
        rows = Path(f"{out}.csv").read_text(encoding="utf-8-sig")
        assert "'" + ADDRESS in rows.replace('""', '"')
        from openpyxl import load_workbook

        sheet = load_workbook(f"{out}.xlsx")["同一地址重复诉求"]
        assert [c.value for c in sheet["B"]][1] == ADDRESS
        assert sheet["B2"].data_type == "s"
    if fill is _all_confidential:
        assert "保密人" not in text and "13800001234" not in text


@pytest.mark.parametrize("fill", [_empty, _new_hot_spot, _hostile], ids=lambda f: f.__name__)
def test_screen_exports_every_edge_dataset(qtbot, fill, tmp_path: Path, policy: Policy) -> None:
    from PySide6.QtCore import QEvent, QSettings
    from PySide6.QtWidgets import QApplication

    from app.models.enums import Role
    from app.models.operations import Actor
    from app.views.reports.page import ReportsPage
    from app.views.shell.main_window import MainWindow
    from app.views.shell.status_bar import SyncSnapshot

    ws = Workspace(tmp_path / "ws", policy, clock=FixedClock(NOW))
    fill(ws)
    actor = Actor("pd", Role.DISPATCHER, ws.device_id)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = MainWindow(
        ws,
        lambda: actor,
        lambda: SyncSnapshot("signed_out", 0, "", "pd", Role.DISPATCHER),
        settings,
    )
    page = win.show_page("reports")
    assert isinstance(page, ReportsPage)
    with qtbot.waitSignal(page.report_ready, timeout=20000):
        page.run_button.click()
    for written in (
        page.export_pdf(tmp_path / "r.pdf"),
        page.export_csv(tmp_path / "r.csv"),
        page.export_xlsx(tmp_path / "r.xlsx"),
    ):
        assert written is not None and written.stat().st_size > 0
    if fill is _new_hot_spot:
        assert page.report is not None and page.report.hot_spots
        assert page.report.hot_spots[0].ratio is None  # no baseline: "new"
    win.close()
    win.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    ws.close()
