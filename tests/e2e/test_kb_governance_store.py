"""Knowledge-base governance enforced by the central store (a real server process, SQLite
and PostgreSQL): who may propose, rule, flag and publish drill sets, what each reader
receives, and what a publication writes. Events are pushed by hand, as a tampered
workstation would send them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.models.drill_events import set_order_id
from app.models.enums import EventType
from app.models.kb_events import kb_order_id
from app.models.operations import new_id
from tests.support.server import cli
from tests.support.wire import Wire, event, now

E = EventType


def _article(article_id: str, unit: str = "cgj", **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": article_id,
        "title": "犬只免疫登记在哪里办理",
        "questions": ["养狗要去哪里办证"],
        "answer": "在中山市内饲养犬只，须到指定犬只免疫点接种狂犬病疫苗并办理登记。",
        "category": "A0301",
        "unit": unit,
        "keywords": ["养犬登记"],
    }
    data.update(changes)
    return data


def _content(article: dict[str, Any], **changes: Any) -> dict[str, Any]:
    keys = ("title", "questions", "answer", "category", "unit", "keywords")
    return {**{k: article[k] for k in keys}, **changes}


@pytest.fixture
def imported(wire: Wire, tmp_path: Path) -> Iterator[dict[str, Any]]:
    """A fresh article of 城管局 (cgj), imported with `hotline-server import-kb --by`."""
    article = _article(f"kb-gov-{new_id()[-10:]}")
    path = tmp_path / "kb.jsonl"
    path.write_text(json.dumps(article, ensure_ascii=False) + "\n", encoding="utf-8")
    r = cli(
        "import-kb", str(path), "--db", wire.server.db_url, "--by", "admin-zhang", module="server"
    )
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["by"] == "admin-zhang"
    yield article


def _proposal(user: str, article: dict[str, Any], base: int, **changes: Any) -> dict[str, Any]:
    payload = {"article": article["id"], "base_version": base, **_content(article, **changes)}
    return event(user, kb_order_id(article["id"]), "kb_proposal", payload, now())


def _ruling(
    user: str, article_id: str, proposal: str, decision: str, **more: Any
) -> dict[str, Any]:
    payload = {"article": article_id, "proposal": proposal, "decision": decision, **more}
    return event(user, kb_order_id(article_id), "kb_ruling", payload, now())


def _flag(user: str, article_id: str, note: str = "电话号码已变更") -> dict[str, Any]:
    payload = {"article": article_id, "version": 1, "note": note}
    return event(user, kb_order_id(article_id), "kb_flag", payload, now())


def _one(wire: Wire, user: str, ev: dict[str, Any]) -> dict[str, Any]:
    answer = wire.push(user, ev)
    if answer.status_code == 403 and "results" not in answer.json():
        return {"result": "rejected", "code": answer.json()["error"]["code"], "status": 403}
    [result] = answer.json()["results"]
    return dict(result)


def _articles(wire: Wire, user: str) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    since = 0
    while True:
        page = wire.pull(user, since)
        for body in page["articles"]:
            data = json.loads(body) if isinstance(body, str) else body
            found[data["id"]] = data
        since = page["next_since"]
        if not page["more"]:
            return found


def _kb_events(wire: Wire, user: str, order_id: str) -> list[dict[str, Any]]:
    return [i["event"] for i in wire.pull_all(user) if i["event"]["order_id"] == order_id]


def test_a_units_proposal_approved_is_published_with_author_and_approver(
    wire: Wire, imported: dict[str, Any]
) -> None:
    article = imported
    assert _articles(wire, "op1")[article["id"]]["author"] == "admin-zhang"
    new_answer = "犬只免疫登记改在各镇街动物防疫站办理，携带身份证和犬只照片。"
    proposal = _proposal("unit_cgj", article, 1, answer=new_answer, note="办理地点调整")
    assert _one(wire, "unit_cgj", proposal)["result"] == "accepted"
    ruling = _ruling("kbed1", article["id"], proposal["id"], "approve")
    assert _one(wire, "kbed1", ruling)["result"] == "accepted"
    published = _articles(wire, "op1")[article["id"]]
    assert published["version"] == 2
    assert published["answer"] == new_answer
    assert (published["author"], published["approved_by"]) == ("unit_cgj", "kbed1")
    assert published["published_at"]
    # every reader receives the published article, the unit of another department too
    assert _articles(wire, "unit_gaj")[article["id"]]["version"] == 2
    # a second ruling on the same proposal is refused
    again = _ruling("kbed1", article["id"], proposal["id"], "approve")
    assert _one(wire, "kbed1", again)["code"] == "already_ruled"


def test_edit_and_approve_publishes_the_editors_text(wire: Wire, imported: dict[str, Any]) -> None:
    article = imported
    proposal = _proposal("unit_cgj", article, 1, answer="新的口径，有错别字")
    assert _one(wire, "unit_cgj", proposal)["result"] == "accepted"
    edited = _content(article, answer="新的口径，已改正。")
    ruling = _ruling("kbed1", article["id"], proposal["id"], "edit", **edited)
    assert _one(wire, "kbed1", ruling)["result"] == "accepted"
    published = _articles(wire, "disp1")[article["id"]]
    assert published["answer"] == "新的口径，已改正。"
    assert published["author"] == "unit_cgj"


def test_return_needs_a_reason_and_publishes_nothing(wire: Wire, imported: dict[str, Any]) -> None:
    article = imported
    proposal = _proposal("unit_cgj", article, 1, answer="退回的口径")
    assert _one(wire, "unit_cgj", proposal)["result"] == "accepted"
    bare = _ruling("kbed1", article["id"], proposal["id"], "return")
    assert _one(wire, "kbed1", bare)["code"] == "reason_required"
    ruling = _ruling("kbed1", article["id"], proposal["id"], "return", reason="依据已废止")
    assert _one(wire, "kbed1", ruling)["result"] == "accepted"
    assert _articles(wire, "op1")[article["id"]]["version"] == 1
    # the unit receives the ruling with its reason
    got = _kb_events(wire, "unit_cgj", kb_order_id(article["id"]))
    assert [e["payload"].get("reason") for e in got if e["type"] == "kb_ruling"] == ["依据已废止"]


@pytest.mark.parametrize(
    ("user", "code"),
    [
        ("unit_gaj", "not_own_article"),  # another unit's article
        ("unit_shiqi", "not_own_article"),
        ("op1", "forbidden_role"),
        ("disp1", "forbidden_role"),
        ("trainer1", "forbidden_role"),
        ("analyst1", "forbidden_role"),  # may not push at all
        ("admin1", "forbidden_role"),
    ],
)
def test_every_other_roles_proposal_is_refused(
    wire: Wire, imported: dict[str, Any], user: str, code: str
) -> None:
    result = _one(wire, user, _proposal(user, imported, 1, answer="改一改"))
    assert (result["result"], result["code"], result["status"]) == ("rejected", code, 403)
    assert _articles(wire, "op1")[imported["id"]]["version"] == 1


def test_a_unit_may_not_propose_a_new_article_for_another_unit(wire: Wire) -> None:
    fresh = _article(f"kb-gov-new-{new_id()[-8:]}", unit="cgj")
    result = _one(wire, "unit_gaj", _proposal("unit_gaj", fresh, 0))
    assert result["code"] == "not_own_article"
    own = _article(fresh["id"], unit="gaj")
    assert _one(wire, "unit_gaj", _proposal("unit_gaj", own, 0))["result"] == "accepted"


@pytest.mark.parametrize("user", ["unit_cgj", "op1", "disp1", "trainer1", "admin1", "unit_gaj"])
def test_only_the_editor_rules(wire: Wire, imported: dict[str, Any], user: str) -> None:
    proposal = _proposal("unit_cgj", imported, 1, answer="待审核的口径")
    assert _one(wire, "unit_cgj", proposal)["result"] == "accepted"
    result = _one(wire, user, _ruling(user, imported["id"], proposal["id"], "approve"))
    assert (result["result"], result["code"]) == ("rejected", "forbidden_role")
    assert _articles(wire, "op1")[imported["id"]]["version"] == 1


def test_bad_input_is_refused_with_a_clear_message(wire: Wire, imported: dict[str, Any]) -> None:
    cases = {
        "empty answer": ({"answer": "  "}, "answer"),
        "expiry before effective": (
            {"effective": "2026-12-01", "expires": "2026-11-01"},
            "失效日期早于生效日期",
        ),
        "1 MB answer": ({"answer": "答" * 1_000_000}, "答复口径最多20000字"),
    }
    for name, (changes, said) in cases.items():
        result = _one(wire, "unit_cgj", _proposal("unit_cgj", imported, 1, **changes))
        assert (result["result"], result["code"]) == ("rejected", "invalid_field"), name
        assert said in result["message"], (name, result["message"])
    flag = _one(wire, "op1", _flag("op1", imported["id"], note=" "))
    assert flag["code"] == "invalid_field"
    assert "写明" in flag["message"]


def test_markup_in_every_field_is_kept_as_typed(wire: Wire, imported: dict[str, Any]) -> None:
    markup = '<b>粗体</b><img src=x onerror="alert(1)">&amp;'
    changes = {
        "title": markup,
        "questions": [markup],
        "answer": markup,
        "keywords": [markup],
        "legal_basis": markup,
        "note": markup,
    }
    proposal = _proposal("unit_cgj", imported, 1, **changes)
    assert _one(wire, "unit_cgj", proposal)["result"] == "accepted"
    assert (
        _one(wire, "kbed1", _ruling("kbed1", imported["id"], proposal["id"], "approve"))["result"]
        == "accepted"
    )
    published = _articles(wire, "op1")[imported["id"]]
    assert published["title"] == published["answer"] == published["legal_basis"] == markup
    assert published["questions"] == published["keywords"] == [markup]


def test_flags_reach_the_owning_unit_only_and_it_resolves_them(
    wire: Wire, imported: dict[str, Any]
) -> None:
    article_id = imported["id"]
    flag = _flag("op1", article_id)
    assert _one(wire, "op1", flag)["result"] == "accepted"
    filed = kb_order_id(article_id)
    assert [e["id"] for e in _kb_events(wire, "unit_cgj", filed)] == [flag["id"]]
    assert _kb_events(wire, "unit_gaj", filed) == []
    assert [e["id"] for e in _kb_events(wire, "kbed1", filed)] == [flag["id"]]
    assert _kb_events(wire, "analyst1", filed) == []
    for user in ("unit_cgj", "kbed1"):  # a unit's flag: forbidden; the editor does not flag
        assert _one(wire, user, _flag(user, article_id))["code"] == "forbidden_role"
    resolve = {"article": article_id, "flag": flag["id"], "note": "已更新"}
    other = event("unit_gaj", filed, "kb_flag_resolved", resolve, now())
    assert _one(wire, "unit_gaj", other)["code"] == "not_own_article"
    mine = event("unit_cgj", filed, "kb_flag_resolved", resolve, now())
    assert _one(wire, "unit_cgj", mine)["result"] == "accepted"
    twice = event("kbed1", filed, "kb_flag_resolved", resolve, now())
    assert _one(wire, "kbed1", twice)["code"] == "already_resolved"


def test_a_flag_on_an_article_that_does_not_exist_is_refused(wire: Wire) -> None:
    result = _one(wire, "op1", _flag("op1", "kb-no-such-article"))
    assert result["code"] == "unknown_article"


def test_an_event_filed_under_another_article_is_refused(
    wire: Wire, imported: dict[str, Any]
) -> None:
    ev = _proposal("unit_cgj", imported, 1)
    ev["order_id"] = kb_order_id("kb-some-other")
    assert _one(wire, "unit_cgj", ev)["code"] == "wrong_article"


def test_the_editor_reads_governance_only(wire: Wire, imported: dict[str, Any]) -> None:
    assert _one(wire, "op1", _flag("op1", imported["id"]))["result"] == "accepted"
    kinds = {i["event"]["type"] for i in wire.pull_all("kbed1")}
    assert "kb_flag" in kinds
    assert kinds <= {"kb_proposal", "kb_ruling", "kb_flag", "kb_flag_resolved"}


def _scenario(set_name: str, scenario_id: str) -> dict[str, Any]:
    return {
        "set": set_name,
        "scenario_id": scenario_id,
        "text": "我家的狗要打疫苗，去哪里登记？",
        "articles": ["kb-0001"],
        "appeal_type": "咨询",
        "category": "A0301",
        "unit": "cgj",
        "source": "",
    }


def test_only_trainers_publish_and_retire_drill_sets(wire: Wire) -> None:
    set_name = f"犬只管理{new_id()[-6:]}"
    scenario_id = f"gov-{new_id()[-10:]}"
    payload = _scenario(set_name, scenario_id)
    filed = f"drill:{scenario_id}"
    for user in ("op1", "disp1", "unit_cgj", "kbed1"):
        result = _one(wire, user, event(user, filed, "drill_publish", payload, now()))
        assert result["code"] == "forbidden_role", user
    published = event("trainer1", filed, "drill_publish", payload, now())
    assert _one(wire, "trainer1", published)["result"] == "accepted"
    bad = event("trainer1", filed, "drill_publish", {**payload, "articles": []}, now())
    assert _one(wire, "trainer1", bad)["code"] == "invalid_field"
    retire = event(
        "trainer1",
        set_order_id(set_name),
        "drill_retire",
        {"set": set_name, "scenario_id": ""},
        now(),
    )
    assert _one(wire, "trainer1", retire)["result"] == "accepted"
    for user in ("op1", "trainer1"):
        got = {i["event"]["id"] for i in wire.pull_all(user)}
        assert {published["id"], retire["id"]} <= got, user
    assert published["id"] not in {i["event"]["id"] for i in wire.pull_all("unit_cgj")}
