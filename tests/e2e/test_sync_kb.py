"""Knowledge-base articles through sync: `hotline-server import-kb` on the central store, a
workstation's sync stores them as versions in its knowledge base (in the page's
transaction, with the cursor), and `hotline-desk kb search` on the workstation finds them."""

from __future__ import annotations

import getpass
import json
from pathlib import Path
from typing import Any

import pytest

from app.store.kb.articles import KnowledgeBase
from app.sync import account
from app.sync.cycle import run_cycle
from tests.support.server import ServerProcess, cli, server_rows
from tests.support.station import FAST, Station

DOG = {
    "id": "kb-sync-dog",
    "title": "犬只免疫登记在哪里办理",
    "questions": ["养狗要去哪里办证", "狗狗打疫苗登记去哪里"],
    "answer": "在中山市内饲养犬只，须到指定犬只免疫点接种狂犬病疫苗并办理登记。",
    "category": "A0301",
    "unit": "cgj",
    "keywords": ["养犬登记", "狂犬疫苗"],
}
LAMP = {
    "id": "kb-sync-lamp",
    "title": "路灯不亮向谁报修",
    "questions": ["我们路口的路灯坏了好几天"],
    "answer": "市政道路路灯由城市管理部门维护，热线记录地点后派单处理。",
    "category": "A0301",
    "unit": "cgj",
    "keywords": ["路灯"],
}


def _import(server: ServerProcess, path: Path, articles: list[dict[str, Any]]) -> dict[str, int]:
    path.write_text(
        "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8"
    )
    r = cli("import-kb", str(path), "--db", server.db_url, module="server")
    assert r.returncode == 0, r.stderr
    return dict(json.loads(r.stdout))


def _search(home: Path, query: str) -> list[dict[str, Any]]:
    r = cli("kb", "search", query, "--json", env={"HOTLINE_DESK_HOME": str(home)})
    assert r.returncode == 0, r.stderr
    return list(json.loads(r.stdout))


def test_imported_articles_reach_the_workstation_and_its_search(
    server: ServerProcess, stations: dict[str, Station], tmp_path: Path
) -> None:
    assert _import(server, tmp_path / "kb.jsonl", [DOG, LAMP])["added"] == 2
    a = stations["a"]
    a.login(server.url, "op1")
    summary = a.sync()
    assert summary.articles == 2
    kb = KnowledgeBase(a.ws.database)
    assert kb.versions("kb-sync-dog") == [1] and kb.count() == 2
    assert a.ws.database.meta("sync:articles_seen") is None  # stored, not merely counted
    hits = _search(a.ws.home, "养狗办证")
    assert hits and hits[0]["id"] == "kb-sync-dog"
    assert _search(a.ws.home, "ldbl")[0]["id"] == "kb-sync-lamp"  # initials of 路灯不亮

    # a changed article comes as a new version; the old one stays readable
    changed = {**DOG, "answer": "犬只免疫登记可在“中山+”预约，到就近免疫点办理。"}
    assert _import(server, tmp_path / "kb2.jsonl", [changed, LAMP]) == {
        "added": 0,
        "updated": 1,
        "unchanged": 1,
        "errors": 0,
        "by": f"import:{getpass.getuser()}",  # who imported: the new version's author
    }
    assert a.sync().articles == 1
    assert kb.versions("kb-sync-dog") == [1, 2]
    current = kb.get("kb-sync-dog")
    assert current is not None and current.version == 2 and "中山+" in current.answer
    old = kb.get("kb-sync-dog", version=1)
    assert old is not None and old.answer == DOG["answer"]
    hits = _search(a.ws.home, "中山+ 预约 犬只")
    assert hits[0]["id"] == "kb-sync-dog" and hits[0]["version"] == 2
    assert a.sync().articles == 0  # nothing pulled twice


def test_articles_are_applied_with_the_cursor_or_not_at_all(
    server: ServerProcess, stations: dict[str, Station], tmp_path: Path
) -> None:
    _import(server, tmp_path / "kb.jsonl", [DOG, LAMP])
    b = stations["b"]
    b.login(server.url, "trainer1")  # a trainer pulls articles (and drills) only

    class Crash(Exception):
        pass

    def crash() -> None:
        raise Crash

    _session, store = account.open_store(b.ws.database, retry=FAST)
    try:
        with pytest.raises(Crash):
            run_cycle(b.state, store, b.ws.device_id, before_commit=crash)
    finally:
        store.close()
    assert b.state.cursor() == 0
    assert b.ws.database.scalar("SELECT COUNT(*) FROM kb_articles") == 0
    summary = b.sync()
    assert summary.articles == 2 and summary.pulled == 0
    top = server_rows(server.db_url, "SELECT MAX(seq) FROM articles")[0][0]
    assert b.state.cursor() == top
    assert KnowledgeBase(b.ws.database).count() == 2


def test_import_kb_refuses_what_a_workstation_would(server: ServerProcess, tmp_path: Path) -> None:
    """An id the workstations' knowledge base refuses is refused by the central store too, so
    no article in the feed is one a client cannot store."""
    path = tmp_path / "bad.jsonl"
    path.write_text(
        json.dumps({**LAMP, "id": "路灯 1"}, ensure_ascii=False)
        + "\n"
        + json.dumps(DOG, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    r = cli("import-kb", str(path), "--db", server.db_url, module="server")
    assert r.returncode == 1
    assert "line 1" in r.stderr
    assert json.loads(r.stdout)["added"] == 1
    assert {row[0] for row in server_rows(server.db_url, "SELECT id FROM articles")} == {
        "kb-sync-dog"
    }
