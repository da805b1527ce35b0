"""Item models of the drill screens: read-only figure tables and the editable scenario list."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.models.drills import Scenario
from app.views.common.plain import tip
from app.views.common.table_headers import header_text

Index = QModelIndex | QPersistentModelIndex
RAW_ROLE = Qt.ItemDataRole.UserRole + 1  # the unformatted value, for sorting and exports


class RowsModel(QAbstractTableModel):
    """A table of plain rows; numbers are right-aligned and `formats` turns values into
    display text per column (e.g. a ratio into "83 %")."""

    def __init__(
        self,
        headers: Sequence[str],
        formats: Sequence[Callable[[Any], str] | None] = (),
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self.formats = list(formats) + [None] * (len(headers) - len(formats))
        self.rows: list[tuple[Any, ...]] = []

    def set_rows(self, rows: Sequence[tuple[Any, ...]]) -> None:
        self.beginResetModel()
        self.rows = [tuple(r) for r in rows]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        value = self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            fmt = self.formats[index.column()]
            return fmt(value) if fmt is not None else str(value)
        if role == RAW_ROLE:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int | float):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and isinstance(value, str) and len(value) > 30:
            return tip(value)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return header_text(self.headers, section, orientation, role)

    def display_rows(self) -> list[list[str]]:
        """Every row as the table shows it (for CSV exports)."""
        return [
            [str(self.data(self.index(r, c))) for c in range(len(self.headers))]
            for r in range(len(self.rows))
        ]


class ScenarioModel(QAbstractTableModel):
    """A drill set's scenarios; the caller's words (column 0) are edited in place, and
    `on_edit` stores the changed scenario."""

    TEXT = 0

    def __init__(
        self,
        headers: Sequence[str],
        describe: Callable[[Scenario], Sequence[str]],
        on_edit: Callable[[Scenario], None],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self.describe = describe
        self.on_edit = on_edit
        self.scenarios: list[Scenario] = []

    def set_scenarios(self, scenarios: Sequence[Scenario]) -> None:
        self.beginResetModel()
        self.scenarios = list(scenarios)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.scenarios)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.scenarios):
            return None
        scenario = self.scenarios[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if index.column() == self.TEXT:
                return scenario.text
            cells = self.describe(scenario)
            return cells[index.column() - 1] if index.column() - 1 < len(cells) else ""
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.TEXT:
            return tip(scenario.text)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == self.TEXT:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != self.TEXT:
            return False
        text = str(value).strip()
        if not text:
            return False
        edited = self.scenarios[index.row()].with_changes(text=text)
        self.on_edit(edited)
        self.scenarios[index.row()] = edited
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return header_text(self.headers, section, orientation, role)
