"""Does a window fit its screen? What a user would see cut off, measured on the widgets
Qt laid out: the window larger than the screen's available area, a widget smaller than
its minimum size hint, a widget outside the part of its parent that shows, a label,
button, tab or group title whose text is wider than the room it was given, a table
header whose title does not fit its column."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollBar,
    QSizePolicy,
    QTabBar,
    QWidget,
)

SLACK = 1  # pixels of rounding (fractional scale factors)
STRETCHED_CHARACTERS = 8  # a column that takes the room left shows at least this many
HEADER_MARGIN = 1  # a header section's text needs this much beside it (both sides)


def name(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, QLabel | QAbstractButton):
        text = widget.text()
    elif isinstance(widget, QGroupBox):
        text = widget.title()
    path = []
    w: QWidget | None = widget
    while w is not None and not w.isWindow():
        path.append(w.objectName() or type(w).__name__)
        w = w.parentWidget()
    where = "/".join(reversed(path[:4]))
    return f"{type(widget).__name__} {where}" + (f" {text[:30]!r}" if text else "")


def window_problems(window: QWidget) -> list[str]:
    """The window's own size against the available area of its screen."""
    screen = window.screen()
    available = screen.availableGeometry().size()
    problems = []
    minimum = window.minimumSize().expandedTo(window.minimumSizeHint())
    if minimum.width() > available.width() or minimum.height() > available.height():
        problems.append(f"window minimum {size_text(minimum)} > available {size_text(available)}")
    size = window.frameGeometry().size()
    if size.width() > available.width() + SLACK or size.height() > available.height() + SLACK:
        problems.append(f"window {size_text(size)} > available {size_text(available)}")
    return problems


def size_text(size: QSize) -> str:
    return f"{size.width()}×{size.height()}"


def widget_problems(window: QWidget) -> list[str]:
    """Every widget showing in the window, as laid out now."""
    problems = []
    for widget in window.findChildren(QWidget):
        if widget.isWindow() or not widget.isVisibleTo(window) or skipped(widget):
            continue
        problems.extend(f"{name(widget)}: {p}" for p in problems_of(widget))
    return problems


def skipped(widget: QWidget) -> bool:
    """Parts of Qt's own composite widgets (they lay themselves out, or scroll)."""
    if isinstance(widget, QScrollBar):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QTabBar | QScrollBar | QLineEdit):
            return True  # a combo box's line edit, a tab bar's scroll buttons, a clear button
        parent = parent.parentWidget()
    return False


def in_scrolled_area(widget: QWidget) -> bool:
    """Inside a scroll area's viewport: it may lie outside the part that shows."""
    parent = widget.parentWidget()
    return (
        isinstance(parent, QWidget)
        and isinstance(parent.parentWidget(), QAbstractScrollArea)
        and parent is parent.parentWidget().viewport()
    )  # type: ignore[union-attr]


def problems_of(widget: QWidget) -> list[str]:
    found = []
    size = widget.size()
    policy = widget.sizePolicy()
    ignored = QSizePolicy.Policy.Ignored
    hint = widget.minimumSizeHint()
    if hint.isValid() and not isinstance(widget, QAbstractScrollArea | QTabBar):
        if policy.horizontalPolicy() != ignored and size.width() + SLACK < hint.width():
            found.append(f"width {size.width()} < minimum {hint.width()}")
        if policy.verticalPolicy() != ignored and size.height() + SLACK < hint.height():
            found.append(f"height {size.height()} < minimum {hint.height()}")
    parent = widget.parentWidget()
    if parent is not None and not in_scrolled_area(widget) and not isinstance(parent, QTabBar):
        inside = QRect(0, 0, parent.width() + SLACK, parent.height() + SLACK)
        if not inside.contains(widget.geometry()):
            outside = rect_text(widget.geometry())
            found.append(f"{outside} outside its parent {size_text(parent.size())}")
    found.extend(text_problems(widget))
    return found


def rect_text(rect: QRect) -> str:
    return f"{rect.width()}×{rect.height()}+{rect.x()}+{rect.y()}"


def text_problems(widget: QWidget) -> list[str]:
    """A text wider (or taller) than the room it has."""
    if isinstance(widget, QLabel):
        return label_problems(widget)
    button = isinstance(widget, QAbstractButton) and widget.text()
    if button and widget.sizeHint().width() > widget.width() + SLACK:
        return [f"text needs {widget.sizeHint().width()} px, has {widget.width()}"]
    if isinstance(widget, QGroupBox) and widget.title():
        need = widget.fontMetrics().horizontalAdvance(widget.title()) + 16
        if need > widget.width():
            return [f"title needs {need} px, has {widget.width()}"]
    if isinstance(widget, QTabBar):
        return tab_problems(widget)
    if isinstance(widget, QHeaderView) and widget.orientation().name == "Horizontal":
        return header_problems(widget)
    return []


def label_problems(label: QLabel) -> list[str]:
    if not label.text() or (label.pixmap() is not None and not label.pixmap().isNull()):
        return []
    room = label.contentsRect()
    if label.wordWrap():
        need = label.heightForWidth(label.width())
        if need > label.height() + SLACK:
            return [f"wrapped text needs {need} px high, has {label.height()}"]
        return []
    hint = label.sizeHint()
    if hint.width() > label.width() + SLACK:
        return [f"text needs {hint.width()} px, has {label.width()} (room {room.width()})"]
    if hint.height() > label.height() + SLACK:
        return [f"text needs {hint.height()} px high, has {label.height()}"]
    return []


def tab_problems(bar: QTabBar) -> list[str]:
    found = []
    for i in range(bar.count()):
        if not bar.isTabVisible(i):
            continue
        need = bar.tabSizeHint(i).width()
        has = bar.tabRect(i).width()
        if need > has + SLACK or not bar.rect().contains(bar.tabRect(i)):
            found.append(f"tab {bar.tabText(i)!r} needs {need} px, has {has} in {bar.width()}")
    return found


def header_problems(header: QHeaderView) -> list[str]:
    view = header.parentWidget()
    while view is not None and not isinstance(view, QAbstractItemView):
        view = view.parentWidget()
    model = header.model()
    if model is None:
        return []
    found = []
    metrics = header.fontMetrics()
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        text = str(model.headerData(section, header.orientation()) or "")
        need = metrics.horizontalAdvance(text) + 2 * HEADER_MARGIN
        has = header.sectionSize(section)
        if text and need > has:
            found.append(f"column {text!r} needs {need} px, has {has}")
        stretched = header.sectionResizeMode(section) == QHeaderView.ResizeMode.Stretch
        stretched = stretched or header.property("room_column") == section
        least = STRETCHED_CHARACTERS * metrics.horizontalAdvance("中")
        if stretched and has < least:  # the room left for a title: a few characters and "…"
            found.append(f"stretched column {text!r} has {has} px, less than {least}")
    return found


def interface_texts(window: QWidget) -> list[tuple[str, str]]:
    """(kind, text) of what the window shows in its own words and in the data's, visible now:
    its title, labels, buttons, group and tab titles, column headers, list entries,
    placeholders and chart titles and legends."""
    found = [("window", window.windowTitle())]
    for widget in window.findChildren(QWidget):
        if widget.isWindow() or not widget.isVisibleTo(window):
            continue
        found.extend(texts_of(widget))
    return [(kind, text) for kind, text in found if text.strip()]


def texts_of(widget: QWidget) -> list[tuple[str, str]]:
    from PySide6.QtCharts import QChartView
    from PySide6.QtWidgets import QListWidget

    if isinstance(widget, QLabel):
        from tests.support.rendered import rendered_label

        kind = "buddy" if widget.buddy() is not None else "label"
        return [(kind, rendered_label(widget))]
    if isinstance(widget, QAbstractButton):
        return [("button", widget.text())]
    if isinstance(widget, QGroupBox):
        return [("group", widget.title())]
    if isinstance(widget, QTabBar):
        return [("tab", widget.tabText(i)) for i in range(widget.count())]
    if isinstance(widget, QHeaderView) and widget.model() is not None:
        model, orientation = widget.model(), widget.orientation()
        return [
            ("header", str(model.headerData(i, orientation) or "")) for i in range(widget.count())
        ]
    if isinstance(widget, QListWidget):
        return [
            ("list", widget.item(i).text())
            for i in range(widget.count())
            if not widget.item(i).isHidden()
        ]
    if isinstance(widget, QLineEdit):
        return [("placeholder", widget.placeholderText())]
    if isinstance(widget, QChartView):
        chart = widget.chart()
        legend = [("legend", m.label()) for m in chart.legend().markers()]
        axes = [("axis", a.titleText()) for a in chart.axes()]
        return [("chart", chart.title()), *legend, *axes]
    return []
