"""Every screen of every role, and the main dialogs, on a 1366×768 display less its taskbar
(1366×728) at 100 % and 125 % scaling, in English too: the window fits the available area
and nothing shown is cut off (tests/support/fit.py says what counts). Each scale runs in
its own process, as the screen and the scale factor are set before Qt starts
(tests/support/fit_run.py)."""

from __future__ import annotations

import json

import pytest

from app.models.enums import Role
from app.views.shell.screens import SCREENS, Stage
from tests.support.fit_run import SCREEN_HEIGHT, SCREEN_WIDTH, probe

DIALOGS = ("order-detail", "ctrl-k", "sign-in", "follow-up", "dispatch", "unit-reply")
SHOWN_ROLES = tuple(r for r in Role if r is not Role.ADMIN)  # each has a demo identity


@pytest.fixture(
    scope="module",
    params=[(1.0, "zh_CN"), (1.25, "zh_CN"), (1.25, "en")],
    ids=["100%", "125%", "125%-en"],  # English words are longer
)
def report(request) -> dict[str, dict[str, object]]:  # type: ignore[no-untyped-def]
    scale, lang = request.param
    screens: dict[str, dict[str, object]] = probe(scale, lang)["screens"]
    return screens


def test_every_screen_of_every_role_and_every_main_dialog_was_looked_at(report) -> None:  # type: ignore[no-untyped-def]
    expected = {
        f"{role.value}/{spec.id}"
        for role in SHOWN_ROLES
        for spec in SCREENS
        if spec.visible_to(role) and spec.stage is not Stage.SYNC
    }
    expected |= {f"dialog/{name}" for name in DIALOGS} | {"operator/intake-held"}
    assert expected <= set(report), expected - set(report)


def test_nothing_is_cut_off(report) -> None:  # type: ignore[no-untyped-def]
    problems = {key: seen["problems"] for key, seen in report.items() if seen["problems"]}
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)


def test_the_window_is_smaller_than_the_screen_at_the_smallest(report) -> None:  # type: ignore[no-untyped-def]
    for key, seen in report.items():
        width, height = seen["minimum"]  # type: ignore[misc]
        assert width <= SCREEN_WIDTH / 1.25 and height <= SCREEN_HEIGHT / 1.25, key


def test_the_check_sees_a_window_taller_than_the_screen(qapp) -> None:  # type: ignore[no-untyped-def]
    """The checks themselves: a form with a fixed minimum taller than the screen, a label
    squeezed under its text, a stretched column left a sliver."""
    from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

    from tests.support.fit import widget_problems, window_problems

    window = QWidget()
    available = window.screen().availableGeometry().size()
    window.setMinimumHeight(available.height() + 10)
    label = QLabel("一段很长很长很长很长很长很长的说明文字", window)
    label.setGeometry(0, 0, 40, 20)
    QVBoxLayout(window)
    window.show()
    try:
        assert any("window minimum" in p for p in window_problems(window))
        assert any("text needs" in p for p in widget_problems(window))
    finally:
        window.close()
