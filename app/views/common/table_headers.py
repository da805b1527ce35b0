"""The column titles of a table model, as Qt asks for them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt


def header_text(
    headers: Sequence[str], section: int, orientation: Qt.Orientation, role: int
) -> str | None:
    """The title of column `section`; nothing for rows or for roles other than display."""
    if (
        role == Qt.ItemDataRole.DisplayRole
        and orientation == Qt.Orientation.Horizontal
        and 0 <= section < len(headers)
    ):
        return headers[section]
    return None
