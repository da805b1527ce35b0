"""Small shared widgets: a searchable combo box, a field with its error line, a scrolling
holder for a form taller than a small screen, a window's size kept within its screen."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, QSize, Qt, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QCompleter,
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

ERROR_STYLE = "color: #c62828;"


class SearchCombo(QComboBox):
    """A combo box the operator can type into: any part of an entry finds it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)

    def add(self, text: str, code: str) -> None:
        self.addItem(text, code)

    def code(self) -> str:
        """The chosen entry's code, or '' when the typed text names no entry."""
        index = self.findText(self.currentText(), Qt.MatchFlag.MatchFixedString)
        return str(self.itemData(index)) if index >= 0 else ""

    def select_code(self, code: str) -> None:
        index = self.findData(code)
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText("")


class ScrolledForm(QScrollArea):
    """A scroll area that brings a field into view when it gets the keyboard focus (Tab
    does that already; an error or a shortcut giving a field the focus does not)."""

    def __init__(self, content: QWidget, name: str) -> None:
        super().__init__(objectName=name)
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard goes to the fields inside
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self.show_focused)

    @Slot(QWidget, QWidget)
    def show_focused(self, _old: QWidget | None, new: QWidget | None) -> None:
        content = self.widget()
        if new is not None and content is not None and content.isAncestorOf(new):
            self.ensureWidgetVisible(new, 8, 8)


def scrolled(content: QWidget, name: str = "") -> QScrollArea:
    """`content` filling the room it is given, and scrolling when there is less room than
    it needs (a 1366×768 screen, 125 %): nothing is cut off, the window fits the screen."""
    return ScrolledForm(content, name or f"{content.objectName() or 'content'}_scroll")


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Size a window as wished, but never larger than the available area of the screen it
    opens on (a taskbar takes part of a 1366×768 display)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(width, height)
        return
    room = screen.availableGeometry().size() - frame_extra(window)
    window.resize(QSize(width, height).boundedTo(room))


# A title bar and borders, until the window manager says (once the window is shown).
FRAME_ALLOWANCE = QSize(16, 40)


def frame_extra(window: QWidget) -> QSize:
    """What the window manager's frame adds around the window."""
    frame, inner = window.frameGeometry(), window.geometry()
    extra = QSize(frame.width() - inner.width(), frame.height() - inner.height())
    return extra if window.isVisible() and not extra.isEmpty() else FRAME_ALLOWANCE


class FieldBox(QWidget):
    """A form field with a red message line under it, empty until something is wrong."""

    def __init__(self, field: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self._error: QLabel | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._layout.addWidget(field)
        self._layout.addStretch(1)
        self.setFocusProxy(field)
        self.setSizePolicy(field.sizePolicy())

    @property
    def error(self) -> QLabel:
        """The message line, made when first needed: a form's worth of hidden labels with
        their own style sheets slowed the intake screen's first appearance."""
        if self._error is None:
            self._error = QLabel()
            self._error.setTextFormat(Qt.TextFormat.PlainText)  # may quote what was typed
            self._error.setStyleSheet(ERROR_STYLE)
            self._error.setWordWrap(True)
            self._error.hide()
            self._layout.insertWidget(1, self._error)
        return self._error

    def show_error(self, message: str) -> None:
        if not message and self._error is None:
            return  # nothing shown, nothing to clear
        self.error.setText(message)
        self.error.setVisible(bool(message))


def record_table(model: QAbstractItemModel, name: str) -> QTableView:
    """A read-only table of records: whole rows selected one at a time, no row numbers."""
    table = QTableView(objectName=name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    return table


class RoomForTitles(QObject):
    """A table's title column takes the room its other columns leave, but never less than
    `characters` wide: on a narrow screen the table scrolls sideways rather than showing
    titles as "…". The header's `room_column` property names the column (for the tests)."""

    def __init__(self, table: QTableView, column: int, characters: int = 8) -> None:
        super().__init__(table)
        self.table, self.column, self.characters = table, column, characters
        header = table.horizontalHeader()
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setProperty("room_column", column)
        header.sectionResized.connect(self._resized)
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and shiboken6.isValid(self.table):
            self.fit()
        return False

    def _resized(self, index: int, _old: int, _new: int) -> None:
        if index != self.column:
            self.fit()

    def fit(self) -> None:
        header = self.table.horizontalHeader()
        others = sum(
            header.sectionSize(i)
            for i in range(header.count())
            if i != self.column and not header.isSectionHidden(i)
        )
        least = self.characters * self.table.fontMetrics().horizontalAdvance("中")
        width = max(least, self.table.viewport().width() - others)
        if header.sectionSize(self.column) != width:
            header.resizeSection(self.column, width)
