"""Two syncs of one workspace at once (the app's and the command line's, or two command
lines): the second says another sync is running, or waits for it; never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.sync.worker import SyncWorker
from tests.support.server import ROOT, ServerProcess, cli, paused_sync
from tests.support.station import FAST, Station
from tests.support.users import PASSWORD


def _env(tmp_path: Path, home: Path) -> dict[str, str]:
    return {
        "PYTHON_KEYRING_BACKEND": "tests.support.keyrings.FileKeyring",
        "HOTLINE_TEST_KEYRING_FILE": str(tmp_path / "keyring.json"),
        "HOTLINE_DESK_HOME": str(home),
        "PYTHONPATH": str(ROOT),
    }


@pytest.fixture
def holding(server: ServerProcess, tmp_path: Path) -> Iterator[tuple[Path, dict[str, str]]]:
    """A workspace whose `hotline-desk sync` is paused inside its pull (holding the lock)."""
    home = tmp_path / "ws"
    env = _env(tmp_path, home)
    r = cli("login", "--server", server.url, "--user", "op1", stdin=PASSWORD + "\n", env=env)
    assert r.returncode == 0, r.stderr
    marker = tmp_path / "applying"
    proc = paused_sync(env, marker)
    yield home, env
    proc.kill()
    proc.wait(10)


def test_a_second_command_line_sync_says_another_is_running(
    holding: tuple[Path, dict[str, str]],
) -> None:
    _home, env = holding
    r = cli("sync", "--wait", "0.3", env=env)
    assert r.returncode == 3, r.stdout + r.stderr
    assert "Traceback" not in r.stderr
    assert "Another sync of this workspace is running" in r.stderr
    assert json.loads(r.stdout)["error"] == "SyncBusy"


def test_the_apps_sync_meanwhile_reports_busy_and_syncs_next_time(
    holding: tuple[Path, dict[str, str]], policy: object, clock: object
) -> None:
    home, env = holding
    os.environ["HOTLINE_TEST_KEYRING_FILE"] = env["HOTLINE_TEST_KEYRING_FILE"]
    from app.store.workspace import Workspace

    ws = Workspace(home, policy, clock=clock)  # type: ignore[arg-type]
    try:
        import keyring

        from tests.support.keyrings import FileKeyring

        keyring.set_keyring(FileKeyring())  # the token the command line signed in with
        worker = SyncWorker(ws.database.path, ws.device_id, retry=FAST)
        assert worker.cycle(ws.database) is None
        status = worker.status()
        assert "Another sync" in status.last_error and status.state != "signed_out"
    finally:
        ws.close()
        os.environ.pop("HOTLINE_TEST_KEYRING_FILE", None)


def test_a_sync_waits_for_the_lock_while_it_is_held_then_runs(
    server: ServerProcess, stations: dict[str, Station], tmp_path: Path
) -> None:
    a = stations["a"]
    a.login(server.url, "op1")
    a.record(3)
    from app.sync.lock import sync_lock

    home = a.ws.home
    import keyring

    env = _env(tmp_path, home)
    from tests.support.keyrings import FileKeyring

    os.environ["HOTLINE_TEST_KEYRING_FILE"] = env["HOTLINE_TEST_KEYRING_FILE"]
    try:  # the station's token is in the in-memory keyring: the command line needs it too
        session = a.state.session()
        assert session is not None
        secret = keyring.get_password(f"hotline-desk:{session.server}", "op1")
        FileKeyring().set_password(f"hotline-desk:{session.server}", "op1", secret or "")
    finally:
        os.environ.pop("HOTLINE_TEST_KEYRING_FILE", None)
    with sync_lock(home):
        r = cli("sync", "--wait", "0", env=env)  # held: told at once
        assert r.returncode == 3 and "Traceback" not in r.stderr
        waiting = subprocess.Popen(
            [sys.executable, "-m", "app", "sync", "--wait", "120"],
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(1.0)
        assert waiting.poll() is None  # still waiting for the lock, not failed
    out, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, out + err
    assert json.loads(out)["accepted"] == 3
