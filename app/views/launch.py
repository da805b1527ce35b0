"""Start the GUI: application, translations, workspace, single instance, main window."""

from __future__ import annotations

import argparse
import gc
import getpass
import json
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from app.models.enums import Role
from app.models.operations import Actor
from app.paths import workspace_home
from app.resources import load_policy
from app.store.workspace import Workspace
from app.views.i18n import install_translators
from app.views.identity import workspace_identity
from app.views.main_window import MainWindow
from app.views.single_instance import InstanceServer, send_to_running, server_name
from app.views.status_bar import SyncSnapshot


def _process_age_ms() -> float:
    """Milliseconds since this process started (Linux), else since this module loaded."""
    try:
        with open(f"/proc/{os.getpid()}/stat") as handle:
            start_ticks = int(handle.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime") as handle:
            uptime = float(handle.read().split()[0])
        return (uptime - start_ticks / os.sysconf("SC_CLK_TCK")) * 1000
    except (OSError, ValueError, IndexError):
        return (time.monotonic() - _LOADED) * 1000


_LOADED = time.monotonic()


def freeze_startup_objects() -> None:
    """Exclude everything built at start-up from the cyclic garbage collector's scans.

    A full collection over the start-up objects (policy, knowledge-base lexicon, Qt
    wrappers, a freshly seeded demo) froze the window for 200–400 ms at random moments
    while the operator typed; frozen objects are never scanned again.
    """
    gc.collect()
    gc.freeze()


def resolve_home(args: argparse.Namespace) -> Path:
    if args.home or os.environ.get("HOTLINE_DESK_HOME") or not args.demo:
        return workspace_home(args.home)
    return workspace_home() / "demo"


def seed_if_empty(workspace: Workspace, app: QApplication | None) -> int:
    from app.store import demo

    if not demo.is_empty(workspace):
        return 0
    dialog = None
    if app is not None:
        dialog = QProgressDialog(
            app.translate("Launch", "Preparing the demo workspace…"), "", 0, 100
        )
        dialog.setCancelButton(None)
        dialog.setMinimumDuration(300)

    def progress(done: int, total: int) -> None:
        if dialog is not None:
            dialog.setMaximum(total)
            dialog.setValue(done)
            QApplication.processEvents()

    count = demo.seed_demo(workspace, progress=progress)
    if dialog is not None:
        dialog.close()
    return count


def run_gui(args: argparse.Namespace) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("HotlineDesk")
    app.setOrganizationName("HotlineDesk")
    install_translators(app, args.lang or "zh_CN")
    home = resolve_home(args)
    name = server_name(home)
    call_phone = getattr(args, "phone", "") if getattr(args, "gui_call", False) else ""
    if call_phone and not args.smoke_test and send_to_running(name, f"call {call_phone}"):
        return 0

    workspace = Workspace(home, load_policy())
    if args.demo:
        seeded = seed_if_empty(workspace, None if args.smoke_test else app)
        if args.smoke_test:
            print(json.dumps({"demo_seeded": seeded, "home": str(home)}))
            workspace.close()
            return 0
    settings = QSettings(str(home / "settings.ini"), QSettings.Format.IniFormat)
    user = getpass.getuser()
    actor = Actor(user, Role.OPERATOR, workspace.device_id)
    identity = workspace_identity(workspace, lambda: actor)  # demo users on the demo workspace

    def snapshot() -> SyncSnapshot:
        current = identity()
        return SyncSnapshot(
            state="signed_out",
            pending=workspace.pending_count(),
            user=current.user,
            role=current.role,
        )

    window = MainWindow(workspace, identity, snapshot, settings)
    server = InstanceServer(name, window)
    server.message_received.connect(window.handle_message)
    window.show()
    freeze_startup_objects()
    if call_phone:
        window.incoming_call(call_phone)
    if args.smoke_test:

        def report() -> None:
            ready = {"ready": True, "ms": round(_process_age_ms(), 1), "station": workspace.station}
            print(json.dumps(ready), flush=True)
            window.close()
            app.quit()

        QTimer.singleShot(0, report)
    code = app.exec()
    workspace.close()
    return int(code)
