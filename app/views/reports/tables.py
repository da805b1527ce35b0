"""A computed report as plain tables: the screen, the PDF, CSV and XLSX all show these.

Translated names of the figures, dimensions and hot-spot levels live here too.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.models.policy import Policy
from app.models.report_places import SpotLevel
from app.models.reports import FigureId, MixRow, Report, ScopeKind, change
from app.store.reports.queries import Selection
from app.views.common.labels import appeal_type_label, channel_label


class Kind(StrEnum):
    TEXT = "text"
    INT = "int"
    PCT = "pct"  # a share 0..1 shown as a percentage
    CHANGE = "change"  # a relative change, shown with its sign
    NUMBER = "number"  # a decimal
    RATIO = "ratio"  # "numerator / denominator", right-aligned text


@dataclass(frozen=True)
class Column:
    title: str
    kind: Kind = Kind.TEXT


@dataclass
class ReportTable:
    id: str
    title: str
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)
    selections: list[Selection | None] = field(default_factory=list)
    note: str = ""


def figure_name(figure: FigureId) -> str:
    names = {
        FigureId.DIRECT: QCoreApplication.translate("Reports", "First-contact resolution"),
        FigureId.ON_TIME: QCoreApplication.translate("Reports", "Closed on time"),
        FigureId.RETURN: QCoreApplication.translate("Reports", "Return rate"),
        FigureId.RESPONSE: QCoreApplication.translate("Reports", "Response rate"),
        FigureId.RESOLUTION: QCoreApplication.translate("Reports", "Resolution rate"),
        FigureId.SATISFACTION: QCoreApplication.translate("Reports", "Satisfaction rate"),
    }
    return names[figure]


def dimension_name(dimension: str) -> str:
    names = {
        "appeal_type": QCoreApplication.translate("Reports", "Type"),
        "category": QCoreApplication.translate("Reports", "Category"),
        "channel": QCoreApplication.translate("Reports", "Channel"),
        "town": QCoreApplication.translate("Reports", "Town"),
        "lead_unit": QCoreApplication.translate("Reports", "Unit"),
    }
    return names.get(dimension, dimension)


def level_name(level: SpotLevel) -> str:
    names = {
        SpotLevel.CATEGORY_TOWN: QCoreApplication.translate("Reports", "Category in a town"),
        SpotLevel.CATEGORY: QCoreApplication.translate("Reports", "Category, citywide"),
        SpotLevel.TOWN: QCoreApplication.translate("Reports", "Town, all categories"),
    }
    return names[level]


def format_cell(value: Any, kind: Kind) -> str:
    """Any cell as text: a number in its column's format, anything else as written (a
    number column may hold a word, e.g. a hot spot with no baseline is "new")."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if not math.isfinite(value):
        return "—"
    if kind is Kind.PCT:
        return f"{value * 100:.1f}%"
    if kind is Kind.CHANGE:
        return f"{value * 100:+.1f}%"
    if kind is Kind.NUMBER:
        return f"{value:.2f}"
    if kind is Kind.INT:
        return f"{int(value):,}"
    return str(value)


class Namer:
    """Codes of the policy data (units, 镇街, categories) → what people read."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy

    def value(self, dimension: str, code: str) -> str:
        if dimension == "appeal_type":
            return appeal_type_label(code)
        if dimension == "channel":
            return channel_label(code)
        if dimension == "category":
            return self.category(code)
        if dimension == "town":
            return self.policy.town_name(code) if code else "—"
        if dimension == "lead_unit":
            return (
                self.policy.unit_name(code)
                if code
                else QCoreApplication.translate("Reports", "Not dispatched")
            )
        return code

    def category(self, code: str) -> str:
        category = self.policy.category_by_code.get(code)
        return category.name if category else (code or "—")

    def scope(self, report: Report) -> str:
        scope = report.scope
        if scope.kind is ScopeKind.TOWN:
            return (
                self.policy.town_by_code[scope.code].name
                if (scope.code in self.policy.town_by_code)
                else scope.code
            )
        if scope.kind is ScopeKind.UNIT:
            return self.policy.unit_name(scope.code)
        return QCoreApplication.translate("Reports", "Whole city")


def period_text(report: Report) -> str:
    p = report.period
    if p.days == 1:
        return p.start.isoformat()
    return f"{p.start.isoformat()} – {p.last.isoformat()}"


def day_span(first: date, last: date) -> str:
    """ "11月1日–4日", "11月28日–12月1日", "2025年12月29日–2026年1月4日" (the month and the year
    named once when they do not change)."""

    def full(day: date) -> str:
        return (
            QCoreApplication.translate("Reports", "%1/%2/%3", "year/month/day")
            .replace("%1", str(day.year))
            .replace("%2", str(day.month))
            .replace("%3", str(day.day))
        )

    def month_day(day: date) -> str:
        return (
            QCoreApplication.translate("Reports", "%1/%2", "month/day")
            .replace("%1", str(day.month))
            .replace("%2", str(day.day))
        )

    if first.year != last.year:
        return f"{full(first)}–{full(last)}"
    if first == last:
        return month_day(first)
    if first.month != last.month:
        return f"{month_day(first)}–{month_day(last)}"
    end = (
        QCoreApplication.translate("Reports", "%1/%2", "month/day, the month already named")
        .replace("%1", str(last.month))
        .replace("%2", str(last.day))
    )
    return f"{month_day(first)}–{end}"


def comparison_text(report: Report) -> str:
    """What the "previous period" figures are: the whole previous period, or while this one
    runs, the same days of it (a month of 4 days is not compared with a whole month)."""
    span = day_span(report.comparison.start, report.comparison.last)
    if report.running:
        text = QCoreApplication.translate(
            "Reports", "Compared with the same days of the previous period (%1)"
        )
    else:
        text = QCoreApplication.translate("Reports", "Compared with the previous period (%1)")
    return text.replace("%1", span)


def previous_title(report: Report) -> str:
    if report.running:
        return QCoreApplication.translate("Reports", "Same days, previous period")
    return QCoreApplication.translate("Reports", "Previous period")


def summary_table(report: Report) -> ReportTable:
    table = ReportTable(
        "summary",
        QCoreApplication.translate("Reports", "Figures"),
        [
            Column(QCoreApplication.translate("Reports", "Figure")),
            Column(QCoreApplication.translate("Reports", "Value"), Kind.PCT),
            Column(QCoreApplication.translate("Reports", "Counted"), Kind.RATIO),
            Column(previous_title(report), Kind.PCT),
            Column(QCoreApplication.translate("Reports", "Change"), Kind.CHANGE),
        ],
    )
    table.rows.append(
        [
            QCoreApplication.translate("Reports", "Orders received"),
            None,
            f"{report.volume:,}",
            None,
            report.volume_change,
        ]
    )
    table.selections.append(Selection("received"))
    for fid, figure in report.figures.items():
        previous = report.previous_figures[fid]
        table.rows.append(
            [
                figure_name(fid),
                figure.value,
                f"{figure.numerator:,} / {figure.denominator:,}",
                previous.value,
                change(figure.value, previous.value),
            ]
        )
        table.selections.append(
            Selection(figure.formula.denominator, minus=figure.formula.numerator)
        )
    table.note = (
        comparison_text(report)
        + QCoreApplication.translate("Reports", ". ")
        + QCoreApplication.translate(
            "Reports",
            "Open a figure to see the orders its denominator counts but its numerator does not (the misses); the volume row opens every order.",  # noqa: E501
        )
    )
    return table


def mix_table(report: Report, dimension: str, namer: Namer, limit: int = 0) -> ReportTable:
    rows: Sequence[MixRow] = report.mix.get(dimension, [])
    if limit:
        rows = rows[:limit]
    table = ReportTable(
        f"mix_{dimension}",
        QCoreApplication.translate("Reports", "Orders by %1").replace(
            "%1", dimension_name(dimension)
        ),
        [
            Column(dimension_name(dimension)),
            Column(QCoreApplication.translate("Reports", "Orders"), Kind.INT),
            Column(QCoreApplication.translate("Reports", "Share"), Kind.PCT),
            Column(previous_title(report), Kind.INT),
            Column(QCoreApplication.translate("Reports", "Change"), Kind.CHANGE),
        ],
    )
    for row in rows:
        table.rows.append(
            [
                namer.value(dimension, row.value),
                row.count,
                row.share,
                row.previous,
                change(float(row.count), float(row.previous)),
            ]
        )
        table.selections.append(Selection("received", filters=((dimension, row.value),)))
    table.note = comparison_text(report)
    return table


def units_table(report: Report, namer: Namer) -> ReportTable:
    rated = (
        FigureId.RESPONSE,
        FigureId.RESOLUTION,
        FigureId.SATISFACTION,
        FigureId.ON_TIME,
        FigureId.RETURN,
    )
    table = ReportTable(
        "units",
        QCoreApplication.translate("Reports", "Units ranked by the three rates"),
        [
            Column(QCoreApplication.translate("Reports", "Rank")),
            Column(QCoreApplication.translate("Reports", "Unit")),
            Column(QCoreApplication.translate("Reports", "Dispatched"), Kind.INT),
            *[Column(figure_name(f), Kind.PCT) for f in rated],
            Column(QCoreApplication.translate("Reports", "Score"), Kind.PCT),
        ],
    )
    for row in report.units:
        table.rows.append(
            [
                str(row.rank)
                if row.rank is not None
                else QCoreApplication.translate("Reports", "not ranked"),
                namer.value("lead_unit", row.unit),
                row.counts.get("dispatched", 0),
                *[row.figures[f].value for f in rated],
                row.score,
            ]
        )
        table.selections.append(Selection("dispatched", filters=(("lead_unit", row.unit),)))
    table.note = QCoreApplication.translate(
        "Reports",
        "Score: the mean of the ranked rates. Units with fewer than %1 dispatched orders are listed but not ranked.",  # noqa: E501
    ).replace("%1", str(report.policy.min_dispatched_to_rank))
    return table


def overdue_table(report: Report, namer: Namer) -> ReportTable:
    table = ReportTable(
        "overdue",
        QCoreApplication.translate("Reports", "Overdue by unit"),
        [
            Column(QCoreApplication.translate("Reports", "Unit")),
            Column(QCoreApplication.translate("Reports", "Open past deadline"), Kind.INT),
            Column(QCoreApplication.translate("Reports", "Closed late"), Kind.INT),
            Column(QCoreApplication.translate("Reports", "Due"), Kind.INT),
        ],
    )
    for row in report.overdue:
        table.rows.append(
            [namer.value("lead_unit", row.unit), row.overdue_open, row.closed_late, row.due]
        )
        table.selections.append(
            Selection("overdue_open", filters=(("lead_unit", row.unit),))
            if row.overdue_open
            else Selection("closed_late", filters=(("lead_unit", row.unit),))
        )
    return table


def hot_spot_table(report: Report, namer: Namer) -> ReportTable:
    table = ReportTable(
        "hot_spots",
        QCoreApplication.translate("Reports", "Hot spots"),
        [
            Column(QCoreApplication.translate("Reports", "Kind")),
            Column(QCoreApplication.translate("Reports", "Category")),
            Column(QCoreApplication.translate("Reports", "Town")),
            Column(QCoreApplication.translate("Reports", "Orders"), Kind.INT),
            Column(QCoreApplication.translate("Reports", "Baseline a day"), Kind.NUMBER),
            Column(QCoreApplication.translate("Reports", "Times baseline"), Kind.NUMBER),
        ],
    )
    rule = report.policy.hot_spots
    for spot in report.hot_spots:
        table.rows.append(
            [
                level_name(spot.level),
                namer.category(spot.category) if spot.category else "—",
                namer.value("town", spot.town) if spot.town else "—",
                spot.count,
                spot.baseline_per_day,
                spot.ratio
                if spot.ratio is not None
                else QCoreApplication.translate("Reports", "new"),
            ]
        )
        filters = tuple((d, v) for d, v in (("category", spot.category), ("town", spot.town)) if v)
        table.selections.append(Selection("received", filters=filters))
    table.note = (
        QCoreApplication.translate(
            "Reports",
            "A hot spot has at least %1 orders and a daily volume at least %2 times its mean over the previous %3 periods.",  # noqa: E501
        )
        .replace("%1", str(rule.min_count))
        .replace("%2", f"{rule.ratio:g}")
        .replace("%3", str(rule.baseline_periods))
    )
    return table


def problems_table(report: Report, namer: Namer) -> ReportTable:
    table = ReportTable(
        "problems",
        QCoreApplication.translate("Reports", "Repeated appeals about one address"),
        [
            Column(QCoreApplication.translate("Reports", "Town")),
            Column(QCoreApplication.translate("Reports", "Address")),
            Column(QCoreApplication.translate("Reports", "Category")),
            Column(QCoreApplication.translate("Reports", "Orders"), Kind.INT),
        ],
    )
    for p in report.problems:
        table.rows.append(
            [
                namer.value("town", p.town),
                p.address,
                "、".join(namer.category(c) for c in p.categories[:3]),
                p.count,
            ]
        )
        table.selections.append(
            Selection("received", filters=(("town", p.town),), addresses=p.spellings)
        )
    table.note = QCoreApplication.translate(
        "Reports",
        "Appeals naming the same place (spelling and room number aside) are one problem; at least %1 orders.",  # noqa: E501
    ).replace("%1", str(report.policy.hot_spots.repeat_min))
    return table


def all_tables(report: Report, namer: Namer) -> list[ReportTable]:
    return [
        summary_table(report),
        units_table(report, namer),
        overdue_table(report, namer),
        hot_spot_table(report, namer),
        problems_table(report, namer),
        *[mix_table(report, d, namer) for d in report.mix],
    ]
