"""The report as files: PDF (QTextDocument → QPdfWriter, charts as images), CSV and XLSX."""

from __future__ import annotations

import csv
import html
import math
import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QSize, QSizeF, QUrl
from PySide6.QtGui import (
    QFont,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)

from app.models.reports import Report
from app.views.reports import charts
from app.views.reports.tables import (
    Kind,
    Namer,
    ReportTable,
    all_tables,
    comparison_text,
    dimension_name,
    format_cell,
    period_text,
    previous_title,
)

CJK_FAMILIES = ["Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei"]
CHART_SIZE = QSize(700, 330)
PIE_SIZE = QSize(460, 300)


def report_title(report: Report, namer: Namer) -> str:
    return (
        QCoreApplication.translate("Reports", "Appeal analysis report: %1, %2")
        .replace("%1", namer.scope(report))
        .replace("%2", period_text(report))
    )


def _table_html(table: ReportTable, limit: int = 0) -> str:
    rows = table.rows[:limit] if limit else table.rows
    head = "".join(
        f'<th align="{"left" if c.kind is Kind.TEXT else "right"}">{html.escape(c.title)}</th>'
        for c in table.columns
    )
    body = []
    for n, row in enumerate(rows):
        shade = ' bgcolor="#f3f6f9"' if n % 2 else ""
        cells = "".join(
            f'<td align="{"left" if c.kind is Kind.TEXT else "right"}">'
            f"{html.escape(format_cell(v, c.kind))}</td>"
            for c, v in zip(table.columns, row, strict=True)
        )
        body.append(f"<tr{shade}>{cells}</tr>")
    if not rows:
        span = len(table.columns)
        none = QCoreApplication.translate("Reports", "None in this period.")
        body.append(f'<tr><td colspan="{span}">{html.escape(none)}</td></tr>')
    more = ""
    if limit and len(table.rows) > limit:
        more = (
            "<p class='note'>"
            + html.escape(
                QCoreApplication.translate(
                    "Reports", "The first %1 of %2 rows; the CSV and XLSX files have them all."
                )
                .replace("%1", str(limit))
                .replace("%2", str(len(table.rows)))
            )
            + "</p>"
        )
    note = f"<p class='note'>{html.escape(table.note)}</p>" if table.note else ""
    return (
        f"<h2>{html.escape(table.title)}</h2>"
        '<table width="100%" cellspacing="0" cellpadding="3" border="0.5" '
        'style="border-collapse: collapse; border-color: #b8c4d0">'
        f'<tr bgcolor="#dfe7f0">{head}</tr>{"".join(body)}</table>{more}{note}'
    )


def build_document(report: Report, namer: Namer, made_at: datetime) -> QTextDocument:
    doc = _blank_document()
    _add_charts(doc, report, namer)
    tables = {t.id: t for t in all_tables(report, namer)}
    parts = [
        _cover_html(report, namer, made_at),
        '<p style="page-break-before: always"></p>',
        f"<h1>{html.escape(report_title(report, namer))}</h1>",
        f"<p>{html.escape(comparison_text(report))}</p>",
        _table_html(tables["summary"]),
        _img("trend"),
        _pair("appeal_type", "channel"),
        '<p style="page-break-before: always"></p>',
        _img("category"),
        _table_html(tables["mix_category"], limit=20),
        _img("town"),
        _table_html(tables["mix_town"]),
        '<p style="page-break-before: always"></p>',
        _img("lead_unit"),
        _table_html(tables["units"], limit=40),
        '<p style="page-break-before: always"></p>',
        _img("overdue"),
        _table_html(tables["overdue"], limit=30),
        _table_html(tables["hot_spots"], limit=30),
        _table_html(tables["problems"], limit=30),
        _table_html(tables["mix_appeal_type"]),
        _table_html(tables["mix_channel"]),
    ]
    doc.setHtml("".join(parts))
    return doc


def _blank_document() -> QTextDocument:
    """A document with the report's font (one that has the Chinese) and styles."""
    doc = QTextDocument()
    font = QFont()
    font.setFamilies(CJK_FAMILIES)
    font.setPointSizeF(9.5)
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet(
        "h1 { font-size: 22pt; color: #1d3f66; } h2 { font-size: 13pt; color: #1d3f66; "
        "margin-top: 14px; } th { font-weight: bold; } .note { color: #555; font-size: 8pt; } "
        ".cover { font-size: 12pt; }"
    )
    return doc


def _add_charts(doc: QTextDocument, report: Report, namer: Namer) -> None:
    """Every chart rendered into the document as an image resource, chart://<name>."""
    images: dict[str, charts.QChart] = {"trend": charts.trend_chart(report)}
    for dimension in ("appeal_type", "channel"):
        rows = report.mix[dimension]
        images[dimension] = charts.pie_chart(
            QCoreApplication.translate("Reports", "Orders by %1").replace(
                "%1", dimension_name(dimension)
            ),
            rows,
            [namer.value(dimension, r.value) for r in rows],
        )
    for dimension in ("category", "town", "lead_unit"):
        rows = [r for r in report.mix[dimension] if r.value]  # not "not dispatched"
        images[dimension] = charts.bar_chart(
            QCoreApplication.translate("Reports", "Top %1 by orders").replace(
                "%1", dimension_name(dimension)
            ),
            rows,
            [namer.value(dimension, r.value) for r in rows],
            previous_name=previous_title(report),
        )
    images["overdue"] = charts.overdue_chart(report, namer)
    for name, chart in images.items():
        doc.addResource(
            QTextDocument.ResourceType.ImageResource,
            QUrl(f"chart://{name}"),
            charts.render(chart, PIE_SIZE if name in ("appeal_type", "channel") else CHART_SIZE),
        )


def _img(name: str) -> str:
    return f'<p align="center"><img src="chart://{name}" width="1000"></p>'


def _pair(left: str, right: str) -> str:
    return (
        '<table width="100%"><tr>'
        f'<td><img src="chart://{left}" width="500"></td>'
        f'<td><img src="chart://{right}" width="500"></td></tr></table>'
    )


def _cover_html(report: Report, namer: Namer, made_at: datetime) -> str:
    """The title page: what the report covers, as of when, and when it was made."""
    words = {
        "title": QCoreApplication.translate("Reports", "Appeal analysis report"),
        "line": QCoreApplication.translate("Reports", "Zhongshan 12345 hotline"),
        "scope": QCoreApplication.translate("Reports", "Scope"),
        "period": QCoreApplication.translate("Reports", "Period"),
        "volume": QCoreApplication.translate("Reports", "Orders received"),
        "as_of": QCoreApplication.translate("Reports", "Figures as of"),
        "compared": QCoreApplication.translate("Reports", "Compared with"),
        "made": QCoreApplication.translate("Reports", "Made"),
    }
    w = {k: html.escape(v) for k, v in words.items()}
    return (
        "<div class='cover'>"
        "<p><br><br><br><br></p>"
        f"<h1 align='center'>{w['title']}</h1>"
        f"<p align='center'>{w['line']}</p>"
        "<p><br><br></p>"
        '<table align="center" cellpadding="6">'
        f"<tr><td>{w['scope']}</td><td><b>{html.escape(namer.scope(report))}</b></td></tr>"
        f"<tr><td>{w['period']}</td><td><b>{html.escape(period_text(report))}</b></td></tr>"
        f"<tr><td>{w['volume']}</td><td><b>{report.volume:,}</b></td></tr>"
        f"<tr><td>{w['compared']}</td><td>{html.escape(comparison_text(report))}</td></tr>"
        f"<tr><td>{w['as_of']}</td><td>{report.as_of:%Y-%m-%d %H:%M}</td></tr>"
        f"<tr><td>{w['made']}</td><td>{made_at:%Y-%m-%d %H:%M}</td></tr>"
        "</table></div>"
    )


def write_pdf(report: Report, namer: Namer, path: Path, made_at: datetime) -> Path:
    doc = build_document(report, namer, made_at)
    writer = QPdfWriter(str(path))
    writer.setTitle(report_title(report, namer))
    writer.setCreator("Hotline Desk")
    writer.setResolution(150)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(16, 16, 16, 16),
            QPageLayout.Unit.Millimeter,
        )
    )
    doc.setPageSize(QSizeF(writer.width(), writer.height()))
    doc.print_(writer)
    return path


def write_csv(tables: Sequence[ReportTable], path: Path) -> Path:
    """All tables in one CSV (UTF-8 with BOM, so Excel reads the Chinese), a blank line
    and the table's title before each."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        for n, table in enumerate(tables):
            if n:
                out.writerow([])
            out.writerow([table.title])
            out.writerow([c.title for c in table.columns])
            for row in table.rows:
                out.writerow([_plain(v, c.kind) for c, v in zip(table.columns, row, strict=True)])
    return path


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection):
# text from callers (an address) is kept as text by a leading apostrophe.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# Control characters an XLSX file cannot hold (openpyxl refuses the whole sheet).
_ILLEGAL_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _inert(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def _plain(value: object, kind: Kind, inert: bool = True) -> object:
    """A cell as a spreadsheet should read it: numbers as numbers, text never a formula."""
    if value is None:
        return None
    if isinstance(value, str):
        return _inert(value) if inert else _ILLEGAL_IN_XLSX.sub("\ufffd", value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, float) and kind in (Kind.PCT, Kind.CHANGE):
        return round(value, 4)
    if isinstance(value, float):
        return round(value, 2)
    return value


def write_xlsx(tables: Sequence[ReportTable], path: Path) -> Path:
    """One sheet per table; rates as numbers formatted as percentages."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for table in tables:
        name = table.title[:28]
        for bad in "[]:*?/\\":
            name = name.replace(bad, " ")
        while name in used:
            name = name[:26] + f"{len(used)}"
        used.add(name)
        sheet = book.create_sheet(name)
        sheet.append([c.title for c in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DFE7F0")
        for row in table.rows:
            sheet.append(
                [_plain(v, c.kind, inert=False) for c, v in zip(table.columns, row, strict=True)]
            )
            for cell in sheet[sheet.max_row]:
                if cell.data_type == "f":  # text is never a formula, whatever it says
                    cell.data_type = "s"
        for k, column in enumerate(table.columns, start=1):
            letter = sheet.cell(row=1, column=k).column_letter
            width = max(len(column.title) * 2, 10)
            sheet.column_dimensions[letter].width = min(width + 2, 40)
            fmt = {
                Kind.PCT: "0.0%",
                Kind.CHANGE: "+0.0%;-0.0%",
                Kind.NUMBER: "0.00",
                Kind.INT: "#,##0",
            }.get(column.kind)
            if fmt:
                for (cell,) in sheet.iter_rows(min_row=2, min_col=k, max_col=k):
                    cell.number_format = fmt
        sheet.freeze_panes = "A2"
    book.save(path)
    return path
