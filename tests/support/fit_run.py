"""Every screen of every role, and the main dialogs, on a small screen: what does not fit.

    python -m tests.support.fit_run [--scale 1.25] [--lang zh_CN|en] [--png DIR]

Runs in its own process because the screen and the scale factor are set before Qt starts:
an offscreen screen of 1366×728 (a 1366×768 display less its taskbar) at the scale given.
Prints JSON: per screen ("role/screen" or "dialog/name") the window's minimum size and
what tests/support/fit.py finds cut off. With --png, a picture of each.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

SCREEN_WIDTH, SCREEN_HEIGHT = 1366, 728
HELD_TITLES = ("小区电梯停运三天无人维修", "咨询新生儿入户办理材料")  # two calls set aside
ROOT = Path(__file__).resolve().parents[2]


def probe(scale: float, lang: str = "zh_CN") -> dict[str, Any]:
    """This module's report, run in a process of its own (for the tests): "screens" (per
    screen its minimum size, what is cut off, its texts), "data" (the workspace's texts)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-m", "tests.support.fit_run", "--scale", str(scale), "--lang", lang],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def configure(scale: float) -> None:
    """Before QApplication: the offscreen screen's size and the scale factor."""
    config = Path(tempfile.mkdtemp(prefix="hotline-fit-")) / "screen.json"
    screen = {"name": "laptop", "x": 0, "y": 0, "width": SCREEN_WIDTH, "height": SCREEN_HEIGHT}
    screen |= {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    os.environ["QT_SCALE_FACTOR"] = str(scale)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--lang", default="zh_CN")
    parser.add_argument("--png", type=Path)
    parser.add_argument("--orders", type=int, default=300)
    args = parser.parse_args()
    configure(args.scale)
    probe = Probe(args.lang, args.png, args.orders)
    screens = probe.run()
    json.dump({"screens": screens, "data": probe.data}, sys.stdout, ensure_ascii=False, indent=1)
    return 0


def data_strings(workspace: Any) -> list[str]:
    """Every text the workspace holds that a person wrote or the city named (callers'
    words, replies, the knowledge base, the policy's names): what a screen may show in
    either language."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, str) and value.startswith(("[", "{")):
            try:
                walk(json.loads(value))  # a list kept as JSON (an article's phrasings)
            except ValueError:
                found.add(value)
        elif isinstance(value, str):
            found.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for row in workspace.database.query("SELECT payload FROM events"):
        walk(json.loads(row["payload"]))
    for row in workspace.database.query("SELECT * FROM kb_articles"):
        walk(dict(row))
    return sorted(s for s in found if len(s) > 1)


class Probe:
    def __init__(self, lang: str, png: Path | None, orders: int) -> None:
        from PySide6.QtWidgets import QApplication

        from app.views.shell.i18n import install_translators

        self.app = QApplication(sys.argv[:1])
        install_translators(self.app, lang)
        self.png = png
        self.orders = orders
        self.report: dict[str, dict[str, object]] = {}
        self.data: list[str] = []
        if png is not None:
            png.mkdir(parents=True, exist_ok=True)

    def settle(self, rounds: int = 10) -> None:
        for _ in range(rounds):
            self.app.processEvents()

    def look(self, key: str, window: object) -> None:
        from PySide6.QtWidgets import QWidget

        from tests.support.fit import interface_texts, widget_problems, window_problems

        assert isinstance(window, QWidget)
        self.settle()
        minimum = window.minimumSize().expandedTo(window.minimumSizeHint())
        self.report[key] = {
            "minimum": [minimum.width(), minimum.height()],
            "size": [window.width(), window.height()],
            "problems": window_problems(window) + widget_problems(window),
            "texts": interface_texts(window),
        }
        if self.png is not None:
            window.grab().save(str(self.png / (key.replace("/", "-") + ".png")))

    def run(self) -> dict[str, dict[str, object]]:
        from app.models.enums import Role
        from app.views.shell.screens import SCREENS

        window, workspace = self.demo_window()
        self.settle()
        identity = window.identity
        seen: set[Role] = set()
        for actor in identity.choices:
            if actor.role in seen:
                continue
            seen.add(actor.role)
            identity.switch(actor)
            self.settle()
            for spec in SCREENS:
                if spec.visible_to(actor.role) and spec.stage.value != "sync":
                    page = window.show_page(spec.id)
                    refresh = getattr(page, spec.refresh, None) if spec.refresh else None
                    if callable(refresh):
                        refresh()
                    window.tasks.wait()
                    self.look(f"{actor.role.value}/{spec.id}", window)
        self.dialogs(window, workspace)
        users = (actor.user for actor in identity.choices)  # user names are data too
        self.data = sorted({*data_strings(workspace), *HELD_TITLES, *users})
        window.close()
        workspace.close()
        return self.report

    def demo_window(self):  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QSettings

        from app.models.clock import CHINA
        from app.models.records import Appellant
        from app.resources import load_policy
        from app.store.demo import generator as demo
        from app.store.workspace import Workspace
        from app.views.shell.identity import Identity, demo_actors
        from app.views.shell.main_window import MainWindow
        from app.views.shell.status_bar import SyncSnapshot
        from tests.support.builders import record

        now = datetime(2026, 11, 27, 15, 20, tzinfo=CHINA)
        home = Path(tempfile.mkdtemp(prefix="hotline-fit-"))
        workspace = Workspace(home, load_policy(), clock=lambda: now)
        workspace.set_station("W07")
        demo.seed_demo(workspace, orders=self.orders)
        for phone in ("13800001234", "13900002345", "13700003456"):  # awaiting dispatch
            record(workspace, appellant=Appellant(phone=phone, name="陈先生"), received_at=now)
        choices = demo_actors(workspace.policy, workspace.device_id)
        identity = Identity(lambda: choices[0], choices)
        settings = QSettings(str(home / "settings.ini"), QSettings.Format.IniFormat)

        def snapshot() -> SyncSnapshot:
            user = identity()
            return SyncSnapshot("offline", workspace.pending_count(), "", user.user, user.role)

        window = MainWindow(workspace, identity, snapshot, settings)
        window.show()
        return window, workspace

    def dialogs(self, window, workspace) -> None:  # type: ignore[no-untyped-def]
        from app.models.enums import Role

        identity = window.identity

        def as_role(role: Role) -> None:
            identity.switch(next(a for a in identity.choices if a.role is role))
            self.settle()

        as_role(Role.OPERATOR)
        # held intakes: two calls set aside while a third is taken
        for phone, title in zip(("13926081234", "0760-88231234"), HELD_TITLES, strict=True):
            window.new_intake(phone)
            window.intake.title.setText(title)
        window.new_intake("13800138000")
        window.intake.choose_held()
        self.look("operator/intake-held", window)
        window.intake.leave_held() if hasattr(window.intake, "leave_held") else None

        self.dialog("dialog/order-detail", lambda: self.longest_order(window, workspace))
        self.dialog("dialog/ctrl-k", lambda: self.kb(window))
        self.dialog("dialog/sign-in", lambda: self.login(window))
        self.step_dialog(window, "follow_up", "record", "dialog/follow-up")
        as_role(Role.DISPATCHER)
        self.step_dialog(window, "dispatch", "dispatch", "dialog/dispatch")
        units = [a for a in identity.choices if a.role is Role.UNIT]
        identity.switch(units[0])
        self.settle()
        self.step_dialog(window, "unit", "reply", "dialog/unit-reply")

    def dialog(self, key: str, open_it: Callable[[], object]) -> None:
        dialog = open_it()
        if dialog is None:
            self.report[key] = {"minimum": [0, 0], "size": [0, 0], "problems": ["not opened"]}
            return
        self.look(key, dialog)
        dialog.close()  # type: ignore[attr-defined]

    def longest_order(self, window, workspace):  # type: ignore[no-untyped-def]
        """The detail of the order with the longest timeline the operator may see."""
        rows = workspace.database.query(
            "SELECT order_id FROM events GROUP BY order_id ORDER BY COUNT(*) DESC LIMIT 50"
        )
        for row in rows:
            dialog = window.show_order(str(row["order_id"]))
            if dialog is not None:
                return dialog
        return None

    def kb(self, window):  # type: ignore[no-untyped-def]
        dialog = window.open_knowledge("停水")
        window.tasks.wait()
        self.settle(20)
        current = dialog.search.hits.current_id()
        if current:
            dialog.show_article(current)
        return dialog

    def login(self, window):  # type: ignore[no-untyped-def]
        from app.views.sync.login_dialog import LoginDialog

        dialog = LoginDialog(None, window.tasks, "https://12345.zs.gov.cn", "chenxm", window)  # type: ignore[arg-type]
        dialog.message.setText(dialog.tr("Enter the server, your user name and your password."))
        dialog.show()
        return dialog

    def step_dialog(self, window, screen: str, method: str, key: str) -> None:  # type: ignore[no-untyped-def]
        page = window.show_page(screen)
        page.refresh()
        self.settle()
        if page.order is None:
            self.report[key] = {"minimum": [0, 0], "size": [0, 0], "problems": ["no order"]}
            return
        self.dialog(key, lambda: (getattr(page, method)(), page.dialog)[1])


if __name__ == "__main__":
    raise SystemExit(main())
