"""Without a Chinese font the app says so at start-up (instead of drawing empty boxes)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from app.resources import resources_dir
from app.views.shell.fonts import INSTALL_LINE, installed_chinese_fonts, no_chinese_font_text

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = "No Chinese font is installed"
# The Chinese warning as the translation has it (the first words).
CHINESE = "没有安装中文字体"
LATIN_FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",)


def fontconfig_without_chinese(folder: Path) -> Path:
    """A fontconfig set-up whose only font is a Latin one (none at all if there is none)."""
    fonts = folder / "fonts"
    fonts.mkdir(parents=True)
    for path in LATIN_FONTS:
        if Path(path).is_file():
            (fonts / Path(path).name).write_bytes(Path(path).read_bytes())
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><dir>{fonts}</dir><cachedir>{folder / 'cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    return config


def start(home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", "--home", str(home), "--smoke-test"],
        cwd=ROOT,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen", **env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_start_without_a_chinese_font_warns_in_chinese_and_english(tmp_path: Path) -> None:
    result = start(tmp_path / "ws", FONTCONFIG_FILE=str(fontconfig_without_chinese(tmp_path)))
    assert result.returncode == 0, result.stderr
    assert '"ready": true' in result.stdout
    assert ENGLISH in result.stderr and CHINESE in result.stderr
    assert INSTALL_LINE in result.stderr


def test_start_with_a_chinese_font_says_nothing_of_fonts(tmp_path: Path) -> None:
    result = start(tmp_path / "ws")
    assert result.returncode == 0, result.stderr
    assert ENGLISH not in result.stderr


def test_the_fonts_this_machine_has(qapp: QApplication) -> None:
    # The suite runs with a Chinese font installed (./hotline installs one).
    assert installed_chinese_fonts()


@pytest.mark.parametrize("chinese", [True, False])
def test_warning_text(qapp: QApplication, chinese: bool) -> None:
    translator = QTranslator()
    assert translator.load("hotline_desk_zh_CN", str(resources_dir() / "translations"))
    if chinese:
        qapp.installTranslator(translator)
    try:
        text = no_chinese_font_text()
    finally:
        qapp.removeTranslator(translator)
    assert text.count(ENGLISH) == 1 and INSTALL_LINE in text
    assert (CHINESE in text) == chinese
