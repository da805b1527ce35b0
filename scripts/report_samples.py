"""Render the reports screen and a sample report for docs/ (offscreen).

    QT_QPA_PLATFORM=offscreen python scripts/report_samples.py [--out docs]

A throwaway demo workspace (2,000 orders over 120 days), whose hot spots now (a burst water
main in 小榄, a factory's night noise in 东区, each named by many callers at one address,
spelled several ways: app/store/demo/showcase.py) give the hot-spot table something real.
Writes docs/screenshots/reports-*.png, docs/sample-report.pdf
and, when pdftoppm (poppler-utils) is installed, docs/screenshots/report-page-N.png.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEventLoop, QSettings
from PySide6.QtWidgets import QApplication

from app.models.clock import CHINA
from app.models.enums import Role
from app.models.operations import Actor
from app.models.reports import Period, Scope
from app.resources import load_policy
from app.store.demo import generator as demo
from app.store.workspace import Workspace
from app.views.reports.page import ReportsPage
from app.views.shell.i18n import install_translators
from app.views.shell.main_window import MainWindow
from app.views.shell.status_bar import SyncSnapshot

FIXED_NOW = datetime(2026, 11, 27, 15, 20, tzinfo=CHINA)
def settle(app: QApplication, rounds: int = 10) -> None:
    for _ in range(rounds):
        app.processEvents()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="docs")
    parser.add_argument("--lang", default="zh_CN")
    args = parser.parse_args()
    out = Path(args.out)
    shots = out / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)

    app = QApplication(sys.argv[:1])
    install_translators(app, args.lang)
    home = Path(tempfile.mkdtemp(prefix="hotline-report-"))
    workspace = Workspace(home, load_policy(), clock=lambda: FIXED_NOW)
    workspace.set_station("W07")
    demo.seed_demo(workspace, orders=2000, days=120)
    actor = Actor("analyst", Role.ANALYST, workspace.device_id)
    settings = QSettings(str(home / "settings.ini"), QSettings.Format.IniFormat)

    def snapshot() -> SyncSnapshot:
        return SyncSnapshot("offline", 0, "", actor.user, actor.role)

    window = MainWindow(workspace, lambda: actor, snapshot, settings)
    window.resize(1400, 900)
    window.show()
    page = window.show_page("reports")
    assert isinstance(page, ReportsPage)

    def make(period: str) -> None:
        # an event loop, not a processEvents() busy loop: PySide6 6.12 loses a reference
        # to None on each processEvents() call and aborts after enough of them
        loop = QEventLoop()
        page.report_ready.connect(loop.quit)
        page.set_choice(Period.parse(period), Scope())
        page.refresh()
        loop.exec()
        page.report_ready.disconnect(loop.quit)
        settle(app)

    make("2026-11")
    for index, name in enumerate(("overview", "mix", "units", "overdue", "hot-spots")):
        page.tabs.setCurrentIndex(index)
        if name == "mix":
            page.dimension.setCurrentIndex(page.dimension.findData("category"))
        settle(app)
        window.grab().save(str(shots / f"reports-{name}.png"))
    make("2026-W48")
    page.tabs.setCurrentIndex(4)
    settle(app)
    window.grab().save(str(shots / "reports-hot-spots-week.png"))
    make("2026-11")
    pdf = page.export_pdf(out / "sample-report.pdf")
    assert pdf is not None
    if shutil.which("pdftoppm"):
        for old in shots.glob("report-page-*.png"):
            old.unlink()
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", str(pdf), str(shots / "report-page")], check=True
        )
    window.close()
    workspace.close()
    shutil.rmtree(home, ignore_errors=True)
    print(f"wrote {pdf} and {shots}/reports-*.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
