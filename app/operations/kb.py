"""The knowledge base's maintainers' actions: edit an article (a new version), import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.models.kb import Article, ImportReport
from app.operations.changes import Changes, Done
from app.store.workspace import Workspace

KB = Changes(kb=True)


def edit_article(ws: Workspace, article_id: str, **fields: Any) -> Done[Article]:
    """A new version of the article, the old one kept; raises ArticleInvalid naming the
    field, KeyError for no such article."""
    return Done(ws.knowledge().edit(article_id, **fields), KB)


def import_articles(ws: Workspace, path: Path) -> Done[ImportReport]:
    """Articles from a JSON Lines file: new ones, new versions of changed ones; the lines
    that are not articles are reported, not imported."""
    return Done(ws.knowledge().import_jsonl(path), KB)
