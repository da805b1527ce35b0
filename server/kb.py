"""Knowledge-base articles: a versioned table fed from JSON Lines, distributed through pull."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update

from app.models.clock import CHINA
from app.models.kb import PROVENANCE, ArticleInvalid
from app.models.kb import parse_article as client_parse
from app.models.kb_events import CONTENT
from server.schema import FEED, Database, article_versions, articles, counters
from server.wire import canonical

FIELDS = ("id", *CONTENT)
_LISTS = ("questions", "keywords")


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


def parse_article(line: str) -> dict[str, Any]:
    data = json.loads(line)
    if not isinstance(data, dict):
        raise ValueError("each line must be a JSON object")
    unknown = set(data) - set(FIELDS) - {"version"}
    if unknown:
        raise ValueError(f"unknown fields: {', '.join(sorted(unknown))}")
    for key in ("id", "title", "answer"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise ValueError(f"{key} is required and must be text")
    article: dict[str, Any] = {}
    for key in FIELDS:
        value = data.get(key)
        if key in _LISTS:
            value = value or []
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError(f"{key} must be a list of texts")
        else:
            value = "" if value is None else value
            if not isinstance(value, str):
                raise ValueError(f"{key} must be text")
        article[key] = value
    # What a workstation's knowledge base would refuse (app.models.kb: id characters,
    # lengths, dates) is refused here, so every article in the feed can be stored by every
    # client that pulls it.
    try:
        client_parse(article)
    except ArticleInvalid as exc:
        raise ValueError(str(exc)) from None
    return article


def import_lines(db: Database, lines: Iterable[str], by: str = "") -> ImportReport:
    """Add new articles and new versions of changed ones; every change gets a feed position.
    Each new version records `by` as its author and the store's time as its publication
    (app.models.kb.PROVENANCE)."""
    report = ImportReport()
    parsed: dict[str, dict[str, Any]] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            article = parse_article(line)
        except ValueError as exc:  # json.JSONDecodeError is a ValueError
            report.errors.append(f"line {number}: {exc}")
            continue
        parsed[article["id"]] = article
    with db.write() as conn:
        current = {
            r.id: (r.version, r.body)
            for r in conn.execute(select(articles.c.id, articles.c.version, articles.c.body))
        }
        seq = int(conn.execute(select(counters.c.value).where(counters.c.name == FEED)).one()[0])
        now = datetime.now(UTC).astimezone(CHINA).replace(microsecond=0).isoformat()
        stamp = {"author": by, "published_at": now} if by else {}
        new_rows: list[dict[str, Any]] = []
        changed: list[dict[str, Any]] = []
        for article_id, article in parsed.items():
            old = current.get(article_id)
            if old is not None:
                old_content = json.loads(old[1])
                for key in ("version", "updated_at", *PROVENANCE):
                    old_content.pop(key, None)
                if canonical(old_content) == canonical(article):
                    report.unchanged += 1
                    continue
            version = old[0] + 1 if old else 1
            seq += 1
            row = {
                "id": article_id,
                "version": version,
                "seq": seq,
                "body": canonical({**article, "version": version, **stamp}),
            }
            (changed if old else new_rows).append(row)
        if new_rows:
            conn.execute(insert(articles), new_rows)
        for row in changed:
            conn.execute(
                update(articles)
                .where(articles.c.id == row["id"])
                .values(version=row["version"], seq=row["seq"], body=row["body"])
            )
        if new_rows or changed:
            conn.execute(insert(article_versions), [*new_rows, *changed])
        conn.execute(update(counters).where(counters.c.name == FEED).values(value=seq))
    report.added, report.updated = len(new_rows), len(changed)
    return report
