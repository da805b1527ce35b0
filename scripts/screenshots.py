"""Render Hotline Desk's screens to PNG (offscreen) for the user guide.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [--lang zh_CN|en] [--out DIR]

(DIR defaults to docs/screenshots.)

Uses a throwaway demo workspace, so the pictures show realistic data.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.models.clock import CHINA
from app.models.enums import Role
from app.models.operations import Actor
from app.resources import load_policy
from app.store.demo import generator as demo
from app.store.workspace import Workspace
from app.views.shell.i18n import install_translators
from app.views.shell.identity import Identity, demo_actors
from app.views.shell.main_window import MainWindow
from app.views.shell.status_bar import SyncSnapshot
from scripts.screenshot_drills import shoot_drills
from scripts.screenshot_roles import shoot_roles

FIXED_NOW = datetime(2026, 11, 27, 15, 20, tzinfo=CHINA)


def settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="zh_CN")
    parser.add_argument("--out", default="docs/screenshots")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    suffix = "" if args.lang == "zh_CN" else f"-{args.lang}"

    app = QApplication(sys.argv[:1])
    install_translators(app, args.lang)
    workspace, window = demo_window()
    settle(app)
    shoot_intake(app, window, workspace, out, suffix)
    shoot_knowledge(app, window, out, suffix)
    shoot_orders(app, window, workspace, out, suffix)
    shoot_roles(app, window, out, suffix)  # dispatcher, handling unit, follow-up
    shoot_drills(app, window, out, suffix, FIXED_NOW)  # operator's drill, trainer's dashboard
    window.close()
    workspace.close()
    print(f"screenshots written to {out}")
    return 0


def demo_window() -> tuple[Workspace, MainWindow]:
    """A demo workspace at a fixed time and the operator's window on it, shown."""
    home = Path(tempfile.mkdtemp(prefix="hotline-shots-"))
    workspace = Workspace(home, load_policy(), clock=lambda: FIXED_NOW)
    workspace.set_station("W07")
    demo.seed_demo(workspace, orders=1500)
    actor = Actor("陈晓敏", Role.OPERATOR, workspace.device_id)
    settings = QSettings(str(home / "settings.ini"), QSettings.Format.IniFormat)

    def snapshot() -> SyncSnapshot:
        user = identity()
        return SyncSnapshot("offline", workspace.pending_count(), "", user.user, user.role)

    # The operator, and a local demo user per role to shoot the other screens with.
    identity = Identity(lambda: actor, (actor, *demo_actors(workspace.policy, workspace.device_id)))
    window = MainWindow(workspace, identity, snapshot, settings)
    window.resize(1400, 880)
    window.show()
    return workspace, window


def shoot_intake(
    app: QApplication, window: MainWindow, workspace: Workspace, out: Path, suffix: str
) -> None:
    """Intake with a repeat caller's history and a half-typed appeal, then its errors."""
    busiest = workspace.database.scalar(
        "SELECT phone FROM orders GROUP BY phone ORDER BY COUNT(*) DESC LIMIT 1"
    )
    page = window.intake
    # Two calls set aside (F2, an incoming call) while a third is taken: the held list.
    page.phone.setText("13926081234")
    page.title.setText("小区电梯停运三天无人维修")
    page.content.setPlainText("来电人反映东区某小区3栋电梯停运三天，")
    window.new_intake("0760-88231234")
    page.title.setText("咨询新生儿入户办理材料")
    window.new_intake(str(busiest))
    page.name.setText("梁女士")
    page.appeal_type.setCurrentIndex(3)
    page.town.setEditText("小榄镇")
    page.address.setText("升平中路28号")
    page.title.setText("楼下烧烤店夜间噪音扰民")
    page.content.setPlainText(
        "来电人反映其楼下烧烤店每晚营业至凌晨两点，食客喧哗、音响声大，严重影响休息。"
    )
    page.refresh_history()
    window.panels["kb_suggestions"].suggest_now()
    window.panels["duplicates"].refresh()  # now, not after its pause in typing
    window.tasks.wait()
    settle(app, 20)
    window.grab().save(str(out / f"intake{suffix}.png"))

    page.title.clear()
    page.phone.setText("138 1234")
    page.refresh_history()
    page.save()
    settle(app)
    window.grab().save(str(out / f"intake-errors{suffix}.png"))


def shoot_knowledge(app: QApplication, window: MainWindow, out: Path, suffix: str) -> None:
    """The knowledge base as a page and as the Ctrl+K dialog over intake."""
    kb_page = window.show_page("knowledge")
    kb_page.search.line.setText("停水")
    kb_page.search.search_now()
    window.tasks.wait()
    settle(app, 20)
    kb_page.show_article(kb_page.search.hits.current_id())
    settle(app)
    window.grab().save(str(out / f"knowledge{suffix}.png"))

    window.show_page("intake")
    dialog = window.open_knowledge("jtwz")
    window.tasks.wait()
    settle(app, 20)
    dialog.show_article(dialog.search.hits.current_id())
    settle(app)
    dialog.grab().save(str(out / f"knowledge-ctrl-k{suffix}.png"))
    dialog.close()


def shoot_orders(
    app: QApplication, window: MainWindow, workspace: Workspace, out: Path, suffix: str
) -> None:
    """The order list and the detail of the order with the longest timeline."""
    window.show_page("orders")
    window.orders.overdue.setChecked(False)
    settle(app, 20)
    window.grab().save(str(out / f"orders{suffix}.png"))

    order_id = workspace.database.scalar(
        "SELECT order_id FROM events WHERE order_id IN (SELECT id FROM orders) "
        "GROUP BY order_id ORDER BY COUNT(*) DESC LIMIT 1"
    )
    dialog = window.show_order(str(order_id))
    settle(app)
    dialog.grab().save(str(out / f"order-detail{suffix}.png"))
    dialog.close()


if __name__ == "__main__":
    raise SystemExit(main())
