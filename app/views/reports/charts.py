"""The report's charts (QtCharts): trend, mix pies and bars, overdue by unit."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QMargins, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtWidgets import QGraphicsScene

from app.models.reports import MixRow, Report
from app.views.common.plain import esc
from app.views.reports.tables import Namer

# Qt Charts reads every title, legend entry, slice label and axis label as HTML: each one
# goes through plain.esc, so a name shows as its characters.
PALETTE = ("#2f6fb3", "#e07b39", "#3a9d5d", "#c94c4c", "#8a63b8", "#9c7a3c", "#4aa3a3", "#888888")


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(esc(title))
    font = QFont(chart.titleFont())
    font.setPointSize(11)
    font.setBold(True)
    chart.setTitleFont(font)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(6, 6, 6, 6))
    chart.setBackgroundRoundness(0)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def trend_chart(report: Report) -> QChart:
    chart = _chart(
        QCoreApplication.translate("Reports", "Orders a day, against the previous period")
    )
    current = QLineSeries()
    current.setName(esc(QCoreApplication.translate("Reports", "This period")))
    previous = QLineSeries()
    previous.setName(esc(QCoreApplication.translate("Reports", "Previous period")))
    top = 1
    for i, (day, n) in enumerate(report.daily, start=1):
        if day > report.as_of.date():
            break  # days still to come are not zero-volume days
        current.append(i, n)
        top = max(top, n)
    for i, (_, n) in enumerate(report.previous_daily, start=1):
        previous.append(i, n)
        top = max(top, n)
    current.setPen(QPen(QColor(PALETTE[0]), 2.5))
    pen = QPen(QColor("#9aa5b1"), 1.8)
    pen.setStyle(Qt.PenStyle.DashLine)
    previous.setPen(pen)
    chart.addSeries(previous)
    chart.addSeries(current)
    x = QValueAxis()
    x.setRange(1, max(2, len(report.daily)))
    x.setLabelFormat("%d")
    x.setTickCount(min(8, max(2, len(report.daily))))
    x.setTitleText(esc(QCoreApplication.translate("Reports", "Day of the period")))
    y = QValueAxis()
    y.setRange(0, top * 1.1)
    y.applyNiceNumbers()
    y.setLabelFormat("%d")
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    for series in (current, previous):
        series.attachAxis(x)
        series.attachAxis(y)
    return chart


def pie_chart(title: str, rows: Sequence[MixRow], names: Sequence[str], slices: int = 6) -> QChart:
    chart = _chart(title)
    series = QPieSeries()
    total = sum(r.count for r in rows) or 1
    shown = list(zip(rows, names, strict=True))[:slices]
    rest = sum(r.count for r in rows[slices:])
    for k, (row, name) in enumerate(shown):
        piece = series.append(esc(f"{name} {row.count / total * 100:.1f}%"), row.count)
        piece.setBrush(QColor(PALETTE[k % len(PALETTE)]))
    if rest:
        piece = series.append(
            esc(
                QCoreApplication.translate("Reports", "Others %1").replace(
                    "%1", f"{rest / total * 100:.1f}%"
                )
            ),
            rest,
        )
        piece.setBrush(QColor(PALETTE[-1]))
    series.setPieSize(0.72)
    chart.addSeries(series)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
    return chart


def bar_chart(
    title: str,
    rows: Sequence[MixRow],
    names: Sequence[str],
    limit: int = 10,
    previous_name: str = "",
) -> QChart:
    """Horizontal bars, largest on top, this period against the previous one (or, while
    this one runs, the same days of it: `previous_name` says which)."""
    chart = _chart(title)
    shown = list(zip(rows, names, strict=True))[:limit][::-1]
    current = QBarSet(esc(QCoreApplication.translate("Reports", "This period")))
    current.setColor(QColor(PALETTE[0]))
    previous = QBarSet(
        esc(previous_name or QCoreApplication.translate("Reports", "Previous period"))
    )
    previous.setColor(QColor("#c3ccd6"))
    for row, _ in shown:
        current.append(row.count)
        previous.append(row.previous)
    series = QHorizontalBarSeries()
    series.append(previous)
    series.append(current)
    chart.addSeries(series)
    axis = QBarCategoryAxis()
    axis.append([esc(_short(name)) for _, name in shown])
    axis.setTruncateLabels(False)
    chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis)
    values = QValueAxis()
    values.setLabelFormat("%d")
    values.setRange(0, max([1, *(max(r.count, r.previous) for r, _ in shown)]) * 1.1)
    values.applyNiceNumbers()
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(values)
    return chart


def overdue_chart(report: Report, namer: Namer, limit: int = 10) -> QChart:
    chart = _chart(QCoreApplication.translate("Reports", "Overdue by unit"))
    rows = report.overdue[:limit][::-1]
    open_set = QBarSet(esc(QCoreApplication.translate("Reports", "Open past deadline")))
    open_set.setColor(QColor(PALETTE[3]))
    late_set = QBarSet(esc(QCoreApplication.translate("Reports", "Closed late")))
    late_set.setColor(QColor(PALETTE[1]))
    for row in rows:
        open_set.append(row.overdue_open)
        late_set.append(row.closed_late)
    series = QHorizontalStackedBarSeries()
    series.append(open_set)
    series.append(late_set)
    chart.addSeries(series)
    axis = QBarCategoryAxis()
    axis.append([esc(_short(namer.value("lead_unit", r.unit))) for r in rows] or [""])
    axis.setTruncateLabels(False)
    chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis)
    values = QValueAxis()
    values.setLabelFormat("%d")
    values.setRange(0, max([1, *(r.late_total for r in rows)]) * 1.1)
    values.applyNiceNumbers()
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(values)
    return chart


def _short(name: str, width: int = 14) -> str:
    name = name.removeprefix("中山市")
    return name if len(name) <= width else name[: width - 1] + "…"


def make_view(chart: QChart) -> QChartView:
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(240)  # its slot's height (ReportsPage._chart_slot)
    return view


def render(chart: QChart, size: QSize, scale: float = 1.6) -> QImage:
    """The chart as an image (for the PDF), drawn through a scene: no widget is shown.
    The chart is deleted with the scene."""
    scene = QGraphicsScene()
    chart.resize(QSizeF(size))
    scene.addItem(chart)
    scene.setSceneRect(QRectF(0, 0, size.width(), size.height()))
    image = QImage(size * scale, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(0, 0, image.width(), image.height()), scene.sceneRect())
    painter.end()
    scene.clear()
    return image
