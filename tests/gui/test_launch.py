"""The real program: --smoke-test, --demo seeding, and the telephony's `call` hand-off."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from app.views.shell.single_instance import InstanceServer, send_to_running, server_name

ROOT = Path(__file__).resolve().parents[2]


def run_app(home: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOTLINE_DESK_HOME=str(home))
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def last_json(output: str) -> dict[str, object]:
    lines = [line for line in output.splitlines() if line.startswith("{")]
    return json.loads(lines[-1])


def test_smoke_test_starts_and_reports_ready(tmp_path: Path) -> None:
    result = run_app(tmp_path / "ws", "--smoke-test")
    assert result.returncode == 0, result.stderr
    report = last_json(result.stdout)
    assert report["ready"] is True
    assert (tmp_path / "ws" / "hotline-desk.sqlite3").exists()


def test_demo_smoke_test_seeds_once(tmp_path: Path) -> None:
    first = run_app(tmp_path / "ws", "--demo", "--smoke-test")
    assert first.returncode == 0, first.stderr
    assert last_json(first.stdout)["demo_seeded"] >= 1000
    second = run_app(tmp_path / "ws", "--demo", "--smoke-test")
    assert last_json(second.stdout)["demo_seeded"] == 0


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        (["13800001234"], "call 13800001234"),
        # The desktop runs `hotline-desk call %u` for a tel: link.
        (["tel:+86-138-0000-1234;phone-context=zs"], "call +86-138-0000-1234"),
    ],
)
def test_call_reaches_the_running_instance(  # type: ignore[no-untyped-def]
    qapp, tmp_path: Path, argument: list[str], message: str
) -> None:
    name = server_name(tmp_path)
    server = InstanceServer(name)
    assert server.is_listening()
    received: list[str] = []
    server.message_received.connect(received.append)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        [sys.executable, "-m", "app", "--home", str(tmp_path), "call", *argument],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not received and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.02)
    assert child.wait(timeout=60) == 0
    assert received == [message]
    server.server.close()
    server.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_send_without_a_running_instance_says_so(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert send_to_running(server_name(tmp_path / "nobody"), "call 1") is False


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_both_languages_start(tmp_path: Path, lang: str) -> None:
    result = run_app(tmp_path / lang, "--smoke-test", "--lang", lang)
    assert result.returncode == 0, result.stderr
    assert last_json(result.stdout)["ready"] is True  # the window was built and painted
    assert "Traceback" not in result.stderr
