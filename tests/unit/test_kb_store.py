"""Storing articles: versions, import/export, usage evidence, synonyms (app.store.kb.articles)."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from app.models.clock import CHINA
from app.models.kb import parse_article
from app.store.db import Database
from app.store.kb.articles import KnowledgeBase, seed_demo
from app.store.workspace import Workspace
from tests.support.builders import article


@pytest.fixture
def kb(workspace: Workspace) -> KnowledgeBase:
    return KnowledgeBase(workspace.database, clock=workspace.clock)


def test_migration_creates_the_tables(workspace: Workspace) -> None:
    names = {r[0] for r in workspace.database.query("SELECT name FROM sqlite_master")}
    assert {"kb_articles", "kb_current", "kb_fts", "kb_synonyms", "kb_usage"} <= names
    assert workspace.database.version >= 2


def test_edit_makes_a_new_version_and_keeps_the_old(kb: KnowledgeBase) -> None:
    first = kb.save(article(1))
    assert first.version == 1
    second = kb.edit("t-001", answer="新的答复口径：请拨打12345。")
    assert second.version == 2
    assert kb.versions("t-001") == [1, 2]
    assert kb.get("t-001") == second
    old = kb.get("t-001", version=1)
    assert old is not None and old.answer == "答复口径1。"
    assert kb.get("t-001", version=3) is None
    assert kb.get("nope") is None
    # the index follows the current version only
    assert [h.id for h in kb.search("12345")] == ["t-001"]


def test_reimport_same_content_is_a_no_op_and_changed_content_a_new_version(
    kb: KnowledgeBase,
) -> None:
    report = kb.import_articles([article(1), article(2)])
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    report = kb.import_articles([article(1), article(2, title="改过的标题")])
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    assert kb.versions("t-001") == [1]
    assert kb.versions("t-002") == [1, 2]
    assert [h.id for h in kb.search("改过的标题")][:1] == ["t-002"]


def test_a_version_from_the_central_store_is_kept_when_it_moves_forward(
    kb: KnowledgeBase,
) -> None:
    kb.save(article(1, version=5))
    assert kb.versions("t-001") == [5]
    kb.save(article(1, title="又改了", version=3))  # behind: numbered locally
    assert kb.versions("t-001") == [5, 6]


def test_import_keeps_good_lines_and_names_bad_ones(kb: KnowledgeBase, tmp_path: Path) -> None:
    kb.save(article(9))
    good = json.dumps(
        {
            "id": "t-100",
            "title": "停水",
            "questions": [],
            "answer": "答",
            "category": "",
            "unit": "",
            "keywords": [],
        },
        ensure_ascii=False,
    )
    path = tmp_path / "in.jsonl"
    path.write_text(good + "\n{broken\n", encoding="utf-8")
    report = kb.import_jsonl(path)
    assert report.created == 1
    assert [e.line for e in report.errors] == [2]
    assert kb.get("t-009") is not None  # nothing already there is lost
    assert kb.count() == 2


def test_export_and_import_round_trip(kb: KnowledgeBase, tmp_path: Path) -> None:
    kb.import_articles([article(1), article(2, expires=date(2030, 1, 1), legal_basis="《条例》")])
    kb.edit("t-001", title="第二版")
    out = tmp_path / "out.jsonl"
    assert kb.export_jsonl(out) == 2
    lines = out.read_text(encoding="utf-8").splitlines()
    exported = [parse_article(json.loads(line)) for line in lines]
    assert [a.version for a in exported] == [2, 1]

    other = KnowledgeBase(Database(tmp_path / "other.sqlite3"))
    report = other.import_jsonl(out)
    assert report.created == 2 and report.ok
    for a in exported:
        copy = other.get(a.id)
        assert copy is not None
        assert copy.with_changes(updated_at="") == a.with_changes(updated_at="")
    # and importing the export into the original changes nothing
    again = kb.import_jsonl(out)
    assert (again.unchanged, again.created, again.updated) == (2, 0, 0)
    other.database.close()


def test_usage_evidence_makes_the_callers_words_find_the_article(
    kb: KnowledgeBase,
) -> None:
    kb.import_articles([article(1, title="流浪犬扰民处置"), article(2, title="养犬登记")])
    assert not any(h.id == "t-001" for h in kb.search("大黄蜂咬人"))
    assert kb.record_usage("t-001", "村口有条大黄蜂咬人")
    hits = kb.search("大黄蜂咬人")
    assert hits and hits[0].id == "t-001"
    assert not kb.record_usage("no-such", "x")
    assert not kb.record_usage("t-001", "   ")
    rows = kb.database.query("SELECT article_id, version, text FROM kb_usage")
    assert [tuple(r) for r in rows] == [("t-001", 1, "村口有条大黄蜂咬人")]
    # evidence survives a new version of the article
    kb.edit("t-001", answer="新口径")
    assert kb.search("大黄蜂咬人")[0].id == "t-001"


def test_synonyms_are_seeded_and_editable(kb: KnowledgeBase) -> None:
    lexicon = kb.synonyms()
    assert "流浪犬" in lexicon["野狗"]
    pairs = sum(len(v) for v in lexicon.values())
    assert pairs >= 60
    kb.save(article(1, title="共享单车乱停放"))
    assert [h.stage for h in kb.search("小黄车")] == [3]  # only the character 车
    assert kb.set_synonyms([("小黄车", "共享单车")]) == 1
    hit = kb.search("小黄车")[0]
    assert (hit.id, hit.stage) == ("t-001", 1)
    assert kb.remove_synonym("小黄车", "共享单车")
    assert [h.stage for h in kb.search("小黄车")] == [3]
    with pytest.raises(ValueError):
        kb.set_synonyms([("同", "同")])


def test_another_connection_sees_edits(kb: KnowledgeBase, workspace: Workspace) -> None:
    worker = KnowledgeBase(Database(workspace.database.path), clock=workspace.clock)
    assert worker.search("测试文章") == []
    kb.save(article(1))
    kb.set_synonyms([("考试贴", "测试文章")])
    assert worker.search("考试贴")[0].id == "t-001"
    worker.database.close()


def test_seed_demo_imports_the_demo_knowledge_base(workspace: Workspace) -> None:
    report = seed_demo(workspace.database)
    assert report.ok and report.created >= 200
    again = seed_demo(workspace.database)
    assert again.unchanged == report.created


def test_reindex_rebuilds_the_same_results(kb: KnowledgeBase) -> None:
    kb.import_articles([article(n) for n in range(1, 6)])
    kb.record_usage("t-003", "电梯困人")
    before = [h.id for h in kb.search("电梯困人")]
    assert kb.reindex() == 5
    assert [h.id for h in kb.search("电梯困人")] == before == ["t-003"]


def test_clock_is_used_for_updated_at(workspace: Workspace) -> None:
    kb = KnowledgeBase(workspace.database, clock=lambda: datetime(2026, 3, 1, 9, tzinfo=CHINA))
    stored = kb.save(article(1))
    assert stored.updated_at.startswith("2026-03-01T09:00")
