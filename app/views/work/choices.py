"""Answers an operator must choose: a list that opens with nothing chosen.

A step that changes an assessment (a follow-up's outcome, whether a unit contacted the
caller) never starts at the best answer, so two keys cannot record one nobody gave."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox


def choice_box(name: str, options: Iterable[tuple[str, Any]], placeholder: str = "") -> QComboBox:
    """A list of (label, value) with nothing chosen; `placeholder` shows meanwhile."""
    box = QComboBox(objectName=name)
    for label, value in options:
        box.addItem(label, value)
    box.setPlaceholderText(placeholder or QCoreApplication.translate("Choices", "Choose…"))
    box.setCurrentIndex(-1)
    return box


def yes_no(name: str) -> QComboBox:
    """是 / 否, nothing chosen."""
    yes = QCoreApplication.translate("Choices", "Yes")
    no = QCoreApplication.translate("Choices", "No")
    return choice_box(name, ((yes, True), (no, False)))


def chosen(box: QComboBox) -> Any:
    """The chosen value, or None while nothing is chosen."""
    return box.currentData() if box.currentIndex() >= 0 else None


def unanswered(box: QComboBox, message: str) -> Callable[[], str]:
    """For StepDialog.add_row(missing=…): `message` while nothing is chosen, then ""."""
    return lambda: message if chosen(box) is None else ""
