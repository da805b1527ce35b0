"""The dispatcher's screen, from the keyboard, through the real store."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta

from PySide6.QtCore import Qt

from app.models.enums import EventType, ReturnReason, Role, Status, Urgency
from app.store.policy_source import PULLED_UNITS, PULLED_VERSION
from app.views.dispatch.dialogs import DispatchDialog, RulingDialog
from tests.support.builders import record
from tests.support.desk import Desk, open_dispatch
from tests.support.qt import activate, submit, type_chinese

CTRL = Qt.KeyboardModifier.ControlModifier


def test_dispatcher_sees_the_dispatch_screen_not_the_unit_one(qtbot, desk: Desk) -> None:
    desk.act_as(Role.DISPATCHER)
    shown = [
        desk.window.nav.item(r).data(Qt.ItemDataRole.UserRole)
        for r in range(desk.window.nav.count())
        if not desk.window.nav.item(r).isHidden()
    ]
    assert "dispatch" in shown and "unit" not in shown and "follow_up" not in shown


def test_dispatch_from_the_queue_with_the_catalogue_suggestion(
    qtbot, qtmodeltester, desk: Desk, workspace, clock
) -> None:
    normal = record(workspace, title="家中停水")
    urgent = record(workspace, title="水管爆裂", urgency=Urgency.URGENT)
    page = open_dispatch(qtbot, desk)
    qtmodeltester.check(page.model)
    assert [r.id for r in page.model.rows] == [urgent.id, normal.id]
    assert page.model.data(page.model.index(0, 1)).startswith("dispatch")
    assert page.table.hasFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_D, CTRL)
    dialog = page.dialog
    assert isinstance(dialog, DispatchDialog)
    assert dialog.lead.code() == "gs"  # the catalogue's lead for water supply
    assert dialog.assists.codes() == ["swj"]
    submit(qtbot, dialog)
    order = workspace.events.load_order(urgent.id)
    assert order.status is Status.DISPATCHED and order.lead_unit == "gs"
    assert order.assist_units == ("swj",)
    assert [r.id for r in page.model.rows] == [normal.id]


def test_village_committee_as_lead_is_refused_with_the_reason(qtbot, desk: Desk, workspace) -> None:
    order = record(workspace, town="dongqu", category="A0201")
    page = open_dispatch(qtbot, desk)
    qtbot.keyClick(page.table, Qt.Key.Key_D, CTRL)
    dialog = page.dialog
    dialog.lead.lineEdit().clear()
    type_chinese(dialog.lead.lineEdit(), "东区街道库充社区居民委员会")
    submit(qtbot, dialog)
    assert dialog.isVisible()
    assert "村（居）委会" in dialog.error.text()
    assert workspace.events.load_order(order.id).status is Status.RECEIVED


def test_functional_matter_pushed_down_is_refused(qtbot, desk: Desk, workspace) -> None:
    order = record(workspace, town="xiaolan", category="A0201")
    page = open_dispatch(qtbot, desk)
    qtbot.keyClick(page.table, Qt.Key.Key_D, CTRL)
    dialog = page.dialog
    dialog.lead.lineEdit().clear()
    type_chinese(dialog.lead.lineEdit(), "小榄镇人民政府")
    submit(qtbot, dialog)
    assert "职能部门" in dialog.error.text()
    assert workspace.events.load_order(order.id).lead_unit == ""


def test_uphold_a_return_then_re_dispatch(qtbot, desk: Desk, workspace) -> None:
    order = record(workspace)
    chain = desk.chain
    chain.dispatch(order.id, desk.actor(Role.DISPATCHER), "gs", [])
    chain.request_return(
        order.id, desk.actor(Role.UNIT, "gs"), ReturnReason.NOT_OUR_DUTY, "属水务局管网"
    )
    page = open_dispatch(qtbot, desk)
    qtbot.keyClick(page.table, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert page.current_queue() == "rulings"
    qtbot.keyClick(page.table, Qt.Key.Key_R, CTRL)
    dialog = page.dialog
    assert (
        isinstance(dialog, RulingDialog)
        and "属水务局管网" in dialog.findChild(type(dialog.error), "heading").text()
    )
    submit(qtbot, dialog)  # uphold is the default
    assert workspace.events.load_order(order.id).status is Status.RECEIVED
    qtbot.keyClick(page.table, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(page.table, Qt.Key.Key_D, CTRL)
    dialog = page.dialog
    dialog.lead.lineEdit().clear()
    type_chinese(dialog.lead.lineEdit(), "中山市水务局")
    type_chinese(dialog.reason, "退单理由成立，改派水务局")
    submit(qtbot, dialog)
    assert not dialog.isVisible(), dialog.error.text()
    again = workspace.events.load_order(order.id)
    assert again.lead_unit == "swj" and again.last_event is EventType.REDISPATCH


def test_approve_an_extension_computes_the_new_deadline(qtbot, desk: Desk, workspace) -> None:
    order = record(workspace)
    desk.chain.dispatch(order.id, desk.actor(Role.DISPATCHER), "gs", [])
    gs = desk.actor(Role.UNIT, "gs")
    desk.chain.sign(order.id, gs)
    desk.chain.request_extension(order.id, gs, 5, "需更换主管道")
    page = open_dispatch(qtbot, desk)
    qtbot.keyClick(page.table, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(page.table, Qt.Key.Key_R, CTRL)
    dialog = page.dialog
    assert dialog.days.value() == 5
    shown = dialog.new_deadline.text()
    submit(qtbot, dialog)
    extended = workspace.events.load_order(order.id)
    assert extended.extension_days == 5 and extended.deadline > order.deadline
    assert extended.deadline.isoformat()[:16].replace("T", " ") == shown


def test_review_send_back_then_approve_and_close(qtbot, desk: Desk, workspace) -> None:
    order = record(workspace)
    gs = desk.actor(Role.UNIT, "gs")
    desk.chain.dispatch(order.id, desk.actor(Role.DISPATCHER), "gs", [])
    desk.chain.sign(order.id, gs)
    desk.chain.reply(order.id, gs, text="已处理", contacted=True, resolved=True)
    page = open_dispatch(qtbot, desk)
    qtbot.keyClick(page.table, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(page.table, Qt.Key.Key_E, CTRL)
    dialog = page.dialog
    qtbot.keyClick(activate(qtbot, dialog), Qt.Key.Key_Right)  # to "send back"
    assert dialog.no.isChecked()
    submit(qtbot, dialog)
    assert dialog.isVisible() and dialog.error.text()  # an opinion is required
    type_chinese(dialog.opinion, "请说明何时恢复供水")
    submit(qtbot, dialog)
    assert workspace.events.load_order(order.id).status is Status.HANDLING
    desk.chain.reply(order.id, gs, text="已于当日恢复供水", contacted=True, resolved=True)
    page.refresh()
    qtbot.keyClick(page.table, Qt.Key.Key_E, CTRL)
    submit(qtbot, page.dialog)
    assert workspace.events.load_order(order.id).status is Status.REVIEWED
    qtbot.keyClick(page.table, Qt.Key.Key_L, CTRL)
    assert workspace.events.load_order(order.id).status is Status.CLOSED


def test_supervise_an_overdue_order(qtbot, desk: Desk, workspace, clock) -> None:
    order = record(workspace, received_at=clock.now - timedelta(days=40))
    desk.chain.dispatch(order.id, desk.actor(Role.DISPATCHER), "gs", [])
    page = open_dispatch(qtbot, desk)
    qtbot.keyClick(page.table, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    assert "overdue" in page.model.data(page.model.index(0, 1))
    qtbot.keyClick(page.table, Qt.Key.Key_G, CTRL)
    submit(qtbot, page.dialog)
    assert workspace.events.load_order(order.id).supervised


def test_merge_a_duplicate_into_the_earlier_order(qtbot, desk: Desk, workspace) -> None:
    first = record(workspace, town="xiaolan", title="升平中路烧烤店夜间噪音扰民")
    second = record(workspace, town="xiaolan", title="升平中路烧烤店噪音扰民", phone="13955556666")
    page = open_dispatch(qtbot, desk)
    row = next(i for i, r in enumerate(page.model.rows) if r.id == second.id)
    page.table.selectRow(row)
    qtbot.keyClick(page.table, Qt.Key.Key_M, CTRL)
    assert page.dialog.target.code() == first.number
    submit(qtbot, page.dialog)
    merged = workspace.events.load_order(second.id)
    assert merged.status is Status.MERGED and merged.merged_into == first.id


def test_the_screen_follows_the_unit_list_a_pull_brings(qtbot, desk: Desk, workspace) -> None:
    order = record(workspace, title="家中停水")
    page = open_dispatch(qtbot, desk)
    workspace.act(order.id, EventType.DISPATCH, {"lead_unit": "gs"}, desk.actor(Role.DISPATCHER))
    renamed = [
        {**dataclasses.asdict(u), "name": "中山公用供水有限公司（新）"}
        if u.code == "gs"
        else dataclasses.asdict(u)
        for u in workspace.policy.units
    ]
    workspace.database.set_meta(PULLED_UNITS, json.dumps(renamed, ensure_ascii=False))
    workspace.database.set_meta(PULLED_VERSION, "v-renamed")
    page.refresh()
    assert page.policy.unit_name("gs") == "中山公用供水有限公司（新）"
    assert page.suggester.policy is page.policy
    assert page.summary.policy is page.policy
