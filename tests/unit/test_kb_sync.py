"""Pulled knowledge-base articles stored through SyncState.apply_page (app.store.kb.sync)."""

from __future__ import annotations

from typing import Any

import pytest

from app.store.kb.articles import KnowledgeBase
from app.store.kb.sync import upsert_articles
from app.store.sync.state import PulledPage, SyncState
from app.store.workspace import Workspace


def article(
    article_id: str, answer: str = "请关注“中山公用水务”公众号的停水公告。", version: int = 1
) -> dict[str, Any]:
    # the central store's shape: every field present, "" for the empty ones
    return {
        "id": article_id,
        "title": "计划停水在哪里查询",
        "questions": ["明天停水吗"],
        "answer": answer,
        "category": "A0201",
        "unit": "gs",
        "keywords": ["停水"],
        "legal_basis": "",
        "effective": "",
        "expires": "",
        "version": version,
    }


def page(articles: list[dict[str, Any]], next_since: int) -> PulledPage:
    return PulledPage([], articles, None, None, "", next_since)


def test_pulled_articles_become_versions_with_the_cursor(workspace: Workspace) -> None:
    state = SyncState(workspace.database)
    state.apply_page(page([article("kb-t1")], 1))
    kb = KnowledgeBase(workspace.database)
    assert kb.versions("kb-t1") == [1] and state.cursor() == 1
    state.apply_page(page([article("kb-t1", "新的答复口径", version=2)], 2))
    assert kb.versions("kb-t1") == [1, 2]
    assert [h.id for h in kb.search("停水")] == ["kb-t1"]
    state.apply_page(page([article("kb-t1", "新的答复口径", version=2)], 3))  # unchanged
    assert kb.versions("kb-t1") == [1, 2]


def test_a_failed_page_leaves_neither_articles_nor_cursor(workspace: Workspace) -> None:
    state = SyncState(workspace.database)

    def boom() -> None:
        raise RuntimeError("killed")

    with pytest.raises(RuntimeError):
        state.apply_page(page([article("kb-t2")], 5), before_commit=boom)
    assert state.cursor() == 0
    assert workspace.database.scalar("SELECT COUNT(*) FROM kb_articles") == 0


def test_an_article_the_client_refuses_is_counted_not_blocking(workspace: Workspace) -> None:
    state = SyncState(workspace.database)
    state.apply_page(page([article("bad id!"), article("kb-t3")], 7))
    assert state.cursor() == 7
    assert KnowledgeBase(workspace.database).versions("kb-t3") == [1]
    assert workspace.database.meta("sync:articles_invalid") == "1"
    assert "bad id!" in (workspace.database.meta("sync:articles_last_error") or "")


def test_upsert_needs_the_pages_transaction(workspace: Workspace) -> None:
    with pytest.raises(RuntimeError):
        upsert_articles(workspace.database, [article("kb-t4")])
