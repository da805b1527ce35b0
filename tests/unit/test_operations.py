"""The operations layer on a real workspace file: each action's result and the one notice
that says what it changed; a refused or invalid action changes nothing."""

from __future__ import annotations

import threading

import pytest

from app.models.enums import Satisfaction, Status, TransferTarget
from app.models.held import HeldIntake, dump_held
from app.models.rules import RuleViolation
from app.operations import dispatch, followup, intake, orders, unit
from app.operations.changes import Changes
from app.store.workspace import IntakeInvalid, Workspace
from tests.support.builders import DISPATCHER, make_intake, operator
from tests.support.builders import unit as unit_actor

LEAD = "gs"


def outbox(ws: Workspace) -> int:
    return ws.pending_count()


def test_recording_an_intake_says_which_order_it_wrote(workspace: Workspace) -> None:
    done = intake.record(workspace, make_intake(), operator(workspace))
    assert workspace.events.load_order(done.value.id) == done.value
    assert done.changes == Changes(orders=frozenset({done.value.id}), outbox=True)
    assert outbox(workspace) == 1


def test_an_invalid_intake_is_refused_with_every_field_and_writes_nothing(
    workspace: Workspace,
) -> None:
    with pytest.raises(IntakeInvalid) as refused:
        intake.record(workspace, make_intake(title="", category=""), operator(workspace))
    assert {e.field for e in refused.value.errors} >= {"title", "category"}
    assert outbox(workspace) == 0
    assert workspace.database.scalar("SELECT COUNT(*) FROM orders") == 0


def test_a_step_is_one_event_and_names_its_order(workspace: Workspace) -> None:
    order = intake.record(workspace, make_intake(), operator(workspace)).value
    done = dispatch.dispatch(workspace, order.id, DISPATCHER, LEAD, [])
    assert done.value.status is Status.DISPATCHED and done.value.lead_unit == LEAD
    assert done.changes.touches(order.id) and not done.changes.all_orders
    assert done.changes.outbox and outbox(workspace) == 2


def test_a_refused_step_raises_and_leaves_the_store_as_it_was(workspace: Workspace) -> None:
    order = intake.record(workspace, make_intake(), operator(workspace)).value
    dispatch.dispatch(workspace, order.id, DISPATCHER, LEAD, [])
    with pytest.raises(RuleViolation):
        unit.sign(workspace, order.id, unit_actor("zjj"))  # not this unit's order
    with pytest.raises(RuleViolation) as empty:
        unit.reply(workspace, order.id, unit_actor(LEAD), text=" ", contacted=True, resolved=True)
    assert empty.value.message == "请填写答复内容"
    assert outbox(workspace) == 2
    assert workspace.events.load_order(order.id).status is Status.DISPATCHED  # type: ignore[union-attr]


def test_a_step_on_no_such_order_is_a_key_error(workspace: Workspace) -> None:
    with pytest.raises(KeyError):
        unit.sign(workspace, "no-such-order", unit_actor(LEAD))


def test_an_unsatisfied_follow_up_reopens_in_the_same_operation(workspace: Workspace) -> None:
    order = intake.record(workspace, make_intake(), operator(workspace)).value
    lead = unit_actor(LEAD)
    dispatch.dispatch(workspace, order.id, DISPATCHER, LEAD, [])
    unit.sign(workspace, order.id, lead)
    unit.reply(workspace, order.id, lead, text="已抢修", contacted=True, resolved=True)
    dispatch.review(workspace, order.id, DISPATCHER, True, "")
    dispatch.close(workspace, order.id, DISPATCHER)
    before = outbox(workspace)
    done = followup.follow_up(
        workspace,
        order.id,
        operator(workspace),
        reached=True,
        contacted=True,
        resolved=False,
        satisfaction=Satisfaction.UNSATISFIED,
        text="仍未恢复",
    )
    assert done.value.status is Status.HANDLING and done.value.reopen_count == 1
    assert done.changes == Changes(orders=frozenset({order.id}), outbox=True)
    assert outbox(workspace) == before + 2  # the follow-up and the reopening


def test_merging_changes_both_orders(workspace: Workspace) -> None:
    first = intake.record(workspace, make_intake(), operator(workspace)).value
    again = intake.record(workspace, make_intake(), operator(workspace)).value
    done = dispatch.merge(workspace, again.id, DISPATCHER, first, "同一事项")
    assert done.changes.orders == {first.id, again.id}


def test_record_and_transfer_is_one_commit(workspace: Workspace) -> None:
    done = intake.record_and_transfer(
        workspace, make_intake(), operator(workspace), TransferTarget.POLICE_110, "涉及治安"
    )
    assert done.value.status is Status.TRANSFERRED
    assert done.changes.touches(done.value.id)
    with pytest.raises(IntakeInvalid):
        intake.record_and_transfer(
            workspace, make_intake(title=""), operator(workspace), TransferTarget.FIRE_119, "火情"
        )
    assert workspace.database.scalar("SELECT COUNT(*) FROM orders") == 1


def test_holding_an_intake_is_a_held_change(workspace: Workspace) -> None:
    held = HeldIntake("2026-11-27T10:00:00+08:00", {"phone": "13800001234"}, "gh1001")
    done = intake.keep_intakes(workspace, "", {held.id: dump_held(held)})
    assert done.changes == Changes(held=True)
    assert workspace.load_held() == [dump_held(held)]
    intake.keep_intakes(workspace, "", release=[held.id])
    assert workspace.load_held() == []


def test_revealing_a_number_is_recorded_and_waits_to_be_sent(workspace: Workspace) -> None:
    order = intake.record(workspace, make_intake(), operator(workspace)).value
    done = orders.reveal_contact(workspace, order.id, operator(workspace))
    assert done.value == "13800001234"
    assert done.changes.outbox and outbox(workspace) == 2


def test_an_operation_on_another_threads_connection_is_seen_by_the_window(
    workspace: Workspace,
) -> None:
    results: list[object] = []

    def work() -> None:
        mine = workspace.on_this_thread()
        results.append(mine.database is not workspace.database)
        results.append(mine is workspace.on_this_thread())  # one per thread, kept
        results.append(intake.record(mine, make_intake(), operator(mine)).value.id)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    separate, kept, order_id = results
    assert separate and kept
    assert workspace.events.load_order(str(order_id)) is not None


def test_what_a_pull_changed_is_one_notice() -> None:
    from app.operations import sync
    from app.sync.cycle import CycleSummary

    assert sync.pulled(CycleSummary(pushed=3, accepted=3)) == Changes()
    orders_pulled = sync.pulled(CycleSummary(pulled=2, changed_orders={"a", "b"}))
    assert orders_pulled.all_orders and orders_pulled.orders == {"a", "b"}
    assert orders_pulled.drills and not orders_pulled.kb
    assert sync.pulled(CycleSummary(articles=1)) == Changes(kb=True)


def test_resolving_a_step_no_longer_refused_is_a_key_error(workspace: Workspace) -> None:
    from app.operations import sync

    with pytest.raises(KeyError):
        sync.resolve_refused(workspace, "no-such-event", "retry")
    with pytest.raises(ValueError):
        sync.resolve_refused(workspace, "no-such-event", "shred")


def test_editing_an_article_is_a_knowledge_base_change(workspace: Workspace) -> None:
    from app.operations import kb
    from app.store.kb.articles import demo_articles_path

    kb.import_articles(workspace, demo_articles_path())
    article = next(iter(workspace.knowledge().articles()))
    done = kb.edit_article(workspace, article.id, answer=article.answer + "（新规定）")
    assert done.changes == Changes(kb=True)
    assert done.value.version == article.version + 1
    assert workspace.knowledge().get(article.id).answer.endswith("（新规定）")  # type: ignore[union-attr]
