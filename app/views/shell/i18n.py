"""Load Qt's own Chinese strings and the application's translation."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from app.resources import resources_dir

DEFAULT_LANGUAGE = "zh_CN"


def install_translators(app: QApplication, language: str = DEFAULT_LANGUAGE) -> list[QTranslator]:
    """Simplified Chinese by default. English is the source language: its file holds only
    the singular and plural of the counted texts ("1 order", "2 orders")."""
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        plurals = QTranslator(app)
        if plurals.load("hotline_desk_en", str(resources_dir() / "translations")):
            app.installTranslator(plurals)
            return [plurals]
        return []
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    installed = []
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    ours = QTranslator(app)
    if ours.load(f"hotline_desk_{language}", str(resources_dir() / "translations")):
        app.installTranslator(ours)
        installed.append(ours)
    return installed
