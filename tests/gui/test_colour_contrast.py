"""The deadline clocks' colours read as text at WCAG AA (4.5:1) on every background the
tables and the order detail draw them on: white, the palette's base and alternating rows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette

from app.models.clocks import Level
from app.views.common import colours
from app.views.orders import models as order_models
from app.views.work.queue_models import LEVEL_COLOURS

ROOT = Path(__file__).resolve().parents[2]
AA_TEXT = 4.5


def luminance(colour: QColor) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(v) for v in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_formula_matches_the_wcag_examples() -> None:
    assert contrast(QColor("black"), QColor("white")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("white")) == pytest.approx(4.48, abs=0.01)
    # the amber the queues used to draw "due soon" in: it failed
    assert contrast(QColor("#f9a825"), QColor("white")) < 2.0


def backgrounds(qapp) -> list[QColor]:  # type: ignore[no-untyped-def]
    palette = qapp.palette()
    return [
        QColor("white"),
        palette.color(QPalette.ColorRole.Base),
        palette.color(QPalette.ColorRole.AlternateBase),
        palette.color(QPalette.ColorRole.Window),  # the detail's labels
    ]


def used_clock_colours() -> dict[str, QColor]:
    used = {f"queue {level.name}": LEVEL_COLOURS[level] for level in Level}
    used["order list overdue"] = order_models.OVERDUE
    used["order list due today"] = order_models.DUE_SOON
    used.update({f"colours.{c}": QColor(c) for c in colours.CLOCK_COLOURS})
    return used


def test_every_clock_colour_meets_aa_for_text(qapp) -> None:  # type: ignore[no-untyped-def]
    failing = [
        f"{name} {colour.name()} on {ground.name()}: {contrast(colour, ground):.2f}:1"
        for name, colour in used_clock_colours().items()
        for ground in backgrounds(qapp)
        if contrast(colour, ground) < AA_TEXT
    ]
    assert not failing, failing


def test_every_level_has_its_own_colour() -> None:
    assert len({c.name() for c in LEVEL_COLOURS.values()}) == len(Level)


@pytest.mark.parametrize(
    "module",
    ["app/views/work/queue_models.py", "app/views/orders/models.py", "app/views/orders/detail.py"],
)
def test_clock_drawing_code_takes_its_colours_from_the_one_table(module: str) -> None:
    """A hex colour written into a clock's code would escape the contrast check above."""
    assert not re.findall(r"#[0-9a-fA-F]{6}\b", (ROOT / module).read_text(encoding="utf-8"))
