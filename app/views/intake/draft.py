"""Keep the half-typed intake in the workspace, so a crash or a closed window loses nothing."""

from __future__ import annotations

import json
from typing import Any, Protocol

from PySide6.QtCore import QDateTime, QObject, QTimer
from PySide6.QtWidgets import QDateTimeEdit, QLabel

from app.store.workspace import Workspace


class IntakeForm(Protocol):
    """What a draft reads and restores of the intake form (the intake screen is one): the
    fields named below, and these."""

    received: QDateTimeEdit
    form_user: str  # whose intake the form holds
    kb_choice: tuple[str, int] | None
    kb_source: QLabel

    def show_kb_choice(self, choice: tuple[str, int], text: str) -> None: ...

    def form_emptied(self) -> None: ...


DRAFT_DELAY_MS = 800
TEXT_FIELDS = ("phone", "name", "company", "address", "title")
PLAIN_FIELDS = ("content", "answer")
COMBO_FIELDS = ("kind", "appeal_type", "urgency", "channel")
SEARCH_FIELDS = ("category", "town")
CHECK_FIELDS = ("confidential", "direct")


def capture(page: IntakeForm) -> dict[str, Any]:
    state: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        state[name] = getattr(page, name).text()
    for name in PLAIN_FIELDS:
        state[name] = getattr(page, name).toPlainText()
    for name in COMBO_FIELDS:
        state[name] = getattr(page, name).currentIndex()
    for name in SEARCH_FIELDS:
        state[name] = getattr(page, name).currentText()
    for name in CHECK_FIELDS:
        state[name] = getattr(page, name).isChecked()
    state["received_at"] = page.received.dateTime().toString("yyyy-MM-ddTHH:mm:ss")
    state["user"] = page.form_user  # whose intake this is (a shared seat)
    if page.kb_choice is not None:  # the knowledge-base article the answer came from
        state["kb_choice"] = [*page.kb_choice, page.kb_source.text()]
    return state


def is_blank(state: dict[str, Any]) -> bool:
    return not any(state.get(name) for name in (*TEXT_FIELDS, *PLAIN_FIELDS))


def restore(page: IntakeForm, state: dict[str, Any]) -> None:
    for name in CHECK_FIELDS:
        getattr(page, name).setChecked(bool(state.get(name)))
    for name in COMBO_FIELDS:
        getattr(page, name).setCurrentIndex(int(state.get(name, 0)))
    for name in SEARCH_FIELDS:
        getattr(page, name).setEditText(str(state.get(name, "")))
    for name in TEXT_FIELDS:
        getattr(page, name).setText(str(state.get(name, "")))
    for name in PLAIN_FIELDS:
        getattr(page, name).setPlainText(str(state.get(name, "")))
    received = QDateTime.fromString(str(state.get("received_at", "")), "yyyy-MM-ddTHH:mm:ss")
    if received.isValid():
        page.received.setDateTime(received)
    choice = state.get("kb_choice")
    if isinstance(choice, list) and len(choice) == 3:
        page.show_kb_choice((str(choice[0]), int(choice[1])), str(choice[2]))


class DraftKeeper(QObject):
    """Saves the form a moment after each change; clears it when the intake is recorded."""

    def __init__(self, page: IntakeForm, workspace: Workspace) -> None:
        super().__init__(page)
        self.page = page
        self.workspace = workspace
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DRAFT_DELAY_MS)
        self.timer.timeout.connect(self.save)
        self.paused = False

    def watch(self) -> None:
        page = self.page
        for name in TEXT_FIELDS:
            getattr(page, name).textChanged.connect(self.changed)
        for name in PLAIN_FIELDS:
            getattr(page, name).textChanged.connect(self.changed)
        for name in (*COMBO_FIELDS, *SEARCH_FIELDS):
            getattr(page, name).currentTextChanged.connect(self.changed)
        for name in CHECK_FIELDS:
            getattr(page, name).toggled.connect(self.changed)

    def changed(self, *_: object) -> None:
        if not self.paused:
            self.timer.start()

    def save(self) -> None:
        self.timer.stop()
        state = capture(self.page)
        self.workspace.save_draft("" if is_blank(state) else json.dumps(state, ensure_ascii=False))
        if is_blank(state):
            self.page.form_emptied()

    def clear(self) -> None:
        self.timer.stop()
        self.workspace.save_draft("")

    def load(self) -> dict[str, Any] | None:
        raw = self.workspace.load_draft()
        if not raw:
            return None
        try:
            state = json.loads(raw)
        except ValueError:
            return None
        return state if isinstance(state, dict) else None
