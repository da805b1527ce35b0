"""Process start to intake screen ready, against a bare PySide6 window in the same run.

    python bench/startup.py [--runs 7]

Both are fresh processes timed from spawn until they print their ready line (the app's
--smoke-test prints it once the main window with the intake screen is shown). Budget:
≤ 1.5 s and ≤ 2× the bare window.
"""

from __future__ import annotations

import argparse
import os
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
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1360, 860); w.show()
def ready():
    print('{"ready": true}', flush=True); app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""


def time_process(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    child = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    for line in child.stdout:
        if '"ready": true' in line:
            elapsed = time.perf_counter() - start
            break
    else:
        raise RuntimeError(f"{args} never reported ready")
    child.wait(timeout=60)
    return elapsed


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
    app_runs, bare_runs = [], []
    for _ in range(args.runs):  # interleaved, so both see the same machine load
        bare_runs.append(time_process([sys.executable, "-c", BARE], env))
        app_runs.append(time_process([sys.executable, "-m", "app", "--smoke-test"], env))
    result = {
        "machine": machine(),
        "runs": args.runs,
        "workspace": "demo (3,000 orders)",
        "app_p50_s": round(percentile(app_runs, 50), 3),
        "app_max_s": round(max(app_runs), 3),
        "bare_p50_s": round(percentile(bare_runs, 50), 3),
        "ratio_p50": round(percentile(app_runs, 50) / percentile(bare_runs, 50), 2),
        "budget": "≤ 1.5 s and ≤ 2× bare window",
    }
    for key, value in result.items():
        if key != "machine":
            print(f"{key:>12}: {value}")
    write_results("startup", result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
