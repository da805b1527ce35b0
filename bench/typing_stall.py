"""The longest GUI-thread stall while an operator types an appeal with live suggestions on.

    QT_QPA_PLATFORM=offscreen python bench/typing_stall.py [--chars 300]

A demo workspace (orders and the knowledge base), the real main window, and characters
committed into the intake's content one at a time at typing speed (an input method's
commit, as for Chinese). A 5 ms heartbeat timer on the GUI thread measures every gap in
its ticks: the longest gap is the longest time the window could not respond. Caller
history and knowledge-base suggestions run as they do for an operator. Budget: ≤ 50 ms.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QElapsedTimer, QSettings, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from app.models.enums import Role
from app.models.operations import Actor
from app.resources import load_policy
from app.store.demo import generator as demo
from app.store.workspace import Workspace
from app.views.shell.launch import freeze_startup_objects
from app.views.shell.main_window import MainWindow
from app.views.shell.status_bar import SyncSnapshot
from bench.common import machine, percentile, write_results

TEXT = (
    "来电人反映其居住的小区楼下烧烤店每晚营业至凌晨两点，食客喧哗、音响声音很大，"
    "油烟直接排到楼上住户窗口，多次向物业和社区反映无果，要求相关部门尽快查处噪音和油烟问题。"
    "另外小区门口的路灯坏了一个多月，晚上很黑，老人小孩出行不安全，希望一并处理。"
)
KEY_INTERVAL_MS = 60  # a fast operator: about 16 characters a second


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chars", type=int, default=300)
    parser.add_argument("--orders", type=int, default=3000)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    home = Path(tempfile.mkdtemp(prefix="hotline-typing-"))
    workspace = Workspace(home, load_policy())
    demo.seed_demo(workspace, orders=args.orders)
    actor = Actor("bench", Role.OPERATOR, workspace.device_id)
    window = MainWindow(
        workspace,
        lambda: actor,
        SyncSnapshot,
        QSettings(str(home / "s.ini"), QSettings.Format.IniFormat),
    )
    window.resize(1400, 880)
    window.show()
    page = window.intake
    busiest = workspace.database.scalar(
        "SELECT phone FROM orders GROUP BY phone ORDER BY COUNT(*) DESC LIMIT 1"
    )
    page.phone.setText(str(busiest))
    page.title.setText("烧烤店噪音油烟扰民")
    page.content.setFocus()
    freeze_startup_objects()  # as app.views.shell.launch does once the window is up

    gaps: list[float] = []
    handling: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]

    def tick() -> None:
        now = clock.nsecsElapsed()
        gaps.append((now - last[0]) / 1e6)
        last[0] = now

    heartbeat = QTimer()
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(tick)
    heartbeat.start()

    text = (TEXT * (args.chars // len(TEXT) + 1))[: args.chars]
    position = [0]

    def type_one() -> None:
        if position[0] >= len(text):
            typing.stop()
            QTimer.singleShot(1500, app.quit)  # let the last suggestions land
            return
        event = QInputMethodEvent()
        event.setCommitString(text[position[0]])
        start = time.perf_counter()
        QApplication.sendEvent(page.content, event)
        handling.append((time.perf_counter() - start) * 1000)
        position[0] += 1

    typing = QTimer()
    typing.setInterval(KEY_INTERVAL_MS)
    typing.timeout.connect(type_one)
    typing.start()
    app.exec()
    window.tasks.wait()

    gaps = gaps[5:]  # the first ticks include window start-up
    result = {
        "machine": machine(),
        "characters": len(text),
        "key_interval_ms": KEY_INTERVAL_MS,
        "suggestions_shown": window.panels["kb_suggestions"].hits.model_.rowCount(),
        "longest_stall_ms": round(max(gaps) - 5, 1),
        "p99_gap_ms": round(percentile(gaps, 99), 1),
        "keystroke_handling_p95_ms": round(percentile(handling, 95), 2),
        "keystroke_handling_max_ms": round(max(handling), 2),
        "budget": "longest stall ≤ 50 ms",
    }
    for key, value in result.items():
        if key != "machine":
            print(f"{key:>26}: {value}")
    write_results("typing_stall", result)
    window.close()
    workspace.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
