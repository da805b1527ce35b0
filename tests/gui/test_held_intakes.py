"""Nothing an operator types is lost: F2 and an incoming call hold the half-typed intake,
Ctrl+Shift+H and Enter resume it, and held intakes survive a crash."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.models.held import HeldIntake, dump_held, parse_held
from app.store.orders.query import OrderFilter
from app.store.workspace import Workspace
from app.views.shell.main_window import MainWindow
from app.views.shell.single_instance import InstanceServer, server_name
from app.views.shell.status_bar import SyncSnapshot
from tests.support.qt import type_chinese

ROOT = Path(__file__).resolve().parents[2]
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def snapshot() -> SyncSnapshot:
    return SyncSnapshot("signed_out", 0, "", "op-test", "operator")


def half_type(qtbot, window: MainWindow, phone: str, title: str, content: str) -> None:
    page = window.intake
    page.phone.setFocus()
    qtbot.keyClicks(page.phone, phone)
    type_chinese(page.title, title)
    type_chinese(page.content, content)


def held_rows(window: MainWindow) -> list[str]:
    held = window.intake.held_box.list
    return [held.item(i).text() for i in range(held.count())]


def nav_text(window: MainWindow) -> str:
    return window.nav.item(0).text()


def resume_with_keys(qtbot, window: MainWindow, row: int | None = None) -> None:
    qtbot.keyClick(window, Qt.Key.Key_H, CTRL_SHIFT)
    held = window.intake.held_box.list
    assert held.hasFocus()
    if row is not None:
        held.setCurrentRow(row)
    qtbot.keyClick(held, Qt.Key.Key_Return)


def finish_and_save(page) -> object:
    page.category.setCurrentIndex(1)
    page.town.setCurrentIndex(2)
    return page.save()


def test_f2_holds_the_half_typed_intake_and_enter_resumes_it(
    qtbot, window: MainWindow, workspace
) -> None:
    page = window.intake
    half_type(qtbot, window, "13800001111", "路灯不亮", "东区某路段路灯连续三晚不亮，")
    qtbot.keyClick(window, Qt.Key.Key_F2)

    assert page.phone.text() == "" and page.content.toPlainText() == ""
    assert page.phone.hasFocus()
    assert page.held_box.isVisible()
    rows = held_rows(window)
    assert len(rows) == 1 and "13800001111" in rows[0] and "路灯不亮" in rows[0]
    assert "1" in nav_text(window)
    stored = parse_held(workspace.load_held())  # on disk at once, not at the next pause
    assert [h.state["content"] for h in stored] == ["东区某路段路灯连续三晚不亮，"]
    assert workspace.load_draft() == ""

    resume_with_keys(qtbot, window)
    assert page.phone.text() == "13800001111"
    assert page.title.text() == "路灯不亮"
    assert page.content.toPlainText() == "东区某路段路灯连续三晚不亮，"
    assert page.content.hasFocus()
    assert not page.held_box.isVisible()
    assert nav_text(window) == window.tr("Intake")
    assert parse_held(workspace.load_held()) == []
    assert "路灯不亮" in workspace.load_draft()  # the resumed intake is the form's draft now

    type_chinese(page.content, "行人夜间出行不便。")
    order = finish_and_save(page)
    assert order is not None
    assert order.content == "东区某路段路灯连续三晚不亮，行人夜间出行不便。"
    assert workspace.orders.count(OrderFilter()) == 1
    assert page.held == [] and workspace.load_held() == []


def test_resuming_holds_what_is_on_the_form_in_its_place(
    qtbot, window: MainWindow, workspace
) -> None:
    page = window.intake
    half_type(qtbot, window, "13800002222", "噪音扰民", "楼下酒吧深夜噪音")
    qtbot.keyClick(window, Qt.Key.Key_F2)
    half_type(qtbot, window, "13800003333", "井盖缺失", "学校门口井盖缺失")
    resume_with_keys(qtbot, window)

    assert page.phone.text() == "13800002222"
    rows = held_rows(window)
    assert len(rows) == 1 and "13800003333" in rows[0] and "井盖缺失" in rows[0]
    assert "13800002222" in page.banner.text()

    order = finish_and_save(page)  # saving the resumed one leaves the other held
    assert order is not None and order.title == "噪音扰民"
    assert [h.phone for h in parse_held(workspace.load_held())] == ["13800003333"]
    assert "1" in nav_text(window)


def test_incoming_call_through_the_hand_off_holds_the_half_typed_intake(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:
    page = window.intake
    half_type(qtbot, window, "13800004444", "小区停水", "小区自周一起停水，物业")
    server = InstanceServer(server_name(workspace.home))  # as the launcher listens
    assert server.is_listening()
    server.message_received.connect(window.handle_message)
    child = subprocess.Popen(
        [sys.executable, "-m", "app", "--home", str(workspace.home), "call", "13900005555"],
        cwd=ROOT,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        qtbot.waitUntil(lambda: page.phone.text() == "13900005555", timeout=60_000)
        assert child.wait(timeout=60) == 0
    finally:
        if child.poll() is None:
            child.kill()
        server.server.close()
        server.deleteLater()

    assert page.content.toPlainText() == "" and page.title.text() == ""
    rows = held_rows(window)
    assert len(rows) == 1 and "13800004444" in rows[0] and "小区停水" in rows[0]
    [held] = parse_held(workspace.load_held())
    assert held.state["content"] == "小区自周一起停水，物业"

    type_chinese(page.title, "咨询公积金")  # the new caller's intake, then back to the first
    resume_with_keys(qtbot, window)
    assert page.phone.text() == "13800004444"
    assert page.content.toPlainText() == "小区自周一起停水，物业"
    assert [h.phone for h in parse_held(workspace.load_held())] == ["13900005555"]


def test_held_intakes_survive_a_crash(
    qtbot, workspace: Workspace, operator, tmp_path, policy, clock
) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    first = MainWindow(workspace, lambda: operator, snapshot, settings)
    first.show()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is first)  # keys reach its shortcuts
    half_type(qtbot, first, "13800006666", "占道经营", "菜市场门口占道经营")
    qtbot.keyClick(first, Qt.Key.Key_F2)
    half_type(qtbot, first, "13800007777", "违章停车", "消防通道长期停车")
    first.handle_message("call 13900008888")
    assert len(held_rows(first)) == 2
    # The process dies: the window is destroyed without closing (no close event, no flush).
    first.hide()
    first.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    again = Workspace(workspace.home, policy, clock=clock)  # a new process on the same files
    try:
        second = MainWindow(again, lambda: operator, snapshot, settings)
        qtbot.addWidget(second)
        second.show()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is second)
        rows = held_rows(second)
        assert len(rows) == 2
        assert "13800006666" in rows[0] and "占道经营" in rows[0]
        assert "13800007777" in rows[1] and "违章停车" in rows[1]
        assert "2" in nav_text(second)
        page = second.intake
        assert page.phone.text() == "13900008888"  # the call that came in, as its draft

        resume_with_keys(qtbot, second, row=0)  # the form's call is held in its place
        assert page.content.toPlainText() == "菜市场门口占道经营"
        assert [h.phone for h in page.held] == ["13800007777", "13900008888"]
        assert finish_and_save(page) is not None
        resume_with_keys(qtbot, second, row=0)
        assert page.phone.text() == "13800007777"
        assert page.content.toPlainText() == "消防通道长期停车"
        assert [h.phone for h in parse_held(again.load_held())] == ["13900008888"]
        assert again.orders.count(OrderFilter()) == 1
        second.close()
    finally:
        again.close()


def test_restored_banner_never_shows_over_an_empty_form(
    qtbot, workspace, operator, tmp_path
) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    first = MainWindow(workspace, lambda: operator, snapshot, settings)
    first.intake.phone.setText("13800001234")
    type_chinese(first.intake.content, "半句话还没说完")
    first.close()

    second = MainWindow(workspace, lambda: operator, snapshot, settings)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is second)  # keys reach its shortcuts
    page = second.intake
    assert page.banner.isVisible() and page.content.toPlainText() == "半句话还没说完"
    qtbot.keyClick(second, Qt.Key.Key_F2)
    assert page.content.toPlainText() == ""
    assert not page.banner.isVisible()
    assert "半句话还没说完" in held_rows(second)[0]

    resume_with_keys(qtbot, second)  # resumed, then emptied by hand: no banner either
    assert page.banner.isVisible()
    page.phone.clear()
    page.content.clear()
    page.drafts.save()
    assert not page.banner.isVisible()


def test_delete_discards_a_held_intake_only_when_confirmed(
    qtbot, window: MainWindow, workspace
) -> None:
    page = window.intake
    half_type(qtbot, window, "13800009999", "错拨", "来电人拨错号码")
    qtbot.keyClick(window, Qt.Key.Key_F2)
    qtbot.keyClick(window, Qt.Key.Key_H, CTRL_SHIFT)

    def answer(button: QMessageBox.StandardButton) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        assert "13800009999" in box.text()
        box.button(button).click()

    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Cancel))
    qtbot.keyClick(page.held_box.list, Qt.Key.Key_Delete)
    assert len(parse_held(workspace.load_held())) == 1

    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Discard))
    qtbot.keyClick(page.held_box.list, Qt.Key.Key_Delete)
    assert parse_held(workspace.load_held()) == []
    assert not page.held_box.isVisible()


def test_escape_leaves_the_held_list_for_the_form(qtbot, window: MainWindow) -> None:
    page = window.intake
    half_type(qtbot, window, "13800001212", "咨询", "咨询办事流程")
    qtbot.keyClick(window, Qt.Key.Key_F2)
    page.title.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_H, CTRL_SHIFT)
    assert page.held_box.list.hasFocus()
    qtbot.keyClick(page.held_box.list, Qt.Key.Key_Escape)
    assert page.title.hasFocus()
    assert len(page.held) == 1


def test_two_windows_on_one_workspace_keep_each_others_held_intakes(
    qtbot, window: MainWindow, workspace: Workspace, operator, tmp_path, policy, clock
) -> None:
    """A second launch racing the first one's start opens a second window on the same
    workspace: what each holds is kept, and each sees the other's."""
    half_type(qtbot, window, "13800001313", "第一窗口", "第一窗口挂起的受理")
    window.new_intake()
    again = Workspace(workspace.home, policy, clock=clock)
    try:
        settings = QSettings(str(tmp_path / "other.ini"), QSettings.Format.IniFormat)
        other = MainWindow(again, lambda: operator, snapshot, settings)
        qtbot.addWidget(other)
        other.intake.phone.setText("13800001414")
        type_chinese(other.intake.content, "第二窗口挂起的受理")
        other.new_intake()
        assert [h.phone for h in other.intake.held] == ["13800001313", "13800001414"]
        window.intake.phone.setText("13800001515")
        window.new_intake()  # written without the other window's entry in its memory
        phones = sorted(h.phone for h in parse_held(workspace.load_held()))
        assert phones == ["13800001313", "13800001414", "13800001515"]
        assert window.intake.choose_held()
        assert len(window.intake.held) == 3
        other.intake.resume(other.intake.held[0].id)  # resumed there: gone from here too
        window.intake.resume(window.intake.held[0].id)  # the list it had is stale: no copy
        assert other.intake.content.toPlainText() == "第一窗口挂起的受理"
        assert window.intake.phone.text() == ""  # nothing resumed twice
        assert [h.phone for h in window.intake.held] == ["13800001414", "13800001515"]
        assert "第一窗口" not in "".join(workspace.load_held())
        other.close()
    finally:
        again.close()


def test_the_hand_off_takes_only_a_number_and_drops_junk(
    qtbot, window: MainWindow, workspace
) -> None:
    from PySide6.QtNetwork import QLocalSocket

    server = InstanceServer(server_name(workspace.home))
    server.message_received.connect(window.handle_message)
    rival = InstanceServer(server_name(workspace.home))  # a second window starting up
    try:
        assert server.is_listening() and not rival.is_listening()  # no hijacked socket
        flood = QLocalSocket()
        flood.connectToServer(server_name(workspace.home))
        assert flood.waitForConnected(5000)
        flood.write(b"call 1" + b"3" * 100_000)  # no end of line, far too long
        flood.flush()
        qtbot.waitUntil(lambda: flood.state() == QLocalSocket.LocalSocketState.UnconnectedState)
        assert window.intake.phone.text() == ""

        child = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "app",
                "--home",
                str(workspace.home),
                "call",
                "<b>138</b>\x07 0000 1234" + "9" * 40,
            ],
            cwd=ROOT,
            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        qtbot.waitUntil(lambda: window.intake.phone.text() != "", timeout=60_000)
        assert child.wait(timeout=60) == 0
        assert window.intake.phone.text() == ("138 0000 1234" + "9" * 40)[:32]
    finally:
        for s in (server, rival):
            s.server.close()
            s.deleteLater()


def test_a_held_direct_answer_keeps_its_knowledge_base_article(
    qtbot, window: MainWindow, workspace
) -> None:
    from app.models.kb import Article

    article = workspace.knowledge().save(
        Article("kb-held", "停水查询", ("明天停水吗",), "可在供水公司公众号查询计划停水。")
    )
    page = window.intake
    half_type(qtbot, window, "13800001616", "咨询停水", "咨询明天是否停水")
    page.use_article(article)
    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert page.kb_choice is None and page.kb_source.isHidden()
    resume_with_keys(qtbot, window)
    assert page.kb_choice == (article.id, article.version)
    assert not page.kb_source.isHidden() and "停水查询" in page.kb_source.text()
    order = finish_and_save(page)
    assert order is not None and order.direct and order.answer == article.answer
    assert order.kb_article == article.id


def test_a_call_while_the_window_is_still_starting_waits_for_it(
    qtbot, window: MainWindow, workspace
) -> None:
    """The window holds the workspace's instance lock from its first moment but listens
    only once painted: a call launched in between is handed to it, not a second window."""
    from app.views.shell.launch import instance_lock

    lock = instance_lock(workspace.home)
    assert lock.tryLock(0)  # this window, starting
    half_type(qtbot, window, "13800001717", "开窗期间", "窗口启动时正在受理")
    child = subprocess.Popen(
        [sys.executable, "-m", "app", "--home", str(workspace.home), "call", "13900002020"],
        cwd=ROOT,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = None
    try:
        qtbot.wait(1500)  # the launch finds no one listening and waits (no assertion on it)
        assert child.poll() is None
        server = InstanceServer(server_name(workspace.home))  # now the window listens
        server.message_received.connect(window.handle_message)
        qtbot.waitUntil(lambda: window.intake.phone.text() == "13900002020", timeout=60_000)
        assert child.wait(timeout=60) == 0
        assert [h.phone for h in window.intake.held] == ["13800001717"]
    finally:
        if child.poll() is None:
            child.kill()
        if server is not None:
            server.server.close()
            server.deleteLater()
        lock.unlock()


def test_a_shared_seat_keeps_each_users_held_intakes_for_them(
    qtbot, workspace: Workspace, tmp_path
) -> None:
    """Two operators who signed in here take turns at the seat: what each was typing and
    held waits for them, and neither sees the other's callers."""
    import json

    from app.models.enums import Role
    from app.models.operations import Actor
    from app.views.shell.identity import Identity

    ann = Actor("ann", Role.OPERATOR, workspace.device_id)
    bob = Actor("bob", Role.OPERATOR, workspace.device_id)
    workspace.database.set_meta("seat:users", json.dumps(["ann", "bob"]))
    signed_out = HeldIntake("2026-11-27T09:00:00+08:00", {"phone": "13800000000"}, "local")
    workspace.update_intake_state("", {signed_out.id: dump_held(signed_out)})
    identity = Identity(lambda: ann, (ann, bob), chosen=ann)
    settings = QSettings(str(tmp_path / "seat.ini"), QSettings.Format.IniFormat)
    window = MainWindow(workspace, identity, snapshot, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page = window.intake

    half_type(qtbot, window, "13800002121", "安的来电", "安挂起的受理")
    qtbot.keyClick(window, Qt.Key.Key_F2)
    half_type(qtbot, window, "13800002222", "安未完", "安正在录入")
    assert [h.phone for h in page.held] == ["13800000000", "13800002121"]

    identity.switch(bob)  # bob sits down: ann's form is held for her, nothing of hers shows
    assert page.phone.text() == "" and page.content.toPlainText() == ""
    assert [h.phone for h in page.held] == ["13800000000"]  # signed-out work: anyone's
    assert "安" not in "".join(held_rows(window)) and "2" not in nav_text(window)
    half_type(qtbot, window, "13800002323", "鲍的来电", "鲍挂起的受理")
    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert [h.phone for h in page.held] == ["13800000000", "13800002323"]

    identity.switch(ann)  # back: her two intakes wait for her; bob's stays his
    assert [h.phone for h in page.held] == ["13800000000", "13800002121", "13800002222"]
    resume_with_keys(qtbot, window)
    assert page.content.toPlainText() == "安正在录入"
    everyone = sorted((h.user, h.phone) for h in parse_held(workspace.load_held()))
    assert everyone == [("ann", "13800002121"), ("bob", "13800002323"), ("local", "13800000000")]
    window.close()


def test_a_draft_left_by_another_signed_in_user_waits_for_them(
    qtbot, workspace: Workspace, operator, tmp_path
) -> None:
    import json

    workspace.database.set_meta("seat:users", json.dumps(["ann", operator.user]))
    workspace.save_draft(json.dumps({"phone": "13800002424", "title": "安的草稿", "user": "ann"}))
    settings = QSettings(str(tmp_path / "draft.ini"), QSettings.Format.IniFormat)
    window = MainWindow(workspace, lambda: operator, snapshot, settings)
    qtbot.addWidget(window)
    page = window.intake
    assert page.phone.text() == "" and page.banner.isHidden()  # not shown to this user
    assert page.held == []
    [held] = parse_held(workspace.load_held())
    assert (held.user, held.state["title"]) == ("ann", "安的草稿")
    assert workspace.load_draft() == ""
    window.close()


def test_a_second_launch_brings_the_running_window_forward_and_ends(
    qtbot, window: MainWindow, workspace
) -> None:
    from app.views.shell.launch import instance_lock

    lock = instance_lock(workspace.home)
    assert lock.tryLock(0)  # the running window's
    server = InstanceServer(server_name(workspace.home))
    shown: list[str] = []
    server.message_received.connect(shown.append)
    server.message_received.connect(window.handle_message)
    child = subprocess.Popen(
        [sys.executable, "-m", "app", "--home", str(workspace.home)],
        cwd=ROOT,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        qtbot.waitUntil(lambda: shown == ["show"], timeout=60_000)
        assert child.wait(timeout=60) == 0  # no second window on the workspace
    finally:
        if child.poll() is None:
            child.kill()
        server.server.close()
        server.deleteLater()
        lock.unlock()
