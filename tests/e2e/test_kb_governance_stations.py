"""Knowledge-base governance with several real workstations and a real server (SQLite and
PostgreSQL): a unit proposes offline and syncs, the editor approves, an operator's next
search finds the new answer and the order records the version it used; a proposal made
against a version revised meanwhile reaches the editor marked stale with both versions; a
flag goes to the owning unit only; edits and imports of roles that may not propose are
refused on the workstation with a clear message."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.models.drills import Scenario
from app.models.enums import AppealType
from app.models.kb_events import Decision
from app.models.operations import DirectAnswer
from app.models.rules import RuleViolation
from app.operations import drills as drill_ops
from app.operations import kb as kb_ops
from app.sync import account
from tests.support.builders import make_intake
from tests.support.server import ServerProcess, cli, seed_users
from tests.support.station import Station
from tests.support.users import KB_USERS

ARTICLE = {
    "id": "kb-gov-dog",
    "title": "犬只免疫登记在哪里办理",
    "questions": ["养狗要去哪里办证"],
    "answer": "须到指定犬只免疫点接种狂犬病疫苗并办理登记。",
    "category": "A0301",
    "unit": "cgj",
    "keywords": ["养犬登记"],
}
SOON = {**ARTICLE, "id": "kb-gov-soon", "title": "临时停车收费标准", "expires": "2026-12-10"}


def _import(server: ServerProcess, path: Path, *articles: dict[str, Any]) -> None:
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), "utf-8")
    r = cli("import-kb", str(path), "--db", server.db_url, module="server")
    assert r.returncode == 0, r.stderr


def _actor(station: Station) -> Any:
    user = account.current_user(station.ws.database)
    return account.actor_for(user, station.ws.device_id)


@pytest.fixture
def desks(
    server: ServerProcess, stations: dict[str, Station], tmp_path: Path
) -> dict[str, Station]:
    seed_users(server.db_url, KB_USERS)
    _import(server, tmp_path / "kb.jsonl", ARTICLE, SOON)
    for name, user in [
        ("unit", "unit_cgj"),
        ("unit2", "unit_cgj"),
        ("other", "unit_gaj"),
        ("editor", "kbed1"),
        ("op", "op1"),
    ]:
        stations[name].login(server.url, user)
        stations[name].sync()
    return stations


def test_proposal_offline_approved_reaches_the_operator_and_the_order(
    desks: dict[str, Station],
) -> None:
    unit, unit2, editor, op = desks["unit"], desks["unit2"], desks["editor"], desks["op"]
    # offline: a proposal from version 1 waits in the outbox
    kb_ops.edit_article(unit.ws, "kb-gov-dog", _actor(unit), answer="改到各镇街防疫站办理登记。")
    assert unit.ws.knowledge().get("kb-gov-dog").version == 1  # nothing changed locally
    # meanwhile another revision is proposed, approved and published as version 2
    kb_ops.edit_article(unit2.ws, "kb-gov-dog", _actor(unit2), answer="第二版口径。")
    unit2.sync()
    editor.sync()
    [first] = editor.ws.governance().waiting()
    assert not first.stale
    kb_ops.rule(editor.ws, _actor(editor), "kb-gov-dog", first.proposal.id, Decision.APPROVE)
    editor.sync()
    # the offline proposal arrives, stale, with both versions on the editor's desk
    unit.sync()
    editor.sync()
    [late] = editor.ws.governance().waiting()
    assert late.stale and late.proposal.base_version == 1
    assert late.base is not None and late.base.answer == ARTICLE["answer"]
    assert late.current is not None and late.current.answer == "第二版口径。"
    kb_ops.rule(editor.ws, _actor(editor), "kb-gov-dog", late.proposal.id, Decision.APPROVE)
    editor.sync()
    op.sync()
    kb = op.ws.knowledge()
    [hit, *_] = kb.search("防疫站", limit=3)
    assert (hit.id, hit.version) == ("kb-gov-dog", 3)
    assert kb.provenance("kb-gov-dog", 3)[:2] == ("unit_cgj", "kbed1")
    assert kb.get("kb-gov-dog", 1).answer == ARTICLE["answer"]  # the old version stays
    answer = DirectAnswer(kb.get("kb-gov-dog").answer, kb_article=hit.id, kb_version=hit.version)
    order = op.ws.record_intake(make_intake(), _actor(op), answer)
    [direct] = [e for e in op.ws.timeline(order.id) if e.payload.get("kb_article")]
    assert direct.payload["kb_version"] == 3
    # the unit sees its proposals ruled, nothing waiting
    unit.sync()
    assert unit.ws.governance().waiting("cgj") == []


def test_flags_reach_the_owning_unit_and_the_editor_only(desks: dict[str, Station]) -> None:
    unit, other, editor, op = desks["unit"], desks["other"], desks["editor"], desks["op"]
    kb_ops.flag(op.ws, _actor(op), "kb-gov-dog", 1, "免疫点已搬迁")
    assert op.ws.governance().flagged() == {"kb-gov-dog"}  # pending on the operator's desk
    op.sync()
    for desk in (unit, other, editor):
        desk.sync()
    assert [f.note for f in unit.ws.governance().open_flags("cgj")] == ["免疫点已搬迁"]
    assert [f.note for f in editor.ws.governance().open_flags()] == ["免疫点已搬迁"]
    assert other.ws.governance().open_flags() == []
    [flag] = unit.ws.governance().open_flags("cgj")
    kb_ops.resolve_flag(unit.ws, _actor(unit), "kb-gov-dog", flag.id, "已提交修订")
    unit.sync()
    op.sync()
    assert op.ws.governance().flagged() == set()


def test_expiring_articles_are_in_the_owning_units_queue(desks: dict[str, Station]) -> None:
    unit, other = desks["unit"], desks["other"]
    today = unit.ws.clock().date()
    assert [a.id for a in unit.ws.governance().expiring(today, 30, "cgj")] == ["kb-gov-soon"]
    assert other.ws.governance().expiring(today, 30, "gaj") == []


def test_edits_of_roles_that_may_not_propose_are_refused_here(desks: dict[str, Station]) -> None:
    other, op = desks["other"], desks["op"]
    with pytest.raises(RuleViolation) as not_own:
        kb_ops.edit_article(other.ws, "kb-gov-dog", _actor(other), answer="别的单位改")
    assert not_own.value.code == "not_own_article"
    with pytest.raises(RuleViolation) as operator:
        kb_ops.edit_article(op.ws, "kb-gov-dog", _actor(op), answer="话务员改")
    assert "只能通过中心库修改" in operator.value.message
    assert op.ws.knowledge().get("kb-gov-dog").version == 1
    assert other.ws.pending_count() == op.ws.pending_count() == 0


def test_kb_import_on_a_governed_workspace(desks: dict[str, Station], tmp_path: Path) -> None:
    path = tmp_path / "new.jsonl"
    changed = {**ARTICLE, "answer": "批量修订的口径。"}
    path.write_text(json.dumps(changed, ensure_ascii=False) + "\n", "utf-8")
    for name in ("op", "unit"):
        desks[name].ws.close()
    r = cli("--home", str(desks["op"].ws.database.path.parent), "kb", "import", str(path))
    assert r.returncode == 1 and "只能通过中心库修改" in r.stderr, r.stderr
    r = cli("--home", str(desks["unit"].ws.database.path.parent), "kb", "import", str(path))
    assert r.returncode == 0, r.stderr
    assert "proposed 1" in r.stdout


def test_a_workspace_that_never_synced_imports_locally(tmp_path: Path) -> None:
    path = tmp_path / "kb.jsonl"
    path.write_text(json.dumps(ARTICLE, ensure_ascii=False) + "\n", "utf-8")
    r = cli("--home", str(tmp_path / "standalone"), "kb", "import", str(path))
    assert r.returncode == 0, r.stderr
    assert "created 1" in r.stdout


def test_a_drill_set_published_by_a_trainer_reaches_an_operators_drills(
    desks: dict[str, Station], server: ServerProcess
) -> None:
    trainer, op, unit = desks["trainer"], desks["op"], desks["unit"]
    trainer.login(server.url, "trainer1")
    scenarios = [
        Scenario(
            f"gov-s{n}",
            f"我家的狗要打疫苗{n}",
            ("kb-gov-dog",),
            AppealType.ENQUIRY,
            "A0301",
            "cgj",
            "犬只管理",
        )
        for n in range(3)
    ]
    drill_ops.save_scenarios(trainer.ws, scenarios)
    with pytest.raises(RuleViolation):  # only trainers publish
        drill_ops.publish_set(op.ws, _actor(op), "犬只管理")
    assert drill_ops.publish_set(trainer.ws, _actor(trainer), "犬只管理").value == 3
    trainer.sync()
    op.sync()
    unit.sync()
    drills = drill_ops.store(op.ws)
    assert ("犬只管理", 3) in drills.sets()
    assert [s.id for s in drills.scenarios("犬只管理")] == ["gov-s0", "gov-s1", "gov-s2"]
    assert drill_ops.store(unit.ws).sets() == []  # units do not drill
    drill_ops.retire(trainer.ws, _actor(trainer), "犬只管理", "gov-s1")
    trainer.sync()
    op.sync()
    assert [s.id for s in drills.scenarios("犬只管理")] == ["gov-s0", "gov-s2"]
    drill_ops.retire(trainer.ws, _actor(trainer), "犬只管理")
    trainer.sync()
    op.sync()
    assert drills.sets() == []
