"""Process start to intake screen ready, against a bare PySide6 window in the same run.

    python bench/startup.py [--runs 7]

Both are fresh processes timed from spawn until they print their ready line, each once
its window has painted for the first time (the app's --smoke-test: the intake screen; the
bare window: its own first paint, seen the same way, by an event filter).
Budget: ≤ 1.5 s and ≤ 2× the bare window.

The app is timed twice in each round: from this source tree (`app_*`, `ratio_p50`), and
as installed (`installed_*`): a copy of app/ with its bytecode compiled, as a wheel
install or the PyInstaller bundle has it. From the source tree with
PYTHONDONTWRITEBYTECODE=1 (`bytecode_from_source` says whether it was set) every start
compiles the ~5,000 lines it imports, while the bare window's PySide6 and standard
library load from bytecode.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import machine, percentile, write_results

ROOT = Path(__file__).resolve().parent.parent
BARE = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1360, 860)
def ready():
    print('{"ready": true}', flush=True); app.quit()
class FirstPaint(QObject):  # ready once painted, as the app's --smoke-test reports it
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self); QTimer.singleShot(0, ready)
        return False
painted = FirstPaint(); w.installEventFilter(painted); w.show()
app.exec()
"""


def time_process(args: list[str], env: dict[str, str], cwd: Path = ROOT) -> float:
    start = time.perf_counter()
    child = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    for line in child.stdout:
        if '"ready": true' in line:
            elapsed = time.perf_counter() - start
            break
    else:
        raise RuntimeError(f"{args} never reported ready")
    child.wait(timeout=60)
    return elapsed


def installed_copy() -> Path:
    """A folder to run the app from as installed: app/ copied with compiled bytecode."""
    folder = Path(tempfile.mkdtemp(prefix="hotline-installed-"))
    shutil.copytree(ROOT / "app", folder / "app", ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "resources").symlink_to(ROOT / "resources")  # resources_dir(): beside app/
    compileall.compile_dir(folder / "app", quiet=1)
    return folder


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    home = Path(tempfile.mkdtemp(prefix="hotline-startup-"))
    env["HOTLINE_DESK_HOME"] = str(home)
    subprocess.run(
        [sys.executable, "-m", "app", "--demo", "--smoke-test"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    installed = installed_copy()
    app = [sys.executable, "-m", "app", "--smoke-test"]
    app_runs, installed_runs, bare_runs = [], [], []
    load_before = os.getloadavg()[0]
    for _ in range(args.runs):  # interleaved, so all see the same machine load
        bare_runs.append(time_process([sys.executable, "-c", BARE], env))
        app_runs.append(time_process(app, env))
        installed_runs.append(time_process(app, env, cwd=installed))
    shutil.rmtree(installed, ignore_errors=True)
    shutil.rmtree(home, ignore_errors=True)  # the demo workspace made for this run
    bare_p50 = percentile(bare_runs, 50)
    result = {
        "machine": machine(),
        "load_avg_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "runs": args.runs,
        "workspace": "demo (3,000 orders)",
        "ready": "first paint of each window (the app: its intake screen)",
        "bytecode_from_source": "not written (PYTHONDONTWRITEBYTECODE)"
        if os.environ.get("PYTHONDONTWRITEBYTECODE")
        else "cached in __pycache__",
        "app_p50_s": round(percentile(app_runs, 50), 3),
        "app_max_s": round(max(app_runs), 3),
        "bare_p50_s": round(bare_p50, 3),
        "ratio_p50": round(percentile(app_runs, 50) / bare_p50, 2),
        "installed_p50_s": round(percentile(installed_runs, 50), 3),
        "installed_ratio_p50": round(percentile(installed_runs, 50) / bare_p50, 2),
        "budget": "≤ 1.5 s and ≤ 2× bare window",
    }
    for key, value in result.items():
        if key != "machine":
            print(f"{key:>12}: {value}")
    write_results("startup", result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
