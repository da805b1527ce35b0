"""Every published version of an article stays in the central store (SQLite and
PostgreSQL): a workstation that joins after a revision receives the old version too, with
its author, approver and publication time, and an order keeps the version it used."""

from __future__ import annotations

from typing import Any

from app.models.kb import parse_article
from app.models.kb_events import Decision
from app.models.operations import DirectAnswer
from app.operations import kb as kb_ops
from app.sync import account
from tests.support.builders import make_intake
from tests.support.server import ServerProcess, seed_users
from tests.support.station import Station
from tests.support.users import KB_USERS

ARTICLE = {
    "id": "kb-ver-water",
    "title": "停水通知在哪里查询",
    "questions": ["什么时候恢复供水"],
    "answer": "第一版：请关注供水公司公众号的停水公告。",
    "category": "A0301",
    "unit": "cgj",
    "keywords": ["停水"],
}
SECOND = "第二版：请拨打供水服务热线查询停水和恢复供水时间。"


def _actor(station: Station) -> Any:
    user = account.current_user(station.ws.database)
    return account.actor_for(user, station.ws.device_id)


def _publish(unit: Station, editor: Station, **fields: Any) -> None:
    """The unit proposes, the editor approves: the next version is published."""
    current = unit.ws.knowledge().get(ARTICLE["id"])
    if current is None:
        kb_ops.propose(unit.ws, _actor(unit), parse_article(ARTICLE), base_version=0)
    else:
        kb_ops.edit_article(unit.ws, ARTICLE["id"], _actor(unit), **fields)
    unit.sync()
    editor.sync()
    [waiting] = editor.ws.governance().waiting()
    kb_ops.rule(editor.ws, _actor(editor), ARTICLE["id"], waiting.proposal.id, Decision.APPROVE)
    editor.sync()
    unit.sync()


def test_a_workstation_joining_later_reads_the_version_an_order_used(
    server: ServerProcess, stations: dict[str, Station]
) -> None:
    seed_users(server.db_url, KB_USERS)
    unit, editor, op = stations["unit"], stations["editor"], stations["op"]
    for station, user in [(unit, "unit_cgj"), (editor, "kbed1"), (op, "op1")]:
        station.login(server.url, user)
        station.sync()
    _publish(unit, editor)
    op.sync()
    v1 = op.ws.knowledge().get(ARTICLE["id"])
    assert v1 is not None and v1.version == 1
    answer = DirectAnswer(v1.answer, kb_article=v1.id, kb_version=v1.version)
    order = op.ws.record_intake(make_intake(), _actor(op), answer)
    op.sync()
    _publish(unit, editor, answer=SECOND)
    assert unit.ws.knowledge().get(ARTICLE["id"]).version == 2

    late = stations["late"]  # a new workstation, after both publications
    late.login(server.url, "op2")
    late.sync()
    kb = late.ws.knowledge()
    assert kb.versions(ARTICLE["id"]) == [1, 2]
    assert kb.get(ARTICLE["id"]).answer == SECOND
    old = kb.get(ARTICLE["id"], 1)
    assert old is not None and old.answer == ARTICLE["answer"]
    author, approver, published = kb.provenance(ARTICLE["id"], 1) or ("", "", "")
    assert (author, approver) == ("unit_cgj", "kbed1") and published.startswith("20")
    assert kb.provenance(ARTICLE["id"], 2)[:2] == ("unit_cgj", "kbed1")
    # the order, as the late workstation pulled it, names the version read to the caller
    pulled = late.ws.events.load_order(order.id)
    assert pulled is not None
    assert (pulled.kb_article, pulled.kb_version, pulled.answer) == (
        ARTICLE["id"],
        1,
        ARTICLE["answer"],
    )
