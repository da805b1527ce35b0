"""The sign-in dialog in Chinese against the real central store: every refusal and every
connection failure reads in Chinese (the store answers in English, `requests` too)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.store.workspace import Workspace
from app.views.common.tasks import TaskRunner
from app.views.sync.bridge import SyncBridge
from app.views.sync.login_dialog import LoginDialog
from tests.support.net import free_port
from tests.support.server import ServerProcess
from tests.support.words import english_words


@pytest.fixture
def dialog(qtbot, qapp, workspace: Workspace) -> Iterator[LoginDialog]:  # type: ignore[no-untyped-def]
    from app.views.shell.i18n import install_translators

    installed = install_translators(qapp, "zh_CN")
    bridge = SyncBridge(workspace, interval=3600)
    tasks = TaskRunner()
    made = LoginDialog(bridge, tasks)
    qtbot.addWidget(made)
    made.show()
    yield made
    made.close()
    tasks.shutdown()
    bridge.stop()
    for translator in installed:
        qapp.removeTranslator(translator)


def refusal(qtbot, dialog: LoginDialog, server: str, user: str, password: str) -> str:  # type: ignore[no-untyped-def]
    dialog.server.setText(server)
    dialog.user.setText(user)
    dialog.password.setText(password)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=60000)
    return dialog.message.text()


def test_sign_in_failures_read_in_chinese(qtbot, dialog, server: ServerProcess) -> None:  # type: ignore[no-untyped-def]
    nobody = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    cases = {
        "wrong password": (server.url, "op1", "not the password"),
        "unknown user": (server.url, "nobody-here", "not the password"),
        "nothing listening": (nobody, "op1", "whatever"),
        "clear text to another machine": ("http://192.0.2.10:8443", "op1", "whatever"),
        "not an address": ("12345 中心", "op1", "whatever"),
    }
    said = {name: refusal(qtbot, dialog, *case) for name, case in cases.items()}
    for name, text in said.items():
        assert text.startswith("无法登录"), (name, text)
        assert not english_words(text), (name, text)
    assert "用户名或密码错误" in said["wrong password"]
    assert said["unknown user"] == said["wrong password"]  # the same answer for both
    assert "无法连接中心服务器" in said["nothing listening"]


def test_a_throttled_sign_in_reads_in_chinese_with_the_wait(
    qtbot, dialog, server: ServerProcess
) -> None:  # type: ignore[no-untyped-def]
    for _ in range(5):
        refusal(qtbot, dialog, server.url, "op2", "not the password")
    text = refusal(qtbot, dialog, server.url, "op2", "not the password")
    assert "登录失败次数过多" in text and "分钟后再试" in text, text
    assert not english_words(text), text
