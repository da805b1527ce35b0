"""Start the GUI: application, translations, workspace, single instance, main window."""

from __future__ import annotations

import argparse
import gc
import getpass
import importlib
import json
import os
import sys
import time
import traceback
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLockFile, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from app.models.enums import Role
from app.models.operations import Actor
from app.paths import secure_home, workspace_home
from app.resources import load_policy
from app.store.db import StoreError
from app.store.session import read_session
from app.store.workspace import Workspace
from app.views.common.failures import failure_text, show_unhandled_in
from app.views.shell.i18n import install_translators
from app.views.shell.identity import Identity, workspace_identity
from app.views.shell.main_window import MainWindow
from app.views.shell.status_bar import SyncSnapshot

# Not imported here (start-up time): the sync state (with the event log), QtNetwork for the
# single-instance server, the demo generator. Each loads when it is first needed.
if TYPE_CHECKING:
    from collections.abc import Callable

    from app.views.sync.bridge import SyncBridge


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
CHECKPOINT_MS = 20_000
INSTANCE_LOCK = "instance.lock"
HAND_OFF_WAIT_S = 20.0  # a window's start takes a second or two; a slow machine more
HAND_OFF_POLL_S = 0.2
UNPAINTED_MS = 2_000
# What synchronisation brings into the window, imported by the warm-up off the GUI thread.
SYNC_MODULES = (
    "app.views.sync.bridge",
    "app.views.sync.login_dialog",
    "app.views.sync.attention_page",
)


def freeze_startup_objects() -> None:
    """Exclude everything built at start-up from the cyclic garbage collector's scans.

    A full collection over the start-up objects (policy, knowledge-base lexicon, Qt
    wrappers, a freshly seeded demo) would freeze the window at random moments while the
    operator types; frozen objects are never scanned again.
    """
    gc.collect()
    gc.freeze()
    gc.enable()  # app.main turned collection off for the start-up


def warm_up(window: MainWindow, bridges: list[SyncBridge]) -> None:
    """After the window is up: load the heavy parts on a worker thread, then start syncing.

    The imports of the HTTP client and keyring and the knowledge base's pinyin
    dictionaries would otherwise delay the first screen or stall the first search.
    """

    def load() -> None:
        for module in SYNC_MODULES:
            importlib.import_module(module)
        window.workspace.knowledge_reader()

    def start_sync(_: object) -> None:
        from app.views.sync.bridge import SyncBridge

        bridge = SyncBridge(window.workspace)
        bridges.append(bridge)
        window.attach_sync(bridge)
        bridge.start()

    what = QApplication.translate("Launch", "Starting synchronisation")
    window.tasks.run(load, start_sync, what=what)


class FirstPaint(QObject):
    """Calls `then` once, right after `widget` has been painted for the first time."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self.then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.then)  # once this paint (the whole window's) is done
        return False


SETTINGS_FILE = "settings.ini"


def open_settings(home: Path) -> tuple[QSettings, bool]:
    """The window's settings, and whether settings.ini was unreadable (empty, or not an
    ini file). An unreadable file is left as it is: this run keeps its settings in a
    throwaway file instead, and says so on stderr and in the status bar."""
    path = home / SETTINGS_FILE
    unreadable = path.is_file() and path.stat().st_size == 0
    if not unreadable:
        settings = QSettings(str(path), QSettings.Format.IniFormat)
        settings.allKeys()  # reads the file
        if settings.status() == QSettings.Status.NoError:
            return settings, False
    import tempfile

    spare = Path(tempfile.mkdtemp(prefix="hotline-desk-settings-")) / SETTINGS_FILE
    print(
        f"{path}: 设置文件无法读取，已原样保留；本次运行的设置不会保存。"
        "The settings file is unreadable (empty or not an ini file); it was left as it is, "
        "and this run's settings are not saved. Remove it to start with default settings.",
        file=sys.stderr,
    )
    return QSettings(str(spare), QSettings.Format.IniFormat), True


def cannot_open(home: Path, exc: Exception, *, interactive: bool) -> int:
    """The workspace cannot be opened: one clear message (stderr, and a dialog for a user
    who started the app from the desktop); exit code 2. Nothing in it was changed."""
    message = f"工作区无法打开 (the workspace cannot be opened): {home}\n\n{exc}"
    print(message, file=sys.stderr)
    if interactive and os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Critical, "Hotline Desk", message)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()
    return 2


def instance_lock(home: Path) -> QLockFile:
    """Held by the window running on `home` from its first moment, before it listens for
    calls (that comes after its first paint)."""
    secure_home(home)  # the folder exists, and the lock file is made owner-only
    lock = QLockFile(str(home / INSTANCE_LOCK))
    lock.setStaleLockTime(0)  # stale only once the process holding it is gone
    return lock


def hand_off(home: Path, message: str, lock: QLockFile, *, ask_first: bool = True) -> bool:
    """Give `message` to the window running on `home`; if one is still starting (it holds
    the lock but does not listen yet), wait for it rather than open a second window.
    False (and the lock taken) when no window runs there. Without `ask_first` the lock is
    looked at first: a free lock means no window, and no socket is tried at all."""

    def no_window() -> bool:  # the lock is free (or its holder died): taken, for this one
        return lock.tryLock(0) or lock.error() != QLockFile.LockError.LockFailedError

    if not ask_first and no_window():
        return False  # (QtNetwork not even loaded: a fast start)
    from app.views.shell.single_instance import send_to_running, server_name

    name = server_name(home)
    deadline = time.monotonic() + HAND_OFF_WAIT_S
    while not send_to_running(name, message):
        if no_window():
            return False
        if time.monotonic() > deadline:
            return False  # that window never listened: this one takes the call
        time.sleep(HAND_OFF_POLL_S)
    return True


def resolve_home(args: argparse.Namespace) -> Path:
    if args.home or os.environ.get("HOTLINE_DESK_HOME") or not args.demo:
        return workspace_home(args.home)
    return workspace_home() / "demo"


def seed_if_empty(workspace: Workspace, app: QApplication | None) -> int:
    from app.store.demo import generator as demo

    if not demo.is_empty(workspace):
        return 0
    dialog = None
    if app is not None:
        from PySide6.QtWidgets import QProgressDialog

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


def open_workspace(args: argparse.Namespace, app: QApplication, home: Path) -> Workspace | int:
    """The workspace to open the window on, or the exit code when there is none to open (it
    cannot be opened; the smoke test of --demo only seeds it)."""
    try:
        workspace = Workspace(home, load_policy())
    except StoreError as exc:  # empty or damaged cache, locked, read-only: say so, touch nothing
        return cannot_open(home, exc, interactive=not args.smoke_test)
    if args.demo:
        gc.enable()  # seeding makes and drops many objects
        seeded = seed_if_empty(workspace, None if args.smoke_test else app)
        if args.smoke_test:
            print(json.dumps({"demo_seeded": seeded, "home": str(home)}))
            workspace.close()
            return 0
    return workspace


def signed_in_identity(workspace: Workspace) -> Identity:
    """The user signed in to the central store, or this machine's operator; on the demo
    workspace, a switchable demo user per role."""
    local = Actor(getpass.getuser(), Role.OPERATOR, workspace.device_id)

    def signed_in() -> Actor:
        session = read_session(workspace.database)
        if session is None:
            return local
        return Actor(session.user, Role(session.role), workspace.device_id, unit=session.unit)

    return workspace_identity(workspace, signed_in)


def sync_snapshot(
    workspace: Workspace, identity: Identity, bridges: list[SyncBridge]
) -> Callable[[], SyncSnapshot]:
    """What the status bar shows of synchronisation (before it starts: signed out)."""

    def snapshot() -> SyncSnapshot:
        current = identity()
        if not bridges:
            return SyncSnapshot(
                "signed_out", workspace.pending_count(), user=current.user, role=current.role
            )
        status = bridges[0].snapshot()
        return status if status.user else replace(status, user=current.user, role=current.role)

    return snapshot


def keep_checkpoints(window: MainWindow, workspace: Workspace) -> None:
    """The workspace file is written from its WAL on a worker thread, every CHECKPOINT_MS."""
    workspace.defer_checkpoints()
    checkpoints = QTimer(window)
    checkpoints.setInterval(CHECKPOINT_MS)
    saving = QApplication.translate("Launch", "Writing the workspace file to disk")
    checkpoints.timeout.connect(
        lambda: window.tasks.run(workspace.checkpoint, lambda _r: None, what=saving)
    )
    checkpoints.start()


class Startup:
    """Once the intake screen has painted: the rest of the window a step at a time, then
    the single-instance server and the warm-up (the smoke test says it is ready, and ends
    once the whole window is built)."""

    def __init__(
        self,
        app: QApplication,
        window: MainWindow,
        args: argparse.Namespace,
        home: Path,
        bridges: list[SyncBridge],
    ) -> None:
        self.app = app
        self.window = window
        self.smoke_test = bool(args.smoke_test)
        self.home = home
        self.bridges = bridges
        self.started = False

    def painted(self) -> None:
        """The intake screen is on the screen: say so, then build the rest and listen."""
        if self.started:
            return
        self.started = True
        if self.smoke_test:
            station = self.window.workspace.station
            ready = {"ready": True, "ms": round(_process_age_ms(), 1), "station": station}
            print(json.dumps(ready), flush=True)
        self.build_rest()

    def build_rest(self) -> None:
        """The rest of the window a step at a time, each in its own turn of the event loop
        (typing is not kept waiting), then the single-instance server and the warm-up."""
        window = self.window
        try:
            more = window.build_rest_step()
        except Exception as exc:  # a slot: say what broke, and fail the smoke test on it
            traceback.print_exc()
            if self.smoke_test:
                self.app.exit(1)
                return
            what = QApplication.translate("Launch", "Preparing the screens")
            window.statusBar().showMessage(failure_text(what, exc))
            more = True  # the other steps still run
        if more:
            QTimer.singleShot(0, self.build_rest)
            return
        from app.views.shell.single_instance import InstanceServer, server_name

        server = InstanceServer(server_name(self.home), window)
        server.message_received.connect(window.handle_message)
        QTimer.singleShot(0, freeze_startup_objects)
        if self.smoke_test:  # the whole window was built without an error: done
            window.close()
            self.app.quit()
        else:
            warm_up(window, self.bridges)


def run_gui(args: argparse.Namespace) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("HotlineDesk")
    app.setOrganizationName("HotlineDesk")
    install_translators(app, args.lang or "zh_CN")
    home = resolve_home(args)
    call_phone = getattr(args, "phone", "") if getattr(args, "gui_call", False) else ""
    # One window per user and workspace: a later launch hands over its call (or just
    # brings that window to the front) and ends, so no second window shares the draft.
    lock = instance_lock(home)
    message = f"call {call_phone}" if call_phone else "show"
    if args.smoke_test:
        lock.tryLock(0)
    elif hand_off(home, message, lock, ask_first=bool(call_phone)):
        return 0

    opened = open_workspace(args, app, home)
    if isinstance(opened, int):
        return opened
    workspace = opened
    settings, _unreadable = open_settings(home)
    identity = signed_in_identity(workspace)
    bridges: list[SyncBridge] = []
    snapshot = sync_snapshot(workspace, identity, bridges)
    # The intake screen first; the rest of the window once it has painted (fast start).
    window = MainWindow(workspace, identity, snapshot, settings, defer_rest=True)
    show_unhandled_in(window)
    keep_checkpoints(window, workspace)
    startup = Startup(app, window, args, home, bridges)
    FirstPaint(window.stack.currentWidget(), startup.painted)  # the intake, for who takes calls
    if not args.smoke_test:  # (the smoke test reports ready only once it has painted)
        QTimer.singleShot(UNPAINTED_MS, startup.painted)  # a window never exposed: the rest too
    window.show()
    from app.views.shell.fonts import warn_without_chinese_font

    interactive = not args.smoke_test and os.environ.get("QT_QPA_PLATFORM") != "offscreen"
    warn_without_chinese_font(window, dialog=interactive)
    if call_phone:
        window.incoming_call(call_phone)
    code = app.exec()
    for bridge in bridges:
        bridge.stop()
    workspace.close()
    lock.unlock()
    return int(code)
