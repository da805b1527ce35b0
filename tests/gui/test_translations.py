"""The Simplified Chinese translation is complete and its compiled .qm is current."""

from __future__ import annotations

import shutil
import subprocess
import sys
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
