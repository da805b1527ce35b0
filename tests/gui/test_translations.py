"""The Simplified Chinese translation is complete and its compiled .qm is current."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import update_translations as tr  # noqa: E402


def test_every_interface_text_has_a_chinese_translation(tmp_path: Path) -> None:
    ts = tmp_path / "check.ts"
    shutil.copy(tr.TS, ts)
    tr.lupdate(ts)  # adds any text in the code that the committed .ts lacks
    missing = tr.unfinished(ts)
    assert not missing, "untranslated (run scripts/update_translations.py):\n" + "\n".join(missing)


def test_compiled_translation_matches_its_source(tmp_path: Path) -> None:
    qm = tmp_path / "check.qm"
    tr.lrelease(tr.TS, qm)
    assert qm.read_bytes() == tr.QM.read_bytes(), "run scripts/update_translations.py"


def test_translation_loads_and_translates(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication

    from app.views.shell.i18n import install_translators

    installed = install_translators(qapp, "zh_CN")
    try:
        assert QCoreApplication.translate("Labels", "Awaiting dispatch") == "待派单"
        assert QCoreApplication.translate("Actions", "New intake") == "新建受理"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


def test_lupdate_is_the_one_of_the_installed_qt() -> None:
    """The tool that updates the .ts sources comes with PySide6, at its Qt's version."""
    import PySide6

    result = subprocess.run(["pyside6-lupdate", "-version"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    words = result.stdout.split()
    assert words[:2] == ["lupdate", "version"]
    assert words[2].split(".")[:2] == PySide6.__version__.split(".")[:2]


def test_english_plural_file_is_current(tmp_path: Path) -> None:
    """Every counted text of the code has its English singular and plural, compiled."""
    ts = tmp_path / "en.ts"
    shutil.copy(tr.TS_EN, ts)
    tr.lupdate_english(ts)
    tr.fill_english(ts)
    assert ts.read_bytes() == tr.TS_EN.read_bytes(), "run scripts/update_translations.py"
    qm = tmp_path / "en.qm"
    tr.lrelease(tr.TS_EN, qm)
    assert qm.read_bytes() == tr.QM_EN.read_bytes(), "run scripts/update_translations.py"
    forms = [f.text or "" for f in ET.parse(tr.TS_EN).getroot().iter("numerusform")]
    assert forms and not [f for f in forms if "(s)" in f]


def test_english_counts_read_as_english(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication

    from app.views.shell.i18n import install_translators

    installed = install_translators(qapp, "en")
    try:
        count = QCoreApplication.translate
        assert count("OrderListPage", "%n order(s)", "", 1) == "1 order"
        assert count("OrderListPage", "%n order(s)", "", 0) == "0 orders"
        assert count("OrderListPage", "%n order(s)", "", 12) == "12 orders"
        assert count("Clocks", "%1: %n working day(s) left", "", 1) == "%1: 1 working day left"
        need = "%n step(s) refused by the central store need your decision."
        assert count("AttentionPage", need, "", 1).startswith("1 step refused")
        assert count("AttentionPage", need, "", 2).startswith("2 steps refused")
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


def test_chinese_counts_have_their_one_form(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication

    from app.views.shell.i18n import install_translators

    installed = install_translators(qapp, "zh_CN")
    try:
        for n in (1, 2, 25):
            text = QCoreApplication.translate("OrderListPage", "%n order(s)", "", n)
            assert text == f"共 {n} 件" or (str(n) in text and "order" not in text), text
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
